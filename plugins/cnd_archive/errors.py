"""Errors that point a contributor at the exact place to fix."""

from __future__ import annotations

from dataclasses import dataclass

from cnd_archive.result_codec import stored


@stored
@dataclass(frozen=True)
class Problem:
    """One mistake in one file, printed as ``file:line:column: what; fix``."""

    path: str
    line: int
    message: str
    fix: str = ""
    column: int = 1

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.message}; {self.fix}" if self.fix else f"{where}: {self.message}"


class ContentError(ValueError):
    """Raised with every problem found, so a contributor fixes them all in one round."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
