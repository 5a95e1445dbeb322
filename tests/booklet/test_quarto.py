"""The Quarto project written beside the booklet, and rendering it with a stand-in `quarto` on PATH
(Quarto itself is never installed by onapage or its tests)."""

import json
import os
import re
import stat

import nbformat
import pytest
import yaml

from onapage.booklet import QuartoError, build_booklet, quarto_command

FAKE_QUARTO = """#!/bin/sh
# Records its arguments and writes the file `quarto render <dir> --to html` would.
printf '%s\\n' "$@" > "{log}"
[ "$1" = "render" ] || exit 2
mkdir -p "$2/_book" && printf '<!DOCTYPE html><title>book</title>' > "$2/_book/index.html"
"""

FAILING_QUARTO = """#!/bin/sh
echo "ERROR: YAMLException: bad indentation" >&2
exit 1
"""


def _fake(tmp_path, body: str):
    bindir = tmp_path / "bin"
    bindir.mkdir(exist_ok=True)
    exe = bindir / "quarto"
    exe.write_text(body.format(log=tmp_path / "quarto-args.txt"))
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return bindir


def _build(fake_month, **kw):
    settings, period, _, booklet = fake_month
    return build_booklet(settings, period, booklet_file=booklet, pdf=False, **kw)


def test_project_is_a_book_of_the_notebooks_in_booklet_order_executing_nothing(fake_month):
    settings, period, sections, _ = fake_month
    result = _build(fake_month, renderer="builtin")
    project = result.quarto_project
    assert project == settings.output_dir / str(period) / "quarto"
    text = (project / "_quarto.yml").read_text()
    config = yaml.safe_load(text)
    assert config["project"]["type"] == "book"
    assert config["execute"]["enabled"] is False and config["execute"]["echo"] is False
    html = config["format"]["html"]
    assert html["embed-resources"] is True and html["echo"] is False
    assert html["html-math-method"] == "plain"  # no MathJax from a CDN
    chapters = config["book"]["chapters"]
    assert chapters[0] == "index.qmd"
    assert [re.sub(r"^chapters/\d+-|\.ipynb$", "", c) for c in chapters[1:]] == sections
    for chapter in chapters:
        assert (project / chapter).exists()
    for name in ("_quarto.yml", "index.qmd"):
        assert not re.search(r"https?://", (project / name).read_text()), name
    assert "mermaid" not in text and "mathjax" not in text.lower()
    assert config["book"]["title"] == "Test Booklet" and config["book"]["date"] == "October 2026"
    assert "Synthetic data" in (project / "index.qmd").read_text()


def test_chapters_are_the_cleaned_notebooks_with_a_title_and_code_hidden(fake_month):
    result = _build(fake_month, renderer="builtin")
    nb = nbformat.read(result.quarto_project / "chapters" / "03-child_protection.ipynb", as_version=4)
    assert nb.cells[0].cell_type == "raw" and "title: Child protection" in nb.cells[0].source
    assert not any("A note for analysts" in c.source for c in nb.cells)
    assert all("remove-input" in c.metadata.get("tags", []) for c in nb.cells if c.cell_type == "code")
    assert not any("parameters" in c.metadata.get("tags", []) for c in nb.cells)
    commentary = [c for c in nb.cells if "commentary" in c.metadata.get("tags", [])]
    assert "Commentary not yet written" in commentary[0].source and "_Analyst" not in commentary[0].source


def test_the_command_is_quarto_render_dir_to_html(tmp_path):
    assert quarto_command(tmp_path / "q") == ["quarto", "render", str(tmp_path / "q"), "--to", "html"]


def test_renderer_quarto_runs_the_command_and_auto_finds_quarto_on_path(fake_month, tmp_path, monkeypatch):
    bindir = _fake(tmp_path, FAKE_QUARTO)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    for renderer in ("quarto", "auto"):
        (tmp_path / "quarto-args.txt").unlink(missing_ok=True)
        result = _build(fake_month, renderer=renderer)
        assert result.renderer == "quarto"
        args = (tmp_path / "quarto-args.txt").read_text().split()
        assert args == quarto_command(result.quarto_project)[1:]
        assert result.quarto_output == result.quarto_project / "_book" / "index.html"
        assert result.quarto_output.exists()
        assert result.html.exists()  # the single-file booklet is built either way
        assert json.loads(result.record.read_text())["renderer"] == "quarto"


def test_a_failing_quarto_is_a_clear_error(fake_month, tmp_path, monkeypatch):
    bindir = _fake(tmp_path, FAILING_QUARTO)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(QuartoError, match=r"quarto render .* failed \(exit 1\):\nERROR: YAMLException"):
        _build(fake_month, renderer="quarto")


def test_quarto_renderer_without_quarto_is_a_clear_error(fake_month, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(QuartoError, match="needs the `quarto` command on PATH"):
        _build(fake_month, renderer="quarto")
    assert _build(fake_month, renderer="auto").renderer == "builtin"


def test_rewriting_the_project_replaces_it_whole(fake_month):
    first = _build(fake_month, renderer="builtin").quarto_project
    (first / "chapters" / "99-stale.ipynb").write_text("{}")
    again = _build(fake_month, renderer="builtin").quarto_project
    assert again == first and not (again / "chapters" / "99-stale.ipynb").exists()
    assert not [p for p in again.parent.iterdir() if p.name.startswith(".quarto.")]
