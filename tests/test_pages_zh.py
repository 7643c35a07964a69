"""The Chinese of the authored pages (book/*.md, pages/*.md, the notebooks' markdown cells), as
the real catalogue gives it: the same structure as the English (headings per level, list markers,
table shapes), the same link targets, inline code, Jinja placeholders and MyST roles, and no
English sentence left untranslated."""

import re
from collections import Counter

import pytest

from plantrack.catalogue import ROOT, authored_markdown
from plantrack.i18n import language, markdown_blocks, translate_markdown
from plantrack.verdicts import Group, Verdict

PAGES = authored_markdown()
IDS = [f"{path.relative_to(ROOT)}" + (f"#cell{sum(p == path for p, _ in PAGES[:n])}" if path.suffix == ".md" and path.parent.name == "notebooks" else "")
       for n, (path, _text) in enumerate(PAGES)]  # a notebook's markdown cells by their order


def chinese(path, text) -> str:
    return translate_markdown(text, "zh", str(path.relative_to(ROOT)))


def prose(text: str) -> str:
    """The page without its front matter and fenced code (formulas are not messages)."""
    return "".join(part for translatable, part in markdown_blocks(text)
                   if translatable or not part.lstrip().startswith(("---", "```", "~~~")))


CODE = re.compile(r"(`+)(.+?)\1", re.S)
PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
ROLE = re.compile(r"\{([\w:.-]+)\}`")
LINK_TARGETS = (re.compile(r"\]\(([^)\s]*)\)"), re.compile(r"<(https?://[^>\s]+)>"), re.compile(r"""href=["']([^"']+)["']"""))
HEADING = re.compile(r"^(#{1,6})\s", re.M)
LIST_MARKER = re.compile(r"^(\s*)([-*+]|\d+\.)\s", re.M)


def shape(text: str) -> dict:
    body = prose(text)
    return {
        "headings per level": Counter(len(m.group(1)) for m in HEADING.finditer(body)),
        "list markers": [m.group(2) for m in LIST_MARKER.finditer(body)],
        "tables (rows, columns)": [(len(block.splitlines()), block.splitlines()[0].count("|"))
                                   for translatable, block in markdown_blocks(text)
                                   if translatable and block.startswith("|")],
        "link targets": sorted(t for pattern in LINK_TARGETS for t in pattern.findall(body)),
        "inline code": Counter(m.group(0) for m in CODE.finditer(body)),
        "placeholders": Counter(PLACEHOLDER.findall(text)),
        "roles": Counter(ROLE.findall(body)),
    }


def without_english_column(block: str) -> str:
    """A table with a column headed 'English' (the glossary) keeps that column in English on
    purpose: it is left out of the search for untranslated sentences."""
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in block.splitlines()]
    if "English" not in rows[0]:
        return block
    column = rows[0].index("English")
    return "\n".join(" | ".join(cell for k, cell in enumerate(row) if k != column) for row in rows)


ENGLISH_RUN = re.compile(r"(?:[A-Za-z][A-Za-z'’-]*[\s,;:.!?\"“”()]+){5}[A-Za-z][A-Za-z'’-]*")


def english_sentences(text: str) -> list[str]:
    """Runs of six or more ASCII words outside code spans, link targets, tags and placeholders."""
    found = []
    for translatable, block in markdown_blocks(text):
        if not translatable:
            continue
        if block.startswith("|"):
            block = without_english_column(block)
        block = CODE.sub(" ", block)
        block = PLACEHOLDER.sub(" ", block)
        block = re.sub(r"\]\([^)]*\)", "] ", block)
        block = re.sub(r"<[^>]+>", " ", block)
        found += ENGLISH_RUN.findall(block)
    return found


def test_the_untranslated_english_check_finds_english_and_passes_chinese():
    assert english_sentences("A sentence that was left in English.\n")
    assert not english_sentences("运行`make book EDITION=2026.12 and other words here`，详见[方法说明](methodology.md)。\n")
    assert not english_sentences("| 中文 | English | 说明 |\n|---|---|---|\n| 左右 | about the size of a thing here | 限定词。 |")


@pytest.mark.parametrize("index", range(len(PAGES)), ids=IDS)
def test_the_chinese_page_keeps_the_structure_links_code_and_placeholders(index):
    path, text = PAGES[index]
    english, zh = shape(text), shape(chinese(path, text))
    for key in english:
        assert zh[key] == english[key], f"{IDS[index]}: {key} differ"


@pytest.mark.parametrize("index", range(len(PAGES)), ids=IDS)
def test_the_chinese_page_has_no_untranslated_english_sentence(index):
    path, text = PAGES[index]
    zh = chinese(path, text)
    assert re.search(r"[\u4e00-\u9fff]", prose(zh)), f"{IDS[index]}: no Chinese at all"
    assert not english_sentences(zh), f"{IDS[index]}: {english_sentences(zh)[:3]}"


def test_emphasised_verdict_words_are_the_badges_chinese_words():
    """*not measurable*, *no evidence*, *borderline*... read as the badges read on a Chinese page,
    as often as in English; the how-to-read page names the four groups as the scoreboard does."""
    english = "".join(text for _path, text in PAGES)
    zh = "".join(chinese(path, text) for path, text in PAGES)
    used = 0
    for verdict in Verdict:
        with language("zh"):
            word = verdict.words
        count = english.count(f"*{verdict.value}*")
        used += count
        assert zh.count(f"*{word}*") == count, f"*{verdict.value}* -> *{word}*"
    assert used >= 5
    how_to_read = next(chinese(path, text) for path, text in PAGES if path.name == "how-to-read.md")
    with language("zh"):
        labels = [group.label for group in Group]
    assert labels[0] == "达标或已完成"
    for label in labels:
        assert f"*{label}*" in how_to_read


def test_the_glossary_is_a_glossary_for_a_chinese_reader():
    path, text = next((p, t) for p, t in PAGES if p.name == "glossary.md")
    table = lambda page: next(b for t, b in markdown_blocks(page) if t and b.startswith("|"))
    rows = lambda block: [[c.strip() for c in line.strip().strip("|").split("|")] for line in block.splitlines()]
    english, zh = rows(table(text)), rows(table(chinese(path, text)))
    assert zh[0] == ["中文", "English", "说明"]
    # every term, with its English marked as English for screen readers
    assert [[r[0], f'<span lang="en">{r[1]}</span>'] for r in english[2:]] == [r[:2] for r in zh[2:]]
    for (term, _en, note_en), (_t, _e, note_zh) in zip(english[2:], zh[2:]):
        assert bool(note_zh) == bool(note_en), term
        assert not note_zh or re.search(r"[\u4e00-\u9fff]", note_zh.replace(term, "")), term
    notes = {r[0]: r[2] for r in zh[2:]}
    assert notes["规模以上工业企业"] == "年营业收入2000万元及以上。"  # Chinese units, no space


def test_the_front_page_reads_as_a_chinese_report():
    cells = [(p, t) for p, t in PAGES if p.name == "overview.md"]
    opening = chinese(*cells[0])
    assert opening.startswith("# 浙江省“互联网+”行动计划")
    assert "《浙江省“互联网+”行动计划》（浙政发〔2016〕2号）" in opening and "2016年1月" in opening
    headings = [line for p, t in cells for line in chinese(p, t).splitlines() if line.startswith("## ")]
    assert "## 主要结论" in headings and "## 目标完成情况统计" in headings
