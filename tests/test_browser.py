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

    def __init__(self, browser, url: str):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
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


def charts_expected(chapter: str) -> int:
    """One chart per target indicator and per context series that has at least one figure."""
    dataset = load_dataset(FIXTURE)
    with_figures = set(dataset.observations["indicator_id"])
    return sum(len([i for i in [t.indicator, *t.context] if i in with_figures]) for t in dataset.registry.targets_of(chapter))


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
                assert placeholders == charts_expected(Path(name).stem), name


def test_chart_tooltip_shows_the_source_quote(built, server, browser):
    with Visit(browser, f"{server}/2026.2/chapters/commerce.html") as visit:
        visit.page.wait_for_selector(".vega-embed svg.marks")
        point = visit.page.locator(".vega-embed svg.marks path[aria-roledescription='point'][aria-label*='Quote']").first
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


def test_screenshots_of_overview_and_a_chapter_are_saved(built, server, browser, tmp_path_factory):
    # for a person to look at: CI points TEST_ARTIFACTS at a folder it keeps; never into the repository
    artifacts = Path(os.environ["TEST_ARTIFACTS"]) if os.environ.get("TEST_ARTIFACTS") else tmp_path_factory.mktemp("screenshots")
    artifacts.mkdir(parents=True, exist_ok=True)
    for name, out in (("overview.html", "overview.png"), ("chapters/commerce.html", "chapter-commerce.png")):
        with Visit(browser, f"{server}/2026.2/{name}") as visit:
            visit.page.wait_for_timeout(300)
            visit.page.screenshot(path=str(artifacts / out), full_page=True)
        assert (artifacts / out).stat().st_size > 10_000
