"""`onapage build` and `onapage publish` on a copy of the demo month: commentary written in the text files reaches
the booklet, and a build waits its turn behind a run."""

import json
import re
import shutil

import pytest
import yaml
from click.testing import CliRunner

from onapage.booklet.content import NOT_WRITTEN
from onapage.cli import main

WORDS = "Plans held at 178: two large sibling groups came onto plans as others ended."
ACTIONS = "Review every plan open for more than 18 months by January."


@pytest.fixture()
def month(demo_month, built, tmp_path):
    """A copy of the built demo month under its own settings: (params file, its 2026-10 folder)."""
    out = tmp_path / "outputs"
    shutil.copytree(demo_month.settings.output_dir / "2026-10", out / "2026-10",
                    ignore=shutil.ignore_patterns("quarto"))
    raw = yaml.safe_load(demo_month.params_file.read_text())
    raw.update(output_dir=str(out), store=str(tmp_path / "store.duckdb"))
    params = tmp_path / "params.yml"
    params.write_text(yaml.safe_dump(raw))
    return params, out / "2026-10"


def onapage(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def section_html(html: str, section: str) -> str:
    [part] = [p for p in html.split('<section class="booklet-section"') if p.startswith(f' id="part-{section}"')]
    return part


def test_commentary_edited_in_the_file_reaches_the_booklet_on_build_and_then_publish(month, tmp_path):
    params, folder = month
    md = folder / "commentary" / "child_protection.md"
    text = md.read_text("utf-8")
    text = text.replace("_Analyst: commentary on the child protection page for the month._", WORDS)
    text = re.sub(r"_Analyst: [^\n]*_", ACTIONS + " <script>alert(1)</script>", text)
    md.write_text(text, "utf-8")  # written in the file instead of the notebook
    signed = onapage("commentary", "sign", "--params", params, "--period", "2026-10", "--section",
                     "child_protection", "--status", "signed-off", "--by", "A. Manager")
    assert signed.exit_code == 0, signed.output

    built = onapage("build", "--params", params, "--period", "2026-10", "--renderer", "builtin")
    assert built.exit_code == 0, built.output
    page = section_html((folder / "booklet.html").read_text("utf-8"), "child_protection")
    assert WORDS in page and ACTIONS in page
    assert NOT_WRITTEN not in page and "Draft commentary" not in page
    assert "<script" not in page  # the file's words are sanitised as the notebook's are

    to = tmp_path / "intranet"
    published = onapage("publish", "--params", params, "--period", "2026-10", "--to", to, "--allow-unsigned")
    assert published.exit_code == 0, published.output
    manifest = json.loads((to / "2026-10" / "manifest.json").read_text())
    assert manifest["commentary_signoff"]["child_protection"]["status"] == "signed-off"
    assert manifest["commentary"]["child_protection"] == "written"
    page = section_html((to / "2026-10" / "booklet.html").read_text("utf-8"), "child_protection")
    assert WORDS in page and NOT_WRITTEN not in page


def test_a_build_while_a_run_holds_the_store_is_refused_naming_who(month):
    from onapage.config import load_settings
    from onapage.run import Run

    params, folder = month
    before = (folder / "booklet.html").read_bytes()
    with Run(load_settings(params), params).lock():
        result = onapage("build", "--params", params, "--period", "2026-10", "--no-pdf")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert re.search(r"\S+ is already running 2026-10 with the store .*store\.duckdb \(process \d+", result.output)
    assert (folder / "booklet.html").read_bytes() == before  # nothing built meanwhile
    assert not (folder.parent.parent / "store.duckdb.lock").exists()  # the run's lock, released, is not the build's


def test_a_run_while_a_build_holds_the_store_is_told_it_is_a_build(month):
    from onapage.config import load_settings
    from onapage.run import Run

    params, _ = month
    with Run(load_settings(params), params).lock("building the booklet for"):
        result = onapage("load", "--params", params)
    assert result.exit_code == 1 and "is already building the booklet for 2026-10" in result.output

