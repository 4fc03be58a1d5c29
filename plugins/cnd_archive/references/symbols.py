"""United Nations document symbols: validate, expand, find in running text, resolve.

A symbol (``E/CN.7/2017/11``, ``UNODC/HONLAC/27/CRP.1``, ``S/RES/1440 (2002)``) is the
language-independent name of a UN document, so it is the key by which the archive links a
report to the documents it cites. Reports print symbols in several shapes that are not
symbols themselves: ranges (``CRP.1-10``), lists (``L.1 and Add.1-8``) and resolutions
cited by number with their organ (``General Assembly resolution 71/211``). This module turns
all of them into canonical symbols, and refuses what it cannot read with certainty:
a wrong link is worse than a missing one.

Canonical form (what :func:`parse_symbol` returns and every function emits):

* surrounding whitespace and a trailing reissue star (``*``) are dropped, because the star
  marks a reprint of the same document, not another document;
* the modifiers are spelt as the UN spells them, ``Add.``, ``Corr.``, ``Rev.``, ``Amend.``
  (``ADD.1`` in an all-capitals heading becomes ``Add.1``);
* the parenthetical of a resolution keeps the UN's own spacing: one space before a Security
  Council year, ``S/RES/1440 (2002)``, none before a roman session, ``A/RES/3014(XXVII)``,
  whatever spacing was printed;
* nothing else is rewritten: the series must already be in capitals (``e/2009/28`` is refused,
  not repaired, because lower case in a symbol position is more often not a symbol at all).

Recognition in running text (:func:`find_symbols`) is one pass of one compiled regular
expression: an alternation, in the manner of laws-africa/cobalt's identifier grammar, of a URL
(consumed so that symbols inside links are skipped), a resolution or decision citation, and a
symbol with its optional range or list. Every quantifier that can repeat is either bounded or
followed by text it cannot match, so matching takes time linear in the length of the text.
The only look outside a match is a bounded look at the word before a citation (at most
``_LOOKBACK`` characters), to tell "Statistical Commission resolution" from "Commission
resolution"; the text is never rescanned per symbol.

Standard library only (``re``, ``dataclasses``), so the core runs without the site generator.
"""

import functools
import re
from dataclasses import dataclass
from urllib.parse import quote

from cnd_archive.model.numbering import ROMAN

__all__ = [
    "SymbolMention",
    "parse_symbol",
    "expand_range",
    "find_symbols",
    "is_job_number",
    "resolver_url",
    "cnd_report_symbol",
    "UN_LANGUAGES",
    "DEFAULT_RESOLVER",
    "KNOWN_SERIES",
    "MAX_RANGE",
    "FIRST_CND_SESSION",
]

UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
"""The six official languages, the only language codes the UN resolvers serve."""

DEFAULT_RESOLVER = "https://undocs.org"

MAX_RANGE = 500
"""Largest number of documents one range may stand for.

Real ranges in meeting reports run to a few dozen; a larger one is a misreading (a page
number or a job number taken for a range), and expanding it would flood the index.
"""

FIRST_CND_SESSION = 43
"""First CND session whose report is known to be ``E/<session + 1957>/28``.

Checked against the reports themselves: forty-third session (2000) ``E/2000/28``,
forty-fourth (2001) ``E/2001/28``, fifty-sixth (2013) ``E/2013/28``. Earlier reports had
other supplement numbers (the eleventh special session's was ``E/1990/24``), so the rule
is not applied before this session rather than applied wrongly.
"""

_CND_YEAR_OFFSET = 1957

KNOWN_SERIES = frozenset({
    # principal organs and the Secretariat
    "A", "E", "S", "ST",
    # Vienna: the Office, its predecessor, the conventions' conferences of the parties
    "UNODC", "UNDCP", "CTOC", "CAC",
    # other series that drug-control reports cite
    "TD", "DP", "UNEP", "ICEF", "ECE", "FCCC", "UNW", "HRI",
    "CEDAW", "CRC", "CCPR", "CERD", "CAT", "CRPD",
})
"""Series whose symbols :func:`find_symbols` recognises in running text.

A whitelist because a capital word before a slash is not enough evidence in prose
("PCR/2 test"); :func:`parse_symbol` accepts any capital series, since there the caller
has already said the string is a symbol.
"""

_MODIFIERS = ("Add", "Corr", "Rev", "Amend")
_MODIFIER_BY_UPPER = {m.upper(): m for m in _MODIFIERS}

_MAX_SYMBOL_LENGTH = 200
_MAX_COMPONENTS = 12
_LOOKBACK = 60

# ---------------------------------------------------------------------------
# Grammar of the running-text scanner (validation of a match is done by _parse).
# ---------------------------------------------------------------------------

_MOD = r"(?:Add|Corr|Rev|Amend)"

# One component after the series. The alternatives start differently or are told apart by
# the character after them ("/", "." or the end), so a component has at most a couple of
# ways to match and "/" fixes where it ends: no nested ambiguity, no runaway backtracking.
_COMPONENT = r"""
    (?: """ + _MOD + r"""\.[0-9]{1,3}    # modifier: Add.1, Corr.2, Rev.1, Amend.1
      | E?S-[0-9]{1,2}                   # special or emergency special session: S-30, ES-8
      | [A-Z]{1,12}(?:\.[0-9]{1,4})?     # body or document type: CN.7, C.3, RES, INF, CRP.1, L.60
      | [0-9]{1,5}                       # session, year or document number: 27, 2017, 211
    )"""

_PAREN = r"(?:[ ]?\((?:[0-9]{4}|[IVXLC]{1,12})\))"   # (2002) or (XXVII)


def _series_alternation() -> str:
    # Longest first, so that a short series never hides a long one that shares its start.
    return "(?:" + "|".join(sorted(KNOWN_SERIES, key=lambda s: (-len(s), s))) + ")"


_SERIES = _series_alternation()

# A symbol must not be glued to a word, a path or a query string; "28-E/CN.7/..." (a
# document with two symbols, "E/2001/28-E/CN.7/2001/12") is the one exception.
_SYMBOL_START = r"(?:(?<![\w/.:@=?&#%~+\-])|(?<=[0-9]-))"
# ".1" after the end would mean a component was cut short ("L.10" read as "L").
_SYMBOL_END = r"(?![\w/]|\.[0-9])(?!-(?!" + _SERIES + r"/)\w)"

# A resolution number as cited in prose. The look-ahead makes a number whole: "71/2110"
# does not yield "71/211".
_NUM = r"""
    (?: E?S-[0-9]{1,2}/[0-9]{1,4}               # S-30/1, ES-8/2
      | [0-9]{1,4}/[0-9]{1,4}                   # 71/211, 1992/28, 56/10
      | [0-9]{1,4}[ ]?\((?:[0-9]{4}|[IVXLC]{1,12})\)   # 1440 (2002), 3014 (XXVII)
    )
    (?![\w/]|\.[0-9]|-\w)"""

_MASTER_PATTERN = r"""
    (?P<url> \b(?:https?|ftp)://[^\s<>"]* | \bwww\.[^\s<>"]* )
  |
    (?P<cite>
        (?: \b(?P<organ> General\s+Assembly
                       | Economic\s+and\s+Social\s+Council
                       | Security\s+Council
                       | Commission\s+on\s+Narcotic\s+Drugs
                       | Assembly | Council | Commission )\s+
          | \b(?P<its>[Ii]ts)\s+
        )?
        (?P<kw>\b(?:[Rr]esolution|[Dd]ecision))(?P<plural>s)?\s+
        (?P<nums> """ + _NUM + r"""
            (?(plural)
                (?:\s*,\s*""" + _NUM + r"""){0,50}
                (?:\s*,?\s+and\s+""" + _NUM + r""")?
            )
        )
    )
  |
    (?P<sym> """ + _SYMBOL_START + r"""
        (?P<base> """ + _SERIES + r"""(?:/""" + _COMPONENT + r"""){2,12} )
        (?P<paren> """ + _PAREN + r""" )?
        (?: -(?P<upto>[0-9]{1,4})
          | \s+and\s+(?P<also>""" + _MOD + r"""\.[0-9]{1,3}(?:-[0-9]{1,3})?)
        )?
        (?P<star>\*{1,3})?
    )
    """ + _SYMBOL_END

_MASTER_RE = re.compile(_MASTER_PATTERN, re.VERBOSE)
_CLUES = ("/", "esolution", "ecision", "www.")
"""One of these is in every match of _MASTER_RE: a symbol's "/", a citation's keyword, an address."""

# The same number, with groups, to read the (short, already matched) number list of a citation.
_NUM_RE = re.compile(r"""
      (?P<special>E?S-[0-9]{1,2})/(?P<special_no>[0-9]{1,4})
    | (?P<first>[0-9]{1,4})/(?P<second>[0-9]{1,4})
    | (?P<number>[0-9]{1,4})[ ]?\((?P<paren>[0-9]{4}|[IVXLC]{1,12})\)
""", re.VERBOSE)

_SERIES_RE = re.compile(r"[A-Z]{1,12}")
_MODIFIER_RE = re.compile(r"(?P<name>add|corr|rev|amend)\.(?P<no>[0-9]{1,3})", re.IGNORECASE)
_TYPE_RE = re.compile(r"[A-Z]{1,12}(?:\.[1-9][0-9]{0,3})?")
_NUMBER_RE = re.compile(r"[1-9][0-9]{0,4}")
_SPECIAL_RE = re.compile(r"E?S-[1-9][0-9]?")
_ROMAN_RE = re.compile(r"(?=[IVXLC])" + ROMAN)
_SHAPE_RE = re.compile(r"(?P<body>[^\s()*]+)(?:\s*\((?P<paren>[^()]*)\))?(?P<star>\**)")
_RANGE_TEXT_RE = re.compile(
    r"(?P<base>.+?)(?:-(?P<upto>[0-9]{1,6})|\s+and\s+(?P<also>[^\s*]+))?(?P<star>\*{0,3})",
    re.DOTALL,
)
_ALSO_RE = re.compile(r"(?P<mod>" + _MOD + r")\.(?P<lo>[0-9]{1,4})(?:-(?P<hi>[0-9]{1,4}))?")
_NUMBERED_LAST_RE = re.compile(r"(?P<head>[A-Z][A-Za-z]{0,11}\.)(?P<lo>[0-9]{1,4})")
_JOB_RE = re.compile(
    r"[A-Z]\.[0-9]{2}-[0-9]{5}(?:[ ]?\([ACEFRS]\))?"   # V.17-07261, V.18-05332 (E)
    r"|[0-9]{2}-[0-9]{5}[ ]?\([ACEFRS]\)"              # 95-31095 (E), older New York form
)

_EXAMPLE = (
    "a valid symbol is a capital-letter series and components separated by '/', "
    "e.g. 'E/CN.7/2017/11', 'UNODC/HONLAC/27/CRP.1', 'A/C.3/78/L.60/Rev.1' "
    "or 'S/RES/1440 (2002)'"
)


def _fail(text: str, reason: str) -> ValueError:
    return ValueError(f"{text!r} is not a UN document symbol: {reason}; {_EXAMPLE}")


# ---------------------------------------------------------------------------
# One symbol
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class SymbolMention:
    """One citation found in running text.

    ``wording`` is ``text[start:end]`` exactly as printed, so an editor can highlight or
    link it in place; ``symbols`` are what it stands for, in canonical form, so the archive
    can link each cited document. A range or list gives several symbols; several CND
    resolutions of one session give one (the session's report), listed once.
    """

    start: int
    end: int
    wording: str
    symbols: tuple[str, ...]
    kind: str  # "symbol" | "range" | "resolution" | "cnd-resolution" | "cnd-decision" | "over-limit"


def _canonical_number(digits: str) -> bool:
    return bool(_NUMBER_RE.fullmatch(digits))


def _parse(text: str) -> str:
    """Canonical form of one symbol, or ValueError saying what is wrong."""
    original = text
    text = text.strip()
    if not text:
        raise _fail(original, "it is empty")
    if len(text) > _MAX_SYMBOL_LENGTH:
        raise _fail(original[:40] + "...", f"it is longer than {_MAX_SYMBOL_LENGTH} characters")
    if re.search(r"\s+and\s+", text):
        raise _fail(original, "it lists several documents; use expand_range() for 'X and Add.1-8'")
    shape = _SHAPE_RE.fullmatch(text)
    if shape is None:
        if "*" in text.rstrip("*"):
            raise _fail(original, "a reissue star '*' may only come at the end")
        raise _fail(original, "it contains whitespace or parentheses inside the symbol")
    body, paren = shape.group("body"), shape.group("paren")
    components = body.split("/")
    if any(c == "" for c in components):
        raise _fail(original, "it has an empty component (a '/' at the start or end, or '//')")
    series = components[0]
    if not _SERIES_RE.fullmatch(series):
        if _SERIES_RE.fullmatch(series.upper()):
            raise _fail(original, f"the series {series!r} must be in capitals ({series.upper()!r})")
        raise _fail(original, f"the series {series!r} is not 1 to 12 capital letters")
    if len(components) < 2:
        raise _fail(original, "it has only a series; a symbol has at least one component after it")
    if len(components) > _MAX_COMPONENTS + 1:
        raise _fail(original, f"it has more than {_MAX_COMPONENTS} components after the series")

    canonical = [series]
    seen_modifier = False
    for position, comp in enumerate(components[1:], start=1):
        modifier = _MODIFIER_RE.fullmatch(comp)
        if modifier:
            if not _canonical_number(modifier.group("no")):
                raise _fail(original, f"modifier {comp!r} needs a number from 1 without leading zeros")
            previous = canonical[-1]
            if position == 1 or not any(ch.isdigit() for ch in previous):
                raise _fail(original, f"modifier {comp!r} must follow a numbered document, as in 'L.1/Add.1'")
            seen_modifier = True
            canonical.append(f"{_MODIFIER_BY_UPPER[modifier.group('name').upper()]}.{modifier.group('no')}")
            continue
        if seen_modifier:
            raise _fail(original, f"component {comp!r} comes after a modifier; modifiers (Add., Corr., Rev., Amend.) come last")
        if _TYPE_RE.fullmatch(comp) or _NUMBER_RE.fullmatch(comp) or _SPECIAL_RE.fullmatch(comp):
            canonical.append(comp)
            continue
        if re.fullmatch(r"[A-Za-z]{1,12}\.?[0-9]*-[0-9]+|[0-9]+-[0-9]+", comp):
            raise _fail(original, f"{comp!r} is a range, not one document; use expand_range()")
        raise _fail(
            original,
            f"component {comp!r} is not a body or document type (CN.7, RES, CRP.1), "
            "a number without leading zeros (2017, 211), a special session (S-30) "
            "or a modifier (Add.1)",
        )
    if not any(ch.isdigit() for comp in canonical[1:] for ch in comp):
        raise _fail(original, "it has no number; every symbol numbers its session, year or document")

    result = "/".join(canonical)
    if paren is None:
        return result
    paren = paren.strip()
    is_resolution = len(canonical) == 3 and canonical[1] == "RES" and _NUMBER_RE.fullmatch(canonical[2])
    if not is_resolution:
        raise _fail(
            original,
            "only a resolution numbered 'X/RES/<number>' carries a parenthesis, "
            "as in 'S/RES/1440 (2002)' or 'A/RES/3014(XXVII)'",
        )
    if series == "S":
        if re.fullmatch(r"(?:19|20)[0-9]{2}", paren) and int(paren) >= 1946:
            return f"{result} ({paren})"
        raise _fail(original, f"a Security Council resolution carries its year, e.g. '(2002)', not '({paren})'")
    if series in ("A", "E"):
        if _ROMAN_RE.fullmatch(paren):
            return f"{result}({paren})"
        raise _fail(original, f"an old resolution carries its session in roman numerals, e.g. '(XXVII)', not '({paren})'")
    raise _fail(original, "only General Assembly, ECOSOC and Security Council resolutions carry a parenthesis")


def parse_symbol(text: str) -> str:
    """Validate one symbol and return its canonical form.

    Raises ValueError naming the fault (empty component, lower-case series, a range where
    one document was expected...) and showing what a symbol looks like, because the caller
    is usually a person fixing a report's metadata, who needs to know what to type.
    """
    if not isinstance(text, str):
        raise TypeError(f"a symbol is a str, not {type(text).__name__}")
    return _parse(text)


# ---------------------------------------------------------------------------
# Ranges and lists
# ---------------------------------------------------------------------------

def _check_range(lo: int, hi: int, wording: str) -> None:
    if lo < 1:
        raise ValueError(f"range {wording!r} starts at {lo}; documents are numbered from 1")
    if hi < lo:
        raise ValueError(f"range {wording!r} runs backwards ({lo} to {hi}); write it low-high, e.g. 'CRP.1-10'")
    if hi - lo + 1 > MAX_RANGE:
        raise ValueError(
            f"range {wording!r} stands for {hi - lo + 1} documents, more than {MAX_RANGE}; "
            "it is more likely a misreading than a citation"
        )


class _OverLimit(Exception):
    """A range that would expand past the documents the caller still allows."""


def _within(lo: int, hi: int, limit: int | None) -> None:
    if limit is not None and hi - lo + 1 > limit:
        raise _OverLimit


def _expand(base: str, upto: str | None, also: str | None, limit: int | None = None) -> tuple[str, ...]:
    """Symbols of base, base's range up to `upto`, or base plus its modifiers `also` (no more than
    ``limit`` of them)."""
    first = _parse(base)
    if also is not None:
        parts = _ALSO_RE.fullmatch(also)
        if parts is None:
            raise ValueError(
                f"{also!r} after 'and' is not a modifier or modifier range such as 'Add.1' or 'Add.1-8'"
            )
        mod, lo_text, hi_text = parts.group("mod"), parts.group("lo"), parts.group("hi")
        for digits in (lo_text, hi_text):
            if digits is not None and not _canonical_number(digits):
                raise ValueError(f"{also!r}: numbers start at 1 and have no leading zeros")
        lo = int(lo_text)
        hi = int(hi_text) if hi_text is not None else lo
        _check_range(lo, hi, also)
        _within(lo - 1, hi, limit)
        return (first,) + tuple(f"{first}/{mod}.{n}" for n in range(lo, hi + 1))
    if upto is None:
        return (first,)
    head, _, last = first.rpartition("/")
    numbered = _NUMBERED_LAST_RE.fullmatch(last)
    if numbered is None or "(" in first:
        raise ValueError(
            f"'{first}-{upto}': only a numbered document type or modifier carries a range "
            "('CRP.1-10', 'Add.1-8'); a range of bare numbers could be a span of years and is not expanded"
        )
    if not _canonical_number(upto):
        raise ValueError(f"'{first}-{upto}': the end of a range has no leading zeros")
    lo, hi = int(numbered.group("lo")), int(upto)
    _check_range(lo, hi, f"{last}-{upto}")
    _within(lo, hi, limit)
    prefix = f"{head}/{numbered.group('head')}"
    return tuple(f"{prefix}{n}" for n in range(lo, hi + 1))


def expand_range(text: str) -> tuple[str, ...]:
    """Every symbol that a range or list stands for, in order.

    ``UNODC/HONLAC/27/CRP.1-10`` gives ten symbols, ``UNODC/HONLAC/27/L.1 and Add.1-8``
    gives nine (the document and its eight addenda) and a single symbol gives itself, so
    that a caller can expand any cell of a documents table without first asking what it is.
    Reversed ranges, ranges of more than MAX_RANGE documents and ranges of bare numbers
    raise ValueError.
    """
    if not isinstance(text, str):
        raise TypeError(f"a symbol range is a str, not {type(text).__name__}")
    stripped = text.strip()
    if len(stripped) > _MAX_SYMBOL_LENGTH:
        raise _fail(stripped[:40] + "...", f"it is longer than {_MAX_SYMBOL_LENGTH} characters")
    parts = _RANGE_TEXT_RE.fullmatch(stripped)
    if parts is None:  # only the empty string
        raise _fail(text, "it is empty")
    return _expand(parts.group("base"), parts.group("upto"), parts.group("also"))


# ---------------------------------------------------------------------------
# Resolutions and decisions cited by number
# ---------------------------------------------------------------------------

def cnd_report_symbol(session: int) -> str:
    """Symbol of the CND report of a session: ``56 -> "E/2013/28"``.

    CND resolutions and decisions have no symbol of their own; they are printed in the
    Commission's report on the session, ECOSOC Official Records Supplement No. 8, so a link
    to that report is the best link to them. Sessions before FIRST_CND_SESSION raise
    ValueError, because their reports followed other numbering.
    """
    if isinstance(session, bool) or not isinstance(session, int):
        raise TypeError(f"a session number is an int, not {type(session).__name__}")
    if session < FIRST_CND_SESSION:
        raise ValueError(
            f"session {session}: the report symbol E/<session + {_CND_YEAR_OFFSET}>/28 is only known to hold "
            f"from the {FIRST_CND_SESSION}rd session (2000, E/2000/28)"
        )
    return f"E/{session + _CND_YEAR_OFFSET}/28"


_ORGAN_BODY = {
    "General Assembly": "GA",
    "Assembly": "GA",
    "Economic and Social Council": "ECOSOC",
    "Council": "COUNCIL",
    "Security Council": "SC",
    "Commission on Narcotic Drugs": "CND",
    "Commission": "CND",
}
_SHORT_ORGANS = frozenset({"Assembly", "Council", "Commission"})

# Capitalised words that may stand before "resolution" or a short organ without naming
# another body ("In resolution 1992/28", "See Assembly resolution 71/211").
_NOT_A_NAME = frozenset({
    "A", "An", "And", "As", "At", "By", "Cf", "For", "In", "Of", "On", "Or", "Per", "See",
    "The", "That", "This", "To", "Under", "With", "Also", "Its", "Their", "Both",
})


def _preceded_by_name(text: str, start: int) -> bool:
    """Whether a capitalised word (another body's name) stands just before `start`.

    Looks back at most _LOOKBACK characters, so the cost per citation is constant.
    "Statistical Commission resolution", "Human Rights Council resolution 2005/1" and
    "Commission on Human Rights resolution 2005/1" name other bodies; "the Assembly",
    "In resolution" and "Recalling resolution" do not.
    """
    floor = max(0, start - _LOOKBACK)
    i = start
    while i > floor and text[i - 1].isspace():
        i -= 1
    if i == start:
        return False
    j = i
    while j > floor and (text[j - 1].isalpha() or text[j - 1] in "-'\u2019"):
        j -= 1
    word = text[j:i]
    if not word or not word[0].isupper():
        return False
    return word not in _NOT_A_NAME and not word.endswith("ing")


def _plain(digits: str) -> int | None:
    return int(digits) if _canonical_number(digits) else None


def _resolve_number(body: str, decision: bool, num: "re.Match[str]") -> tuple[str, str] | None:
    """(symbol, kind) for one cited number, or None when the citation is not certain."""
    if decision:
        if body not in ("CND", "ITS") or num.group("first") is None:
            return None
        session, number = num.group("first"), num.group("second")
        if len(session) > 2 or _plain(session) is None or _plain(number) is None:
            return None
        if body == "ITS" and len(number) > 2:  # "its decision 70/547" is the Assembly's
            return None
        try:
            return cnd_report_symbol(int(session)), "cnd-decision"
        except ValueError:
            return None
    if body == "ITS":  # "in its resolution 71/211": whose? not said here
        return None

    if num.group("special") is not None:
        number = num.group("special_no")
        if body in ("GA", "BARE") and _SPECIAL_RE.fullmatch(num.group("special")) and _plain(number):
            return f"A/RES/{num.group('special')}/{number}", "resolution"
        return None

    if num.group("first") is not None:
        first, second = num.group("first"), num.group("second")
        if _plain(first) is None or _plain(second) is None:
            return None
        if len(first) == 4:
            year = int(first)
            if body in ("ECOSOC", "COUNCIL", "BARE") and 1978 <= year <= 2099:
                return f"E/RES/{first}/{second}", "resolution"
            return None
        if len(first) > 2:
            return None
        session = int(first)
        if body == "GA" and session >= 31:  # sessions 1-30 numbered "3014 (XXVII)"
            return f"A/RES/{first}/{second}", "resolution"
        if body == "CND":
            try:
                return cnd_report_symbol(session), "cnd-resolution"
            except ValueError:
                return None
        return None  # bare "resolution 71/211": Assembly or Commission? do not guess

    number, paren = num.group("number"), num.group("paren")
    if _plain(number) is None:
        return None
    if paren.isdigit():
        if body == "SC" and 1946 <= int(paren) <= 2099:
            return f"S/RES/{number} ({paren})", "resolution"
        return None
    if not _ROMAN_RE.fullmatch(paren):
        return None
    if body == "GA":
        return f"A/RES/{number}({paren})", "resolution"
    if body == "ECOSOC":
        return f"E/RES/{number}({paren})", "resolution"
    return None


def _cite_mention(text: str, m: "re.Match[str]") -> SymbolMention | None:
    organ = m.group("organ")
    organ_name = " ".join(organ.split()) if organ is not None else None
    if m.group("its") is not None:
        body = "ITS"
    elif organ_name is not None:
        body = _ORGAN_BODY[organ_name]
    else:
        body = "BARE"
    start = m.start("organ") if organ is not None else m.start("kw")
    if (body == "BARE" or organ_name in _SHORT_ORGANS) and _preceded_by_name(text, start):
        return None
    decision = m.group("kw").lower() == "decision"
    symbols: list[str] = []
    kinds: set[str] = set()
    for num in _NUM_RE.finditer(m.group("nums")):
        resolved = _resolve_number(body, decision, num)
        if resolved is None:
            return None  # one uncertain number makes the whole citation uncertain
        symbol, kind = resolved
        kinds.add(kind)
        if symbol not in symbols:
            symbols.append(symbol)
    if len(kinds) != 1:
        return None
    end = m.end("nums")
    return SymbolMention(start, end, text[start:end], tuple(symbols), kinds.pop())


def _symbol_mention(text: str, m: "re.Match[str]", limit: int | None) -> SymbolMention | None:
    start = m.start("base")
    try:
        if m.group("paren") is not None:
            try:
                symbol = _parse(m.group("base") + m.group("paren"))
                end = m.end("paren")
                if m.group("star") is not None and m.start("star") == end:
                    end = m.end("star")
            except ValueError:
                # "E/2009/28 (2009)": the parenthesis is prose, not part of the symbol
                symbol = _parse(m.group("base"))
                end = m.end("base")
            return SymbolMention(start, end, text[start:end], (symbol,), "symbol")
        upto, also = m.group("upto"), m.group("also")
        symbols = _expand(m.group("base"), upto, also, limit)
    except ValueError:
        return None
    except _OverLimit:
        return SymbolMention(start, m.end(), text[start:m.end()], (), "over-limit")
    end = m.end("star") if m.group("star") is not None else m.end()
    kind = "range" if upto is not None or also is not None else "symbol"
    return SymbolMention(start, end, text[start:end], symbols, kind)


def find_symbols(text: str, limit: int | None = None) -> list[SymbolMention]:
    """Every symbol, range and resolution citation in running text, in order.

    Mentions do not overlap. Trailing punctuation is left out; a symbol broken by a line
    break is not joined (each half is judged on its own and usually refused); symbols
    inside URLs are skipped; a citation that could name more than one document (a bare
    "resolution 71/211", a reversed range) is left out rather than guessed.

    ``limit`` caps the documents that ranges expand to: a range past it is an ``over-limit``
    mention with no symbols, for the caller to report (each range alone is capped by MAX_RANGE).
    """
    if not isinstance(text, str):
        raise TypeError(f"text is a str, not {type(text).__name__}")
    if not any(clue in text for clue in _CLUES):
        return []  # most lines cite nothing: a substring test spares them the expression
    mentions: list[SymbolMention] = []
    for m in _MASTER_RE.finditer(text):
        if m.group("url") is not None:
            continue
        if m.group("cite") is not None:
            mention = _cite_mention(text, m)
        else:
            mention = _symbol_mention(text, m, limit)
        if mention is not None:
            mentions.append(mention)
            limit = None if limit is None else max(0, limit - len(mention.symbols))
    return mentions


# ---------------------------------------------------------------------------
# Job numbers and resolvers
# ---------------------------------------------------------------------------

def is_job_number(text: str) -> bool:
    """Whether text is a print-job number such as ``V.17-07261`` or ``V.18-05332 (E)``.

    Job numbers sit in every page footer next to the symbol but name one printing in one
    language, not a document, so the importer must tell them apart and never link them.
    """
    if not isinstance(text, str):
        return False
    return _JOB_RE.fullmatch(text.strip()) is not None


def resolver_url(symbol: str, lang: str = "en", base: str = DEFAULT_RESOLVER) -> str:
    """URL at which a resolver serves the document, e.g. ``https://undocs.org/en/E/2009/28``.

    The symbol is validated and canonicalised first, so a link is never built from a
    malformed one; "/" is kept because the resolver reads the symbol as a path, while
    spaces and parentheses are percent-encoded. The base is configurable for mirrors.
    """
    if isinstance(symbol, str) and isinstance(lang, str) and isinstance(base, str):
        return _cached_resolver_url(symbol, lang, base)  # a report cites the same documents many times
    return _resolver_url(symbol, lang, base)


def _resolver_url(symbol: str, lang: str, base: str) -> str:
    if lang not in UN_LANGUAGES:
        raise ValueError(f"language {lang!r} is not one of the six UN languages {', '.join(UN_LANGUAGES)}")
    if not isinstance(base, str) or not re.fullmatch(r"https?://[^\s/?#]+(?:/[^\s?#]*)?", base):
        raise ValueError(f"resolver base {base!r} is not an http(s) URL such as {DEFAULT_RESOLVER!r}")
    return f"{base.rstrip('/')}/{lang}/{quote(parse_symbol(symbol), safe='/')}"


_cached_resolver_url = functools.lru_cache(maxsize=65536)(_resolver_url)
