#!/usr/bin/env python3
"""How the content checker's time grows with hostile input: each case at two sizes, and the ratio.

    bench_hostile.py [--size N]

Each case writes a page (or a permalink record) that a pull request could send, at N and at
4N repetitions, into a copy of the project, runs `scripts/check_content.py` on it and prints
the seconds and their ratio. Linear work gives a ratio near 4 (less, as the fixed cost of a
check is shared); work that compares each item with every other gives near 16.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = "content/honlac/29.md"
REPORT = "content/honlac/27.md"


def _placeholder_with(body: str) -> Callable[[Path], None]:
    def write(project: Path) -> None:
        page = project / PLACEHOLDER
        page.write_text(page.read_text(encoding="utf-8") + "\n" + body + "\n", encoding="utf-8")
    return write


def _report_paragraph(text: str) -> Callable[[Path], None]:
    def write(project: Path) -> None:
        page = project / REPORT
        page.write_text(page.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")
    return write


def _source_lines(count: int) -> Callable[[Path], None]:
    """The report's source with its last paragraph wrapped over ``count`` more lines (the checker
    imports a report's source again), and the digest recorded for it."""
    def write(project: Path) -> None:
        source = project / "sources/honlac-27-report.txt"
        data = (source.read_text(encoding="utf-8").rstrip("\n") + "\n" + "and words that go on\n" * count).encode()
        source.write_bytes(data)
        page = project / REPORT
        text = page.read_text(encoding="utf-8")
        old = next(line for line in text.split("\n") if line.strip().startswith("sha256:"))
        page.write_text(text.replace(old, f"  sha256: {hashlib.sha256(data).hexdigest()}", 1), encoding="utf-8")
    return write


def _redirects(count: int) -> Callable[[Path], None]:
    def write(project: Path) -> None:
        record = json.loads((project / "permalinks.json").read_text(encoding="utf-8"))
        record["redirects"].update({f"honlac/27/#gone_{n}": f"honlac/27/#nowhere_{n}" for n in range(count)})
        (project / "permalinks.json").write_text(json.dumps(record, indent=1), encoding="utf-8")
    return write


CASES: dict[str, Callable[[int], Callable[[Path], None]]] = {
    "symbols on one line": lambda n: _placeholder_with("UNODC/HONLAC/27/CRP.1 " * n),
    "link openings '[]('": lambda n: _placeholder_with("[](" * n),
    "open brackets '[' then ']'": lambda n: _placeholder_with("[" * min(n, 30) + "x](#a) " + "[x " * n + "]"),
    "symbol links without ')'": lambda n: _placeholder_with("](symbol:E/2017/28" * n),
    "document ranges": lambda n: _placeholder_with("E/1990/CRP.1/Add.1-500 " * (n // 10)),
    "braces '{'": lambda n: _placeholder_with("{" * n),
    "bad redirects": lambda n: _redirects(n // 4),
    "a source wrapped over many lines": lambda n: _source_lines(n),
    "'officers' in one paragraph": lambda n: _report_paragraph("officers " * n),
    "'adopted' in one paragraph": lambda n: _report_paragraph("adopted " * n),
    "'States members of' in one paragraph": lambda n: _report_paragraph("States members of x " * n),
}


def seconds(case: Callable[[Path], None]) -> float:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        for name in ("mkdocs.yml", "permalinks.json"):
            shutil.copy(ROOT / name, project / name)
        for name in ("content", "sources"):
            shutil.copytree(ROOT / name, project / name)
        case(project)
        start = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "scripts/check_content.py"), "--project", str(project)],
                       capture_output=True, timeout=3600)
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="repetitions of the smaller run (default 10000)")
    args = parser.parse_args()
    print(f"{'case':40} {'N s':>8} {'4N s':>8} {'ratio':>6}")
    for name, make in CASES.items():
        small, large = seconds(make(args.size)), seconds(make(4 * args.size))
        print(f"{name:40} {small:8.2f} {large:8.2f} {large / small:6.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
