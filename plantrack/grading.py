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

from .i18n import N_, _
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


# The grades in words (English msgids): show them with scope_words() / state_words() / match_words()
# or grade_words(), which write the page's language.
SCOPE_WORDS = {
    Scope.PROVINCE: N_("the whole province"), Scope.ALL_NAMED: N_("all the places the target names"),
    Scope.SOME_NAMED: N_("some of the places the target names"), Scope.LOCAL: N_("one city, district, park or firm"),
    Scope.NATIONAL: N_("China as a whole or another province"),
}
STATE_WORDS = {
    State.DONE: N_("done or in operation"), State.UNDER_WAY: N_("under way"), State.PLANNED: N_("planned or announced"),
    State.FRAMING: N_("framing only, no state"), State.MISSED: N_("not achieved or fell short"),
}
MATCH_WORDS = {
    Match.EXACT: N_("the thing the target names"), Match.PART: N_("part of it"),
    Match.NEIGHBOUR: N_("a neighbouring thing"), Match.UNRELATED: N_("unrelated"),
}
NOT_COUNTED_WORDS = N_("read, not counted")


def scope_words(code: str) -> str:
    """A record's scope grade (the code in evidence.csv) in the page's language."""
    return _(SCOPE_WORDS[Scope(code)])


def state_words(code: str) -> str:
    return _(STATE_WORDS[State(code)])


def match_words(code: str) -> str:
    return _(MATCH_WORDS[Match(code)])


def grade_words(scope: str, state: str, match: str) -> str:
    """A record's three grades as one line for readers: 'the whole province; under way; part of it'."""
    return _("{scope}; {state}; {match}").format(scope=scope_words(scope), state=state_words(state), match=match_words(match))


def contribution_words(contribution: "Contribution | str") -> str:
    """What a record counts for in the page's language: a verdict's words, or 'read, not counted'."""
    contribution = Contribution(contribution)
    return _(NOT_COUNTED_WORDS) if contribution == Contribution.NOT_COUNTED else VERDICT_OF[contribution].words


def reason_words(reason: str) -> str:
    """A record rule's reason (the `finding_reason` judge() gives) in the page's language."""
    return _(reason)
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
    RecordRule(N_("the quote was not found at the cited address"), lambda g: g.quote_check == QuoteCheck.NOT_FOUND,
               Contribution.NOT_COUNTED, N_("the quote could not be found in its source")),
    RecordRule(N_("the only copy found alters the characters (a mirror)"), lambda g: g.quote_check == QuoteCheck.ALTERED,
               Contribution.NOT_COUNTED, N_("a copy that alters characters is not a quote")),
    RecordRule(N_("match: unrelated"), lambda g: g.match == Match.UNRELATED,
               Contribution.NOT_COUNTED, N_("it does not bear on the target")),
    RecordRule(N_("match: a neighbouring thing"), lambda g: g.match == Match.NEIGHBOUR,
               Contribution.NOT_COUNTED, N_("it describes a related but different thing")),
    RecordRule(N_("state: framing only"), lambda g: g.state == State.FRAMING,
               Contribution.NOT_COUNTED, N_("it describes no state of the thing")),
    RecordRule(N_("scope: national or another province"), lambda g: g.scope == Scope.NATIONAL,
               Contribution.NOT_COUNTED, N_("it does not describe Zhejiang's own state")),
    RecordRule(N_("state: not achieved or fell short"), lambda g: g.state == State.MISSED,
               Contribution.CONTRADICTED, N_("the source says the thing was not achieved")),
    RecordRule(N_("state: planned or announced"), lambda g: g.state == State.PLANNED,
               Contribution.NOT_YET, N_("a plan or announcement is not a state reached")),
    RecordRule(N_("state: done; match: the thing itself; scope: the province or all the places named"),
               lambda g: g.state == State.DONE and g.match == Match.EXACT and g.scope in FULL_SCOPE,
               Contribution.ACHIEVED, N_("the thing the target names is in place where the target asks")),
    RecordRule(N_("state: done or under way; any other scope or match (part of it, some places, one city)"),
               lambda g: g.state in (State.DONE, State.UNDER_WAY),
               Contribution.PARTLY, N_("only part of the thing, part of the area, or work still under way")),
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
    """The record rules as rows for the methodology page, in the order they are applied, written
    in the page's language (the keys stay as they are)."""
    return [
        {"order": str(n), "when the record's grades are": _(r.condition), "it counts as": contribution_words(r.contribution),
         "because": _(r.reason)}
        for n, r in enumerate(RECORD_RULES, start=1)
    ]
