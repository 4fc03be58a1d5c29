"""``import_report``: turn the plain text of a UN report into annotated Markdown."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import sys
from pathlib import Path

import pycountry

from cnd_archive.errors import ContentError
from cnd_archive.importing.addition import Addition, add_report, meeting_of
from cnd_archive.importing.markdown_writer import render
from cnd_archive.importing.metadata import extract, unread_facts
from cnd_archive.importing.pdf_text import PdfError, pdf_text
from cnd_archive.importing.plain_text import decode
from cnd_archive.importing.structure import BlockKind, Structure, Unread, import_text
from cnd_archive.indexes.roles import Role, paragraph_texts, propose_roles
from cnd_archive.indexes.themes import propose_paragraph_themes
from cnd_archive.layout import meeting_uri
from cnd_archive.model.frontmatter import ContentFile, split
from cnd_archive.model.report import Report, read_report
from cnd_archive.publishing.site_config import Project
from cnd_archive.references.agenda import agendas
from cnd_archive.references.followup import UNREAD_AGENDA
from cnd_archive.registry.bodies import all_bodies, body_by_code
from cnd_archive.registry.gazetteer import load_gazetteer


def read_source(path: Path) -> tuple[list[tuple[str, bytes]], bytes, str]:
    """The files to keep in sources/ (the text first: the record's source), the text's bytes and the
    name to report it by. A PDF's text is extracted and kept beside it, for a reviewer to diff."""
    data = path.read_bytes()
    if path.suffix.lower() != ".pdf" and not data.startswith(b"%PDF-"):
        return [(path.name, data)], data, str(path)
    text = pdf_text(path).encode("utf-8")
    name = f"{path.stem}.txt"
    return [(name, text), (path.name, data)], text, str(path.with_name(name))


def convert(data: bytes, path: str, country: str | None = None, fictional: bool = False,
            originals: list[tuple[str, bytes]] | None = None, added: dt.date | None = None) -> str:
    """The annotated Markdown of a report, or ContentError/ValueError saying what is wrong.
    ``originals`` are the files the text was extracted from (the PDF), recorded with their digest;
    ``added`` is the day the report enters the archive (its feeds' date)."""
    text = decode(data, path)
    structure = import_text(text, path)
    source = {"file": Path(path).name, "sha256": hashlib.sha256(data).hexdigest()}
    for name, original in originals or []:
        source.update({"pdf": name, "pdf_sha256": hashlib.sha256(original).hexdigest()})
    meta, problems = extract(structure, path, source, country=country)
    if problems:
        raise ContentError(problems)
    if fictional:
        meta = {"kind": meta.pop("kind"), "fictional": True, **meta}
    if added is not None:
        meta["added"] = added
    document, _ = split(render(structure, meta), path)
    report = read_report(document)[0] if document is not None else None
    # Front matter that cannot be read back gives no roles: the checks say why, at its line.
    meta["participation"] = [role.record() for role in proposed_roles(report, meta)] if report else []
    themes = propose_paragraph_themes(paragraph_texts(report)) if report else []
    if themes:
        meta["themes"] = themes
    unread = [*structure.unread, *(unread_agendas(report, document, structure) if report and document else [])]
    if unread:
        meta["unread"] = [{"fact": u.fact, "line": u.line, **({"paragraph": u.paragraph} if u.paragraph else {}),
                           "note": u.note} for u in sorted(unread, key=lambda u: u.line)]
    return render(structure, meta)


def unread_agendas(report: Report, document: ContentFile, structure: Structure) -> list[Unread]:
    """Provisional agendas whose meeting the text does not state (or states two ways)."""
    body = body_by_code(str(document.meta["body"]), all_bodies())
    lines = {b.label: b.line for b in structure.blocks if b.kind is BlockKind.PARAGRAPH}
    return [Unread(UNREAD_AGENDA, lines.get(a.paragraph.label, 1), f"the meeting the provisional agenda of paragraph "
                   f"{a.paragraph.label} is for: the text does not say, or says it two ways", int(a.paragraph.label))
            for a in agendas(report, meeting_of(document, body), all_bodies()) if a.provisional and a.for_meeting is None]


def proposed_roles(report: Report, meta: dict[str, object]) -> list[Role]:
    """Participation roles read off the imported text, for the contributor to review."""
    return propose_roles(report, str(meta.get("country") or "") or None, load_gazetteer())


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="import_report.py",
        description="Turn the plain text of a UN meeting report into annotated Markdown.")
    parser.add_argument("source", type=Path, help="the report's official PDF, or its text (UTF-8) in any layout")
    parser.add_argument("-o", "--output", type=Path,
                        help="the Markdown file to write (default: content/<body>/<number>.md of this project)")
    parser.add_argument("--force", action="store_true", help="replace a report already in the archive")
    parser.add_argument("--country", type=_country_code,
                        help="ISO 3166-1 alpha-3 code of the venue's country, when the text does not settle it")
    parser.add_argument("--fictional", action="store_true",
                        help="mark the pages as made-up content (test and benchmark fixtures)")
    parser.add_argument("--project", type=Path, help="the project folder (default: this project)")
    args = parser.parse_args(argv)
    try:
        kept, data, text_path = read_source(args.source)
    except OSError as error:
        print(f"{args.source}: cannot read: {error.strerror}", file=sys.stderr)
        return 1
    except PdfError as error:
        print(error, file=sys.stderr)
        return 1
    try:
        markdown = convert(data, text_path, args.country, args.fictional, kept[1:], added=dt.date.today())
    except ValueError as error:  # ContentError is a ValueError
        print(error, file=sys.stderr)
        return 1
    project = Project.at(args.project or root or Path.cwd())
    output = args.output or project.docs_dir / _page_of(markdown, project)
    refusal = _refusal(output, args.force)
    if refusal:
        print(refusal, file=sys.stderr)
        return 1
    for fact in unread_facts(markdown, str(args.source)):
        print(f"{fact}", file=sys.stderr)
    try:
        addition = add_report(project, markdown, output if args.output else None, kept)
    except ValueError as error:  # ContentError too: the new pages' own problems
        print(error, file=sys.stderr)
        print("nothing was written: the archive is as it was", file=sys.stderr)
        return 1
    return _summary(addition, project.root)


def _summary(addition: Addition, root: Path) -> int:
    if addition.source is not None:
        print(f"kept the source as {os.path.relpath(addition.source, root)}")
    print(f"wrote {os.path.relpath(addition.page, root)}")
    for path in addition.placeholders:
        print(f"wrote placeholder {os.path.relpath(path, root)}")
    for source, target in sorted(addition.redirects.items()):
        print(f"redirect {source} -> {target}")
    for problem in addition.problems:
        print(problem, file=sys.stderr)
    if addition.problems:
        files = sorted({p.path for p in addition.problems})
        print(f"the report was added; {len(addition.problems)} problem{'s' if len(addition.problems) != 1 else ''} "
              f"remain in other files of the archive ({', '.join(files[:5])}{' ...' if len(files) > 5 else ''}): "
              "fix them before the build", file=sys.stderr)
    return 0


def _country_code(value: str) -> str:
    code = value.strip().upper()
    if pycountry.countries.get(alpha_3=code) is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not an ISO 3166-1 alpha-3 country code (e.g. PER)")
    return code


def _page_of(markdown: str, project: Project) -> str:
    """<body>/<number>.md, as the report's own front matter places it."""
    document, _ = split(markdown, "imported")
    assert document is not None
    body = body_by_code(str(document.meta["body"]), project.known_bodies())
    return meeting_uri(body.slug, int(document.meta["meeting"]))


def _refusal(output: Path, force: bool) -> str | None:
    """A placeholder gives way to the report; a report only with --force."""
    if not output.exists() or force:
        return None
    document, _ = split(output.read_text(encoding="utf-8", errors="replace"), str(output))
    if document is not None and document.meta.get("kind") == "placeholder":
        return None
    return f"{output}: already exists; pass --force to replace it"
