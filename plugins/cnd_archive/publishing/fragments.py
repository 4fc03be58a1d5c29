"""The fixed pieces of HTML of the archive's pages (forms), as templates beside the code that
fills them, as Material's tags plugin renders its listings: Jinja2 escapes every value."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2


@cache
def _templates() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("cnd_archive", "publishing/fragments"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def fragment(name: str, **values: Any) -> str:
    """The fragment ``name`` (``search_form.html``) with ``values``, each escaped."""
    return _templates().get_template(name).render(**values)
