"""The edition in two languages: one execution gives each language's book its own outputs, each
book is configured for its language, the site lists each language's editions and lets a reader
choose, and every page links to the same page in the other language."""

import importlib.util
import json

import nbformat
import yaml

from conftest import ROOT
from plantrack import i18n
from plantrack.build.assemble import edition_config, table_of_contents
from plantrack.build.execute import localize_notebook
from plantrack.site import site_index

ZH = "application/vnd.plantrack.zh+html"


def executed_notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Area chapter\n\nReplaced by the area's opening."),
                nbformat.v4.new_code_cell("show()", outputs=[nbformat.v4.new_output(
                    "display_data", data={"text/html": "<p>met</p>", ZH: "<p>达标</p>"})]),
                nbformat.v4.new_markdown_cell("## Search log")]
    return nb


def test_each_language_gets_its_own_rendering_of_one_execution(monkeypatch):
    monkeypatch.setattr(i18n, "catalogue", lambda code: {"## Search log": "## 检索记录"})
    cached = executed_notebook()
    zh = localize_notebook(cached, "zh", "# 商务\n\n导言。", "notebooks/area.md")
    en = localize_notebook(cached, "en", "# Commerce\n\nOpening.", "notebooks/area.md")
    assert zh.cells[1].outputs[0]["data"] == {"text/html": "<p>达标</p>"}
    assert en.cells[1].outputs[0]["data"] == {"text/html": "<p>met</p>"}
    assert [c.source for c in zh.cells if c.cell_type == "markdown"] == ["# 商务\n\n导言。", "## 检索记录"]
    assert [c.source for c in en.cells if c.cell_type == "markdown"] == ["# Commerce\n\nOpening.", "## Search log"]
    assert cached.cells[1].outputs[0]["data"][ZH] == "<p>达标</p>"  # the cache serves both books: untouched


def test_each_book_is_configured_for_its_language():
    zh = yaml.safe_load(edition_config(ROOT / "_config.yml", "2026.11", False, "zh"))
    en = yaml.safe_load(edition_config(ROOT / "_config.yml", "2026.11", False, "en"))
    assert zh["sphinx"]["config"]["language"] == "zh_CN" and en["sphinx"]["config"]["language"] == "en"
    assert zh["sphinx"]["config"]["html_theme_options"]["switcher"]["json_url"] == "/switcher.zh.json"
    assert en["sphinx"]["config"]["html_theme_options"]["switcher"]["json_url"] == "/switcher.json"
    assert en["title"] == 'Zhejiang "Internet+" Action Plan tracker' and "互联网+" in zh["title"]
    toc = yaml.safe_load(table_of_contents(ROOT / "_toc.yml", ["commerce"], "zh"))
    assert all(not part["caption"].isascii() for part in toc["parts"])
    assert toc["parts"][0]["chapters"] == [{"file": "chapters/commerce"}]


def test_the_site_lists_each_languages_editions_and_lets_a_reader_choose():
    files = site_index(["2026.1", "2026.11"], {"2026.1": ["en"], "2026.11": ["en", "zh"]})
    english = json.loads(files["switcher.json"])
    chinese = json.loads(files["switcher.zh.json"])
    assert [e["url"] for e in english] == ["/2026.11/", "/2026.1/"]
    assert [e["url"] for e in chinese] == ["/2026.11/zh/"]  # the old edition has no Chinese book
    assert "最新" in chinese[0]["name"] and "latest" in english[0]["name"]
    assert "../../2026.11/zh/" in files["latest/zh/index.html"] and 'lang="zh-CN"' in files["latest/zh/index.html"]
    root = files["index.html"]
    assert 'href="latest/" hreflang="en"' in root and 'href="latest/zh/" hreflang="zh-CN"' in root
    assert "选择语言" in root and "Choose a language" in root


def _extension():
    spec = importlib.util.spec_from_file_location("tracker_html", ROOT / "book" / "_ext" / "tracker_html.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_language_switch_leads_to_the_same_page():
    href = _extension().other_language_href
    assert href("chapters/commerce", "", "zh") == "../zh/chapters/commerce.html"
    assert href("chapters/commerce", "zh", "") == "../../chapters/commerce.html"
    assert href("overview", "", "zh") == "zh/overview.html"
    assert href("overview", "zh", "") == "../overview.html"


def test_scripts_get_their_words_in_the_page_language():
    from plantrack.book_words import SCRIPT_WORDS, script_words

    english, chinese = script_words("en"), script_words("zh")
    assert english == SCRIPT_WORDS and set(chinese) == set(english)
    assert chinese["comment"] == "评论" and all(chinese[k] != english[k] for k in english)


def test_a_changed_translation_makes_the_pages_again(monkeypatch, tmp_path):
    """The catalogue is an input of every page: a corrected Chinese entry re-renders the notebooks."""
    import shutil

    from plantrack import digests

    package = tmp_path / "plantrack"
    shutil.copytree(digests.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(digests, "PACKAGE", package)
    before = digests.package_digest()
    po = package / "locale" / "zh_CN" / "LC_MESSAGES" / "book.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "评论"', 'msgstr "批注"'), encoding="utf-8")
    assert digests.package_digest() != before
