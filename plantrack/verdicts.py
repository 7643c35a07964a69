"""The verdict vocabulary, in one place: every word a verdict or a status can take, the group it
counts in on the scoreboard, and the verdict each evidence finding gives."""

from __future__ import annotations

from enum import StrEnum

from .i18n import N_, _


class Group(StrEnum):
    """The four groups of the scoreboard; the value is the CSS class suffix."""
    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"

    @property
    def members(self) -> list["Verdict"]:
        """The verdict words this group counts, as the badges write them."""
        return [v for v in Verdict if v.group is self]

    @property
    def label(self) -> str:
        """The group in the badges' own words, in the page's language: 'met or achieved',
        'not met, not yet or contradicted'."""
        from .words import in_words_or

        return in_words_or([v.words for v in self.members])

    @property
    def meaning(self) -> str:
        return _(GROUP_MEANINGS[self])


class Verdict(StrEnum):
    """A verdict at the deadline or a status now. Quantified targets are met, borderline or not
    met (not measurable without a figure); milestones are judged on evidence records."""
    MET = "met"
    BORDERLINE = "borderline"
    NOT_MET = "not met"
    NOT_MEASURABLE = "not measurable"
    ACHIEVED = "achieved"
    PARTLY_ACHIEVED = "partly achieved"
    NOT_YET = "not yet"
    CONTRADICTED = "contradicted"
    NO_EVIDENCE = "no evidence"
    UNKNOWN = "unknown"  # the status now of a target with no figure and no evidence

    @property
    def group(self) -> Group:
        return _GROUPS[self]

    @property
    def words(self) -> str:
        """The verdict as the page's language writes it (the value is the code kept in the data)."""
        return _(self.value)

    @property
    def is_met(self) -> bool:
        return self.group is Group.MET


_GROUPS = {
    Verdict.MET: Group.MET, Verdict.ACHIEVED: Group.MET,
    Verdict.BORDERLINE: Group.PARTLY, Verdict.PARTLY_ACHIEVED: Group.PARTLY,
    Verdict.NOT_MET: Group.NOT_MET, Verdict.NOT_YET: Group.NOT_MET, Verdict.CONTRADICTED: Group.NOT_MET,
    Verdict.NOT_MEASURABLE: Group.UNKNOWN, Verdict.NO_EVIDENCE: Group.UNKNOWN, Verdict.UNKNOWN: Group.UNKNOWN,
}

VERDICT_WORDS = [N_("met"), N_("borderline"), N_("not met"), N_("not measurable"), N_("achieved"), N_("partly achieved"),
                 N_("not yet"), N_("contradicted"), N_("no evidence"), N_("unknown")]  # the values of Verdict, for the catalogue

GROUP_MEANINGS = {
    Group.MET: N_("the figure reached the target, or the evidence shows the milestone done"),
    Group.PARTLY: N_("too close to call, or the milestone only partly done"),
    Group.NOT_MET: N_("the figure fell short, or the evidence shows the milestone not done"),
    Group.UNKNOWN: N_("the public record searched gives no answer: a gap in the record, not a failure of the plan"),
}

# What a counted evidence record counts for (grading.RECORD_RULES) and the verdict it gives a milestone.
FINDING_VERDICTS = {"achieved": Verdict.ACHIEVED, "partly": Verdict.PARTLY_ACHIEVED, "not_yet": Verdict.NOT_YET,
                    "contradicted": Verdict.CONTRADICTED}


def verdict_group(word: str) -> Group:
    return Verdict(word).group
