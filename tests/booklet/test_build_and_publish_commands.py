"""`onapage build` and `onapage publish` on a copy of the demo month: commentary written in the text files reaches
the booklet, a build waits its turn behind a run, and a publish folder that cannot be written is named."""

import errno
import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from onapage import publish as pub
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


# --------------------------------------------------------------------------- a publish folder that cannot be written


def read_only(folder: Path, monkeypatch) -> None:
    """Make `folder` refuse to be written: by its permissions when the tests run as a user; as root (who may write
    anywhere) the calls that write in it, or move it, fail as the system fails them for a user."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return
    folder = Path(os.path.abspath(folder))

    def refused(src, dst=None) -> PermissionError | None:
        for path in (Path(os.path.abspath(p)) for p in (src, dst) if p is not None):
            if path.parent == folder or path == folder:
                return PermissionError(errno.EACCES, "Permission denied", str(src), None,
                                       None if dst is None else str(dst))
        return None

    real_open, real_mkdir, real_rename, real_replace = os.open, os.mkdir, os.rename, os.replace

    def os_open(path, flags, *args, **kw):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and Path(os.path.abspath(path)).parent == folder:
            raise refused(path)
        return real_open(path, flags, *args, **kw)

    def mkdir(path, *args, **kw):
        if Path(os.path.abspath(path)).parent == folder:
            raise refused(path)
        return real_mkdir(path, *args, **kw)

    def mover(real):
        def move(src, dst, *args, **kw):
            if error := refused(src, dst):
                raise error
            return real(src, dst, *args, **kw)
        return move

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(os, "mkdir", mkdir)
    monkeypatch.setattr(os, "rename", mover(real_rename))
    monkeypatch.setattr(os, "replace", mover(real_replace))


@pytest.fixture()
def writable_again():
    folders = []
    yield folders.append
    for folder in folders:
        folder.chmod(0o755)


def files_in(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_read_only_publish_folder_is_named_and_nothing_changes(month, tmp_path, monkeypatch, writable_again):
    params, _ = month
    to = tmp_path / "intranet"
    to.mkdir()
    (to / "README.txt").write_text("the intranet's own file")
    writable_again(to)
    read_only(to, monkeypatch)
    result = onapage("publish", "--params", params, "--period", "2026-10", "--to", to, "--allow-unsigned")
    monkeypatch.undo()
    assert result.exit_code == 1, result.output
    assert "fault in onapage" not in result.output
    assert f"cannot publish into {to}: the folder is read-only or cannot be written by you" in \
        " ".join(result.output.split())
    assert files_in(to) == {Path("README.txt"): b"the intranet's own file"}


def test_a_read_only_published_month_is_named_and_left_as_it_was(month, tmp_path, monkeypatch, writable_again):
    params, _ = month
    to = tmp_path / "intranet"
    first = onapage("publish", "--params", params, "--period", "2026-10", "--to", to, "--allow-unsigned")
    assert first.exit_code == 0, first.output
    before = files_in(to)
    writable_again(to / "2026-10")
    read_only(to / "2026-10", monkeypatch)
    result = onapage("publish", "--params", params, "--period", "2026-10", "--to", to, "--allow-unsigned",
                     "--replace")
    monkeypatch.undo()
    assert result.exit_code == 1, result.output
    assert "fault in onapage" not in result.output
    said = " ".join(result.output.split())
    assert f"cannot replace 2026-10 in {to}: its folder {to / '2026-10'} is read-only" in said
    assert files_in(to) == before
    assert not [p for p in to.iterdir() if p.name.startswith(".")]  # no staging or lock left behind


def test_a_read_only_file_system_is_said_to_be_read_only(tmp_path):
    to, target = tmp_path / "intranet", tmp_path / "intranet" / "2026-10"
    refused = pub.not_writable(OSError(errno.EROFS, "Read-only file system", str(to / ".publishing.lock")), to, target)
    assert isinstance(refused, pub.PublishError)
    assert str(refused).startswith(f"cannot publish into {to}: the folder is read-only or cannot be written by you "
                                   "(Read-only file system)")
    elsewhere = PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "built" / "booklet.pdf"))
    assert pub.not_writable(elsewhere, to, target) is None  # not the publish folder's doing
    assert pub.not_writable(OSError(errno.ENOSPC, "No space left on device", str(to)), to, target) is None
