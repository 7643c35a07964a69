"""Safe loading of a YAML list of entries, keeping each entry's line for error messages."""

from __future__ import annotations

from pathlib import Path

import yaml

from .issues import DataIssue


def load_entries(path: Path) -> tuple[list[tuple[int, dict]], list[DataIssue]]:
    """Return [(line, entry)] for a YAML file holding a list of mappings.

    Only yaml.SafeLoader is used: a tag that would construct a Python object is an error.
    """
    name = path.name
    if not path.exists():
        return [], [DataIssue(name, "", "", str(path), "the file to exist")]
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], [DataIssue(name, f"byte {exc.start}", "", repr(exc.object[exc.start:exc.start + 4]), "UTF-8 text")]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return [], [DataIssue(name, where, "", problem, "well-formed YAML (safe subset, no object tags)")]
    if data is None:
        return [], [DataIssue(name, "", "", "empty file", "a list of entries")]
    duplicates = list(_duplicate_keys(root))
    if duplicates:
        return [], [DataIssue(name, f"line {line}", key, key, "each field once per entry (the second would silently replace the first)")
                    for line, key in duplicates]
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        return [], [DataIssue(name, "line 1", "", type(data).__name__, "a list of entries (lines starting with '- ')")]
    entries: list[tuple[int, dict]] = []
    issues: list[DataIssue] = []
    for node, item in zip(root.value, data):
        line = node.start_mark.line + 1
        if not isinstance(item, dict):
            issues.append(DataIssue(name, f"line {line}", "", str(item), "a mapping of field: value"))
            continue
        entries.append((line, item))
    return entries, issues


def _duplicate_keys(node):
    """(line, key) for every key that appears twice in one mapping, at any depth."""
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                yield key_node.start_mark.line + 1, str(key)
            seen.add(key)
            yield from _duplicate_keys(value_node)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _duplicate_keys(item)
