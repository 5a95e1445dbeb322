"""`onapage bench` builds the month with each renderer in a process of its own and measures the result."""

from __future__ import annotations

import pytest

from onapage.booklet.measure import TARGETS, RendererTiming, measure, to_markdown


def test_a_renderer_over_a_target_is_named_and_a_skipped_one_says_why():
    slow = RendererTiming("quarto", seconds=31.0, peak_rss_mb=1100.0, output_mb=2.0, files=1, external_requests=0,
                          axe_serious=0)
    assert slow.misses == ["seconds", "peak_rss_mb"]
    fine = RendererTiming("builtin", seconds=3.0, peak_rss_mb=250.0, output_mb=1.5, files=1, external_requests=0,
                          axe_serious=0)
    assert fine.misses == []
    skipped = RendererTiming("quarto", skipped="`quarto` is not on PATH")
    assert skipped.misses == []
    text = to_markdown([fine, skipped])
    assert "| builtin | 3.0 | 250.0 | 1.5 | 1 | – | 0 | 0 | none |" in text
    assert "| quarto | skipped: `quarto` is not on PATH" in text
    assert f"at most {TARGETS['seconds']:.0f} s" in text


def test_the_builtin_renderer_is_measured_from_a_process_of_its_own(demo_month, tmp_path):
    from booklet_support import browser_problem

    timing = measure("builtin", demo_month.params_file, demo_month.period, "monthly_booklet", tmp_path / "builtin")
    assert timing.skipped is None, timing.skipped
    html = tmp_path / "builtin" / "booklet.html"
    assert html.exists() and not (tmp_path / "builtin" / "booklet.pdf").exists()
    assert timing.output_mb == pytest.approx(html.stat().st_size / 1e6, abs=0.01)
    assert timing.seconds > 0 and timing.peak_rss_mb > 50  # a Python process that imported pandas
    # the month's own booklet folder is not touched
    assert not (demo_month.settings.output_dir / "2026-10" / "builtin").exists()
    if browser_problem() is None:
        assert timing.external_requests == 0 and timing.load_ms is not None
