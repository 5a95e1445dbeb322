"""The catalogue's SQL mutator: which mutants it makes, and that a real indicator's cases kill a real bug."""

from onapage.indicators.catalogue import indicator
from onapage.indicators.mutation import judge, mutants

SQL = """-- counts a < b and c >= d in a comment
select w.period, w.basis, w.window_end, count(distinct t.child_id) as n, count(*) as all_rows
from windows w
left join list_7_child_protection t
    on t.cpp_start between w.window_start and w.window_end and t.code <> '<' and t.x -> 'k' is not null
where t.cpp_end >= w.window_end or t.a is not distinct from t.b
group by all
"""


def _changes(operator: str) -> list[str]:
    return [f"{m.before} -> {m.after}" for m in mutants("x", SQL) if m.operator == operator]


def test_comparisons_flip_but_never_inside_another_operator_a_comment_or_a_string():
    assert _changes("comparison") == [">= -> >"]


def test_distinct_is_dropped_but_not_from_is_not_distinct_from():
    assert _changes("distinct") == ["distinct -> (dropped)"]


def test_every_window_date_is_read_as_the_day_after_and_a_select_item_keeps_its_name():
    assert _changes("window") == [
        "w.window_end -> (w.window_end + 1) as window_end",
        "w.window_start -> (w.window_start + 1)",
        "w.window_end -> (w.window_end + 1)",
        "w.window_end -> (w.window_end + 1)",
    ]


def test_join_conditions_swap_and_with_or_but_not_the_and_of_between():
    assert _changes("join") == ["and -> or", "and -> or"]
    swapped = next(m for m in mutants("x", SQL) if m.operator == "join")
    assert "between w.window_start and w.window_end or t.code" in swapped.sql


def test_count_of_a_column_becomes_count_star_and_count_star_counts_the_counted_column():
    assert _changes("count") == ["count(*) -> count(t.child_id)"]
    assert [f"{m.before} -> {m.after}" for m in mutants("x", "select count(t.a) filter (where t.b) from t")] == [
        "count(t.a) -> count(*)"]


def test_a_mutant_names_its_line_and_column():
    flipped = next(m for m in mutants("x", SQL) if m.operator == "comparison")
    assert (flipped.line, flipped.column) == (6, 17)
    assert flipped.description == "comparison at 6:17: >= -> >"


def test_the_cases_kill_a_window_read_a_day_late():
    ind = indicator("cp_new_plans")
    shifted = [m for m in mutants(ind.id, ind.sql()) if m.operator == "window"]
    assert [o.status for o in judge([ind], shifted)] == ["killed", "killed"]


def test_the_cases_kill_counting_a_child_with_two_open_plans_twice():
    ind = indicator("cp_children_at_period_end")
    dropped = [m for m in mutants(ind.id, ind.sql()) if m.operator == "distinct"]
    assert [o.status for o in judge([ind], dropped)] == ["killed"]


def test_the_cases_kill_keeping_a_child_who_left_care_on_the_last_day():
    ind = indicator("cla_long_term_stability_pct")
    kept = [m for m in mutants(ind.id, ind.sql()) if m.description == "comparison at 8:45: > -> >="]
    assert [o.status for o in judge([ind], kept)] == ["killed"]
