"""Words the book's scripts write into pages (the comment control, the language switch, the
old-edition banner, the keyboard readout of a chart's points). The Sphinx extension gives each
page these words in the page's language, as JSON, so that the scripts hold no text of their own."""

from __future__ import annotations

from .i18n import N_, _, language

SCRIPT_WORDS = {
    "comment": N_("Comment"),
    "comments_on": N_("Comments on"),
    "comment_title": N_("Load the Hypothesis comment layer from its own site to comment on this page"),
    "banner_intro": N_("This is documentation for "),
    "banner_old": N_("an old edition ({edition})"),
    "banner_unknown": N_("an unknown edition"),
    "banner_switch": N_("Switch to the latest edition"),
    # a chart's points by keyboard (chart-keys.js): the hint shown while a chart has focus, the readout
    "chart_keys": N_("Press → or ← to step through the points, Home or End for the first or the last, Esc to clear."),
    "chart_point": N_("Point {n} of {total}"),
    "chart_field": N_("{label}: {value}"),
}
LANGUAGE_SWITCH_TITLE = N_("Read this page in {language}")  # the language switch's title, written by the Sphinx extension
LANGUAGE_NAMES = [N_("English"), N_("Chinese")]  # i18n.LANGUAGE's english_name, in the page's language


def script_words(code: str) -> dict[str, str]:
    with language(code):
        return {key: _(text) for key, text in SCRIPT_WORDS.items()}
