#!/usr/bin/env python3
"""How long `mkdocs serve` takes to show an edit of one report, on a synthetic archive.

    bench_serve.py [--sessions 300] [--runs 3] [--clean]

Writes a fictional archive (scripts/synth_archive.py) into a temporary folder, starts
`mkdocs serve --strict --dirty` (what `make serve` runs) on a free localhost port, edits one
report several times (appends a sentence to its last paragraph), and prints the median seconds
from the edit to MkDocs's "Reloading browsers", then to the preview's search index holding the
edit (the plugin's "search index updated", which comes after the reload). ``--clean`` serves
without --dirty: MkDocs then writes every page of the site again on each save.
"""

from __future__ import annotations

import argparse
import os
import queue
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


import synth_archive


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(lines: queue.Queue[str], needle: str, timeout: float) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if needle in line:
            return time.monotonic()
    raise SystemExit(f"no {needle!r} within {timeout:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3, help="edits timed (the median is printed)")
    parser.add_argument("--clean", action="store_true", help="serve without --dirty (write every page again)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cnd-serve-") as folder:
        out = Path(folder)
        synth_archive.write_archive(args.sessions, out, overflow=args.sessions > 485)
        command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{free_port()}"]
        command += [] if args.clean else ["--dirty"]
        process = subprocess.Popen(command, cwd=out, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        lines: queue.Queue[str] = queue.Queue()
        def forward() -> None:
            for line in process.stdout or []:
                lines.put(line)

        threading.Thread(target=forward, daemon=True).start()
        try:
            started = time.monotonic()
            ready = wait_for(lines, "Serving on", 1800)
            print(f"N={args.sessions}: first build and serve ready in {ready - started:.1f} s")
            if not args.clean:
                wait_for(lines, "search index updated", 600)
            report = next(p for p in sorted((out / "content").glob("*/*.md")) if "kind: report" in p.read_text())
            shown_after, indexed_after = [], []
            for run in range(args.runs):
                time.sleep(2)
                edited = time.monotonic()
                report.write_text(report.read_text() + f"\nAn edited sentence, number {run + 1} (fictional).\n")
                shown_after.append(wait_for(lines, "Reloading browsers", 1800) - edited)
                if not args.clean:
                    indexed_after.append(wait_for(lines, "search index updated", 600) - edited)
                print(f"edit {run + 1} of {report.relative_to(out)}: shown after {shown_after[-1]:.1f} s"
                      + (f", in search after {indexed_after[-1]:.1f} s" if indexed_after else ""))
            mode = " (--clean)" if args.clean else ""
            print(f"edit to reload at {args.sessions}{mode}: {statistics.median(shown_after):.1f} s")
            if indexed_after:
                print(f"edit to search index at {args.sessions}: {statistics.median(indexed_after):.1f} s")
        finally:
            process.terminate()
            process.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
