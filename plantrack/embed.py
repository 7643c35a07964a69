"""Data text placed inside HTML: one way to serialise it for a <script> block or inline JSON.

JSON is valid JavaScript, but inside an HTML <script> element the HTML tokenizer reads it first:
'</script>' ends the element, and '<!--' followed by '<script>' makes the tokenizer skip past the
element's real end, so that the rest of the page is read as script. Escaping '<', '>' and '&' as
\\u003c, \\u003e and \\u0026 leaves the same JSON value while no tag or comment can be formed;
U+2028 and U+2029 are escaped because older JavaScript engines end a string at them.
"""

from __future__ import annotations

import json

_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_TABLE = str.maketrans(_ESCAPES)


def script_json(value, **options) -> str:
    """JSON for a <script> block or an inline JSON block: the same value as json.dumps gives,
    with '<', '>', '&', U+2028 and U+2029 escaped (keyword options go to json.dumps)."""
    return json.dumps(value, **options).translate(_TABLE)
