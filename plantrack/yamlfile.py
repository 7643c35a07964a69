"""Safe loading of a YAML list of entries, keeping each entry's line for error messages.

The files are read as YAML 1.2's core schema reads them, not as YAML 1.1 (PyYAML's default):
`yes`, `no`, `on` and `off` are text, `2017-06-30` is text, `.nan` and `.inf` are floats that the
models then refuse as not finite. The YAML 1.1 forms that would silently change a number (`012`
read as octal 10, `1:20` read as 80, `0b11`, `1_000`) are refused with their line. Anchors and
aliases are refused before anything is built, so that a "billion laughs" file ends at once; so are
files larger than MAX_FILE_BYTES, nesting deeper than MAX_DEPTH and numbers longer than MAX_DIGITS:
every check finishes in bounded time.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .issues import DataIssue, too_large

MAX_DIGITS = 30  # far above any figure in the plan; int() of thousands of digits is slow or refused
MAX_DEPTH = 8  # entries hold lists at most (context: [a, b]); deeper nesting is a mistake
_YAML11 = "tag:plantrack:refused-number"  # YAML 1.1 number forms, and integers too long to convert
_YAML11_FORMS = re.compile(r"""^(?:[-+]?0[0-9_]+(?:\.[0-9_]*)?      # leading zero: octal in YAML 1.1
                              |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?  # sexagesimal
                              |[-+]?0b[01_]+                         # binary
                              |[-+]?[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?)$""", re.X)


class CoreLoader(yaml.SafeLoader):
    """SafeLoader with the YAML 1.2 core schema's implicit types, and YAML 1.1's number forms
    marked so that they can be refused."""

    yaml_implicit_resolvers: dict = {}


def _core_int(loader: CoreLoader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-")
    if digits.startswith("0o"):
        return sign * int(digits[2:], 8)
    if digits.startswith("0x"):
        return sign * int(digits[2:], 16)
    return sign * int(digits, 10)


CoreLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
CoreLoader.add_implicit_resolver(_YAML11, _YAML11_FORMS, list("-+0123456789"))
CoreLoader.add_implicit_resolver(_YAML11, re.compile(r"^[-+]?[0-9]{%d,}$" % (MAX_DIGITS + 1)), list("-+0123456789"))
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+.0123456789"))
CoreLoader.add_constructor("tag:yaml.org,2002:int", _core_int)
CoreLoader.add_constructor(_YAML11, lambda loader, node: loader.construct_scalar(node))


def load_entries(path: Path) -> tuple[list[tuple[int, dict]], list[DataIssue]]:
    """Return [(line, entry)] for a YAML file holding a list of mappings.

    Only safe constructors are used: a tag that would construct a Python object is an error.
    """
    name = path.name
    if not path.exists():
        return [], [DataIssue(name, "", "", str(path), "the file to exist")]
    if too_large(path):
        return [], [too_large(path)]
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], [DataIssue(name, f"byte {exc.start}", "", repr(exc.object[exc.start:exc.start + 4]), "UTF-8 text")]
    try:
        refused = _refused_events(text, name)
        if refused:
            return [], [refused]
        loader = CoreLoader(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
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
    for number, (node, item) in enumerate(zip(root.value, data), start=1):
        line = node.start_mark.line + 1
        if not isinstance(item, dict):
            issues.append(DataIssue(name, f"line {line}", "", str(item), "a mapping of field: value"))
            continue
        ambiguous = [DataIssue(name, f"entry {number} (line {line})", field, value, expected)
                     for field, value, expected in _yaml11_numbers(node)]
        if ambiguous:
            issues.extend(ambiguous)
            continue
        entries.append((line, item))
    return entries, issues


def _refused_events(text: str, name: str) -> DataIssue | None:
    """The first anchor, alias or too-deep nesting in the text, read as a stream of events (the
    parser does not recurse and builds nothing, so this takes time in proportion to the text)."""
    depth = 0
    for event in yaml.parse(text, Loader=CoreLoader):
        line = f"line {event.start_mark.line + 1}"
        if isinstance(event, yaml.AliasEvent):
            return DataIssue(name, line, "", f"*{event.anchor}", "no aliases (*name): write each value out in full")
        if getattr(event, "anchor", None):
            return DataIssue(name, line, "", f"&{event.anchor}", "no anchors (&name): write each value out in full")
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return DataIssue(name, line, "", f"nesting {depth} levels deep", f"at most {MAX_DEPTH} levels: a list of entries of fields")
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return None


def _yaml11_numbers(entry: yaml.Node):
    """(field, value, expected) for every YAML 1.1 number form in one entry."""
    def walk(node, field):
        if isinstance(node, yaml.ScalarNode) and node.tag == _YAML11:
            yield field, node.value, _yaml11_advice(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                yield from walk(value, key.value if isinstance(key, yaml.ScalarNode) else field)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                yield from walk(item, field)
    yield from walk(entry, "")


def _yaml11_advice(text: str) -> str:
    if len(text.lstrip("+-")) > MAX_DIGITS and text.lstrip("+-").isdigit():
        return f"a number of at most {MAX_DIGITS} digits"
    if ":" in text:
        return "a plain number or quoted text (YAML 1.1 reads 1:20 as the base-60 number 80)"
    if "_" in text:
        return f"a number without '_' ({text.replace('_', '')})"
    if "0b" in text:
        return "a decimal number (YAML 1.1 reads 0b11 as binary 3)"
    plain = text.lstrip("+-").lstrip("0") or "0"
    return f"a number without a leading zero ({plain}; YAML 1.1 reads 012 as octal 10), or quoted text"


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
