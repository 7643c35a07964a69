"""Numbers formatted for readers, and the plain sentences generated from an assessment, in the
page's language (`i18n.current()` when the function is called).

Every figure in a sentence comes from the assessment; nothing here is a data value. English
writes thousands, millions and billions; Chinese writes 万, 亿 and 万亿 as Chinese statistical
publications do (1.2万亿元, 9600亿元, 2800万户, 3000家), with no space between a number and its
unit. Each sentence is one message with named placeholders, so each language orders its parts.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from typing import Optional

from .assess import CONFIDENCE, Assessment
from .i18n import N_, SOURCE, MissingTranslation, _, current, local, pgettext
from .registry import Indicator, Target
from .units import UNITS, in_units_of_one, is_chinese, simplified
from .verdicts import Verdict

# Tables of words: the English value is the msgid; show a value with _() (or the functions below,
# which also pass unknown codes through), never as it is, on a page in another language.
QUALIFIER_WORDS = {"approx": N_("about "), "at_least": N_("at least "), "more_than": N_("more than "), "less_than": N_("less than "),
                   "lower_bound": N_("at least ")}
COMPARATOR_WORDS = {">=": N_("at least"), ">": N_("more than"), "<=": N_("at most"), "<": N_("less than"), "about": N_("about"),
                    "between": N_("from")}
_NO_ANSWER = (Verdict.NO_EVIDENCE, Verdict.NOT_MEASURABLE)  # verdicts that record a gap, not a failure
_COUNT_NOUNS = {"家": N_("firms"), "个": "", "处": "", "座": "", "项": "", "所": ""}


def _chinese() -> bool:
    return current() == "zh"


def _number(value: float, digits: int, grouped: Optional[bool] = None) -> str:
    """English groups thousands (12,000); Chinese statistical tables do not (12000)."""
    grouped = current() == SOURCE if grouped is None else grouped
    text = f"{value:{',' if grouped else ''}.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def qualifier_words(code: Optional[str]) -> str:
    """The words before a figure for its qualifier ('about ', 'more than '; Chinese '约', '超过');
    '' for an exact figure or an unknown code."""
    return _(QUALIFIER_WORDS[code]) if code in QUALIFIER_WORDS else ""


def comparator_words(code: str) -> str:
    """'at least' for '>=' (Chinese '不低于'); an unknown code as it is."""
    return _(COMPARATOR_WORDS[code]) if code in COMPARATOR_WORDS else code


@dataclass(frozen=True)
class DisplayUnit:
    """How a figure is written for readers: divide a value in the indicator's unit by `divisor`,
    write `digits` decimals and follow it with `label` ('trillion yuan', '%', 'firms'; Chinese
    '万亿元', '%', '家'). A unit is written in the language it was made in (`language`), so make
    it with display_unit() inside the page's language."""
    divisor: float
    label: str
    digits: int
    axis_title: str  # the words on a chart's value axis: the label, or "number" for bare counts
    language: str = SOURCE

    def number(self, value: float, digits: Optional[int] = None) -> str:
        """The figure in this unit: with at most `digits` decimals, no trailing zero; with `digits`
        given, exactly that many (a table column's one precision)."""
        grouped = self.language == SOURCE
        if digits is None:
            return _number(value / self.divisor, self.digits, grouped=grouped)
        return f"{value / self.divisor:{',' if grouped else ''}.{digits}f}"

    def text(self, value: float, digits: Optional[int] = None) -> str:
        if self.label == "%":
            return f"{self.number(value, digits)}%"
        if self.language != SOURCE:  # Chinese: 1.2万亿元, 3000家
            return f"{self.number(value, digits)}{self.label}"
        return f"{self.number(value, digits)} {self.label}".rstrip()

    def decimals(self, value: float) -> int:
        """The decimals a figure needs in this unit: those it has, up to the unit's `digits`
        (1.3 trillion needs one, 0.5643 trillion two)."""
        text = self.number(value)
        return len(text.split(".")[1]) if "." in text else 0

    def column_digits(self, values) -> int:
        """The one precision of a table column of figures in this unit: as many decimals as its
        most precise figure needs (1.30, 0.56, 1.38; never 1.3, 0.56, 1.38), never more than the
        figures have (whole counts stay whole). NaN and missing values need none."""
        return max((self.decimals(v) for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))), default=0)


# dimension -> the noun a reader counts in, and the magnitudes written as words
_NOUNS = {"yuan": N_("yuan"), "usd": N_("US dollars"), "households": N_("households"), "persons": N_("people"), "tonnes": N_("tonnes"),
          "km": N_("km"), "gigabytes": N_("GB"), "teu": N_("TEU")}
_CURRENCY_STEPS = ((1e12, "trillion", 2), (1e9, "billion", 1), (0, "million", 1))
_COUNT_STEPS = ((1e9, "billion", 2), (1e6, "million", 2))
# Chinese magnitudes, as statistical bulletins write them: money from 万元 up (250万元, 9600亿元,
# 1.2万亿元, 25.6万元/人); counts whole below 10万 (3000家, 11931家), then in 万 and 亿 (2800万户, 1.2亿人).
_ZH_CURRENCY_STEPS = ((1e12, "万亿", 2), (1e8, "亿", 2), (1e4, "万", 2), (0, "", 2))
_ZH_COUNT_STEPS = ((1e8, 1e8, "亿", 2), (1e5, 1e4, "万", 2))  # (from, divisor, word, digits)
# The measure word of a count whose unit names the thing in English (Chinese units carry their own: 家, 个, 台)
_ZH_MEASURE_WORDS = {"enterprises": "家", "high-tech companies": "家", "future factories": "家", "makerspaces": "家",
                     "scenic spots": "个", "5G base stations": "个", "million": "个"}


def _measure_word(unit: Optional[str]) -> str:
    """The Chinese measure word a count is written with: 家 for 家 and 万家, 个 for 万个 and 個."""
    if unit in _ZH_MEASURE_WORDS:
        return _ZH_MEASURE_WORDS[unit]
    word = simplified(unit or "").lstrip("万亿")
    return word if word and is_chinese(word) else "个"


def display_unit(unit: Optional[str], magnitude: float) -> DisplayUnit:
    """The display unit for figures of about `magnitude` (in `unit`): the one function that
    decides the words of a number in sentences, tables and chart axes, in the page's language."""
    dimension = UNITS[unit][0] if unit in UNITS else ""
    magnitude = 0.0 if magnitude is None or (isinstance(magnitude, float) and math.isnan(magnitude)) else abs(magnitude)
    if _chinese():
        return _chinese_unit(unit, dimension, magnitude)
    if dimension in ("yuan", "usd"):
        one = in_units_of_one(1, unit)
        for size, word, digits in _CURRENCY_STEPS:
            if magnitude * one >= size:
                label = f"{word} {_NOUNS[dimension]}"
                return DisplayUnit((size or 1e6) / one, label, digits, label)
    if dimension == "percent":
        return DisplayUnit(1, "%", 1, "per cent")
    if dimension == "yuan_per_person":
        return DisplayUnit(1 / in_units_of_one(1, unit), "yuan per person", 0, "yuan per person")
    if dimension == "index":
        return DisplayUnit(1, "points", 2, "index points")
    if dimension == "rank":
        return DisplayUnit(1, "", 0, "rank (1st at the top)")
    if dimension in ("households", "persons", "count", "tonnes", "km", "gigabytes", "teu"):
        noun = _NOUNS.get(dimension) or _COUNT_NOUNS.get(unit, "")
        one = in_units_of_one(1, unit)
        for size, word, digits in _COUNT_STEPS:
            if magnitude * one >= size:
                label = f"{word} {noun}".rstrip()
                return DisplayUnit(size / one, label, digits, label if noun else f"{word} (number)")
        whole = float(magnitude * one).is_integer()
        return DisplayUnit(1 / one, noun, 0 if whole else 1, noun or "number")
    return DisplayUnit(1, unit or "", 2, unit or "value")


def _chinese_unit(unit: Optional[str], dimension: str, magnitude: float) -> DisplayUnit:
    if dimension in ("yuan", "usd"):
        one = in_units_of_one(1, unit)
        for size, word, digits in _ZH_CURRENCY_STEPS:
            if magnitude * one >= size:
                label = word + _(_NOUNS[dimension])
                return DisplayUnit((size or 1) / one, label, digits, label, "zh")
    if dimension == "percent":
        return DisplayUnit(1, "%", 1, _("per cent"), "zh")
    if dimension == "yuan_per_person":  # 25.6万元/人, 8600元/人
        one = in_units_of_one(1, unit)
        if magnitude * one >= 1e4:
            return DisplayUnit(1e4 / one, _("10,000 yuan per person"), 2, _("10,000 yuan per person"), "zh")
        return DisplayUnit(1 / one, _("yuan per person"), 0, _("yuan per person"), "zh")
    if dimension == "index":
        return DisplayUnit(1, _("points"), 2, _("index points"), "zh")
    if dimension == "rank":
        return DisplayUnit(1, "", 0, _("rank (1st at the top)"), "zh")
    if dimension in ("households", "persons", "count", "tonnes", "km", "gigabytes", "teu"):
        noun = _(_NOUNS[dimension]) if dimension in _NOUNS else _measure_word(unit)
        one = in_units_of_one(1, unit)
        for threshold, size, word, digits in _ZH_COUNT_STEPS:
            if magnitude * one >= threshold:
                return DisplayUnit(size / one, word + noun, digits, word + noun, "zh")
        whole = float(magnitude * one).is_integer()
        return DisplayUnit(1 / one, noun, 0 if whole else 1, noun, "zh")
    return DisplayUnit(1, unit or "", 2, unit or _("value"), "zh")


def format_value(value: Optional[float], unit: Optional[str]) -> str:
    """1.2 万亿元 -> '1.2 trillion yuan' (Chinese '1.2万亿元'); 9600 亿元 -> '960 billion yuan'
    ('9600亿元'); 95 % -> '95%'; rank 3 -> '3rd' ('第3位')."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return _("no figure")
    if unit in UNITS and UNITS[unit][0] == "rank":
        return ordinal(int(round(value)))
    return display_unit(unit, value).text(value)


def figure_column(values: list[float], unit: Optional[str]) -> list[str]:
    """A table column of figures in `unit`: one display unit and one precision
    (DisplayUnit.column_digits), so that the figures stand one under the other in the same words.
    The unit is the one the smallest figure is written in, as statistical yearbooks keep a column
    in 亿元: 684.7 over 1,150.0 billion yuan loses no digit, where 0.68 over 1.15 trillion would;
    a rank as a place (3rd)."""
    if unit in UNITS and UNITS[unit][0] == "rank":
        return [format_value(v, unit) for v in values]
    known = [abs(v) for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
    shown = display_unit(unit, min((v for v in known if v), default=0))
    digits = shown.column_digits(known)
    return [shown.text(v, digits) if v is not None and not (isinstance(v, float) and math.isnan(v)) else _("no figure") for v in values]


# The search log's codes in words (data/README.md lists the codes).
NEED_WORDS = {"baseline": N_("for the baseline figure"), "deadline": N_("for the deadline-year figure"), "latest": N_("for the latest figure"),
              "evidence": N_("for evidence"), "national": N_("for the national figure")}
OUTCOME_WORDS = {"found": N_("found something"), "nothing": N_("found nothing"), "irrelevant": N_("found nothing relevant")}
LANGUAGE_WORDS = {"zh": N_("Chinese"), "zh-hans": N_("Chinese"), "zh-hant": N_("traditional Chinese"), "en": N_("English"), "de": N_("German"),
                  "fr": N_("French"), "it": N_("Italian"), "es": N_("Spanish"), "pt": N_("Portuguese"), "ja": N_("Japanese")}
# The collections a search can be made in (the `corpus` of searches.csv): what each holds, as the
# sentence "The searches were made in …" names it.
CORPUS_WORDS = {
    "pages": N_("stored public web pages"),
    "docs": N_("stored documentation pages of software projects"),
    "issues": N_("issue threads of public code repositories"),
    "code": N_("the files of public code repositories (searched by meaning)"),
    "find_string": N_("the files of public code repositories (searched for an exact string)"),
    "find_repos": N_("the names of public code repositories"),
    "find_files": N_("the file lists of public code repositories"),
    "read_file": N_("files of public code repositories (read one by one)"),
    "files": N_("files of public code repositories (listed and read)"),
}


def _coded(table: dict, code):
    return _(table[code]) if code in table else code


def need_words(code: str) -> str:
    """A search's need in words ('for the baseline figure'); an unknown code as it is."""
    return _coded(NEED_WORDS, code)


def outcome_words(code: str) -> str:
    """A search's outcome in words ('found nothing'); an unknown code as it is."""
    return _coded(OUTCOME_WORDS, code)


def language_words(code: str) -> str:
    """A source's or a query's language in words ('Chinese', Chinese '中文'); an unknown code as it is."""
    return _coded(LANGUAGE_WORDS, code)


def corpus_words(code: str) -> str:
    """A searched corpus in words ('stored public web pages'); an unknown code as it is."""
    return _coded(CORPUS_WORDS, code)


def in_sentence(name: str) -> str:
    """A name inside a sentence: 'Online sales' -> 'online sales'; an acronym keeps its capitals
    ('IT-industry integration index' stays as it is). Chinese has no capitals: the name as it is."""
    if _chinese():
        return name
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


def paragraph(sentences: list[str]) -> str:
    """Sentences as one paragraph: English puts a space between them, Chinese does not."""
    return ("" if _chinese() else " ").join(sentences)


def html_lang(code: str) -> str:
    """A search's language code as an HTML lang attribute: zh-hans -> zh-Hans."""
    head, _, script = code.partition("-")
    return f"{head}-{script.capitalize()}" if script else head


def in_words(items: list[str]) -> str:
    """['a'] -> 'a'; ['a', 'b', 'c'] -> 'a, b and c' (Chinese: 'a、b和c')."""
    if len(items) <= 1:
        return "".join(items)
    return _("{head} and {last}").format(head=_(", ").join(items[:-1]), last=items[-1])


def in_words_or(items: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b or c' (Chinese: 'a、b或c')."""
    if len(items) <= 1:
        return "".join(items)
    return _("{head} or {last}").format(head=_(", ").join(items[:-1]), last=items[-1])


def search_summary(logged) -> str:
    """'12 queries, in Chinese and English; 3 found something' for a frame of searches.csv rows
    (Chinese: '12条检索词，使用中文和英文；其中3条有所发现')."""
    languages = in_words([language_words(code) for code in dict.fromkeys(sorted(logged["language"]))])
    found = int((logged["outcome"] == "found").sum())
    return _("{queries}, in {languages}; {found} found something").format(queries=plural(len(logged), "query"), languages=languages,
                                                                         found=found)


_UNTITLED_OPENINGS = ("[title not in excerpt", "(no title in excerpt)", "[no title in excerpt", "(title not in excerpt)")


def source_title(title: str, publisher: str = "") -> str:
    """A source's title for readers: a title the stored page did not show ('[title not in excerpt:
    …]', '[title not in excerpt]', '(no title in excerpt) …', '[…] (descriptive title)') is written
    as an untitled page with what it is about, or with its publisher when nothing is said of it."""
    text = (title or "").strip()
    about = None
    for opening in _UNTITLED_OPENINGS:
        if text.lower().startswith(opening):
            about = text[len(opening):].strip().strip(":]").strip()
            break
    if about is None and text.endswith("(descriptive title)"):
        about = text[:-len("(descriptive title)")].strip()
        about = about[1:-1].strip() if about.startswith("[") and about.endswith("]") else about
    if about is None and text:
        return text
    if about:
        return _("untitled page ({about})").format(about=about)
    return _("untitled page on {publisher}").format(publisher=publisher) if publisher else _("untitled page")


_ROW_START = re.compile(r"\s*<t[rdh][\s>]", re.I)
_CELL = re.compile(r"<t[dh](?:\s[^>]*)?>(.*?)</t[dh]\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[^\S\u3000]+")  # every kind of whitespace but the full-width space (浙\u3000江 as published)


def quote_text(quote) -> str:
    """A quote as readers see it, wherever one is shown (tooltip, table, sources list, evidence):
    a table row's markup (a snapshot of an HTML bulletin keeps '<tr style=…><td …>…' as its quote)
    is written as the cells' text joined with ' | ', whitespace collapsed, full-width spaces kept
    as published; any other quote as it is. The data keeps the quote as it is."""
    if quote is None or (isinstance(quote, float) and math.isnan(quote)):
        return ""
    text = str(quote)
    cells = _CELL.findall(text) if _ROW_START.match(text) else []
    if not cells:
        return text
    return " | ".join(_SPACES.sub(" ", html.unescape(_TAG.sub("", cell))).strip(" ") for cell in cells)


# The things sentences count, by the English noun plural() is given: Chinese has no plural and
# writes a measure word instead ('3个目标', '12条检索词'). A noun not here has no Chinese.
COUNT_PHRASES = {
    "target": N_("{n} target"), "quantified target": N_("{n} quantified target"), "milestone": N_("{n} milestone"),
    "query": N_("{n} query"), "search": N_("{n} search"), "record": N_("{n} record"), "evidence record": N_("{n} evidence record"),
    "figure": N_("{n} figure"), "annual figure": N_("{n} annual figure"), "figure as of a date": N_("{n} figure as of a date"),
    "figure for part of a year": N_("{n} figure for part of a year"), "figure from another source": N_("{n} figure from another source"),
    "source": N_("{n} source"), "indicator": N_("{n} indicator"), "series": N_("{n} series"), "task area": N_("{n} task area"),
    "area": N_("{n} area"), "chart": N_("{n} chart"), "table": N_("{n} table"), "page": N_("{n} page"), "edition": N_("{n} edition"),
    "change": N_("{n} change"), "comment": N_("{n} comment"), "year": N_("{n} year"), "day": N_("{n} day"),
}


def plural(n: int, noun: str, many: Optional[str] = None) -> str:
    """1 query, 2 queries; 1 figure for part of the year, 3 figures for part of the year.
    Chinese: the noun's count phrase from COUNT_PHRASES, '2条检索词' (MissingTranslation for a noun
    without one)."""
    if current() != SOURCE:
        if noun not in COUNT_PHRASES:
            raise MissingTranslation(f"plural(): no count phrase for {noun!r} in words.COUNT_PHRASES")
        return _(COUNT_PHRASES[noun]).format(n=n)
    if n == 1:
        return f"{n} {noun}"
    if many is None:  # the head noun takes the plural: 'quantified targets', 'figures for part of a year'
        words = noun.split(" ")
        links = [i for i, w in enumerate(words) if w in ("of", "for", "as", "from") and i > 0]
        at = links[0] - 1 if links else len(words) - 1
        head = words[at]
        words[at] = head[:-1] + "ies" if head.endswith("y") and head[-2:-1] not in "aeiou" else head + "s"
        many = " ".join(words)
    return f"{n} {many}"


def ordinal(n: int) -> str:
    """A place in a ranking: 3rd (Chinese 第3位)."""
    if current() != SOURCE:
        return pgettext("rank", "{n}th").format(n=n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_pct(value: float) -> str:
    return f"{_number(abs(value), 1)}%"


def target_phrase(target: Target, indicator: Optional[Indicator]) -> str:
    """'the 1.2 trillion yuan target' (Chinese '1.2万亿元的目标'), 'the milestone'."""
    if target.kind == "milestone" or indicator is None:
        return _("the milestone")
    value = format_value(target.value, target.unit)
    if target.kind == "rank":
        if target.value > 1:
            return _("the target of a place in the top {n}").format(n=int(target.value))
        return _("the target of first place")
    if target.kind == "range":
        return _("the target of {low} to {high}").format(low=_number(target.value, 0), high=format_value(target.value_high, target.unit))
    if target.kind == "approx":
        return _("the target of about {value}").format(value=value)
    return _("the {value} target").format(value=value)


def sentences(a: Assessment, target: Target, indicator: Optional[Indicator]) -> list[str]:
    """Plain sentences on the verdict, the latest figure, progress and projection, in the page's
    language; join them with paragraph()."""
    if a.evidence_based:
        out = _milestone_sentences(a, target)
        if target.indicator is not None and indicator is not None:  # a quantified target without a figure of its own measure
            own = local(indicator, "name")
            own = own.lower() if current() == SOURCE else own
            if target.context:
                out.insert(0, _("No published figure of {name}, the target's own measure, was found. Any charts below show related series, "
                                "of another scope, unit or currency, which cannot decide it.").format(name=own))
            else:
                out.insert(0, _("No published figure of {name}, the target's own measure, was found.").format(name=own))
        return out
    name = local(indicator, "name")
    unit = indicator.unit
    goal = target_phrase(target, indicator)
    year = target.deadline
    out = []
    if a.deadline_value is not None and not math.isnan(a.deadline_value):
        reached = qualifier_words(a.deadline_qualifier) + format_value(a.deadline_value, unit)
        facts = {"name": name, "reached": reached, "year": year, "goal": goal}
        if a.verdict == Verdict.NOT_MEASURABLE:
            out.append(_("The years found add up to {reached} by {year}, below {goal}; a year is missing, so the sum is only a lower "
                         "bound and the target cannot be checked for its deadline.").format(**facts))
        elif target.kind == "rank" and a.verdict == Verdict.MET:
            out.append(_("Zhejiang ranked {reached} in {year}; {goal} was met.").format(**facts))
        elif target.kind == "rank":
            out.append(_("Zhejiang ranked {reached} in {year}; {goal} was not met.").format(**facts))
        elif a.verdict == Verdict.MET:
            facts.update(pct=format_pct(a.shortfall_pct) if a.shortfall_pct else "", first=a.first_met_year)
            if a.shortfall_pct and a.first_met_year:
                out.append(_("{name} reached {reached} in {year}, {pct} above {goal}; first met in {first}.").format(**facts))
            elif a.shortfall_pct:
                out.append(_("{name} reached {reached} in {year}, {pct} above {goal}.").format(**facts))
            elif a.first_met_year:
                out.append(_("{name} reached {reached} in {year}, exactly {goal}; first met in {first}.").format(**facts))
            else:
                out.append(_("{name} reached {reached} in {year}, exactly {goal}.").format(**facts))
        elif a.verdict == "borderline":
            out.append(_("{name} reached {reached} in {year}: too close to {goal} to call it met.").format(**facts))
        elif a.shortfall_pct is not None:
            out.append(_("{name} reached {reached} in {year}, {pct} short of {goal}.").format(pct=format_pct(a.shortfall_pct), **facts))
        else:
            out.append(_("{name} reached {reached} in {year}, short of {goal}.").format(**facts))
    else:
        out.append(_("No published figure of {name} for {year} was found, so {goal} cannot be checked for its deadline.").format(
            name=in_sentence(name), year=year, goal=goal))
        if a.verdict == Verdict.MET:
            out.append(_("It was already met in {year}.").format(year=a.first_met_year))
    if a.latest_year is not None and a.latest_year != target.deadline:
        latest = {"year": a.latest_year, "value": qualifier_words(a.latest_qualifier) + format_value(a.latest_value, unit)}
        if a.status_now == Verdict.UNKNOWN and target.kind == "rank":
            out.append(_("The latest figure, for {year}, is {value}; a rank is never carried forward, so where the target stands now "
                         "is unknown.").format(**latest))
        elif a.status_now == Verdict.UNKNOWN:
            out.append(_("The latest figure, for {year}, is {value}; a lower bound below the target decides nothing, so where the "
                         "target stands now is unknown.").format(**latest))
        elif a.status_now == Verdict.MET:
            out.append(_("The latest figure, for {year}, is {value}, which meets the target.").format(**latest))
        elif a.status_now == Verdict.BORDERLINE:
            out.append(_("The latest figure, for {year}, is {value}, which is close to the target.").format(**latest))
        else:
            out.append(_("The latest figure, for {year}, is {value}, which does not meet the target.").format(**latest))
    if a.progress_ratio is not None and a.cagr_actual is not None and a.cagr_required:
        out.append(_("From {year} the series changed by {actual} a year against the {required} a year needed: {progress} "
                     "(ratio {ratio}).").format(year=a.baseline_year, actual=_signed_pct(a.cagr_actual), required=_signed_pct(a.cagr_required),
                                                progress=a.progress_class_words, ratio=f"{a.progress_ratio:.2f}"))
    elif a.progress_ratio is not None:
        out.append(_("Progress over the plan period: {progress} (ratio {ratio}).").format(progress=a.progress_class_words,
                                                                                         ratio=f"{a.progress_ratio:.2f}"))
    if a.projection_year is not None and a.status_now != Verdict.MET:
        projection = {"trend": a.projection_note_words, "year": f"{a.projection_year:.0f}", "confidence": f"{CONFIDENCE:.0%}",
                      "low": f"{a.projection_low:.0f}", "high": f"{a.projection_high:.0f}" if not math.isinf(a.projection_high) else ""}
        if math.isinf(a.projection_high):
            out.append(_("On its {trend}, the target would be reached around {year} ({confidence} interval {low} to never on the "
                         "slowest trend).").format(**projection))
        else:
            out.append(_("On its {trend}, the target would be reached around {year} ({confidence} interval {low} to {high}).").format(
                **projection))
    if target.proxy:
        out.append(_("This is measured by a proxy: {proxy}").format(proxy=local(target, "proxy")))
    return out


def _signed_pct(rate: float) -> str:
    return f"{'+' if rate >= 0 else '-'}{_number(abs(rate) * 100, 1)}%"


def _milestone_sentences(a: Assessment, target: Target) -> list[str]:
    if a.verdict in _NO_ANSWER and a.status_now in (Verdict.UNKNOWN, Verdict.NO_EVIDENCE):
        if a.verdict_reason.endswith("none counted"):
            return [_("No evidence record counts towards this target; it is shown as a gap, not as a failure.")]
        return [_("No evidence on this target was found in the sources searched; it is shown as a gap, not as a failure.")]
    out = []
    if a.verdict in _NO_ANSWER:
        out.append(_("No evidence dated by the {year} deadline was found.").format(year=target.deadline))
    else:
        out.append(_("By the {year} deadline the evidence shows the target {verdict} ({reason}).").format(
            year=target.deadline, verdict=Verdict(a.verdict).words, reason=a.verdict_reason_words))
    if a.status_now not in (Verdict.UNKNOWN, Verdict.NO_EVIDENCE, a.verdict):
        out.append(_("Counting later records too, the strongest, describing {date}, shows it {status}.").format(
            date=a.evidence_date, status=Verdict(a.status_now).words))
    if a.first_met_year is not None:
        out.append(_("First evidence of achievement: {year}.").format(year=a.first_met_year))
    return out
