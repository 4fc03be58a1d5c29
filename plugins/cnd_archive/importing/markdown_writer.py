"""Write an imported report as annotated Markdown (the format CONTRIBUTING.md describes).

Printed numbers stay in the text (``23\\.``, ``(b)``): the build derives every anchor from
them, so the only ids written here are those of headings that carry no number.
"""

from __future__ import annotations

from typing import Any

import yaml

from cnd_archive.importing.structure import Block, BlockKind, Footnote, Structure
from cnd_archive.model.markdown_text import escape

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../plugins/cnd_archive/data/meeting.schema.json\n"
"""Lets editors check the front matter as it is typed (content/<body>/<number>.md)."""

_ONE_LINE_LISTS = ("participation", "issues")
"""Lists written one entry per line, so that a review reads them like a table."""


def front_matter(meta: dict[str, Any]) -> str:
    plain = {k: v for k, v in meta.items() if k not in _ONE_LINE_LISTS}
    body = yaml.safe_dump(plain, sort_keys=False, allow_unicode=True, width=10_000)
    for key in _ONE_LINE_LISTS:
        if key in meta:
            entries = [yaml.safe_dump(e, default_flow_style=True, sort_keys=False, allow_unicode=True,
                                      width=10_000).strip() for e in meta[key]]
            body += f"{key}:\n" + "".join(f"  - {entry}\n" for entry in entries) if entries else f"{key}: []\n"
    return f"---\n{SCHEMA_COMMENT}{body}---\n"


def render(structure: Structure, meta: dict[str, Any]) -> str:
    chunks: list[str] = [front_matter(meta)]
    pending: list[Footnote] = []
    for index, block in enumerate(structure.blocks):
        chunks.append(_render_block(block, structure.blocks, index))
        pending += block.footnotes
        if not _list_goes_on(structure.blocks, index) and pending:
            chunks.append("\n".join(f"[^{f.label}]: {escape(f.text)}" for f in pending) + "\n")
            pending = []
    return "\n".join(chunks)


def _list_goes_on(blocks: list[Block], index: int) -> bool:
    return (blocks[index].kind is BlockKind.ITEM and index + 1 < len(blocks)
            and blocks[index + 1].kind is BlockKind.ITEM)


def _render_block(block: Block, blocks: list[Block], index: int) -> str:
    text = escape(block.text)
    if block.kind in (BlockKind.TITLE, BlockKind.HEADING):
        return _render_heading(block, text)
    if block.kind is BlockKind.PARAGRAPH:
        return f"{block.label}\\. {text}\n"
    if block.kind is BlockKind.SUBPARAGRAPH:
        return f"({block.label}) {text}\n"
    if block.kind is BlockKind.ITEM:
        return _render_item(block, text) + ("" if _list_goes_on(blocks, index) else "\n")
    if block.kind is BlockKind.TABLE:
        return _render_table(block.rows)
    return text + "\n"


def _render_heading(block: Block, text: str) -> str:
    hashes = "#" * block.level
    if not block.numbered:
        return f"{hashes} {text} {{#{block.anchor}}}\n"
    if text.startswith("Annex"):
        return f"{hashes} {text}\n"
    prefix = "Issue " if block.level == 4 and not block.topic else ""
    return f"{hashes} {prefix}{block.label}. {text}\n"


def _render_item(block: Block, text: str) -> str:
    indent = "    " * block.depth
    if not block.label:
        return f"{indent}- {text}"
    marker = f"({block.label})" if block.depth else f"{block.label}\\."
    return f"{indent}- {marker} {text}"


def _render_table(rows: list[list[str]]) -> str:
    header, *body = rows
    lines = [_table_row(header), "| " + " | ".join("---" for _ in header) + " |"]
    lines += [_table_row(row) for row in body]
    return "\n".join(lines) + "\n"


def _table_row(cells: list[str]) -> str:
    return "| " + " | ".join(escape(cell, extra="|") for cell in cells) + " |"
