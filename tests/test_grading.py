"""The published rule table: every row, and the properties a reviewer relies on."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantrack.grading import (
    RECORD_RULES, Contribution, Grades, Match, QuoteCheck, Scope, State, decide, judge, rule_table,
)

V = QuoteCheck.VERBATIM


@pytest.mark.parametrize("grades, contribution", [
    (Grades(Scope.PROVINCE, State.DONE, Match.EXACT, QuoteCheck.NOT_FOUND), Contribution.NOT_COUNTED),   # row 1
    (Grades(Scope.PROVINCE, State.DONE, Match.EXACT, QuoteCheck.ALTERED), Contribution.NOT_COUNTED),
    (Grades(Scope.PROVINCE, State.DONE, Match.UNRELATED, V), Contribution.NOT_COUNTED),                  # row 2
    (Grades(Scope.PROVINCE, State.DONE, Match.NEIGHBOUR, V), Contribution.NOT_COUNTED),                  # row 3
    (Grades(Scope.PROVINCE, State.FRAMING, Match.EXACT, V), Contribution.NOT_COUNTED),                   # row 4
    (Grades(Scope.NATIONAL, State.DONE, Match.EXACT, V), Contribution.NOT_COUNTED),                      # row 5
    (Grades(Scope.PROVINCE, State.MISSED, Match.EXACT, V), Contribution.CONTRADICTED),                   # row 6
    (Grades(Scope.PROVINCE, State.PLANNED, Match.EXACT, V), Contribution.NOT_YET),                       # row 7
    (Grades(Scope.PROVINCE, State.DONE, Match.EXACT, V), Contribution.ACHIEVED),                         # row 8
    (Grades(Scope.ALL_NAMED, State.DONE, Match.EXACT, QuoteCheck.NOT_IN_STORED_TEXT), Contribution.ACHIEVED),
    (Grades(Scope.LOCAL, State.DONE, Match.EXACT, V), Contribution.PARTLY),                              # row 9
    (Grades(Scope.SOME_NAMED, State.DONE, Match.EXACT, V), Contribution.PARTLY),
    (Grades(Scope.PROVINCE, State.UNDER_WAY, Match.EXACT, V), Contribution.PARTLY),
    (Grades(Scope.PROVINCE, State.DONE, Match.PART, V), Contribution.PARTLY),
])
def test_every_row_of_the_rule_table(grades, contribution):
    assert judge(grades)[0] == contribution


def test_the_rule_table_covers_every_combination_of_grades():
    for combo in itertools.product(Scope, State, Match, QuoteCheck):
        contribution, reason = judge(Grades(*combo))
        assert contribution in Contribution and reason


def test_every_rule_decides_some_combination():
    """No row of the published table is dead: each is the first to apply for some grades."""
    deciding = set()
    for combo in itertools.product(Scope, State, Match, QuoteCheck):
        grades = Grades(*combo)
        deciding.add(next(n for n, rule in enumerate(RECORD_RULES) if rule.applies(grades)))
    assert deciding == set(range(len(RECORD_RULES)))


def test_methodology_table_is_the_rule_table_in_order():
    rows = rule_table()
    assert [r["when the record's grades are"] for r in rows] == [r.condition for r in RECORD_RULES]
    assert rows[0]["it counts as"] == "read, not counted" and rows[-1]["it counts as"] == "partly achieved"


grades_strategy = st.builds(Grades, st.sampled_from(Scope), st.sampled_from(State), st.sampled_from(Match), st.sampled_from(QuoteCheck))
dates = st.builds(lambda y, m: f"{y}-{m:02d}" if m else str(y), st.integers(2014, 2025), st.integers(0, 12))


@given(st.sampled_from(Scope), st.sampled_from(Match), st.sampled_from(QuoteCheck))
def test_planned_work_never_counts_as_achieved(scope, match, check):
    assert judge(Grades(scope, State.PLANNED, match, check))[0] != Contribution.ACHIEVED


@given(st.sampled_from((Scope.LOCAL, Scope.SOME_NAMED, Scope.NATIONAL)), st.sampled_from(State), st.sampled_from(Match), st.sampled_from(QuoteCheck))
def test_a_partial_scope_never_makes_a_target_achieved(scope, state, match, check):
    assert judge(Grades(scope, state, match, check))[0] != Contribution.ACHIEVED


@given(st.lists(st.tuples(dates, grades_strategy), max_size=6), st.lists(st.tuples(dates, grades_strategy), max_size=4),
       st.integers(2015, 2020))
def test_records_describing_a_later_state_never_change_the_deadline_verdict(before, after, deadline):
    early = [(d, judge(g)[0]) for d, g in before if int(d[:4]) <= deadline]
    late = [(d, judge(g)[0]) for d, g in after if int(d[:4]) > deadline]
    assert decide(early, deadline).at_deadline == decide(early + late, deadline).at_deadline


@given(st.lists(st.tuples(dates, grades_strategy), max_size=8), st.integers(2015, 2020))
def test_now_is_never_weaker_than_the_deadline_verdict(records, deadline):
    order = ["achieved", "partly achieved", "contradicted", "not yet", "no evidence"]
    verdict = decide([(d, judge(g)[0]) for d, g in records], deadline)
    assert order.index(verdict.now) <= order.index(verdict.at_deadline)


def test_the_strongest_counted_record_decides_and_names_itself():
    records = [("2016", Contribution.PARTLY), ("2017-03", Contribution.NOT_COUNTED), ("2017-09", Contribution.ACHIEVED),
               ("2019", Contribution.NOT_YET)]
    verdict = decide(records, 2017)
    assert (verdict.at_deadline, verdict.deciding_at_deadline, verdict.first_achieved_year) == ("achieved", 2, 2017)


def test_among_equal_records_the_latest_state_decides():
    verdict = decide([("2016", Contribution.PARTLY), ("2017", Contribution.PARTLY), ("2017-05", Contribution.PARTLY)], 2017)
    assert verdict.deciding_at_deadline == 1  # a bare year stands for its end, after May
