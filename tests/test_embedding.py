"""Data text inside <script> blocks: whatever a field holds, it cannot end the block, comment it
out or cut the page. Planted in every text field a page shows, the chapter's sections and charts
all survive, and the chart data decodes to the planted text unchanged."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from plantrack import chapter, pages
from plantrack.embed import script_json

from helpers import read_csv, write_csv

PLANT = "</script><!--<script>]]><![CDATA[\u2028\u2029&amp;<b>x</b></SCRIPT >"
YAML_FIELDS = {  # English prose and its Chinese (`_zh`) are planted together: neither may be there alone
    "areas.yaml": ("title_zh", "title_en", "description", "description_zh", "agencies_note", "agencies_note_zh"),
    "indicators.yaml": ("name_zh", "name_en", "definition", "definition_zh", "publisher", "caveats", "caveats_zh"),
    "targets.yaml": ("wording_zh", "wording_en", "proxy", "proxy_zh", "deadline_note", "deadline_note_zh"),
}
CSV_FIELDS = {
    "sources.csv": ("publisher", "original_publisher", "title"),
    "observations.csv": ("quote", "note"),  # a quote keeps its value: the plant is appended
    "evidence.csv": ("summary", "quote"),
    "searches.csv": ("query",),
}
AREAS = ("commerce", "governance")


def plant_everywhere(data_dir: Path) -> None:
    for name, fields in YAML_FIELDS.items():
        path = data_dir / name
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in entries:
            for field in fields:
                entry[field] = f"{entry.get(field) or ''} {PLANT}".strip()
        path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for name, fields in CSV_FIELDS.items():
        rows = read_csv(data_dir / name)
        for row in rows:
            for field in fields:
                row[field] = f"{row[field]} {PLANT}".strip()
        write_csv(data_dir / name, rows)


class Page(HTMLParser):
    """Scripts, chart placeholders, target sections and the end marker, as a parser sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts, self.charts, self.sections, self.ended = [], 0, [], False
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        elif tag == "div" and "tracker-chart" in (attrs.get("class") or ""):
            self.charts += 1
        elif tag == "h2" and "target-title" in (attrs.get("class") or ""):
            self.sections.append(attrs["id"])
        elif tag == "p" and attrs.get("id") == "page-end":
            self.ended = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def html_of(shown) -> str:
    if hasattr(shown, "to_dict"):  # an altair chart, rendered by the book's renderer
        bundle = shown._repr_mimebundle_()
        bundle = bundle[0] if isinstance(bundle, tuple) else bundle
        return bundle["text/html"]
    return shown if isinstance(shown, str) else shown.data


@pytest.fixture
def planted_page(data_dir, tmp_path, monkeypatch):
    plant_everywhere(data_dir)
    shown = []
    monkeypatch.setattr(chapter, "display", lambda *objects: shown.extend(objects))
    report = chapter.open_report(str(data_dir), "2026.1", 2026, str(tmp_path / "downloads"))
    for area in AREAS:
        shown += [chapter.area_context(report, area), chapter.summary_table(report, area)]
        chapter.show_area(report, area)
    shown += [chapter.overview_table(report), pages.bibliography(report.dataset), pages.coverage(report.dataset)]
    chapter.show_scoreboard(report)
    # every chart is embedded by its figure's HTML, as a div and the script that draws into it
    charts = sum(html_of(s).count("window.vegaEmbed(el,spec") for s in shown)
    html = "<!DOCTYPE html><html><body>" + "\n".join(html_of(s) for s in shown) + '<p id="page-end">end</p></body></html>'
    return report, html, charts


def test_every_section_and_chart_survives_planted_text(planted_page):
    report, html, charts = planted_page
    page = Page()
    page.feed(html)
    page.close()
    targets = [t.id for area in AREAS for t in report.dataset.registry.targets_of(area)]
    assert page.sections == targets
    assert charts >= 3 and page.charts == charts
    assert len(page.scripts) == charts  # each chart's script is whole: none ended early, none swallowed
    assert page.ended


def test_no_script_can_be_ended_or_commented_out_and_the_data_is_unchanged(planted_page):
    _, html, _ = planted_page
    page = Page()
    page.feed(html)
    titles = []
    for script in page.scripts:
        # the only ways out of a script block (HTML spec, script data states): '</script', and
        # '<!--' then '<script' which makes the tokenizer skip past the block's real end
        assert not re.search(r"<!--|<script|</script|\u2028|\u2029", script, re.I), script[:200]
        spec = json.loads(script[script.index("})(") + 3:script.rindex(");")])
        titles.append(json.dumps(spec, ensure_ascii=False))
    assert any(PLANT in text for text in titles)  # the chart titles and tooltips hold the text exactly


@pytest.mark.parametrize("value", [PLANT, {"a": [PLANT, 1.5, None]}, "plain", "a\\b<c\u2028"])
def test_script_json_is_the_same_json_with_nothing_html_can_read_as_markup(value):
    for ensure_ascii in (True, False):
        text = script_json(value, ensure_ascii=ensure_ascii)
        assert json.loads(text) == value
        assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
