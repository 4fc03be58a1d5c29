#!/usr/bin/env python3
"""Fail when a pull request changes a file that runs or styles the site and its author is no maintainer.

    protected_changes.py --base REF [--author-association ROLE] [--repo DIR]

Standard library only: CI runs the base's own copy of this script (from a work tree of the
base commit) before anything of the pull request is installed or run. The owners' list is
the base's .github/CODEOWNERS. Prints the files, adds them to the job summary, and exits 1
if any is changed by someone who is not a maintainer (OWNER, MEMBER or COLLABORATOR).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from cnd_archive.checking.review import CODEOWNERS, trust_problems, write_summary  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, metavar="REF", help="the pull request's base commit")
    parser.add_argument("--author-association", metavar="ROLE", help="GitHub's author_association of the author")
    parser.add_argument("--repo", type=Path, default=Path.cwd(), help="the pull request's work tree (default: here)")
    args = parser.parse_args()
    protected, problems = trust_problems(args.repo, args.base, args.author_association)
    listed = "".join(f"- {path}\n" for path in protected) or "- none\n"
    print(f"Files that run or style the site ({CODEOWNERS}), changed against {args.base[:12]}:\n{listed}", end="")
    write_summary(f"### Files that run or style the site\n\n{listed}\n")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
