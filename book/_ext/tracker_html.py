"""Sphinx extension for the tracker's pages.

- Drops duplicate <script> entries (Sphinx 7.4 emits the inline bodies of sphinx-thebe and
  togglebutton twice, which raises "Identifier ... has already been declared" in the console).
- Drops sphinx-thebe's assets (strip_thebe): the book runs no live code and must not name
  thebe's CDN on its pages.
"""


def _clean(app, pagename, templatename, context, doctree):
    seen = set()
    kept = []
    for script in context.get("script_files", []):
        filename = getattr(script, "filename", str(script))
        attributes = tuple(sorted(getattr(script, "attributes", {}).items()))
        body = dict(attributes).get("body", "")
        if app.config.strip_thebe and ("thebe" in (filename or "") or "THEBE" in body or "thebe" in body):
            continue
        key = (filename, attributes)
        if key in seen:
            continue
        seen.add(key)
        kept.append(script)
    context["script_files"][:] = kept
    if app.config.strip_thebe:
        context["css_files"][:] = [c for c in context.get("css_files", []) if "thebe" not in getattr(c, "filename", str(c))]


def setup(app):
    app.add_config_value("strip_thebe", True, "html")
    app.connect("html-page-context", _clean, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
