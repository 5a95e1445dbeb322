"""`onapage load --history`: an archive of monthly extracts with six-month windows, loaded oldest first."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pandas as pd
import yaml
from click.testing import CliRunner

from onapage.cli import main
from onapage.config import DEFAULT_PARAMS

LIST_1 = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Date of Contact", "Contact Source"]


def _extract(folder: Path, month: str, *, last_day: str | None = None) -> None:
    """`month`'s extract: a contact every day of the six months to its end (to `last_day` if given), each
    day's child named by the day, so a contact held by two extracts is the same record in both."""
    end = pd.Period(month, freq="M")
    days = pd.date_range((end - 5).start_time, last_day or end.end_time.normalize())
    folder.mkdir(parents=True)
    with (folder / "list_1.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(LIST_1)
        writer.writerows([[f"C{d:%Y%m%d}", "a) Male", "WBRI", "01/02/2015", f"{d:%d/%m/%Y}", "6"] for d in days])


def _params(tmp_path: Path) -> Path:
    raw = yaml.safe_load(DEFAULT_PARAMS.read_text())
    raw.update(input_dir=str(tmp_path / "unused"), store=str(tmp_path / "store.duckdb"),
               output_dir=str(tmp_path / "out"))
    path = tmp_path / "params.yml"
    path.write_text(yaml.safe_dump(raw))
    return path


def _load(params: Path, archive: Path):
    return CliRunner().invoke(main, ["load", "--history", str(archive), "--params", str(params)])


def _windows(tmp_path: Path) -> list[tuple]:
    with duckdb.connect(str(tmp_path / "store.duckdb"), read_only=True) as con:
        return con.execute("select window_start, window_end from _extracts order by loaded_at").fetchall()


def test_an_archive_loads_oldest_first_and_a_second_load_skips_what_is_there(tmp_path):
    archive = tmp_path / "archive"
    for month in ("2026-10", "2026-08", "2026-09"):  # written out of order: loaded in order
        _extract(archive / month, month)
    params = _params(tmp_path)
    result = _load(params, archive)
    assert result.exit_code == 0, result.output
    assert [str(e) for _, e in _windows(tmp_path)] == ["2026-08-31", "2026-09-30", "2026-10-31"]
    assert [str(s) for s, _ in _windows(tmp_path)] == ["2026-03-01", "2026-04-01", "2026-05-01"]
    again = _load(params, archive)
    assert again.exit_code == 0 and again.output.count("already in the history, skipped") == 3
    shown = CliRunner().invoke(main, ["history", "--params", str(params)], terminal_width=200)
    assert shown.exit_code == 0, shown.output
    assert "List 1 (Contacts)" in shown.output and "01/03/2026 to 31/10/2026" in shown.output
    assert shown.output.count("list_1.csv") == 3  # each month's extract, with its window
    # the history reaches back to March 2026: 12-month and year-to-date figures before it are n/a, not low
    out = tmp_path / "ind.csv"
    CliRunner().invoke(main, ["indicators", "--params", str(params), "--period", "2026-10", "--out", str(out)])
    table = pd.read_csv(out).set_index("id")
    assert table.loc["fd_contacts_received", "month_value"] == 31
    assert table.loc["fd_contacts_received", "ytd_value"] == 214  # 1 April to 31 October 2026


def test_a_month_with_errors_stops_the_load_there_naming_it_and_keeps_the_months_before(tmp_path):
    archive = tmp_path / "archive"
    _extract(archive / "2026-08", "2026-08")
    _extract(archive / "2026-09", "2026-09", last_day="2026-09-03")  # cut short: an error for September
    _extract(archive / "2026-10", "2026-10")
    params = _params(tmp_path)
    result = _load(params, archive)
    assert result.exit_code == 1
    assert "2026-09" in result.output and "September 2026" in result.output
    assert [str(e) for _, e in _windows(tmp_path)] == ["2026-08-31"]
    _extract(tmp_path / "fixed", "2026-09")
    (archive / "2026-09" / "list_1.csv").write_bytes((tmp_path / "fixed" / "list_1.csv").read_bytes())
    resumed = _load(params, archive)
    assert resumed.exit_code == 0, resumed.output
    assert "August 2026: already in the history, skipped" in resumed.output
    assert [str(e) for _, e in _windows(tmp_path)] == ["2026-08-31", "2026-09-30", "2026-10-31"]


def test_a_period_beyond_the_history_is_na_with_the_reason_never_zero(tmp_path):
    archive = tmp_path / "archive"
    _extract(archive / "2026-10", "2026-10")
    params = _params(tmp_path)
    assert _load(params, archive).exit_code == 0
    out = tmp_path / "ind.csv"
    result = CliRunner().invoke(main, ["indicators", "--params", str(params), "--period", "2027-06", "--out",
                                       str(out)])
    assert result.exit_code == 0, result.output
    row = pd.read_csv(out).set_index("id").loc["fd_contacts_received"]
    assert pd.isna(row["month_value"]) and row["status"] == "not_computable"
    assert "loaded up to 31 October 2026; June 2027 needs it to 30 June 2027" in row["message"]


def test_an_archive_folder_not_named_as_a_month_is_refused_by_name(tmp_path):
    archive = tmp_path / "archive"
    _extract(archive / "October", "2026-10")
    result = _load(_params(tmp_path), archive)
    assert result.exit_code == 1 and "October" in result.output and "2026-05" in result.output


def test_the_appendix_says_what_the_history_holds(tmp_path):
    from onapage.config import load_settings
    from onapage.pages.data_quality import history_table

    archive = tmp_path / "archive"
    for month in ("2026-08", "2026-09", "2026-10"):
        _extract(archive / month, month)
    params = _params(tmp_path)
    assert _load(params, archive).exit_code == 0
    html = history_table(load_settings(params)).html
    assert ('<th scope="row">List 1 (Contacts)</th><td>March 2026 to October 2026</td><td class="num">3</td>'
            "<td>-</td></tr>") in html
    assert "List 7" not in html  # not supplied: nothing to say


def test_an_empty_month_folder_is_refused_by_name(tmp_path):
    archive = tmp_path / "archive"
    _extract(archive / "2026-09", "2026-09")
    (archive / "2026-10").mkdir()
    result = _load(_params(tmp_path), archive)
    assert result.exit_code == 1 and "2026-10" in result.output and "no Annex A lists or extracts" in result.output
    assert [str(e) for _, e in _windows(tmp_path)] == ["2026-09-30"]  # the month before stays loaded
