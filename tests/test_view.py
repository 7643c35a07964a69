"""What a target's section shows (view.py), the HTML its templates make of it, and the pages laid
out from data at assemble time."""

from __future__ import annotations

import re

import pytest

from plantrack.assess import assess_all, assess_targets
from plantrack.dataset import load_dataset
from plantrack.html import render
from plantrack.pages import lay_out_pages
from plantrack.view import target_view

from conftest import FIXTURE, PLANTED
from helpers import append_csv, edit_yaml, only_issue


@pytest.fixture(scope="module")
def fixture():
    dataset = load_dataset(FIXTURE)
    return dataset, assess_targets(dataset, 2026)


def view_of(fixture, target_id: str, as_of_year: int = 2026):
    dataset, assessments = fixture
    return target_view(dataset, dataset.registry.targets[target_id], assessments[target_id], as_of_year)


def test_a_target_with_national_context_shows_both_series_and_the_share(fixture):
    view = view_of(fixture, "com-sales")
    assert sorted(set(view.own.figures["year"])) == [2015, 2016, 2017, 2018]
    assert [(s.indicator.id, list(s.figures["period"])) for s in view.context] == [("cn_sales", ["2015", "2017"])]
    # 7611 / 38773 = 19.6%; 1.3 trillion = 13000 亿 / 71751 = 18.1%
    assert view.shares == "Online sales (fixture) as a share of National online sales (fixture): 2015: 19.6%, 2017: 18.1%."
    assert view.baseline == "761.1 billion yuan in 2015"


def test_the_download_holds_every_figure_shown_with_its_source_address(fixture):
    download = view_of(fixture, "com-sales").download
    assert list(download.columns[:2]) == ["target_id", "indicator_id"] and "hollow" not in download.columns
    assert [(r.indicator_id, r.period, r.url) for r in download.itertuples()] == [
        ("cn_sales", "2015", "http://127.0.0.1/fixture/2015"), ("cn_sales", "2017", "http://127.0.0.1/fixture/2017"),
        ("sales", "2015", "http://127.0.0.1/fixture/2015"), ("sales", "2016", "http://127.0.0.1/fixture/2017"),
        ("sales", "2017", "http://127.0.0.1/fixture/2017"), ("sales", "2018", "http://127.0.0.1/fixture/news")]


def test_figures_after_the_as_of_year_are_left_out_everywhere(fixture):
    view = view_of(fixture, "com-sales", as_of_year=2016)
    assert sorted(set(view.own.figures["year"])) == [2015, 2016]
    assert set(view.download["year"]) == {2015, 2016}
    assert view.shares.endswith("2015: 19.6%.")


def test_a_milestone_shows_its_evidence_and_no_figures(fixture):
    view = view_of(fixture, "gov-cloud")
    assert view.own is None and view.download.empty
    assert view.facts == [("Why this verdict", "decided by the record describing 2017-06"), ("Data-quality notes", "not only official sources")]
    assert [(e["date"], e["counted"], e["verdict"], e["decides"]) for e in view.evidence] == [("2017-06", True, "achieved", "at the deadline and now")]
    assert view.evidence[0]["grades"] == "the whole province; done or in operation; the thing the target names"


def test_templates_escape_text_from_data(data_dir):
    edit_yaml(data_dir / "targets.yaml", 0, wording_en="Sales " + PLANTED, proxy=PLANTED)
    dataset = load_dataset(data_dir)
    target = dataset.registry.targets["com-sales"]
    view = target_view(dataset, target, assess_targets(dataset, 2026)["com-sales"], 2026)
    html = render("target_head.html", view=view) + render("summary_table.html", targets=[(target, view.assessment)])
    assert PLANTED not in html
    assert html.count("&lt;script&gt;window.PLANTED=1&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;") == 3
    assert '<span class="verdict verdict-met">met</span>' in html


def laid_out(data_dir):
    dataset = load_dataset(data_dir)
    return lay_out_pages(dataset, assess_all(dataset, 2026), "2026.1", "", None)


def test_laid_out_pages_hold_their_prose_and_one_unbroken_block_of_html(data_dir):
    pages = laid_out(data_dir)
    assert sorted(pages) == ["changes", "coverage", "methodology", "sources"]
    for name, text in pages.items():
        html = [block for block in text.split("\n\n") if block.startswith("<")]
        # a blank line inside would end MyST's raw HTML block and show the rest as text; the
        # methodology page has two tables (the evidence rules and the thresholds)
        assert len(html) == (2 if name == "methodology" else 1), name
        assert all(block.rstrip().endswith("</table>") for block in html if block.startswith("<table")), name
    assert pages["methodology"].count("95% confidence interval") == 2  # the prose and the table, from one constant
    assert "ratio ≥ 0.95" in pages["methodology"]
    assert "Edition 2026.1 is the first edition" in pages["changes"]
    assert "5 quantified targets" not in pages["coverage"] and "3 quantified targets" in pages["coverage"]


def test_sources_page_lists_every_source_with_its_count_and_escapes_it(data_dir):
    append_csv(data_dir / "sources.csv", source_id="fx-planted", publisher="Paper " + PLANTED, title=PLANTED,
               url="http://127.0.0.1/planted", published="2020-01", accessed="2026-11-28", kind="news", language="zh")
    page = laid_out(data_dir)["sources"]
    for source_id in load_dataset(data_dir).sources["source_id"]:
        assert f'<code id="src-{source_id}">{source_id}</code>' in page
    assert PLANTED not in page
    # fx-bulletin-2017: five figures and no evidence
    assert '<code id="src-fx-bulletin-2017">fx-bulletin-2017</code></td>' in page
    row = page.split('id="src-fx-bulletin-2017"')[1].split("</tr>")[0]
    assert row.endswith("<td>5</td>")


def test_a_renamed_target_keeps_its_old_anchor(data_dir):
    edit_yaml(data_dir / "targets.yaml", 0, former_ids=["com-sales-old"])
    dataset = load_dataset(data_dir)
    target = dataset.registry.targets["com-sales"]
    html = render("target_head.html", view=target_view(dataset, target, assess_targets(dataset, 2026)["com-sales"], 2026))
    assert '<span id="com-sales-old" class="former-id"></span>' in html and 'id="com-sales"' in html
    assert "(formerly <code>com-sales-old</code>)" in html


def test_a_former_id_that_another_target_uses_is_refused(data_dir):
    edit_yaml(data_dir / "targets.yaml", 0, former_ids=["com-villages"])
    issue = only_issue(data_dir)
    assert (issue.file, issue.field, issue.value) == ("targets.yaml", "former_ids", "com-villages")


def test_sources_page_counts_sources_by_kind_and_the_official_share(data_dir):
    page = laid_out(data_dir)["sources"]
    # fixture: two statistics bulletins and one repost; 9 of 10 figures from the bulletins
    assert "Sources by kind: 2 official statistics, 0 government release, 0 news, 1 repost." in page
    assert "Of the 10 figures, 9 (90%) come from official sources" in page and "of the 1 evidence records, 0 (0%)" in page


@pytest.mark.slow  # every real chapter: in `make test`, not `make check`
def test_chapters_and_the_coverage_page_count_the_same_searches():
    from plantrack.coverage import coverage_table
    from conftest import ROOT

    dataset = load_dataset(ROOT / "data")
    assessments = assess_targets(dataset, 2026)
    counted = coverage_table(dataset).set_index("target_id")["searches"]
    for target in dataset.registry.targets.values():
        view = target_view(dataset, target, assessments[target.id], 2026)
        assert len(view.searches) == counted[target.id], target.id


@pytest.mark.slow  # every real chapter: in `make test`, not `make check`
def test_real_chapters_print_words_not_codes(tmp_path, monkeypatch):
    """The real data's chapters: no raw qualifier or search codes, plurals that agree, no
    placeholder titles, English queries not marked as Chinese."""
    import re
    from plantrack import chapter
    from conftest import ROOT

    shown = []
    monkeypatch.setattr(chapter, "display", lambda *objects: shown.extend(objects))
    report = chapter.open_report(str(ROOT / "data"), "2026.1", 2026, str(tmp_path / "downloads"))
    for area in report.dataset.registry.areas:
        shown += [chapter.area_context(report, area), chapter.summary_table(report, area), chapter.search_log(report, area)]
        chapter.show_area(report, area)
    html = re.sub(r"<script>.*?</script>", "", "\n".join(s.data for s in shown), flags=re.S)  # what a reader sees
    for raw in ("more_than", "at_least", "(descriptive title)", "[title not in excerpt", "no title in excerpt", "zh-hans,", "(s)"):
        assert raw not in html, raw
    collections = re.findall(r"The searches were made in (.*?)(?:, and each query|; the)", html)
    from plantrack.words import CORPUS_WORDS

    for named in collections:  # every collection in words, nothing but words
        for words in sorted(CORPUS_WORDS.values(), key=len, reverse=True):
            named = named.replace(words, "")
        assert re.fullmatch(r"(, | and )*", named), named
    assert len(collections) >= 10
    assert "in the files of public code repositories (searched for an exact string), found" in html  # each query names its collection
    assert not re.search(r"\b1 (queries|records|figures|targets)\b", html)
    assert not re.search(r'<span lang="zh[^"]*">[A-Za-z][a-z]+ [a-z]+ [a-z]+', html)  # English words marked as Chinese
    assert html.count('class="searches"') >= 20 and "untitled page" in html


# --------------------------------------------------------------------------- quotes that are table rows

Q = re.compile(r"<q[^>]*>(.*?)</q>", re.S)


def shown_quotes(view, figures) -> list[str]:
    """Every quote a reader sees of a section: the sources list, the evidence, and each figure's
    Sources tab and tooltips (the chart's data)."""
    from plantrack.chapter import figure_html

    html = render("sources.html", view=view) + render("evidence.html", view=view) + "".join(figure_html(f) for f in figures)
    tooltips = [r["quote"] for f in figures if f.spec for data in f.spec["datasets"].values() for r in data if r.get("quote")]
    return Q.findall(html) + tooltips


def test_a_quote_kept_as_a_table_row_s_markup_is_shown_as_the_row_s_text(data_dir):
    """A snapshot of an HTML bulletin keeps the row's markup as its quote (the data keeps it so);
    readers see the cells' text."""
    import shutil

    from plantrack import chapter, i18n
    from conftest import ROOT
    from helpers import append_yaml

    shutil.copytree(ROOT / "tests" / "fixtures" / "snapshot-bulletin", data_dir / "snapshots")
    append_yaml(data_dir / "indicators.yaml", {"id": "fx_rd", "name_zh": "研发经费", "name_en": "R&D spending", "unit": "亿元",
                                               "definition": "Fixture.", "definition_zh": "测试。", "publisher": "国家统计局"})
    append_yaml(data_dir / "indicators.yaml", {"id": "fx_rd_intensity", "name_zh": "研发强度", "name_en": "R&D intensity", "unit": "%",
                                               "definition": "Fixture.", "definition_zh": "测试。", "publisher": "国家统计局"})
    edit_yaml(data_dir / "targets.yaml", 0, context=["cn_sales", "fx_rd"])
    dataset = load_dataset(data_dir)
    report = chapter.Report(dataset, assess_targets(dataset, 2026), "2026.1", 2026, data_dir / "downloads")
    view = target_view(dataset, dataset.registry.targets["com-sales"], report.assessments["com-sales"], 2026)
    assert any(q.startswith("<tr") for q in dataset.observations["quote"])  # the data keeps the markup
    assert view.download["quote"].str.startswith("<tr").any()  # and so does the download
    for code in i18n.LANGUAGES:
        with i18n.language(code):
            quotes = shown_quotes(view, chapter.figures_in_every_language(report, view)[code])
        assert "浙\u3000江 | 100.0 | 2.50" in quotes, code
        assert not [q for q in quotes if "<" in q or "style=" in q or "&lt;" in q], code


@pytest.mark.slow  # every real chapter: in `make test`, not `make check`
def test_no_real_quote_is_shown_as_markup():
    from plantrack import chapter, i18n
    from conftest import ROOT

    report = chapter.open_report(str(ROOT / "data"), "2026.1", 2026, "/nonexistent")
    rows = 0
    for target in report.dataset.registry.targets.values():
        view = target_view(report.dataset, target, report.assessments[target.id], 2026)
        figures = chapter.figures_in_every_language(report, view)
        for code in i18n.LANGUAGES:
            with i18n.language(code):
                quotes = shown_quotes(view, figures[code])
            assert not [q for q in quotes if "<" in q or "style=" in q or "&lt;" in q], (target.id, code)
            rows += sum(" | " in q for q in quotes)
    assert rows >= 12  # the R&D bulletins' rows, in the chart's tooltips and sources and in the sources list


# --------------------------------------------------------------------------- a column of figures: one unit, one precision

@pytest.mark.slow  # every real provincial table: in `make test`, not `make check`
def test_every_real_provincial_table_writes_its_figures_in_one_unit_and_one_precision():
    from plantrack import i18n
    from plantrack.view import standing_tables, _standing_words
    from conftest import ROOT

    dataset = load_dataset(ROOT / "data")
    tables = standing_tables(dataset, list(dataset.snapshots.panel["indicator_id"].unique()), 2026)
    assert len(tables) >= 10
    for indicator, rows in tables:
        for code in i18n.LANGUAGES:
            with i18n.language(code):
                values = [r["value"] for r in _standing_words(indicator, rows)["rows"]]
            numbers = [re.match(r"([\d,]+)(?:\.(\d+))?", v) for v in values]
            units = {v[m.end():].strip() for v, m in zip(values, numbers)}
            decimals = {len(m.group(2) or "") for m in numbers}
            assert len(units) == 1 and len(decimals) == 1, (indicator.id, code, values)
    sales = next(rows for indicator, rows in tables if indicator.id == "nbs_ecommerce_sales")
    with i18n.language("en"):
        assert [r["value"] for r in _standing_words(dataset.registry.indicators["nbs_ecommerce_sales"], sales)["rows"]][:4] == [
            "684.7 billion yuan", "683.1 billion yuan", "884.6 billion yuan", "1,148.2 billion yuan"]  # one unit, no digit lost (not 0.68 and 0.68)


# --------------------------------------------------------------------------- open an issue about a target

def test_with_a_repository_every_target_links_to_a_pre_filled_issue(fixture):
    from urllib.parse import parse_qs, urlsplit

    dataset, assessments = fixture
    target = dataset.registry.targets["com-sales"]
    view = target_view(dataset, target, assessments["com-sales"], 2026, "https://github.com/owner/tracker/", "2026.11")
    url = view.issue_url
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/owner/tracker/issues/new")
    fields = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert sorted(fields) == ["body", "title"]
    assert fields["title"] == f"Target com-sales: {target.wording_en}"
    assert fields["body"].splitlines()[:3] == ["Target: com-sales", f"Wording: {target.wording_en}",
                                              "Page: 2026.11/chapters/commerce.html#com-sales"]
    # URL-encoded: no space, line break, '#' or second '?' left raw; the anchor is in the body, not the address
    assert not set(" \n#") & set(url) and url.count("?") == 1 and url.count("&") == 1 and "%0A" in url and "%23com-sales" in url
    html = render("target_head.html", view=view)
    link = f'<a class="issue-target" href="{url.replace("&", "&amp;")}" rel="noopener">Open an issue about this target</a>'
    assert link in html and '<a class="comment-target" href="#com-sales">Comment on this target</a> · ' + link in html


def test_without_a_repository_there_is_no_issue_link(fixture):
    dataset, assessments = fixture
    for repository in ("", "  "):
        view = target_view(dataset, dataset.registry.targets["com-sales"], assessments["com-sales"], 2026, repository, "2026.11")
        html = render("target_head.html", view=view)
        assert view.issue_url == "" and "issue" not in html and 'href=""' not in html
        assert '<p class="target-actions"><a class="comment-target" href="#com-sales">Comment on this target</a></p>' in html


def test_open_report_passes_the_repository_to_every_target_of_a_chapter(fixture, monkeypatch, tmp_path):
    from plantrack import chapter

    shown = []
    monkeypatch.setattr(chapter, "display", lambda *objects: shown.extend(objects))
    for repository, links in (("https://git.example.org/team/tracker", 3), ("", 0)):
        shown.clear()
        report = chapter.open_report(str(FIXTURE), "2026.11", 2026, str(tmp_path), area="commerce", repository_url=repository)
        chapter.show_area(report, "commerce")
        html = "".join(s.data for s in shown)
        assert html.count('class="issue-target"') == links == (len(report.dataset.registry.targets_of("commerce")) if repository else 0)
        assert html.count("https://git.example.org/team/tracker/issues/new?title=Target%20com-") == links
