"""Tables by team follow the settings' `teams:`: their order and groups, listed teams with no cases shown as the
table shows a category with none, and teams in the data but not in the settings shown after, with a note."""

import logging
import re

import pytest

from onapage.config import load_settings
from onapage.pages import Page
from onapage.pages.tables import UNLISTED_TEAMS, arrange_teams, breakdown_table
from onapage.pages.workforce_qa import grades_table, heat_table
from onapage.periods import Period

PERIOD = Period(2026, 10)
TEAMS = {"front_door": ["MASH", "Duty A", "Duty B"], "children_in_care": ["Care 1", "Care 2"],
         "early_help": ["Help North"]}


def _row_titles(html: str) -> list[str]:
    """Row headings and group headings, top to bottom ('# ' marks a group's heading)."""
    found = re.findall(r'<th scope="(row|rowgroup)"[^>]*>([^<]*)<', html)
    return [("# " if scope == "rowgroup" else "") + text for scope, text in found]


def _cells(html: str, title: str) -> list[str]:
    row = re.search(rf"<tr[^>]*><th scope=\"row\">{re.escape(title)}</th>(.*?)</tr>", html)
    assert row, f"no row {title!r}"
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))]


def _notes(html: str) -> list[str]:
    return re.findall(r"<li>(.*?)</li>", html.split('class="table-notes"', 1)[1]) if "table-notes" in html else []


@pytest.fixture
def referrals(make_indicator, long_row, long_frame):
    """Referrals by team as a count; 'Duty B' (listed) has none, 'Youth Team' is not in the settings."""
    ind = make_indicator(id="refs_by_team", title="Referrals by team", unit="count", kind="in_month",
                         polarity="monitor", breakdown="team")
    data = {"2026-10": {"Duty A": 5, "MASH": 2, "Youth Team": 9, "Care 2": 1, "Not allocated": 4},
            "2026-09": {"Duty A": 3, "Care 1": 6}}
    rows = [long_row("refs_by_team", p, "month", n, category=c, breakdown="team")
            for p, cats in data.items() for c, n in cats.items()]
    return ind, long_frame(rows)


def test_a_breakdown_by_team_follows_the_settings_order_and_groups(referrals, caplog):
    ind, long = referrals
    with caplog.at_level(logging.WARNING):
        html = breakdown_table(long, ind, PERIOD, months=2, teams=TEAMS).html
    # early help has no team in the table, so its group is left out; the rest as the settings list them
    assert _row_titles(html) == ["# Front door", "MASH", "Duty A", "Duty B", "# Children in care", "Care 1", "Care 2",
                                 f"# {UNLISTED_TEAMS}", "Youth Team", "Not allocated", "Total"]
    assert _cells(html, "Duty B") == ["0", "0.0%", "0"]  # listed, no cases: none, as any category with none
    assert _cells(html, "Care 1") == ["0", "0.0%", "6"]
    assert _cells(html, "Youth Team") == ["9", "42.9%", "0"]  # never dropped: it counts in the total
    assert _cells(html, "Total") == ["21", "100.0%", "9"]
    assert _notes(html) == ["Not in the settings&#x27; teams, so shown after the teams they list: Youth Team."]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "refs_by_team" in warnings[0] and "Youth Team" in warnings[0]
    assert "Not allocated" not in warnings[0]  # not a team: last, as ever, and not warned of
    # no teams in the settings: largest first, as before
    html = breakdown_table(long, ind, PERIOD, months=2, teams={}).html
    assert _row_titles(html) == ["Youth Team", "Duty A", "MASH", "Care 2", "Care 1", "Not allocated", "Total"]
    assert "rowgroup" not in html and _notes(html) == []


def test_a_breakdown_by_team_within_each_team_shows_a_listed_team_without_cases_blank(
        make_indicator, long_row, long_frame):
    ind = make_indicator(id="visits_by_team", title="Visits in time by team", unit="percent", kind="snapshot",
                         breakdown="team")
    rows = [long_row("visits_by_team", "2026-10", "snapshot", 50.0, category="Duty A", numerator=5, denominator=10)]
    html = breakdown_table(long_frame(rows), ind, PERIOD, months=1, teams=TEAMS).html
    assert _row_titles(html) == ["# Front door", "MASH", "Duty A", "Duty B", "Total"]
    assert _cells(html, "MASH") == ["-", "-", "-"]  # a percentage within the team: no base, no figure
    assert _notes(html) == []


def test_arrange_teams_lists_each_group_with_any_team_in_the_data():
    rows = arrange_teams(["Care 2", "Elsewhere", "Unknown"], TEAMS)
    assert rows.groups == (("Children in care", ("Care 1", "Care 2")), (UNLISTED_TEAMS, ("Elsewhere",)),
                           (None, ("Unknown",)))
    assert rows.unlisted == ("Elsewhere",)


def test_a_heat_table_by_team_follows_the_settings(long_row, long_frame, caplog):
    rows = [long_row("wf_caseload_by_team", p, "snapshot", v, breakdown="team", category=team)
            for team, p, v in (("Duty B", "2026-10", 20.0), ("MASH", "2026-09", 12.0), ("Zeta", "2026-10", 9.0))]
    with caplog.at_level(logging.WARNING):
        html = heat_table(long_frame(rows), "wf_caseload_by_team", PERIOD, months=2, teams=TEAMS).html
    assert _row_titles(html) == ["# Front door", "MASH", "Duty A", "Duty B", f"# {UNLISTED_TEAMS}", "Zeta"]
    assert _cells(html, "Duty A") == ["-", "-"]  # listed, no figure: a dash, as a month without one
    assert _cells(html, "MASH") == ["12.0", "-"]
    assert _notes(html) == ["Not in the settings&#x27; teams, so shown after the teams they list: Zeta."]
    assert any("Zeta" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)


def test_a_grades_table_by_team_follows_the_settings(long_row, long_frame):
    def row(category, n, d):
        return long_row("qa_audit_grades_by_team", "2026-10", "month", 100 * n / d, numerator=n, denominator=d,
                        breakdown="team_grade", category=category)
    rows = [row("Care 2: Good", 1, 2), row("Care 2: Inadequate", 1, 2), row("Outreach: Good", 3, 3)]
    html = grades_table(long_frame(rows), "qa_audit_grades_by_team", PERIOD, row_heading="Team", teams=TEAMS).html
    assert _row_titles(html) == ["# Children in care", "Care 1", "Care 2", f"# {UNLISTED_TEAMS}", "Outreach"]
    assert _cells(html, "Care 1") == ["0", "0", "0", "0", "0"]  # listed, no audits: none of each grade
    assert _cells(html, "Care 2") == ["0", "1 (50%)", "0", "1 (50%)", "2"]
    assert _notes(html) == ["Not in the settings&#x27; teams, so shown after the teams they list: Outreach."]


def test_a_page_orders_its_tables_by_the_settings_teams(long_row, long_frame):
    settings = load_settings()
    settings = settings.model_copy(update={"teams": {"front_door": ["Duty 2", "MASH", "Duty 1"]}})
    rows = [long_row("fd_referrals_by_team", "2026-10", "month", 100 * n / 10, numerator=n, denominator=10,
                     breakdown="team", category=c) for c, n in {"MASH": 6, "Duty 1": 4}.items()]
    rows += [long_row("wf_caseload_by_team", "2026-10", "snapshot", 15.0, breakdown="team", category="Duty 1")]
    rows += [long_row("fd_referrals_by_source", "2026-10", "month", 100 * n / 10, numerator=n, denominator=10,
                      breakdown="source", category=c) for c, n in {"Police": 3, "MASH": 7}.items()]
    page = Page(section="front_door", period=PERIOD, settings=settings, long=long_frame(rows))
    assert _row_titles(page.breakdown("fd_referrals_by_team").html) == \
        ["# Front door", "Duty 2", "MASH", "Duty 1", "Total"]
    assert _row_titles(page.heat("wf_caseload_by_team", months=1).html) == ["# Front door", "Duty 2", "MASH", "Duty 1"]
    # a breakdown by anything but team keeps its own order, whatever the teams are called
    assert _row_titles(page.breakdown("fd_referrals_by_source").html) == ["MASH", "Police", "Total"]
