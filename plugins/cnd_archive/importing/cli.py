"""``import_report``: turn the plain text of a UN report into annotated Markdown."""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
from pathlib import Path

from cnd_archive.errors import ContentError
from cnd_archive.model.frontmatter import split
from cnd_archive.registry.gazetteer import load_gazetteer
from cnd_archive.model.report import read_report
from cnd_archive.indexes.roles import Role, propose_roles
from cnd_archive.importing.structure import import_text
from cnd_archive.importing.markdown_writer import render
from cnd_archive.importing.plain_text import decode
from cnd_archive.importing.metadata import extract


def convert(data: bytes, path: str) -> str:
    """The annotated Markdown of a report, or ContentError/ValueError saying what is wrong."""
    text = decode(data, path)
    structure = import_text(text, path)
    source = {"file": Path(path).name, "sha256": hashlib.sha256(data).hexdigest()}
    meta, problems = extract(structure, path, source)
    if problems:
        raise ContentError(problems)
    markdown = render(structure, meta)
    meta["participation"] = [role.record() for role in proposed_roles(markdown, path, meta)]
    return render(structure, meta)


def proposed_roles(markdown: str, path: str, meta: dict[str, object]) -> list[Role]:
    """Participation roles read off the imported text, for the contributor to review."""
    document, _ = split(markdown, path)
    if document is None:
        return []
    report, _ = read_report(document)
    return propose_roles(report, str(meta.get("country") or "") or None, load_gazetteer())


def write_atomically(path: Path, text: str) -> None:
    """Write the whole file or nothing: a reader never sees half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="import_report.py",
        description="Turn the plain text of a UN meeting report into annotated Markdown.")
    parser.add_argument("source", type=Path, help="the report's plain text (UTF-8)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the Markdown file to write")
    parser.add_argument("--force", action="store_true", help="overwrite OUTPUT if it exists")
    args = parser.parse_args(argv)
    if args.output.exists() and not args.force:
        print(f"{args.output}: already exists; pass --force to overwrite it", file=sys.stderr)
        return 1
    try:
        data = args.source.read_bytes()
    except OSError as error:
        print(f"{args.source}: cannot read: {error.strerror}", file=sys.stderr)
        return 1
    try:
        markdown = convert(data, str(args.source))
    except ValueError as error:  # ContentError is a ValueError
        print(error, file=sys.stderr)
        return 1
    write_atomically(args.output, markdown)
    print(f"wrote {args.output}")
    return 0
