"""``check_content``: check the archive's content and print every problem as file:line:column."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cnd_archive.checking.checker import check, markdown_files, write_record
from cnd_archive.publishing.site_config import read_project


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="check_content.py",
        description="Check the archive's content: front matter, numbering, anchors, references, "
                    "roles, themes, safety and the permalink record. Prints file:line:column: "
                    "problem; fix, and exits 1 if there is any problem.")
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders to report on (default: all)")
    parser.add_argument("--project", type=Path, help="the project folder (default: this project)")
    parser.add_argument("--record", action="store_true",
                        help="write permalinks.json with every page and anchor published now")
    args = parser.parse_args(argv)
    project, config_problems = read_project(args.project or root or Path.cwd())
    if config_problems:  # nothing is read with a configuration that could not be read safely
        for problem in config_problems:
            print(problem)
        return 1
    if not project.docs_dir.is_dir():
        print(f"{project.docs_dir}: no content folder here; run from the project's root", file=sys.stderr)
        return 2
    if args.record:
        count = write_record(project)
        print(f"recorded {count} anchors in {project.record.name}")
        return 0
    problems = check(project, args.paths or None)
    for problem in problems:
        print(problem)
    pages = len(markdown_files(project.docs_dir))
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {pages} pages", file=sys.stderr)
        return 1
    print(f"{pages} pages checked: no problems")
    return 0
