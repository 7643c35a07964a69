"""Words the book's scripts write into pages (the comment control, the language switch, the
old-edition banner). The Sphinx extension gives each page these words in the page's language,
as JSON, so that the scripts hold no text of their own."""

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
    "language_switch": N_("Read this page in {language}"),
}
LANGUAGE_NAMES = [N_("English"), N_("Chinese")]  # i18n.LANGUAGE's english_name, in the page's language


def script_words(code: str) -> dict[str, str]:
    with language(code):
        return {key: _(text) for key, text in SCRIPT_WORDS.items()}
