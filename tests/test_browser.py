"""The built site in a real browser: Debian's Chromium, headless, driven by playwright.

Every request to another host is aborted and recorded. Chromium is required: where it is
missing these tests fail (they are never skipped)."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from plantrack.dataset import load_dataset

from conftest import FIXTURE

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built):
    handler = functools.partial(_QuietHandler, directory=str(built["layout"].site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is required: apt-get install -y chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


class Visit:
    """One page load with every request to another host aborted and every problem recorded."""

    def __init__(self, browser, url: str, width: int = 1280):
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.external, self.errors = [], []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("response", lambda r: self.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
        self.page.goto(url, wait_until="load")
        self.page.wait_for_load_state("networkidle")

    def _route(self, route):
        if route.request.url.startswith("http://127.0.0.1"):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def close(self):
        self.context.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def pages(built, edition="2026.2") -> list[str]:
    folder = built["layout"].site / edition
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.html")
                  if p.name not in ("genindex.html", "search.html") and "_static" not in p.parts)


def charts_expected(data_dir, chapter: str) -> int:
    """One chart per target indicator and per context series with two figures or more; a single
    figure is a card, not a chart."""
    from plantrack.assess import assess_targets
    from plantrack.charts import make_figure
    from plantrack.view import target_view

    dataset = load_dataset(data_dir)
    assessments = assess_targets(dataset, 2026)
    count = 0
    for t in dataset.registry.targets_of(chapter):
        view = target_view(dataset, t, assessments[t.id], 2026)
        series = ([view.own] if view.own is not None else []) + view.context
        count += sum(not make_figure("x", s.indicator, s.figures, dataset.sources).is_card for s in series)
    return count


def downloads_expected(chapter: str) -> int:
    dataset = load_dataset(FIXTURE)
    with_figures = set(dataset.observations["indicator_id"])
    return sum(1 for t in dataset.registry.targets_of(chapter) if {t.indicator, *t.context} & with_figures)


def test_every_page_loads_offline_without_errors_and_draws_its_charts(built, server, browser):
    assert len(pages(built)) >= 20
    for name in pages(built):
        with Visit(browser, f"{server}/2026.2/{name}") as visit:
            assert visit.external == [], (name, visit.external)
            assert visit.errors == [], (name, visit.errors)
            placeholders = visit.page.locator(".tracker-chart").count()
            if placeholders:
                visit.page.wait_for_function(f"document.querySelectorAll('.vega-embed svg.marks').length >= {placeholders}", timeout=15000)
            assert visit.page.locator(".vega-embed svg.marks").count() == placeholders, name
            if name.startswith("chapters/"):
                assert placeholders == charts_expected(built["data"], Path(name).stem), name


def test_chart_tooltip_shows_the_source_quote(built, server, browser):
    with Visit(browser, f"{server}/2026.2/chapters/commerce.html") as visit:
        visit.page.wait_for_selector(".vega-embed svg.marks")
        point = visit.page.locator(".vega-embed svg.marks path[aria-roledescription='point'][aria-label*='Kind: annual figure']").first
        point.hover()
        tooltip = visit.page.locator("#vg-tooltip-element")
        tooltip.wait_for(state="visible", timeout=5000)
        assert "Quote" in tooltip.inner_text()


def test_switcher_leads_to_the_same_page_in_another_edition_and_old_banner_shows(built, server, browser):
    with Visit(browser, f"{server}/2026.1/chapters/commerce.html") as visit:
        banner = visit.page.locator("#bd-header-version-warning")
        banner.wait_for(state="visible", timeout=5000)
        assert "old version" in banner.inner_text()
        visit.page.locator(".version-switcher__button").first.click()
        visit.page.locator(".version-switcher__menu a", has_text="2026.2").first.click()
        visit.page.wait_for_url("**/2026.2/chapters/commerce.html")
        assert visit.page.locator("#bd-header-version-warning").is_hidden()


def test_scoreboard_links_reach_target_anchors(built, server, browser):
    with Visit(browser, f"{server}/2026.2/overview.html") as visit:
        links = visit.page.locator(".overview-table a")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        assert len(hrefs) == len(load_dataset(FIXTURE).registry.targets)
        for href in hrefs:
            visit.page.goto(f"{server}/2026.2/{href}")
            anchor = href.split("#")[1]
            assert visit.page.locator(f"[id='{anchor}']").count() == 1, href


def test_downloads_are_served_and_parse(built, server, browser):
    with Visit(browser, f"{server}/2026.2/chapters/commerce.html") as visit:
        links = visit.page.locator("p.download a")
        assert links.count() == downloads_expected("commerce")
        for i in range(links.count()):
            url = visit.page.evaluate("(a) => a.href", links.nth(i).element_handle())
            response = visit.page.request.get(url)
            assert response.ok and response.text().startswith("target_id,"), url
        package = visit.page.request.get(f"{server}/2026.2/data/datapackage.json")
        assert package.ok and json.loads(package.text())["resources"]


WIDTHS = (1400, 390)  # a desktop and a phone


@pytest.fixture(scope="module")
def artifacts():
    """Screenshots and the audit's counts, for a person to look at: under _build/test-artifacts/
    (a build folder git ignores) or where TEST_ARTIFACTS points; never into tracked files."""
    from conftest import ROOT

    folder = Path(os.environ["TEST_ARTIFACTS"]) if os.environ.get("TEST_ARTIFACTS") else ROOT / "_build" / "test-artifacts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_screenshots_at_desktop_and_phone_widths_are_saved(built, server, browser, artifacts):
    """English pages, and the Chinese overview and chapter (zh-*.png)."""
    shots = [(f"{Path(n).stem}", n) for n in ("overview.html", "chapters/commerce.html", "methodology.html", "coverage.html")]
    shots += [(f"zh-{Path(n).stem}", f"zh/{n}") for n in ("overview.html", "chapters/commerce.html")]
    for stem, name in shots:
        for width in WIDTHS:
            out = artifacts / f"{stem}-{width}.png"
            with Visit(browser, f"{server}/2026.2/{name}", width) as visit:
                if visit.page.locator(".tracker-chart").count():
                    visit.page.wait_for_selector(".vega-embed svg.marks")
                visit.page.screenshot(path=str(out), full_page=True)
            assert out.stat().st_size > 10_000, out


# Moderate violations the audit may find: none, since every scrolling table names its region
# uniquely on its page (axe-core's "landmark-unique" counted 20 nodes when they shared one name).
MODERATE_NODES = 0


def test_no_serious_or_critical_accessibility_violation_on_any_page_at_either_width(built, server, browser, artifacts):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    counts, rules, serious = {}, {}, []
    for name in pages(built):
        for width in WIDTHS:
            with Visit(browser, f"{server}/2026.2/{name}", width) as visit:
                if visit.page.locator(".tracker-chart").count():
                    visit.page.wait_for_selector(".vega-embed svg.marks")
                for v in axe.run(visit.page).response["violations"]:
                    counts[v["impact"]] = counts.get(v["impact"], 0) + len(v["nodes"])
                    rules[v["id"]] = rules.get(v["id"], 0) + len(v["nodes"])
                    if v["impact"] in ("serious", "critical"):
                        serious.append((name, width, v["id"], [n["target"] for n in v["nodes"]][:3]))
    (artifacts / "axe-counts.json").write_text(json.dumps({"pages": len(pages(built)), "widths": WIDTHS, "nodes_by_impact": counts,
                                                           "nodes_by_rule": rules}, indent=1), encoding="utf-8")
    assert serious == []
    # moderate: every piece of the page lies in a landmark (the book's title in the sidebar is the
    # banner; no empty top bar), one banner only; what is left is no more than this audit reached
    assert not {"region", "landmark-no-duplicate-banner"} & set(rules), rules
    assert counts.get("moderate", 0) <= MODERATE_NODES, rules


def test_on_a_phone_the_key_figures_show_and_wide_tables_scroll_inside_the_page(built, server, browser):
    with Visit(browser, f"{server}/2026.2/chapters/commerce.html", 390) as visit:
        page = visit.page
        figures = page.locator("dl.verdict-figures").first
        figures.scroll_into_view_if_needed()
        box = figures.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        for dd in page.locator("dl.verdict-figures").first.locator("dd").all():
            b = dd.bounding_box()
            assert b["width"] > 0 and b["x"] + b["width"] <= 390, b
        # the page itself never scrolls sideways; a wide table scrolls in its own box, first column fixed
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        table = page.locator(".summary-table").first
        assert page.evaluate("(t) => getComputedStyle(t.querySelector('td')).position", table.element_handle()) == "sticky"
        assert page.evaluate("(t) => getComputedStyle(t.closest('.table-scroll')).overflowX", table.element_handle()) == "auto"


def test_every_chart_has_chart_table_and_sources_tabs_a_name_and_a_description(built, server, browser):
    with Visit(browser, f"{server}/2026.2/chapters/commerce.html") as visit:
        page = visit.page
        page.wait_for_selector(".vega-embed svg.marks")
        figures = page.locator("figure.chart-tabs")
        assert figures.count() == page.locator(".tracker-chart").count() > 0
        for i in range(figures.count()):
            chart = figures.nth(i).locator(".chart-frame")
            assert chart.get_attribute("role") == "img" and chart.get_attribute("aria-label").startswith("Chart of")
            description = page.locator(f"[id='{chart.get_attribute('aria-describedby')}']")
            assert "annual figure" in description.inner_text() or "figure" in description.inner_text()
        first = figures.first
        first.locator("label", has_text="Table").click()
        assert first.locator(".panel-table").is_visible() and not first.locator(".panel-chart").is_visible()
        kinds = first.locator(".panel-table td:nth-child(3)").all_inner_texts()
        assert "target" in kinds and "required path" in kinds and "annual figure" in kinds
        assert first.locator(".panel-table a[href^='http']").count() >= 1  # figures link to their sources
        first.locator("label", has_text="Sources").click()
        assert first.locator(".panel-sources").is_visible() and first.locator(".panel-sources a").count() >= 1


def test_chart_years_are_written_once_each_on_a_time_axis(built, server, browser):
    import re

    with Visit(browser, f"{server}/2026.2/chapters/commerce.html") as visit:
        visit.page.wait_for_selector(".vega-embed svg.marks")
        for chart in visit.page.locator(".vega-embed svg.marks").all():
            axes = [[t for t in axis.locator("text").all_text_contents() if t] for axis in chart.locator("g.role-axis-label").all()]
            years = [labels for labels in axes if labels and all(re.fullmatch(r"\d{4}", t) for t in labels)]
            assert len(years) == 1, axes
            assert len(years[0]) == len(set(years[0])) and all(2010 <= int(t) <= 2035 for t in years[0]), years


def test_comment_layer_loads_only_when_asked_and_every_target_has_a_comment_link(built, server, browser):
    with Visit(browser, f"{server}/2026.2/chapters/commerce.html") as visit:
        assert visit.external == []
        targets = load_dataset(built["data"]).registry.targets_of("commerce")
        assert visit.page.locator("a.comment-target").count() == len(targets)
        assert visit.page.locator("a[href$='.ipynb']").count() == 0  # no download of notebooks that are not served
        visit.page.locator("button.comment-button").click()
        visit.page.wait_for_timeout(500)
        assert [url for url in visit.external if "hypothes.is" in url] != []
        assert visit.page.locator("button.comment-button").get_attribute("aria-pressed") == "true"


# --------------------------------------------------------------------------- the real edition

@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """The real data of data/, built as an edition of its own and served: what readers get."""
    from conftest import ROOT, project_copy
    from plantrack.build import Layout, build_edition

    base = tmp_path_factory.mktemp("real")
    layout = Layout(root=project_copy(base), data_dir=ROOT / "data", build_dir=base / "_build", cache=base / "cache")
    build_edition("2026.11", layout, as_of_year=2026)
    handler = functools.partial(_QuietHandler, directory=str(layout.site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    folder = layout.site / "2026.11"
    # the book's pages; data/snapshots/ holds official tables kept byte for byte as data, not pages
    names = sorted(str(p.relative_to(folder)) for p in folder.rglob("*.html")
                   if p.name not in ("genindex.html", "search.html") and "_static" not in p.parts and p.parts[len(folder.parts)] != "data")
    yield f"http://127.0.0.1:{httpd.server_address[1]}/2026.11", names
    httpd.shutdown()


def year_axes(page) -> list[list[str]]:
    """The year labels of every chart on the page, one list per chart."""
    import re

    out = []
    for chart in page.locator(".vega-embed svg.marks").all():
        axes = [[t for t in axis.locator("text").all_text_contents() if t] for axis in chart.locator("g.role-axis-label").all()]
        out += [labels for labels in axes if labels and all(re.fullmatch(r"\d{4}", t) for t in labels)] or [[]]
    return out


def test_the_real_edition_reads_right_at_both_widths(real, browser, artifacts):
    """Every page of the real edition, at 1400 and 390 px: offline, no console error, every chart
    drawn with each year written once, the key figures inside a phone's width, no serious or
    critical accessibility violation; screenshots and the audit's counts saved."""
    from axe_playwright_python.sync_playwright import Axe

    base, names = real
    assert len(names) >= 2 * 19 and len([n for n in names if n.startswith("zh/")]) == len(names) // 2
    axe, counts, serious = Axe(), {}, []
    for name in names:
        for width in WIDTHS:
            with Visit(browser, f"{base}/{name}", width) as visit:
                page = visit.page
                assert visit.external == [] and visit.errors == [], (name, width, visit.external, visit.errors)
                charts = page.locator(".tracker-chart").count()
                if charts:
                    page.wait_for_function(f"document.querySelectorAll('.vega-embed svg.marks').length >= {charts}", timeout=20000)
                    for years in year_axes(page):
                        assert years and len(years) == len(set(years)) and 2000 <= int(years[0]) <= int(years[-1]) <= 2040, (name, years)
                if width == 390:
                    assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
                    for box in [dl.bounding_box() for dl in page.locator("dl.verdict-figures").all()[:3]]:
                        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (name, box)
                for v in axe.run(page).response["violations"]:
                    counts[v["impact"]] = counts.get(v["impact"], 0) + len(v["nodes"])
                    if v["impact"] in ("serious", "critical"):
                        serious.append((name, width, v["id"], [n["target"] for n in v["nodes"]][:3]))
                if name.removeprefix("zh/") in ("overview.html", "chapters/commerce.html", "chapters/manufacturing.html", "methodology.html"):
                    language = "zh-" if name.startswith("zh/") else ""
                    page.screenshot(path=str(artifacts / f"real-{language}{Path(name).stem}-{width}.png"), full_page=True)
    (artifacts / "axe-counts-real.json").write_text(json.dumps({"edition": "2026.11", "pages": len(names), "widths": WIDTHS,
                                                               "nodes_by_impact": counts}, indent=1), encoding="utf-8")
    assert serious == []


# --------------------------------------------------------------------------- the Chinese book


def test_the_language_switch_leads_to_the_same_target_in_the_other_language(built, server, browser):
    target = load_dataset(built["data"]).registry.targets_of("commerce")[-1].id
    with Visit(browser, f"{server}/2026.2/chapters/commerce.html#{target}") as visit:
        page = visit.page
        assert page.evaluate("document.documentElement.lang") == "en"
        page.locator("a.language-switch").first.click()
        page.wait_for_load_state("load")
        assert page.url.endswith(f"/2026.2/zh/chapters/commerce.html#{target}"), page.url
        assert page.evaluate("document.documentElement.lang") == "zh-CN"
        heading = page.locator(f"[id='{target}']")
        box = heading.bounding_box()
        assert box is not None and 0 <= box["y"] < 900, box  # the reader is at the same target
        page.locator("a.language-switch").first.click()
        page.wait_for_load_state("load")
        assert page.url.endswith(f"/2026.2/chapters/commerce.html#{target}"), page.url
        assert visit.errors == [] and visit.external == []


def test_chinese_pages_are_chinese_and_searchable(built, server, browser):
    with Visit(browser, f"{server}/2026.2/zh/overview.html") as visit:
        page = visit.page
        assert page.evaluate("document.documentElement.lang") == "zh-CN"
        assert page.locator("a.language-switch span[lang='en']").inner_text() == "English"
        switcher = page.locator(".version-switcher__button").first
        switcher.click()
        assert "/zh/" in page.locator(".version-switcher__menu a").first.get_attribute("href")
    with Visit(browser, f"{server}/2026.2/zh/search.html?q=目标") as visit:
        visit.page.wait_for_selector("#search-results li", timeout=15000)
        assert visit.page.locator("#search-results li").count() >= 3  # Chinese words found (jieba's index)
        assert visit.errors == []


def test_the_old_edition_banner_speaks_the_page_language(built, server, browser):
    with Visit(browser, f"{server}/2026.1/zh/chapters/commerce.html") as visit:
        banner = visit.page.locator("#bd-header-version-warning")
        banner.wait_for(state="visible", timeout=5000)
        visit.page.wait_for_function("document.querySelector('#bd-header-version-warning').innerText.includes('旧版本')", timeout=5000)
        text = banner.inner_text()
        assert "2026.1" in text and "old version" not in text and "documentation" not in text, text
        assert banner.locator("a").first.get_attribute("href").endswith("/2026.2/zh/chapters/commerce.html")


def test_the_site_root_lets_a_reader_choose_a_language(built, server, browser):
    with Visit(browser, f"{server}/") as visit:
        page = visit.page
        page.locator("a[hreflang='zh-CN']").click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("/2026.2/zh/overview.html") and page.evaluate("document.documentElement.lang") == "zh-CN", page.url
        assert visit.errors == []


# --------------------------------------------------------------------------- keyboard, search, landmarks


def tab_to(page, selector: str, presses: int = 150):
    """Press Tab until an element matching `selector` has focus, as a keyboard user reaches it."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return page.locator(":focus")
    raise AssertionError(f"{selector} is not reached by Tab")


@pytest.mark.parametrize("code", ["en", "zh"])
def test_a_charts_points_are_read_out_one_by_one_from_the_keyboard(built, server, browser, code):
    from plantrack.book_words import script_words

    words = script_words(code)
    folder = "" if code == "en" else "zh/"
    with Visit(browser, f"{server}/2026.2/{folder}chapters/commerce.html") as visit:
        page = visit.page
        page.wait_for_selector(".vega-embed svg.marks")
        frame = tab_to(page, ".chart-frame")
        figure = page.locator("figure.chart-tabs").filter(has=frame)
        hint, readout = figure.locator(".chart-keys-hint"), figure.locator(".chart-readout")
        assert hint.is_visible() and hint.inner_text() == words["chart_keys"]
        assert readout.get_attribute("aria-live") == "polite" and readout.inner_text() == ""
        # what the tooltip shows for each point, in the order of the x axis
        points = page.evaluate("""(frame) => Array.from(frame.querySelectorAll("path[aria-roledescription='point']"))
            .map((p, i) => { const r = p.getBoundingClientRect(); return [r.left + r.width / 2, i, r.top + r.height / 2, p.getAttribute('aria-label')]; })
            .sort((a, b) => (a[0] - b[0]) || (a[1] - b[1]))""", frame.element_handle())
        assert len(points) >= 4
        for n, (x, _, y, label) in enumerate(points, 1):
            page.keyboard.press("ArrowRight")
            lines = readout.inner_text().split("\n")
            assert lines[0] == words["chart_point"].format(n=n, total=len(points)), lines
            fields = lines[1:]
            assert fields, lines
            colon = words["chart_field"].format(label="", value="").strip()  # ":" or "："
            for line in fields:  # every line of the readout is a "label: value" of this point's tooltip
                name, value = line.split(colon, 1)
                assert f"{name.strip()}: {value.strip()}" in label, (line, label)
            ring = figure.locator(".chart-point-ring").bounding_box()
            assert abs(ring["x"] + ring["width"] / 2 - x) < 2 and abs(ring["y"] + ring["height"] / 2 - y) < 2, (ring, x, y)
        if code == "en":  # a Chinese quote on an English page is marked as Chinese
            assert readout.locator("[lang='zh']").count() >= 1
        else:
            assert "：" in readout.inner_text() and "Point" not in readout.inner_text()
        page.keyboard.press("ArrowRight")  # the last point stays the last
        assert readout.inner_text().startswith(words["chart_point"].format(n=len(points), total=len(points)))
        page.keyboard.press("Home")
        assert readout.inner_text().startswith(words["chart_point"].format(n=1, total=len(points)))
        page.keyboard.press("End")
        page.keyboard.press("ArrowLeft")
        assert readout.inner_text().startswith(words["chart_point"].format(n=len(points) - 1, total=len(points)))
        page.keyboard.press("Escape")
        assert readout.inner_text() == "" and figure.locator(".chart-point-ring").is_hidden()
        page.keyboard.press("Tab")
        assert hint.is_hidden()
        assert visit.errors == [] and visit.external == []


SEARCH_CONTROLS = ".search-button__button, input[type='search'], form[role='search']"


@pytest.mark.parametrize("code", ["en", "zh"])
def test_one_search_control_on_a_desktop_and_one_within_reach_on_a_phone(built, server, browser, code):
    folder = "" if code == "en" else "zh/"
    with Visit(browser, f"{server}/2026.2/{folder}overview.html", 1400) as visit:
        page = visit.page
        visible = [c for c in page.locator(SEARCH_CONTROLS).all() if c.is_visible()]
        assert len(visible) == 1, [c.evaluate("(e) => e.outerHTML.slice(0, 120)") for c in visible]
        search = visible[0]
        # in the sidebar, under the book's title, not floating above it
        assert search.evaluate("(e) => !!e.closest('#pst-primary-sidebar')")
        title = page.locator("#pst-primary-sidebar .logo__title").bounding_box()
        assert search.bounding_box()["y"] > title["y"]
        search.click()
        field = page.locator("#pst-search-dialog input[type='search']")
        field.wait_for(state="visible", timeout=5000)
        assert field.evaluate("(e) => e === document.activeElement")
        assert visit.errors == []
    with Visit(browser, f"{server}/2026.2/{folder}overview.html", 390) as visit:
        page = visit.page
        visible = [c for c in page.locator(SEARCH_CONTROLS).all() if c.is_visible()]
        assert len(visible) == 1
        box = visible[0].bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= 390 and 0 <= box["y"] < 900, box  # at the top of the page
        visible[0].click()
        field = page.locator("#pst-search-dialog input[type='search']")
        field.wait_for(state="visible", timeout=5000)
        field.fill("target" if code == "en" else "目标")
        field.press("Enter")
        page.wait_for_url("**/search.html?q=*")
        page.wait_for_selector("#search-results li", timeout=15000)
        assert visit.errors == []
