import pytest

from onapage.atomic import write_atomically


def test_success_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")
    write_atomically(target, lambda p: p.write_text("new"))
    assert target.read_text() == "new"
    assert [f.name for f in tmp_path.iterdir()] == ["out.csv"]


def test_failure_midway_keeps_the_previous_file_whole(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")

    def half_then_fail(p):
        p.write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomically(target, half_then_fail)
    assert target.read_text() == "old"
    assert [f.name for f in tmp_path.iterdir()] == ["out.csv"]
