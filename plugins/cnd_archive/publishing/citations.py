"""How a report, a paragraph or a recommendation is cited: as text, BibTeX, RIS and CSL-JSON, and
as the metadata that Zotero and Google Scholar read from a page (Highwire ``citation_*`` tags and
schema.org).

Every field comes from the report's front matter, which the record holds to the report's text:
the body that adopted the report (its author), the printed title, the symbol where a source
states it, the date of issue. A field the archive does not know is left out, never filled in.

A paragraph's citation is the report's with the paragraph added. The formats are written here
once, as templates holding ``{{locator}}`` ("para. 2 (a)"), ``{{url}}`` (its permalink) and
``{{key}}``, which the Cite buttons fill in for each paragraph (``cite.js``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from cnd_archive.model.archive import Meeting

PUBLISHER = "United Nations"
LOCATOR, URL, KEY = "{{locator}}", "{{url}}", "{{key}}"
"""The slots a paragraph's citation fills in."""
_BIBTEX_SPECIAL_RE = re.compile(r"([\\{}&%$#_^~])")


@dataclass(frozen=True)
class Citation:
    key: str
    """``honlac-27``: the meeting's id, which never changes."""
    label: str
    """``HONLAC 27``: how the archive names the report in short (search results, reports of problems)."""
    author: str
    """The body whose meeting adopted the report, as an institution."""
    title: str
    symbol: str | None
    issued: dt.date | None
    language: str | None
    url: str
    """The report page's permalink."""


def citation_of(meeting: Meeting, url: str) -> Citation:
    meta = meeting.meta
    title = str(meta.get("report_title") or f"{meeting.ordinal_name} of {meeting.body.title_phrase}")
    symbol, issued, language = meta.get("symbol"), meta.get("issued"), meta.get("original_language")
    return Citation(meeting.id, f"{meeting.body.code} {meeting.number}", meeting.body.name, title, symbol if isinstance(symbol, str) and symbol else None,
                    issued if isinstance(issued, dt.date) else None,
                    language if isinstance(language, str) else None, url)


def issued_text(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


# -- text -----------------------------------------------------------------------

def text(citation: Citation, locator: str | None = None, url: str | None = None) -> str:
    """ "Meeting of Heads …, “Report of the Twenty-seventh Meeting …”, 12 October 2017, para. 2 (a). https://…" """
    parts = [citation.author, f"“{citation.title}”"]
    if citation.symbol:
        parts.append(citation.symbol)
    if citation.issued:
        parts.append(issued_text(citation.issued))
    if locator:
        parts.append(locator)
    return ", ".join(parts) + f". {url or citation.url}"


# -- reference managers ------------------------------------------------------------

def bibtex(citation: Citation, locator: str | None = None, url: str | None = None, key: str | None = None) -> str:
    fields: list[tuple[str, str]] = [("author", "{" + _bibtex_text(citation.author) + "}"),
                                     ("title", "{" + _bibtex_text(citation.title) + "}"),
                                     ("institution", _bibtex_text(PUBLISHER))]
    if citation.symbol:
        fields += [("type", "Report"), ("number", _bibtex_text(citation.symbol))]
    if citation.issued:
        fields += [("year", str(citation.issued.year)), ("month", citation.issued.strftime("%b").lower()),
                   ("date", citation.issued.isoformat())]
    if citation.language:
        fields.append(("langid", citation.language))
    fields.append(("url", url or citation.url))
    if locator:
        fields.append(("note", locator))
    body = ",\n".join(f"  {name} = {value if name in ('month',) else '{' + value + '}'}" for name, value in fields)
    return f"@techreport{{{key or citation.key},\n{body}\n}}\n"


def _bibtex_text(value: str) -> str:
    return _BIBTEX_SPECIAL_RE.sub(r"\\\1", value)


def ris(citation: Citation, locator: str | None = None, url: str | None = None) -> str:
    lines = ["TY  - RPRT", f"AU  - {citation.author}", f"TI  - {citation.title}", f"PB  - {PUBLISHER}"]
    if citation.symbol:
        lines.append(f"SN  - {citation.symbol}")
    if citation.issued:
        lines += [f"PY  - {citation.issued.year}", f"DA  - {citation.issued:%Y/%m/%d}"]
    if citation.language:
        lines.append(f"LA  - {citation.language}")
    lines.append(f"UR  - {url or citation.url}")
    if locator:
        lines.append(f"N1  - {locator}")
    return "\n".join([*(_one_line(line) for line in lines), "ER  - "]) + "\n"


def _one_line(line: str) -> str:
    """A tag line of RIS ("AU  - …") whose value holds no line break, which would end the field."""
    tag, value = line[:6], line[6:]
    return tag + " ".join(value.split())


def csl(citation: Citation, locator: str | None = None, url: str | None = None, key: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"id": key or citation.key, "type": "report", "author": [{"literal": citation.author}],
                            "title": citation.title, "publisher": PUBLISHER}
    if citation.symbol:
        item["number"] = citation.symbol
    if citation.issued:
        item["issued"] = {"date-parts": [[citation.issued.year, citation.issued.month, citation.issued.day]]}
    if citation.language:
        item["language"] = citation.language
    item["URL"] = url or citation.url
    if locator:
        item["note"] = locator
    return item


def csl_json(citation: Citation, locator: str | None = None, url: str | None = None, key: str | None = None) -> str:
    return json.dumps([csl(citation, locator, url, key)], ensure_ascii=False, indent=2) + "\n"


def paragraph_templates(citation: Citation) -> dict[str, str]:
    """Each format with the slots a Cite button fills in for its paragraph, as data attributes."""
    return {"data-cite-id": citation.key, "data-cite-label": citation.label, "data-cite": text(citation, LOCATOR, URL), "data-cite-bibtex": bibtex(citation, LOCATOR, URL, KEY),
            "data-cite-ris": ris(citation, LOCATOR, URL), "data-cite-csl": csl_json(citation, LOCATOR, URL, KEY)}


# -- metadata a page carries ---------------------------------------------------------

def highwire(citation: Citation) -> list[tuple[str, str]]:
    """The ``citation_*`` meta tags Google Scholar and Zotero read."""
    tags = [("citation_title", citation.title), ("citation_author", citation.author),
            ("citation_technical_report_institution", PUBLISHER), ("citation_publisher", PUBLISHER)]
    if citation.symbol:
        tags.append(("citation_technical_report_number", citation.symbol))
    if citation.issued:
        tags += [("citation_publication_date", f"{citation.issued:%Y/%m/%d}"),
                 ("citation_date", f"{citation.issued:%Y/%m/%d}")]
    if citation.language:
        tags.append(("citation_language", citation.language))
    tags.append(("citation_abstract_html_url", citation.url))
    return tags


def schema_org(citation: Citation) -> str:
    """schema.org's Report as JSON-LD, safe inside a ``<script>`` element."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Report", "name": citation.title,
                            "author": {"@type": "Organization", "name": citation.author},
                            "publisher": {"@type": "Organization", "name": PUBLISHER}, "url": citation.url}
    if citation.symbol:
        data["reportNumber"] = citation.symbol
    if citation.issued:
        data["datePublished"] = citation.issued.isoformat()
    if citation.language:
        data["inLanguage"] = citation.language
    # "<" never reaches the page as itself: "</script>" in a title cannot end the element.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
