"""A year of monthly extracts (`generate_monthly`): one folder per month, each cut from the same simulated world as
it stood at that month's end, the last holding what the single extract holds within its windows."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from demo_figures import read

from onapage.cli import main
from onapage.contract import load_contract
from onapage.demo import archive, generate_demo, generate_monthly
from onapage.demo.dates import col
from onapage.demo.run import DemoRun, load_teams
from onapage.demo.world import simulate

CONTRACT = load_contract()
SCALE, SEED, END = 0.1, 2026, date(2026, 10, 31)
MONTHS = ["2026-07", "2026-08", "2026-09", "2026-10"]
EXPECTED_FILES = {f"{ds.key}.csv" for ds in CONTRACT.datasets.values()} | {"DEMO_README.md", "manifest.json"}
EVENT_LISTS = ("list_1", "list_3", "list_5")  # dated by the event alone (lists 2 and 4 hold open assessments)
# Lists holding what was open in the window: their record's start, and the date that closes it.
EPISODES = {"list_2": "eh_assessment_completed", "list_4": "assessment_authorised", "list_6": "cin_closed",
            "list_7": "cpp_end", "list_8": "cla_end"}
PLANNED = {"next_milestone_due", "response_due", "due"}  # dates set for the future when recorded


@pytest.fixture(scope="module")
def months(tmp_path_factory):
    return generate_monthly(tmp_path_factory.mktemp("archive"), len(MONTHS), seed=SEED, scale=SCALE, end=END)


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    return generate_demo(tmp_path_factory.mktemp("single"), seed=SEED, scale=SCALE, end=END)


@pytest.fixture(scope="module")
def world():
    return simulate(DemoRun(seed=SEED, scale=SCALE, end=END, months=43, teams=load_teams()))


def folder(months, month: str) -> Path:
    return months.out_root / month


def window(month: str, first: str = MONTHS[0]) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days a month's extract covers: six months to its end, twelve for the archive's `first` month."""
    end = pd.Period(month, "M").end_time.normalize()
    return (pd.Period(month, "M") - (11 if month == first else 5)).start_time, end


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_one_folder_per_month_each_a_complete_input_folder(months):
    assert [s.out_dir.name for s in months.extracts] == MONTHS
    assert sorted(p.name for p in months.out_root.iterdir() if p.is_dir()) == MONTHS
    for summary, month in zip(months.extracts, MONTHS, strict=True):
        assert {p.name for p in summary.out_dir.iterdir()} == EXPECTED_FILES
        for name, rows in summary.rows.items():
            assert (summary.out_dir / name).read_text(encoding="utf-8").count("\n") == rows + 1, (month, name)
        manifest = json.loads((summary.out_dir / "manifest.json").read_text())
        start, end = window(month)
        assert manifest["archive"]["extract_month"] == month
        assert (manifest["window_start"], manifest["end"], manifest["months"]) == (
            start.date().isoformat(), end.date().isoformat(), 12 if month == MONTHS[0] else 6
        )
        assert manifest["row_counts"] == summary.rows


def test_every_folder_says_it_is_synthetic(months):
    for where in (months.out_root, *months.folders):
        text = (where / "DEMO_README.md").read_text(encoding="utf-8")
        assert "Everything in th" in text and "synthetic" in text and "fictional local authority" in text
        manifest = json.loads((where / "manifest.json").read_text())
        assert manifest["synthetic"] is True and manifest["authority"] == "Northbridge"


def test_lists_1_to_5_hold_only_their_window(months):
    for month in MONTHS:
        start, end = window(month)
        for key in EVENT_LISTS:
            dated = read(folder(months, month), key)[CONTRACT.dataset(key).dated_by]
            assert dated.between(start, end).all(), (month, key)
            if key == "list_1":  # contacts fill the window, from its first days to its last
                assert dated.min() < start + pd.Timedelta(days=7) and dated.max() > end - pd.Timedelta(days=7)
        for key in ("list_2", "list_4"):  # assessments started by the end, open in the window or completed in it
            assessments = read(folder(months, month), key)
            completed = assessments[EPISODES[key]]
            assert (assessments[CONTRACT.dataset(key).dated_by] <= end).all()
            assert (completed.isna() | completed.between(start, end)).all(), (month, key)


def test_nothing_after_the_extract_date_is_known(months):
    for month in MONTHS:
        next_day = window(month)[1] + pd.Timedelta(days=1)
        for ds in CONTRACT.datasets.values():
            frame = read(folder(months, month), ds.key)
            for column in ds.columns.values():
                if column.type in ("date", "datetime") and column.name not in PLANNED:
                    assert not (frame[column.name] >= next_day).any(), (month, ds.key, column.name)


def test_an_episode_that_ended_after_the_month_is_open_in_its_extract(months):
    first, last = MONTHS[0], MONTHS[-1]
    first_end = window(first)[1]
    ended_later = 0
    for key, end_column in EPISODES.items():
        start_column = CONTRACT.dataset(key).dated_by
        then = read(folder(months, first), key)
        now = read(folder(months, last), key)
        both = then.merge(now, on=["child_id", start_column], suffixes=("_then", ""))
        later = both[end_column] > first_end
        assert both.loc[later, f"{end_column}_then"].isna().all(), key
        ended_by_then = both[end_column] <= first_end
        assert (both.loc[ended_by_then, f"{end_column}_then"] == both.loc[ended_by_then, end_column]).all(), key
        if key == "list_6":
            assert (both.loc[later, "case_status_then"] == "Open").all()
            assert both.loc[later, "closure_reason_then"].isna().all()
        ended_later += int(later.sum())
    assert ended_later > 5


def _keys(frame: pd.DataFrame, dated: str) -> pd.Series:
    return frame.groupby(["child_id", frame[dated].dt.date]).size()


def test_an_event_recorded_late_is_missing_from_its_month_and_in_the_next(months, world):
    ids = world.children["child_id"].to_numpy()
    late = 0
    for key in EVENT_LISTS:
        table, dated, recorded = archive.EVENTS[key]
        events = getattr(world, table)
        when, on_system = col(events, dated), col(events, recorded)
        for month, after in zip(MONTHS, MONTHS[1:], strict=False):
            start, end = (np.datetime64(t.date(), "D") for t in window(month))
            next_end = np.datetime64(window(after)[1].date(), "D")
            arrives = (when >= start) & (when <= end) & (on_system > end) & (on_system <= next_end)
            if not arrives.any():
                continue
            listed = {m: _keys(read(folder(months, m), key), CONTRACT.dataset(key).dated_by) for m in (month, after)}
            for child, day in zip(ids[events["child"].to_numpy()[arrives]], when[arrives], strict=True):
                same = (ids[events["child"].to_numpy()] == child) & (when == day)
                pair = (child, day.astype(object))
                assert listed[month].get(pair, 0) == int((same & (on_system <= end)).sum()), (key, month, pair)
                assert listed[after].get(pair, 0) == int((same & (on_system <= next_end)).sum()), (key, after, pair)
                late += 1
    assert late >= 1
    assert sum(months.late_events.values()) >= late


def test_a_later_extract_only_adds_to_the_events_an_earlier_one_held(months):
    for key in EVENT_LISTS:
        dated = CONTRACT.dataset(key).dated_by
        for month, after in zip(MONTHS, MONTHS[1:], strict=False):
            before = read(folder(months, month), key)
            before = _keys(before[before[dated] >= window(after)[0]], dated)
            now = _keys(read(folder(months, after), key), dated)
            assert (now.reindex(before.index, fill_value=0) >= before).all(), (key, month)


def test_care_leavers_snapshot_fields_move_from_month_to_month(months):
    frames = {m: read(folder(months, m), "list_9") for m in MONTHS}
    changed = {name: 0 for name in ("activity", "accommodation", "accommodation_suitable", "in_touch")}
    contacts_moved = 0
    for month, after in zip(MONTHS, MONTHS[1:], strict=False):
        both = frames[month].merge(frames[after], on="child_id", suffixes=("_then", ""))
        assert len(both) > 0.8 * len(frames[after])  # most stay care leavers from one month to the next
        for name in changed:
            differs = both[f"{name}_then"].astype(str) != both[name].astype(str)
            assert differs.mean() < 0.3, (name, month)  # a young person's circumstances mostly hold
            changed[name] += int(differs.sum())
        assert (both["latest_contact"] >= both["latest_contact_then"]).mean() > 0.9
        contacts_moved += int((both["latest_contact"] != both["latest_contact_then"]).sum())
        assert (both["pathway_plan_review"] >= both["pathway_plan_review_then"]).all()
    assert sum(changed.values()) >= 3 and contacts_moved > len(frames[MONTHS[-1]])
    for month, frame in frames.items():
        assert frame["age_years"].between(18, 24).all(), month


def test_care_leavers_have_their_contacts_in_each_months_visits(months):
    for month in MONTHS:
        leavers = read(folder(months, month), "list_9")
        visits = read(folder(months, month), "visits")
        contacted = set(visits.loc[visits["visit_type"] == "Care leaver", "child_id"])
        assert leavers["child_id"].isin(contacted).mean() > 0.9, month


def _restricted(frame: pd.DataFrame, key: str, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """The single extract's rows a monthly extract ending on `end` holds."""
    dated = CONTRACT.dataset(key).dated_by
    if key in EPISODES:
        stop = frame[EPISODES[key]]
        rows = (frame[dated] <= end) & (stop.isna() | (stop >= start))
    elif key in ("list_10", "list_11"):
        dates = frame[[c.name for c in CONTRACT.dataset(key).columns.values() if c.type == "date"]]
        dates = dates.drop(columns=["date_of_birth"], errors="ignore")
        finished = ["adoption_order", "no_longer_adoption_decision"] if key == "list_10" else [
            "adoption_order", "left_process"]
        rows = (dates.max(axis=1) >= start) | frame[finished].isna().all(axis=1)
    else:
        rows = frame[dated] >= start
    return frame[rows].reset_index(drop=True)


def test_the_last_month_holds_the_single_extract_within_its_windows(months, single):
    last = folder(months, MONTHS[-1])
    start, end = window(MONTHS[-1])
    for ds in CONTRACT.datasets.values():
        if ds.kind != "annex_a" or ds.key == "list_9":
            assert (last / f"{ds.key}.csv").read_bytes() == (single.out_dir / f"{ds.key}.csv").read_bytes(), ds.key
        else:
            expected = _restricted(read(single.out_dir, ds.key), ds.key, start, end)
            # an empty list's dates parse to no particular resolution
            pd.testing.assert_frame_equal(read(last, ds.key), expected, obj=ds.key, check_dtype=not expected.empty)


def test_the_stores_window_of_each_extract_is_its_own(months):
    from onapage.store.history import Window, extract_window

    for month in MONTHS:
        frames = {ds.key: read(folder(months, month), ds.key) for ds in CONTRACT.annex_a}
        start, end = window(month)
        assert extract_window(frames) == Window(start.date(), end.date()), month


def test_the_same_seed_writes_the_same_archive_and_fewer_months_the_same_extracts(months, tmp_path):
    again = generate_monthly(tmp_path / "again", len(MONTHS), seed=SEED, scale=SCALE, end=END)
    assert files(again.out_root) == files(months.out_root)
    shorter = generate_monthly(tmp_path / "shorter", 2, seed=SEED, scale=SCALE, end=END)
    assert [s.out_dir.name for s in shorter.extracts] == MONTHS[-2:]
    for month in MONTHS[-1:]:  # the shorter archive's first month is its twelve-month extract
        data = {k: v for k, v in files(folder(shorter, month)).items() if k.endswith(".csv")}
        assert data == {k: v for k, v in files(folder(months, month)).items() if k.endswith(".csv")}


def test_the_template_form_holds_the_same_records(months, tmp_path):
    from onapage.inputs import read_inputs

    workbooks = generate_monthly(tmp_path, 2, seed=SEED, scale=SCALE, end=END, template=True)
    for summary in workbooks.extracts:
        names = {p.name for p in summary.out_dir.iterdir()}
        assert "annex_a.xlsx" in names and not any(n.startswith("list_") for n in names)
        assert json.loads((summary.out_dir / "manifest.json").read_text())["template_edition"] == summary.template
    clean = read_inputs(folder(months, MONTHS[-1])).frames
    template = read_inputs(workbooks.folders[-1]).frames
    for key, frame in clean.items():
        pd.testing.assert_frame_equal(template[key].reset_index(drop=True), frame.reset_index(drop=True), obj=key)


def test_the_cli_writes_an_archive_and_says_what_monthly_does(tmp_path):
    runner = CliRunner()
    help_text = runner.invoke(main, ["demo-data", "--help"]).output
    assert "--monthly" in help_text and "archived" in help_text
    result = runner.invoke(main, ["demo-data", "--out", str(tmp_path), "--monthly", "2", "--scale", "0.05"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == ["2026-09", "2026-10"]
    too_many = runner.invoke(main, ["demo-data", "--out", str(tmp_path / "x"), "--monthly", "40", "--scale", "0.05"])
    assert too_many.exit_code == 2 and "history of at least" in too_many.output


def test_bad_archives_are_refused(tmp_path):
    with pytest.raises(ValueError, match="at least 1"):
        generate_monthly(tmp_path, 0, scale=0.05)
    with pytest.raises(ValueError, match="history of at least"):
        generate_monthly(tmp_path, 13, scale=0.05, history_months=12)
