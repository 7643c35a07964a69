"""Assemble: the book's source folder (authored pages, the table of contents from the registry,
the edition's configuration, the chart library, the pages laid out from data) and the Sphinx
build that turns it into HTML."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from ..digests import tree_files
from ..i18n import LANGUAGE, SOURCE, _, language, translate_markdown
from .execute import BuildError, sync_bytes, sync_file
from .plan import PAGES, Layout

AREA_PART = "Chapters by task area"  # the part of _toc.yml that lists the areas, filled from data/areas.yaml


def bundle_key() -> str:
    import altair
    import vl_convert
    return f"{altair.__version__}-{vl_convert.__version__}"


def table_of_contents(toc_template: Path, areas: list[str], code: str = SOURCE) -> str:
    """_toc.yml with one chapter per area, in the order of data/areas.yaml (the area list lives
    in the registry only), its captions in language `code`."""
    toc = yaml.safe_load(toc_template.read_text(encoding="utf-8"))
    part = next(p for p in toc["parts"] if p["caption"] == AREA_PART)
    part["chapters"] = [{"file": f"chapters/{area}"} for area in areas]
    with language(code):
        for p in toc["parts"]:
            p["caption"] = _(p["caption"])
    return yaml.safe_dump(toc, allow_unicode=True, sort_keys=False)


def switcher_url(code: str) -> str:
    """The edition switcher's list of one language's editions, at the site's root."""
    return "/switcher.json" if code == SOURCE else f"/switcher.{code}.json"


def edition_config(config_file: Path, edition: str, review: bool, code: str = SOURCE) -> str:
    """The book's configuration for one language of the edition: Sphinx's language (its labels,
    the pages' lang attribute, its search: jieba for Chinese), the title, the edition switcher."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    sphinx = config["sphinx"]["config"]
    sphinx["version"] = sphinx["release"] = edition
    sphinx["language"] = LANGUAGE[code].sphinx
    sphinx["tracker_language"] = code
    sphinx["html_theme_options"]["switcher"] = {"json_url": switcher_url(code), "version_match": edition}
    with language(code):
        config["title"] = _(config["title"])
    if repository_url(config):
        config["html"]["use_issues_button"] = True
    if review:
        config["html"]["comments"]["hypothesis"] = True
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def repository_url(config: dict) -> str:
    """The project's repository address from _config.yml ('' when none is configured)."""
    return ((config.get("repository") or {}).get("url") or "").strip().rstrip("/")


def assemble_source(src: Path, layout: Layout, edition: str, review: bool, areas: list[str], laid_out: dict[str, str],
                    code: str = SOURCE) -> None:
    """The source folder of the book in language `code`. laid_out: page name -> MyST text (in that
    language) of the pages written from data rather than executed."""
    book = layout.root / "book"
    for path in tree_files(book):
        if path.suffix == ".md":
            text = translate_markdown(path.read_text(encoding="utf-8"), code, str(path.relative_to(layout.root)))
            sync_bytes(text.encode(), src / path.relative_to(book))
        else:
            sync_file(path, src / path.relative_to(book))
    sync_bytes(table_of_contents(layout.root / "_toc.yml", areas, code).encode(), src / "_toc.yml")
    sync_bytes(edition_config(layout.root / "_config.yml", edition, review, code).encode(), src / "_config.yml")
    bundle = layout.cache / f"vega-offline-{bundle_key()}.js"
    if not bundle.exists():
        from ..charts import write_vega_bundle
        write_vega_bundle(bundle)
    sync_file(bundle, src / "assets" / "vega-offline.js")
    for page in PAGES:
        if not page.notebook:
            sync_bytes(laid_out[page.name].encode(), src / f"{page.name}.md")


def sphinx_build(src: Path, work: Path, full: bool) -> Path:
    return sphinx_builds({"": (src, work)}, full)[""]


def sphinx_builds(books: dict[str, tuple[Path, Path]], full: bool) -> dict[str, Path]:
    """Build each book (name -> (source folder, output folder)) with Jupyter Book, side by side:
    the languages of an edition are separate Sphinx projects that share nothing. Returns
    name -> HTML folder; the first failure raises BuildError after every build has ended."""
    running = {}
    for name, (src, work) in books.items():
        command = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(src),
                   "--path-output", str(work), "-W", "-n", "--keep-going"] + (["--all"] if full else [])
        running[name] = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    outputs = {name: process.communicate()[0] for name, process in running.items()}
    for name, process in running.items():
        if process.returncode != 0:
            from ..errorlog import write_log

            output = outputs[name]
            lines = [line.strip() for line in output.splitlines() if line.strip()]
            first = next((line for line in lines if "WARNING" in line or "ERROR" in line or "Error" in line), lines[-1] if lines else "")
            log = write_log("jupyter-book-build", output)
            book = f" ({name} book)" if name else ""
            raise BuildError(f"step 'jupyter-book build'{book} failed: {first[:300]}; nothing was published.\n"
                             f"  Its whole output is in {log}: fix the page or file it names and build again.")
    return {name: work / "_build" / "html" for name, (_src, work) in books.items()}
