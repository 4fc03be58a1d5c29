"""What a pull request changes, as a maintainer merging it needs to see it.

Content pull requests change ``content/`` (the meeting pages) and ``sources/``. Everything that
runs at build time or styles the site (the configuration, the plugin, the scripts, the site's
own scripts and styles, the workflows, the pinned dependencies) is listed in
``.github/CODEOWNERS``; a pull request that changes any of it fails unless its author is a
maintainer, and the files are named. The owners' list is read from the base of the pull
request, so a pull request cannot take a file off it.

Only the standard library is used here: CI runs this module from the base's own copy, before
the pull request's dependencies are installed or any of its code runs.
"""

from __future__ import annotations

import fnmatch
import os
import subprocess
from pathlib import Path

from cnd_archive.errors import Problem

CODEOWNERS = ".github/CODEOWNERS"
MAINTAINERS = ("OWNER", "MEMBER", "COLLABORATOR")
"""GitHub's ``author_association`` values of those who may merge into the repository."""


class GitError(Exception):
    """A git command failed (an unknown base, not a repository): the message says which."""


def git(repo: Path, *arguments: str) -> str:
    result = subprocess.run(["git", "-C", str(repo), *arguments], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise GitError(f"git {' '.join(arguments)}: {result.stderr.strip() or 'failed'}")
    return result.stdout


def changed_files(repo: Path, base: str) -> list[str]:
    """Every file the work tree changes against ``base``: committed or not, new files included."""
    changed = git(repo, "diff", "--name-only", "--no-renames", base).splitlines()
    changed += git(repo, "ls-files", "--others", "--exclude-standard").splitlines()
    return sorted(set(changed))


def file_at(repo: Path, base: str, path: str) -> str | None:
    """The text of ``path`` at ``base``, or None where it did not exist."""
    try:
        return git(repo, "show", f"{base}:{path}")
    except GitError:
        return None


def owned_patterns(codeowners: str) -> list[str]:
    """The path patterns of a CODEOWNERS file, in its (GitHub's) syntax, without their owners."""
    patterns = []
    for line in codeowners.splitlines():
        fields = line.split("#", 1)[0].split()
        if fields:
            patterns.append(fields[0])
    return patterns


def is_owned(path: str, patterns: list[str]) -> bool:
    """Whether a CODEOWNERS pattern covers the path: '/dir/' a folder, '/file' a file, globs too."""
    for pattern in patterns:
        anchored = pattern.lstrip("/")
        if pattern.endswith("/"):
            covered = path.startswith(anchored) if pattern.startswith("/") else f"/{anchored}" in f"/{path}"
        elif any(char in pattern for char in "*?["):
            covered = fnmatch.fnmatch(path, anchored) or fnmatch.fnmatch(os.path.basename(path), anchored)
        else:
            covered = path == anchored or path.startswith(anchored + "/")
        if covered:
            return True
    return False


def protected_changes(repo: Path, base: str) -> list[str]:
    """The changed files that only a maintainer may change, by the base's CODEOWNERS."""
    codeowners = file_at(repo, base, CODEOWNERS)
    if codeowners is None:
        codeowners = (repo / CODEOWNERS).read_text(encoding="utf-8") if (repo / CODEOWNERS).exists() else ""
    patterns = owned_patterns(codeowners)
    return [path for path in changed_files(repo, base) if is_owned(path, patterns)]


def trust_problems(repo: Path, base: str, association: str | None) -> tuple[list[str], list[Problem]]:
    """The protected files changed, and a problem for each unless the author is a maintainer."""
    try:
        protected = protected_changes(repo, base)
    except GitError as error:
        return [], [Problem(CODEOWNERS, 1, f"cannot compare the work with the base {base!r}: {error}",
                            "fetch the base commit (actions/checkout with fetch-depth: 0), or pass another --base")]
    if (association or "").upper() in MAINTAINERS:
        return protected, []
    who = f"its author is {association}" if association else "its author is not known to be a maintainer"
    return protected, [Problem(path, 1, f"this file runs or styles the site ({CODEOWNERS}), and {who}",
                               "a maintainer makes this change; a content pull request changes content/ "
                               "(but content/assets/) and sources/ only") for path in protected]


def write_summary(markdown: str) -> None:
    """Add to the job summary GitHub shows on the run's page, when there is one."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(markdown)
