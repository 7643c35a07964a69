"""Plan: the pages of an edition, the notebook runs it needs and the digests that decide what
must be made again. Reads nothing but what it is given and the files it digests."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Literal

from ..dataset import Dataset
from ..digests import digest_files, digest_text, notebook_key, package_digest, tree_files
from ..i18n import LANGUAGES, language, local

ROOT = Path(__file__).resolve().parent.parent.parent
AREA_TEMPLATE = "area"  # notebooks/area.md, run once per area of data/areas.yaml


@dataclass(frozen=True)
class Layout:
    """Where a build reads and writes; tests point it at temporary folders."""
    root: Path = ROOT
    data_dir: Path = ROOT / "data"
    build_dir: Path = ROOT / "_build"
    cache: Path = ROOT / "_build" / "cache"

    @property
    def site(self) -> Path:
        return self.build_dir / "site"

    @property
    def failed(self) -> Path:
        return self.build_dir / "failed"


@dataclass(frozen=True)
class Page:
    """A page of the book besides the area chapters. `reads` decides its digest: a page that
    reads all data is made again whenever any data file changes. A notebook page draws charts
    and runs in a kernel; a laid-out page is written from the package at assemble time."""
    name: str
    reads: Literal["all data", "no data"]
    notebook: bool


PAGES = (
    Page("overview", "all data", notebook=True),
    Page("sources", "all data", notebook=False),
    Page("coverage", "all data", notebook=False),
    Page("methodology", "no data", notebook=False),
    Page("changes", "all data", notebook=False),
)


@dataclass(frozen=True)
class Task:
    """One notebook run: which template, where its output goes in each language's book, its
    papermill parameters, the markdown that opens it in each language (an area's title and
    introduction; empty: the template's own) and its cache key."""
    name: str
    source: Path
    output: str
    parameters: dict
    headings: dict[str, str]
    key: str


@dataclass(frozen=True)
class BuildPlan:
    tasks: list[Task]
    static: str  # digest of what needs a full Sphinx rebuild when it changes: book, config, package
    inputs: str  # digest of every input of the edition
    previous: str = ""  # the edition the changes page compares with
    areas: list[str] = field(default_factory=list)


def previous_edition(site: Path, edition: str) -> str:
    """The newest published edition other than this one, whose data the changes page compares."""
    from ..site import editions

    if not site.exists():
        return ""
    older = [e for e in editions(site) if e != edition and (site / e / "data" / "observations.csv").exists()]
    return older[-1] if older else ""


def area_heading(dataset: Dataset, area_id: str) -> str:
    """The opening of an area's chapter in the current language, from data/areas.yaml; markup in
    the data stays text."""
    area = dataset.registry.areas[area_id]
    opening = local(area, "introduction") if area.introduction else local(area, "description")
    return f"# {escape(local(area, 'title'), quote=False)}\n\n{escape(opening, quote=False)}"


def area_headings(dataset: Dataset, area_id: str) -> dict[str, str]:
    headings = {}
    for code in LANGUAGES:
        with language(code):
            headings[code] = area_heading(dataset, area_id)
    return headings


def configured_repository(layout: Layout) -> str:
    """The repository address _config.yml names (repository.url), '' when none."""
    import yaml

    from .assemble import repository_url  # assemble imports this module

    return repository_url(yaml.safe_load((layout.root / "_config.yml").read_text(encoding="utf-8")) or {})


def plan_build(layout: Layout, dataset: Dataset, edition: str, as_of_year: int, review: bool, bundle_key: str,
               assessment_path: Path, languages: tuple[str, ...] = LANGUAGES) -> BuildPlan:
    package = package_digest()
    data_digest = digest_files(tree_files(layout.data_dir), layout.data_dir)  # snapshots/ included
    book = digest_files(tree_files(layout.root / "book") + tree_files(layout.root / "pages")
                        + [layout.root / "_config.yml", layout.root / "_toc.yml"], layout.root)
    static = digest_text(book, package, edition, str(review), bundle_key, *languages)
    previous = previous_edition(layout.site, edition)
    previous_manifest = (layout.site / previous / "manifest.json").read_text(encoding="utf-8") if previous else ""
    common = {"data_dir": str(layout.data_dir.resolve()), "edition": edition, "as_of_year": as_of_year,
              "downloads_dir": "_extra/downloads",  # relative to the notebook's cwd, the source folder
              "assessment_path": str(assessment_path),
              "repository_url": configured_repository(layout)}  # each target's "open an issue" link; '' for none
    tasks = []
    for page in PAGES:
        if not page.notebook:
            continue
        source = layout.root / "notebooks" / f"{page.name}.md"
        key = notebook_key(source.read_text(encoding="utf-8"), common, page.reads, dataset, data_digest, package)
        tasks.append(Task(page.name, source, f"{page.name}.ipynb", common, {}, key))
    template = layout.root / "notebooks" / f"{AREA_TEMPLATE}.md"
    for area in dataset.registry.areas:
        parameters = {**common, "area": area}
        headings = area_headings(dataset, area)
        key = digest_text(notebook_key(template.read_text(encoding="utf-8"), parameters, area, dataset, data_digest, package),
                          *headings.values())
        tasks.append(Task(area, template, f"chapters/{area}.ipynb", parameters, headings, key))
    inputs = digest_text(static, data_digest, previous, previous_manifest, *[t.key for t in tasks])
    return BuildPlan(tasks, static, inputs, previous, list(dataset.registry.areas))
