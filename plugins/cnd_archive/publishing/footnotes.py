"""Show footnotes with the markers the report printed (``*``, ``1``, ``2`` ...).

Python-Markdown numbers footnotes 1, 2, 3 in order of use; a report that marks its
first footnote ``*`` would then be cited with the wrong numbers.
"""

from __future__ import annotations

import html
import re

_REFERENCE_RE = re.compile(r'(<a class="footnote-ref" href="#fn:(?P<label>[^"]+)"[^>]*>)\d+(</a>)')
_ITEM_RE = re.compile(r'<li id="fn:(?P<label>[^"]+)">')


def show_printed_markers(page_html: str) -> str:
    """Replace generated footnote numbers with the printed labels, in refs and in the list."""
    page_html = _REFERENCE_RE.sub(lambda m: f"{m[1]}{m['label']}{m[3]}", page_html)
    return _ITEM_RE.sub(
        lambda m: f'<li id="fn:{m["label"]}" data-marker="{html.escape(html.unescape(m["label"]))}">',
        page_html)
