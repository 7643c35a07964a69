"""Sphinx extension for the tracker's pages.

- Gives every page the links to the same page in the book's other languages (the
  language-switch.html template, `<link rel="alternate" hreflang>` in the head) and the words its
  scripts show, in the page's language (a JSON block read by comment.js and language.js).

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


def other_language_href(pagename: str, own_folder: str, other_folder: str) -> str:
    """From the page `pagename` of the book in `own_folder` of the edition ('' = its root), the
    relative address of the same page in the book in `other_folder`."""
    up = "../" * (pagename.count("/") + (1 if own_folder else 0))
    return f"{up}{other_folder + '/' if other_folder else ''}{pagename}.html"


def _languages(app, pagename, templatename, context, doctree):

    from plantrack.book_words import LANGUAGE_SWITCH_TITLE, script_words
    from plantrack.embed import script_json
    from plantrack.i18n import LANGUAGE, LANGUAGES, _, language

    own = LANGUAGE[app.config.tracker_language]
    links = []
    for code in LANGUAGES:
        other = LANGUAGE[code]
        with language(own.code):
            title = _(LANGUAGE_SWITCH_TITLE).format(language=_(other.english_name))
        links.append({"code": code, "name": other.name, "html_lang": other.html_lang, "current": code == own.code, "title": title,
                      "href": "#" if code == own.code else other_language_href(pagename, own.folder, other.folder)})
    context["tracker_languages"] = links
    alternates = "".join(f'<link rel="alternate" hreflang="{link["html_lang"]}" href="{link["href"]}">\n'
                         for link in links if not link["current"])
    words = script_json(script_words(own.code), ensure_ascii=False)
    context["metatags"] = context.get("metatags", "") + alternates + f'<script type="application/json" id="tracker-words">{words}</script>\n'


def setup(app):
    app.add_config_value("strip_thebe", True, "html")
    app.add_config_value("tracker_language", "en", "html")
    app.connect("html-page-context", _clean, priority=900)
    app.connect("html-page-context", _languages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
