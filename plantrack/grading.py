"""Graded evidence: what one record counts for, and the milestone verdict the records decide.

Each evidence record carries grades a reviewer can check against its quote: the scope it covers,
the state it describes, how it matches the target, and the date of that state. Two tables decide
everything else, and the methodology page prints both from here:

- RECORD_RULES: what a single record counts for (achieved, partly, not yet, contradicted, or
  "read, not counted" with the reason), first matching row wins;
- the verdict rule: the strongest contribution among the counted records whose state is dated
  by the deadline decides the verdict at the deadline; all counted records decide "now".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Callable, Iterable, Optional

from .verdicts import FINDING_VERDICTS, Verdict


class Scope(str, Enum):
    PROVINCE = "province"
    ALL_NAMED = "all_named"
    SOME_NAMED = "some_named"
    LOCAL = "local"
    NATIONAL = "national"


class State(str, Enum):
    DONE = "done"
    UNDER_WAY = "under_way"
    PLANNED = "planned"
    FRAMING = "framing"
    MISSED = "missed"


class Match(str, Enum):
    EXACT = "exact"
    PART = "part"
    NEIGHBOUR = "neighbour"
    UNRELATED = "unrelated"


class QuoteCheck(str, Enum):
    VERBATIM = "verbatim"             # found at the cited address, character for character
    ALTERED = "altered"               # found, but the page as stored has other characters
    NOT_IN_STORED_TEXT = "not_in_stored_text"  # page stored, quote not in its stored opening
    PAGE_NOT_STORED = "page_not_stored"
    NOT_FOUND = "not_found"           # a reader read the whole page and the quote is not there


class Contribution(str, Enum):
    ACHIEVED = "achieved"
    PARTLY = "partly"
    CONTRADICTED = "contradicted"
    NOT_YET = "not_yet"
    NOT_COUNTED = "not_counted"


SCOPE_WORDS = {
    Scope.PROVINCE: "the whole province", Scope.ALL_NAMED: "all the places the target names",
    Scope.SOME_NAMED: "some of the places the target names", Scope.LOCAL: "one city, district, park or firm",
    Scope.NATIONAL: "China as a whole or another province",
}
STATE_WORDS = {
    State.DONE: "done or in operation", State.UNDER_WAY: "under way", State.PLANNED: "planned or announced",
    State.FRAMING: "framing only, no state", State.MISSED: "not achieved or fell short",
}
MATCH_WORDS = {
    Match.EXACT: "the thing the target names", Match.PART: "part of it",
    Match.NEIGHBOUR: "a neighbouring thing", Match.UNRELATED: "unrelated",
}
FULL_SCOPE = (Scope.PROVINCE, Scope.ALL_NAMED)

# Strongest first: the verdict is the strongest contribution among the counted records.
STRENGTH = (Contribution.ACHIEVED, Contribution.PARTLY, Contribution.CONTRADICTED, Contribution.NOT_YET)
VERDICT_OF = {Contribution(finding): verdict for finding, verdict in FINDING_VERDICTS.items()}
NO_EVIDENCE = Verdict.NO_EVIDENCE


@dataclass(frozen=True)
class Grades:
    scope: Scope
    state: State
    match: Match
    quote_check: QuoteCheck


@dataclass(frozen=True)
class RecordRule:
    condition: str          # the row as a reader sees it on the methodology page
    applies: Callable[[Grades], bool]
    contribution: Contribution
    reason: str             # why, in a reader's words


RECORD_RULES: tuple[RecordRule, ...] = (
    RecordRule("the quote was not found at the cited address", lambda g: g.quote_check == QuoteCheck.NOT_FOUND,
               Contribution.NOT_COUNTED, "the quote could not be found in its source"),
    RecordRule("the only copy found alters the characters (a mirror)", lambda g: g.quote_check == QuoteCheck.ALTERED,
               Contribution.NOT_COUNTED, "a copy that alters characters is not a quote"),
    RecordRule("match: unrelated", lambda g: g.match == Match.UNRELATED,
               Contribution.NOT_COUNTED, "it does not bear on the target"),
    RecordRule("match: a neighbouring thing", lambda g: g.match == Match.NEIGHBOUR,
               Contribution.NOT_COUNTED, "it describes a related but different thing"),
    RecordRule("state: framing only", lambda g: g.state == State.FRAMING,
               Contribution.NOT_COUNTED, "it describes no state of the thing"),
    RecordRule("scope: national or another province", lambda g: g.scope == Scope.NATIONAL,
               Contribution.NOT_COUNTED, "it does not describe Zhejiang's own state"),
    RecordRule("state: not achieved or fell short", lambda g: g.state == State.MISSED,
               Contribution.CONTRADICTED, "the source says the thing was not achieved"),
    RecordRule("state: planned or announced", lambda g: g.state == State.PLANNED,
               Contribution.NOT_YET, "a plan or announcement is not a state reached"),
    RecordRule("state: done; match: the thing itself; scope: the province or all the places named",
               lambda g: g.state == State.DONE and g.match == Match.EXACT and g.scope in FULL_SCOPE,
               Contribution.ACHIEVED, "the thing the target names is in place where the target asks"),
    RecordRule("state: done or under way; any other scope or match (part of it, some places, one city)",
               lambda g: g.state in (State.DONE, State.UNDER_WAY),
               Contribution.PARTLY, "only part of the thing, part of the area, or work still under way"),
)


def judge(grades: Grades) -> tuple[Contribution, str]:
    """What one record counts for, and the reason (the first rule that applies)."""
    for rule in RECORD_RULES:
        if rule.applies(grades):
            return rule.contribution, rule.reason
    raise AssertionError(f"no rule applies to {grades}")  # the last rule covers every counted state


def year_of(date: str) -> int:
    return int(date[:4])


def _descending(date: str) -> tuple[int, ...]:
    """Sort key that puts later dates first; a bare year stands for its end, so 2017 > 2017-05."""
    parts = [int(p) for p in date.split("-")] + [99, 99]
    return tuple(-p for p in parts[:3])


@dataclass(frozen=True)
class MilestoneVerdict:
    at_deadline: Verdict
    now: Verdict
    deciding_at_deadline: Optional[int]   # index of the record that decided, in the given order
    deciding_now: Optional[int]
    first_achieved_year: Optional[int]


def decide(records: Iterable[tuple[str, Contribution]], deadline: int) -> MilestoneVerdict:
    """The verdict at the deadline and now from (state date, contribution) pairs.

    Only counted records decide. A record whose state is dated after the deadline year informs
    only "now"; the strongest contribution wins, and among equals the latest state date.
    """
    counted = [(i, date, c) for i, (date, c) in enumerate(records) if c != Contribution.NOT_COUNTED]

    def strongest(candidates):
        if not candidates:
            return NO_EVIDENCE, None
        best = min(candidates, key=lambda t: (STRENGTH.index(t[2]), _descending(t[1])))
        return VERDICT_OF[best[2]], best[0]

    at_deadline, by_deadline = strongest([t for t in counted if year_of(t[1]) <= deadline])
    now, by_now = strongest(counted)
    achieved_years = [year_of(d) for _, d, c in counted if c == Contribution.ACHIEVED]
    return MilestoneVerdict(at_deadline, now, by_deadline, by_now, min(achieved_years) if achieved_years else None)


def rule_table() -> list[dict[str, str]]:
    """The record rules as rows for the methodology page, in the order they are applied."""
    return [
        {"order": str(n), "when the record's grades are": r.condition,
         "it counts as": "read, not counted" if r.contribution == Contribution.NOT_COUNTED else VERDICT_OF[r.contribution],
         "because": r.reason}
        for n, r in enumerate(RECORD_RULES, start=1)
    ]
