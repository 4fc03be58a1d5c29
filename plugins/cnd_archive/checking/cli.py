"""``check_content``: check the archive's content and print every problem as file:line:column."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cnd_archive.checking.checker import check, markdown_files, write_record
from cnd_archive.checking.record import changes_to_the_record
from cnd_archive.checking.review import GitError, changed_files, trust_problems, write_summary
from cnd_archive.errors import Problem
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
    parser.add_argument("--config-only", action="store_true",
                        help="check only that mkdocs.yml can be read without running anything in it "
                             "(before MkDocs, whose loader can, reads it)")
    parser.add_argument("--base", metavar="REF",
                        help="the base of a pull request: list what it changes in the record, and fail if it "
                             "changes a file that runs or styles the site (.github/CODEOWNERS)")
    parser.add_argument("--author-association", metavar="ROLE",
                        help="the pull request author's association with the repository (GitHub's "
                             "author_association: OWNER, MEMBER and COLLABORATOR are maintainers)")
    args = parser.parse_args(argv)
    project, config_problems = read_project(args.project or root or Path.cwd())
    if config_problems:  # nothing is read with a configuration that could not be read safely
        for problem in config_problems:
            print(problem)
        return 1
    if args.config_only:
        return 0
    if not project.docs_dir.is_dir():
        print(f"{project.docs_dir}: no content folder here; run from the project's root", file=sys.stderr)
        return 2
    if args.record:
        count = write_record(project)
        print(f"recorded {count} anchors in {project.record.name}")
        return 0
    problems = check(project, args.paths or None)
    if args.base:
        problems += reviewed(project.root, project.docs_dir, args.base, args.author_association)
    for problem in problems:
        print(problem)
    pages = len(markdown_files(project.docs_dir))
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {pages} pages", file=sys.stderr)
        return 1
    print(f"{pages} pages checked: no problems")
    return 0


def reviewed(root: Path, docs_dir: Path, base: str, association: str | None) -> list[Problem]:
    """What the work changes against ``base``: the record's changes listed (and put in the job
    summary), and a problem for each file that only a maintainer may change."""
    protected, problems = trust_problems(root, base, association)
    try:
        record = changes_to_the_record(root, base, changed_files(root, base), docs_dir.relative_to(root).as_posix())
    except GitError:
        record = []  # trust_problems has said why git cannot compare
    summary = _summary(base, record, protected)
    print(summary.replace("**", "").rstrip())
    write_summary(summary)
    return problems


def _summary(base: str, record: list[str], protected: list[str]) -> str:
    lines = [f"### Changes against {base[:12]}", "",
             "**Changes to the record** (sources and the words of reports), for a maintainer to approve:", ""]
    lines += [f"- {line}" for line in record] or ["- none"]
    lines += ["", "**Files that run or style the site** (.github/CODEOWNERS):", ""]
    lines += [f"- {path}" for path in protected] or ["- none"]
    return "\n".join(lines) + "\n\n"
