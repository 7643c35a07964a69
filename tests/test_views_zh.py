"""What a Chinese reader sees of the views (view.py, scoreboard.py, coverage.py, provinces.py,
pages.py, chapter.py) on the fixture data: Chinese words and whole Chinese sentences, with the
same counts and figures as the English page."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest
import yaml

from plantrack import chapter, i18n, pages, scoreboard
from plantrack.assess import assess_all, assess_targets
from plantrack.catalogue import authored_markdown
from plantrack.coverage import coverage_rows, coverage_summary, coverage_table
from plantrack.dataset import load_dataset
from plantrack.i18n import language, markdown_messages
from plantrack.provinces import rank_note, standing, total_label
from plantrack.verdicts import Group
from plantrack.view import _evidence_rows, kind_words, target_view

from conftest import FIXTURE
from helpers import append_csv, append_yaml, edit_yaml

CJK = re.compile(r"[\u4e00-\u9fff]")
NUMBERS = re.compile(r"\d+(?:\.\d+)?%?")


def numbers(text: str) -> list[str]:
    return sorted(NUMBERS.findall(text))


@pytest.fixture(scope="module")
def fixture():
    dataset = load_dataset(FIXTURE)
    return dataset, assess_targets(dataset, 2026)


def test_headline_findings_are_chinese_sentences_with_the_english_numbers(fixture):
    dataset, assessments = fixture
    english = scoreboard.headline_findings(dataset.registry, assessments, 2026)
    with language("zh"):
        chinese = scoreboard.headline_findings(dataset.registry, assessments, 2026)
        met, unknown = Group.MET.label, Group.UNKNOWN.label
    assert len(chinese) == len(english) >= 3
    for zh, en in zip(chinese, english):
        assert numbers(zh) == numbers(en), (zh, en)  # every count and share, none added or lost
        assert zh.endswith("。") and not re.search(r"[A-Za-z]", zh), zh
    # fixture: 15 targets, 3 (20%) met or achieved at their deadlines
    assert chinese[0].startswith("行动计划的15个目标中，截至各自截止年份，") and f"{met}的3个（20%）" in chinese[0]
    assert chinese[1] == "量化目标的完成情况好于定性目标：3个量化目标中2个达标（67%），12个定性目标中1个已完成（8%）。"
    assert "商务完成情况最好" in chinese[3] and "治理缺口最多" in chinese[3]  # the areas' Chinese titles
    assert chinese[-1] == f"11个目标（73%）在所检索的公开资料中没有答案（{unknown}）：这是资料的缺口，不是计划的失败。"


def test_scoreboard_cells_grades_and_bars_in_chinese(fixture, monkeypatch):
    dataset, assessments = fixture
    rows = scoreboard.scoreboard(assessments)
    with language("zh"):
        assert str(rows[0]["deadline"]) == "3（20%）"
        grades = scoreboard.quality_rows(assessments)
        caveats = scoreboard.quality_caveats()
    assert [r["cell"].n for r in grades] == [r["cell"].n for r in scoreboard.quality_rows(assessments)]
    assert grades[1]["meaning"] == "1项注意事项" and all(CJK.search(r["meaning"]) for r in grades)
    assert caveats[1] == "使用替代指标" and len(caveats) == len(scoreboard.QUALITY_CAVEATS)
    shown = []
    monkeypatch.setattr(chapter, "display", lambda *objects: shown.extend(objects))
    report = chapter.Report(dataset, assessments, "2026.1", 2026, None)
    chapter.show_scoreboard(report)
    html = shown[0].in_language("zh")
    assert '<p class="bar-title">截止年份</p>' in html and '<p class="bar-title">当前状态</p>' in html
    assert '<p class="bar-title">At the deadlines</p>' in shown[0].data


def test_a_target_section_in_chinese(fixture):
    dataset, assessments = fixture
    view = target_view(dataset, dataset.registry.targets["com-sales"], assessments["com-sales"], 2026)
    english = (view.baseline, view.facts, view.shares)
    with language("zh"):
        assert view.baseline == "2015年7611亿元"
        assert view.shares == "网络零售额占全国网上零售额的比重：2015年19.6%、2017年18.1%。"
        facts = dict(view.facts)
    assert (view.baseline, view.facts, view.shares) == english  # the view is the same object, read again in English
    assert facts == {"截止年份数值": "1.3万亿元", "最新数据": "1.67万亿元（2018年）", "首次达标年份": "2017",
                     "进度比（实际增速/所需增速）": "1.20：进展显著", "数据质量说明": "并非全部来自官方来源；替代指标"}


def test_evidence_grades_and_what_a_record_decides_in_chinese(fixture):
    dataset, assessments = fixture
    records = dataset.evidence.evidence
    records = records[records["target_id"] == "gov-cloud"].assign(summary_zh="样例数据称政务云平台已建成。", review_zh="两次判读一致")
    with language("zh"):
        (row,) = _evidence_rows(records, dataset.sources, assessments["gov-cloud"])
    assert row["grades"] == "全省；已完成或已投入运行；目标所指事项本身"
    assert (row["decides"], row["decides_words"]) == ("截止年结论和当前状态", "决定截止年结论和当前状态")
    with language("zh"):  # the record's own text, as a template shows it
        assert (i18n.local(row, "summary"), i18n.local(row, "review")) == ("样例数据称政务云平台已建成。", "两次判读一致")
    assert (i18n.local(row, "summary"), row["verdict"].group) == ("The fixture says the cloud was built.", Group.MET)
    (english,) = _evidence_rows(records, dataset.sources, assessments["gov-cloud"])
    assert (english["decides"], english["decides_words"]) == ("at the deadline and now", "decides the verdict at the deadline and the status now")


def test_coverage_in_chinese(fixture):
    dataset, _ = fixture
    table = coverage_table(dataset)
    english = coverage_summary(table)
    with language("zh"):
        summary = coverage_summary(table)
        rows = {r["target_id"]: r for r in coverage_rows(table)}
    assert summary == "量化目标3个：3个有基期值，3个有截止年份或其后的数据，3个有数据。定性目标12个：1个有证据记录。"
    assert numbers(summary) == numbers(english)
    assert (rows["com-sales"]["kind"], rows["com-sales"]["national"]) == ("threshold", "2015、2017")  # the template writes the kind
    assert (rows["com-villages"]["kind"], rows["com-villages"]["national"]) == ("share", "不适用")
    gaps = {r["gaps"] for r in rows.values() if r["gaps"]}
    assert gaps and all(CJK.search(g) and not re.search(r"[A-Za-z]", g) for g in gaps), gaps
    assert table.equals(coverage_table(dataset))  # the table keeps its codes


def test_provincial_ranks_and_totals_in_chinese():
    with language("zh"):
        assert rank_note(1, 31) == "31个省（区、市）中居第1位"
        assert rank_note(1, 3, "北京市, 上海市") == "有数据的3个省（区、市）中居第1位（共31个），与北京市、上海市并列"
        assert total_label(True, "全国", 31) == "表中的全国数据（全国）"
        assert total_label(True, "", 31) == "31个省（区、市）合计（表中无全国数据）"
        assert total_label(False, "", 31).startswith("不计算占比")
        rows = [{"snapshot": "s", "indicator_id": "x", "province": f"p{i}", "province_code": "330000000000" if i == 0 else str(i),
                 "year": 2020, "value": str(i + 1), "unit": "个", "value_std": float(i + 1), "unit_std": "个", "additive": True, "quote": ""}
                for i in range(31)]
        (row,) = standing(pd.DataFrame(rows)).to_dict("records")
    assert (row["rank"], row["rank_note"]) == (31, "31个省（区、市）中居第31位")
    assert rank_note(2, 3, "北京市") == "2 of 3 provinces with a figure (of 31), tied with 北京市"


def test_target_kinds_in_chinese():
    with language("zh"):
        assert [kind_words(k) for k in ("milestone", "threshold", "rank")] == ["定性目标", "阈值目标", "位次目标"]
    assert kind_words("milestone") == "milestone"


def test_methodology_tables_in_chinese():
    with language("zh"):
        constants = str(pages.method_constants())
        rules = str(pages.evidence_rules())
    assert "<th>规则</th><th>数值</th>" in constants and "<td>进展显著</td><td>进度比 ≥ 0.95</td>" in constants
    assert "<th>顺序</th><th>证据记录的分级</th><th>计为</th><th>理由</th>" in rules and "已阅读，不计入" in rules
    assert not re.search(r">[^<]*[A-Za-z]{3,}[^<]*<", constants), constants  # no English word in a cell


@pytest.fixture
def previous(tmp_path):
    folder = tmp_path / "previous"
    shutil.copytree(FIXTURE, folder)
    assess_all(load_dataset(folder), 2026).to_csv(folder / "assessment.csv", index=False)
    return folder


def test_what_changed_in_chinese(previous, data_dir):
    append_csv(data_dir / "sources.csv", source_id="fx-later", publisher="Fixture paper", title="Later", url="http://127.0.0.1/later",
               published="2020-01", accessed="2026-11-28", kind="news", language="zh")
    append_csv(data_dir / "observations.csv", indicator_id="village_share", period="2019", value="98", unit="%",
               qualifier="exact", source_id="fx-later", quote="覆盖率98%")
    dataset = load_dataset(data_dir)
    table = assess_all(dataset, 2026)
    with language("zh"):
        html = str(pages.changes(dataset, table, "2026.2", "2026.1", previous))
    for heading in ("新增数据", "修订数据", "删除数据", "结论变化", "新增来源"):
        assert f"<h2>{heading}</h2>" in html
    assert "<th>目标</th><th>截止年结论</th><th>当前状态</th>" in html
    assert "<td>com-villages</td><td>临界 → 临界</td><td>临界 → 达标</td>" in html
    assert "<th>指标</th><th>时期</th><th>数值</th><th>单位</th><th>来源</th>" in html


def test_search_log_summary_in_chinese(fixture):
    dataset, _ = fixture
    english = pages.search_log_summary(dataset)
    with language("zh"):
        chinese = pages.search_log_summary(dataset)
    assert chinese.startswith("本版本记录了") and chinese.endswith("15个目标中有1个记录了检索。")
    assert numbers(chinese) == numbers(english)


def test_pages_are_laid_out_in_chinese_from_their_translated_markdown(data_dir, monkeypatch):
    """The page's prose comes block by block from the catalogue (here a stand-in for the pages
    helper's entries); what Python writes into it is Chinese too."""
    real = i18n.catalogue
    def stand_in(n: int, block: str) -> str:  # a Chinese block keeps the heading's level and the placeholders
        return (block.split(" ")[0] + " " if block.startswith("#") else "") + f"第{n}段中文。" + "".join(re.findall(r"\{\{.*?\}\}", block))

    blocks = {block: stand_in(n, block) for n, block in enumerate(
        b for path, text in authored_markdown() if path.parent.name == "pages" for b in markdown_messages(text))}
    monkeypatch.setattr(i18n, "catalogue", lambda code: {**real(code), **blocks})
    dataset = load_dataset(data_dir)
    table = assess_all(dataset, 2026)
    english = pages.lay_out_pages(dataset, table, "2026.1", "", None)
    with language("zh"):
        chinese = pages.lay_out_pages(dataset, table, "2026.1", "", None)
    assert sorted(chinese) == sorted(english)
    for name in chinese:
        assert "# " in chinese[name] and "第" in chinese[name] and "{{" not in chinese[name], name
        prose = [b for path, text in authored_markdown() if path.name == f"{name}.md" for b in markdown_messages(text)]
        assert prose and not any(block in chinese[name] for block in prose if len(block) > 40), name
    assert "<td>进展显著</td><td>进度比 ≥ 0.95</td>" in chinese["methodology"] and "已阅读，不计入" in chinese["methodology"]
    assert "本版本记录了" in chinese["methodology"]
    assert "量化目标3个：" in chinese["coverage"] and "<td>阈值目标</td>" in chinese["coverage"]
    assert english["methodology"].count("95% confidence interval") == 2  # English as it was


def test_zhejiang_among_the_provinces_in_chinese(data_dir):
    shutil.copytree(FIXTURE.parent / "snapshots", data_dir / "snapshots")
    sales = next(e for e in yaml.safe_load((data_dir / "indicators.yaml").read_text(encoding="utf-8")) if e["id"] == "sales")
    for id_, unit in (("fx_sales", "亿元"), ("fx_share", "%")):  # the two series the snapshots feed, written like `sales`
        append_yaml(data_dir / "indicators.yaml", {**sales, "id": id_, "name_zh": f"{id_}（中文）", "name_en": id_, "unit": unit,
                                                   "publisher": "国家统计局"})
    edit_yaml(data_dir / "targets.yaml", 0, context=["cn_sales", "fx_sales", "fx_share"])
    dataset = load_dataset(data_dir)
    assessments = assess_targets(dataset, 2026)
    view = target_view(dataset, dataset.registry.targets["com-sales"], assessments["com-sales"], 2026)
    with language("zh"):
        sales, share = view.standing
    assert (sales["rows"][0]["year"], sales["rows"][0]["value"], sales["rows"][0]["rank"], sales["rows"][0]["share"]) == (
        2017, "150亿元", "有数据的3个省（区、市）中居第2位（共31个）", "30.0%")
    assert sales["total_label"].startswith("有数据的") and share["total_label"].startswith("不计算占比")
    overview = chapter.where_zhejiang_stands(chapter.Report(dataset, assessments, "2026.1", 2026, data_dir))
    html = overview.in_language("zh")
    assert "<td>fx_sales（中文）</td>" in html and "<td>2017年：有数据的3个省（区、市）中居第2位（共31个）</td>" in html
    assert "<td>无占比</td>" in html and "2017: 2 of 3 provinces with a figure (of 31)" in overview.data


def test_the_issue_about_a_target_is_written_in_chinese_on_a_chinese_page(fixture):
    from urllib.parse import parse_qs, urlsplit

    from plantrack.html import render

    dataset, assessments = fixture
    target = dataset.registry.targets["com-sales"]
    view = target_view(dataset, target, assessments["com-sales"], 2026, "https://github.com/owner/tracker", "2026.11")
    english = view.issue_url
    with language("zh"):
        url = view.issue_url
        html = render("target_head.html", view=view)
    assert url != english and url.startswith("https://github.com/owner/tracker/issues/new?title=")
    fields = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert fields["title"] == f"目标com-sales：{target.wording_zh}"
    assert fields["body"].splitlines()[:3] == ["目标：com-sales", f"目标表述：{target.wording_zh}", "页面：2026.11/zh/chapters/commerce.html#com-sales"]
    assert not CJK.search(url) and "%E7%9B%AE%E6%A0%87" in url  # 目标, URL-encoded
    assert f'href="{url.replace("&", "&amp;")}" rel="noopener">就此目标提交问题</a>' in html


def test_a_search_log_of_several_collections_names_each_in_words(data_dir, monkeypatch):
    """The search log's corpus codes (find_string, docs, …) are written as what was searched, in both
    languages; where a chapter searched several collections, each query names its own."""
    append_csv(data_dir / "searches.csv", subject="gov-open", need="evidence", query="find_string: 数据开放", corpus="find_string",
               language="zh-hans", outcome="nothing")
    append_csv(data_dir / "searches.csv", subject="gov-open", need="evidence", query="Zhejiang open data portal", corpus="docs",
               language="en", outcome="irrelevant")
    report = chapter.Report(load_dataset(data_dir), {}, "2026.1", 2026, data_dir)
    shown = chapter.search_log(report, "governance")
    english, chinese = shown.data, shown.in_language("zh")
    assert ("The searches were made in stored documentation pages of software projects, stored public web pages and the files of "
            "public code repositories (searched for an exact string), and each query names the collection it was made in;") in english
    assert ('<li><span lang="zh-Hans">find_string: 数据开放</span>: for evidence, in the files of public code repositories '
            "(searched for an exact string), found nothing</li>") in english
    assert '<li><span lang="zh-Hans">数据开放 浙江</span>: for evidence, in stored public web pages, found nothing</li>' in english
    assert "检索范围为公开代码仓库中的文件（按确切字符串检索）、已存档的公开网页和已存档的软件项目文档页面，每条检索词均注明其检索的资料集合；" in chinese
    assert "<li>find_string: 数据开放：查找证据，检索公开代码仓库中的文件（按确切字符串检索），一无所获</li>" in chinese
    for text in (english, chinese):  # no code left as it is, but in the query as typed
        words = re.sub(r"<li>.*?</li>", "", text.replace('<span lang="zh-Hans">find_string: 数据开放</span>', ""))
        assert not re.search(r"find_string|docs|\bpages\b", re.sub(r"<[^>]+>", "", words).replace("web pages", "").replace("documentation pages", "")), text
    one = chapter.search_log(chapter.Report(load_dataset(FIXTURE), {}, "2026.1", 2026, data_dir), "governance")
    assert "in stored public web pages; the" in one.data and ", in stored" not in one.data  # one collection: named once
