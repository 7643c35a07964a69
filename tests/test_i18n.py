"""The two languages: the catalogue is complete, markdown is translated block by block, a
display carries both languages, and data text is never shown in the wrong language."""

import pytest

from plantrack import catalogue, i18n
from plantrack.i18n import Bilingual, MissingTranslation, language, local, markdown_blocks, translate_markdown


def test_every_message_a_reader_sees_has_a_chinese_entry():
    missing = catalogue.gaps("zh")
    assert not missing, f"{len(missing)} message(s) without Chinese (run `python -m plantrack.catalogue gaps`), first: " + \
        "; ".join(f"{m.where} {m.id[:60]!r}" for m in missing[:5])


PAGE = """---
title: x
---

# A heading

A paragraph that runs
over two lines with `code`.

- one item
- another item,
  continued

```text
code stays = as it is
```

:::{note}
:class: dropdown
A note's body.
:::

{{ body }}
(a-label)=
| a | b |
|---|---|
| 1 | 2 |
"""


def test_markdown_blocks_give_back_the_text_and_keep_code_and_placeholders():
    blocks = markdown_blocks(PAGE)
    assert "".join(b for _, b in blocks) == PAGE
    translatable = [b for t, b in blocks if t]
    assert translatable == ["# A heading", "A paragraph that runs\nover two lines with `code`.", "- one item",
                            "- another item,\n  continued", "A note's body.", "| a | b |\n|---|---|\n| 1 | 2 |"]
    kept = "".join(b for t, b in blocks if not t)
    assert "code stays = as it is" in kept and "{{ body }}" in kept and ":class: dropdown" in kept and "title: x" in kept


def test_translate_markdown_replaces_each_block_and_names_a_missing_one(monkeypatch):
    table = {"# A heading": "# 标题", "A paragraph.": "一段。"}
    monkeypatch.setattr(i18n, "catalogue", lambda code: table)
    assert translate_markdown("# A heading\n\nA paragraph.\n", "zh") == "# 标题\n\n一段。\n"
    assert translate_markdown("# A heading\n", "en") == "# A heading\n"
    with pytest.raises(MissingTranslation, match=r"page\.md.*Untranslated"):
        translate_markdown("# A heading\n\nUntranslated.\n", "zh", "page.md")


def test_a_display_carries_every_language_and_english_is_the_default(monkeypatch):
    monkeypatch.setattr(i18n, "catalogue", lambda code: {"Verdict": "结论"})
    shown = Bilingual(lambda: i18n._("Verdict"))
    assert shown.data == "Verdict" and shown.in_language("zh") == "结论"
    assert shown._repr_mimebundle_() == {"text/html": "Verdict", "application/vnd.plantrack.zh+html": "结论"}
    assert i18n.current() == "en"


def test_gettext_refuses_a_message_without_chinese(monkeypatch):
    monkeypatch.setattr(i18n, "catalogue", lambda code: {})
    with language("zh"), pytest.raises(MissingTranslation, match="Not translated"):
        i18n._("Not translated")


def test_data_text_in_the_page_language():
    entry = {"id": "t1", "wording_en": "Build it.", "wording_zh": "建设。", "caveats": "Only part.", "caveats_zh": "",
             "note": None}
    assert local(entry, "wording") == "Build it."
    with language("zh"):
        assert local(entry, "wording") == "建设。"
        assert local(entry, "note") is None  # nothing in English, nothing to translate
        with pytest.raises(MissingTranslation, match="t1: no caveats_zh"):
            local(entry, "caveats")


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="expected one of en, zh"):
        with language("fr"):
            pass


def test_chinese_entries_use_full_width_punctuation():
    """Chinese text is punctuated as Chinese publications are: ,:;() between Chinese characters."""
    import re

    table = i18n.catalogue("zh")
    wrong = [text for text in table.values() if re.search(r"[\u4e00-\u9fff][,:;()?!]|[,:;(?!][\u4e00-\u9fff]", text)]
    assert not wrong, wrong[:5]


def test_each_message_has_one_entry_in_the_whole_catalogue():
    """A message translated in two .po files could be shown in two ways; it belongs to the domain
    where it is first found."""
    from babel.messages.pofile import read_po

    files = {}
    for path in sorted((i18n.LOCALE_DIR / "zh_CN" / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle):
                if message.id:
                    files.setdefault((message.context, str(message.id)), []).append(path.name)
    assert not {key: names for key, names in files.items() if len(names) > 1}


def test_the_catalogue_holds_no_message_that_is_no_longer_shown():
    """An entry whose English is gone from the code and the pages is a stale translation: a
    changed English sentence must get its Chinese again, not keep the old one unseen."""
    shown = {m.key for m in catalogue.messages()}
    assert [key for key in i18n.catalogue("zh") if key not in shown] == []
