"""Publishing the demo month's booklet: versioned layout, manifest, index, refusals, atomic swap."""

import hashlib
import json
import os
import re
import shutil
from datetime import datetime

import nbformat
import pytest

from onapage import publish as pub
from onapage.periods import Period
from onapage.publish import PublishError


@pytest.fixture()
def source(built, demo_month, tmp_path):
    """A copy of the built month (booklet, record, notebooks, commentary), so a test may change it."""
    if built.pdf is None:
        pytest.skip("publishing needs the PDF, and there is no browser here to print it")
    src = tmp_path / "built" / "2026-10"
    folder = demo_month.settings.output_dir / "2026-10"
    src.mkdir(parents=True)
    for name in ("booklet.html", "booklet.pdf", "booklet.json"):
        shutil.copy2(folder / name, src / name)
    shutil.copytree(folder / "notebooks", src / "notebooks")
    shutil.copytree(folder / "commentary", src / "commentary")
    return src


def publish(*args, **kw):
    """Publishing as the tests mostly want it: the demo's commentary is never signed off."""
    return pub.publish(*args, **({"allow_unsigned": True} | kw))


def as_period(src, period: str):
    """The same built booklet recorded as another month (to publish several)."""
    other = src.parent / period
    shutil.copytree(src, other)
    record = json.loads((other / "booklet.json").read_text())
    record["period"] = period
    (other / "booklet.json").write_text(json.dumps(record))
    return other


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_versioned_layout_with_manifest(demo_month, source, tmp_path):
    to = tmp_path / "intranet"
    done = publish(demo_month.settings, "2026-10", to, source_dir=source)
    assert done.folder == to / "2026-10" and not done.replaced
    assert sorted(p.name for p in done.folder.iterdir()) == ["booklet.html", "booklet.pdf", "manifest.json"]
    assert sha(done.folder / "booklet.html") == sha(source / "booklet.html")
    assert sha(done.folder / "booklet.pdf") == sha(source / "booklet.pdf")
    assert sorted(p.name for p in to.iterdir()) == ["2026-10", "index.html"]  # no staging left behind

    m = json.loads((done.folder / "manifest.json").read_text())
    assert m["period"] == "2026-10" and m["synthetic"] is True
    assert m["authority"]["name"] == demo_month.settings.authority.name
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", m["onapage_version"])
    assert m["published_by"] and datetime.fromisoformat(m["published_at"]).utcoffset().total_seconds() == 0
    assert m["files"]["booklet.html"]["sha256"] == sha(done.folder / "booklet.html")
    inputs = {i["dataset"]: i for i in m["inputs"]}
    assert inputs["list_1"]["source_file"] == "list_1.csv"
    assert inputs["list_1"]["sha256"] == sha(demo_month.inputs / "list_1.csv")
    assert len(inputs) >= 20
    assert set(m["commentary"]) == set(demo_month.sections)
    assert set(m["commentary"].values()) == {"draft"}  # the demo's commentary is all placeholders


def test_index_lists_every_period_newest_first_accessibly(demo_month, source, tmp_path):
    to = tmp_path / "intranet"
    for period in ("2026-08", "2026-10", "2026-09"):
        src = source if period == "2026-10" else as_period(source, period)
        publish(demo_month.settings, period, to, source_dir=src)
    index = (to / "index.html").read_text()
    months = re.findall(r'<th scope="row">(\w+ \d{4})', index)
    assert months == ["October 2026", "September 2026", "August 2026"]
    for period in ("2026-08", "2026-09", "2026-10"):
        assert f'href="{period}/booklet.html"' in index and f'href="{period}/booklet.pdf"' in index
    assert '<html lang="en-GB">' in index and "<caption>" in index and "<h1>" in index
    assert "Synthetic data" in index
    assert not re.search(r"(src|href)=\"https?://", index)


def test_refuses_to_overwrite_a_published_period_unless_told_to_replace(demo_month, source, tmp_path):
    to = tmp_path / "intranet"
    publish(demo_month.settings, "2026-10", to, source_dir=source)
    first = json.loads((to / "2026-10" / "manifest.json").read_text())
    with pytest.raises(PublishError, match="2026-10 is already published .* --replace"):
        publish(demo_month.settings, "2026-10", to, source_dir=source)
    done = publish(demo_month.settings, "2026-10", to, source_dir=source, replace=True)
    assert done.replaced
    assert json.loads((to / "2026-10" / "manifest.json").read_text())["published_at"] >= first["published_at"]
    assert sorted(p.name for p in to.iterdir()) == ["2026-10", "index.html"]


@pytest.mark.parametrize("fail_at", ["copy", "index", "swap"])
def test_a_failure_at_any_point_leaves_the_published_booklet_untouched(demo_month, source, tmp_path, monkeypatch,
                                                                       fail_at):
    to = tmp_path / "intranet"
    publish(demo_month.settings, "2026-10", to, source_dir=source)
    publish(demo_month.settings, "2026-09", to, source_dir=as_period(source, "2026-09"))
    before = {p.relative_to(to): p.read_bytes() for p in to.rglob("*") if p.is_file()}

    if fail_at == "copy":
        real = shutil.copy2
        calls = []

        def copy2(a, b, **kw):
            calls.append(a)
            if len(calls) == 2:
                raise OSError("disk full")
            return real(a, b, **kw)

        monkeypatch.setattr(pub.shutil, "copy2", copy2)
    elif fail_at == "index":
        def replace(a, b):
            raise OSError("permission denied on index.html")

        monkeypatch.setattr(pub.os, "replace", replace)
    else:
        real_rename = os.rename
        renames = []

        def rename(a, b):
            renames.append((a, b))
            if len(renames) == 2:  # old period moved aside, then the new one fails to move in
                raise OSError("interrupted")
            return real_rename(a, b)

        monkeypatch.setattr(pub.os, "rename", rename)

    with pytest.raises(OSError):
        publish(demo_month.settings, "2026-10", to, source_dir=source, replace=True)
    after = {p.relative_to(to): p.read_bytes() for p in to.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in to.iterdir() if p.name.startswith(".")]


def test_refuses_a_booklet_older_than_its_notebooks(demo_month, source, tmp_path):
    nb = source / "notebooks" / "child_protection.ipynb"
    nb.write_text(nb.read_text().replace("_Analyst: commentary on the child protection page for the month._",
                                         "Plans rose after two large sibling groups."))
    with pytest.raises(PublishError, match="child_protection changed after the booklet was built"):
        publish(demo_month.settings, "2026-10", tmp_path / "intranet", source_dir=source)
    assert not (tmp_path / "intranet" / "2026-10").exists()


def test_refuses_a_missing_or_changed_booklet(demo_month, source, tmp_path):
    (source / "booklet.html").write_text((source / "booklet.html").read_text() + "<!-- edited -->")
    with pytest.raises(PublishError, match="changed since the build"):
        publish(demo_month.settings, "2026-10", tmp_path / "a", source_dir=source)
    with pytest.raises(PublishError, match="no built booklet for 2026-11"):
        publish(demo_month.settings, Period(2026, 11), tmp_path / "a", source_dir=tmp_path / "nothing")
    with pytest.raises(PublishError, match="for 2026-10, not 2026-09"):
        publish(demo_month.settings, "2026-09", tmp_path / "a", source_dir=source)


def test_unsigned_commentary_refused_unless_allowed_and_recorded(demo_month, source, tmp_path):
    to = tmp_path / "intranet"
    with pytest.raises(PublishError, match="not signed off for cover, scorecard, .*--allow-unsigned"):
        pub.publish(demo_month.settings, "2026-10", to, source_dir=source)
    assert not to.exists() or not (to / "2026-10").exists()
    publish(demo_month.settings, "2026-10", to, source_dir=source)  # allowed
    with pytest.raises(PublishError, match="already published"):  # allowing unsigned is not replacing
        publish(demo_month.settings, "2026-10", to, source_dir=source)
    with pytest.raises(PublishError, match="not signed off"):  # nor is replacing allowing unsigned
        pub.publish(demo_month.settings, "2026-10", to, source_dir=source, replace=True)
    m = json.loads((to / "2026-10" / "manifest.json").read_text())
    assert m["commentary_signoff"]["child_protection"]["status"] == "draft"
    assert m["commentary_signoff"]["child_protection"]["blocks"]["service-analysis"]["status"] == "draft"


def test_a_sign_off_after_the_build_needs_a_build_before_publishing(demo_month, source, tmp_path):
    from onapage import commentary as cm
    from onapage.booklet import build_booklet

    def build():
        build_booklet(demo_month.settings, "2026-10", notebooks=source / "notebooks", out_dir=source,
                      renderer="builtin", quarto=False)
        return (source / "booklet.html").read_text()

    written = "## Service analysis\n\nPlans rose after two large sibling groups."  # in the notebook and the file
    nb_path = source / "notebooks" / "child_protection.ipynb"
    nb = nbformat.read(str(nb_path), as_version=4)
    [cell] = [c for c in nb.cells if c.metadata.get("onapage", {}).get("commentary_key") == "service-analysis"]
    cell.source = written
    nbformat.write(nb, str(nb_path))
    md = source / "commentary" / "child_protection.md"
    cm.write_file(md, {**cm.read_file(md), "service-analysis": cm.Block(written)})
    assert "Draft commentary (draft): not yet signed off" in build()

    for section in demo_month.sections:
        cm.sign(source.parent, "2026-10", section, cm.SIGNED_OFF, "Jane", at="2026-11-01T09:00")
    with pytest.raises(PublishError, match="commentary files for cover, .* changed after the booklet was built"):
        pub.publish(demo_month.settings, "2026-10", tmp_path / "intranet", source_dir=source)

    html = build()
    assert "Plans rose after two large sibling groups." in html
    assert "Draft commentary" not in html  # the booklet now shows the sign-off
    done = pub.publish(demo_month.settings, "2026-10", tmp_path / "intranet", source_dir=source)
    m = json.loads((done.folder / "manifest.json").read_text())
    assert m["commentary_signoff"]["child_protection"] == {
        "status": "signed-off",
        "blocks": {k: {"status": "signed-off", "by": "Jane", "at": "2026-11-01T09:00"}
                   for k in cm.read_file(source / "commentary" / "child_protection.md")}}


def test_one_publisher_at_a_time_and_no_lock_left_behind(demo_month, source, tmp_path):
    to = tmp_path / "intranet"
    to.mkdir()
    lock = to / pub.LOCK
    lock.write_text(json.dumps({"by": "jsmith", "since": "2026-11-02T09:00:00+00:00", "doing": "publishing 2026-09",
                                "pid": 1, "host": "elsewhere"}))
    with pytest.raises(PublishError, match=r"jsmith is already publishing 2026-09 \(process 1 on elsewhere, since "
                                           r"2026-11-02T09:00:00\+00:00\).* delete .*\.publishing\.lock"):
        publish(demo_month.settings, "2026-10", to, source_dir=source)
    assert sorted(p.name for p in to.iterdir()) == [pub.LOCK]  # nothing published, the other's lock kept
    lock.unlink()
    publish(demo_month.settings, "2026-10", to, source_dir=source)
    assert sorted(p.name for p in to.iterdir()) == ["2026-10", "index.html"]
