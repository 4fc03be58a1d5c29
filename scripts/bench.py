#!/usr/bin/env python3
"""Benchmark the cnd-archive plugin on synthetic, FICTIONAL archives (scripts/synth_archive.py).

    bench.py [--sizes 100,300,1000] [--seed 0] [--skip-phases] [--import-check] [--profile]
             [--budget-minutes 20] [--workdir DIR] [--keep]

For each N it writes a synthetic archive into a temporary folder and builds it twice,
each build in a fresh subprocess (``python -m mkdocs build -f DIR/mkdocs.yml -d SITE``):

* ``plugin``: the project's mkdocs.yml, with cnd-archive, ``--strict``;
* ``warm``: after the plugin's runs, the plugin again with the last run's build cache
  (``.cache/``), each run after an edit of one report (``warm rebuild at N``);
* ``material``: the same Markdown with cnd-archive switched off (Material alone). Without
  the plugin our ``{#id}`` attribute lists and links to generated pages and anchors do not
  resolve, so that build runs WITHOUT --strict (and its warnings are only counted): it
  measures what Material costs to render the same pages.

``-q`` is not passed: MkDocs's -q raises the logger's level to ERROR, so warnings would
never reach the --strict counter; the bench counts WARNING/ERROR lines instead.

Wall time, CPU time (user+sys of the child, from os.wait4) and peak memory (the child's
ru_maxrss) are measured per build; then the site's size and its search index. A separate
in-process pass (``--skip-phases`` to leave it out) calls the core directly (archive.load,
then Publication.build) and prints the phases its own stopwatch records
(``cnd_archive.timing``). Output ends with one line,
``overhead at <largest N>: X%``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import math
import os
import pstats
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import synth_archive

ROOT = Path(__file__).resolve().parent.parent

VARIANTS = ("plugin", "material")
IMPORT_SOURCE = ROOT / "sources" / "honlac-27-report.txt"


@dataclass
class BuildResult:
    n: int
    variant: str
    wall: float = math.nan
    cpu: float = math.nan
    peak_mb: float = math.nan
    site_mb: float = math.nan
    search_mb: float = math.nan
    pagefind_mb: float | None = None
    pages: int = 0
    warnings: int = 0
    returncode: int = 0
    timed_out: bool = False
    note: str = ""


@dataclass
class PhaseTimes:
    n: int
    seconds: dict[str, float] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)


# -- builds -----------------------------------------------------------------------

def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6 if path.exists() else 0.0


def run_build(archive: Path, variant: str, n: int, timeout: float, warm: bool = False) -> BuildResult:
    """One build in a fresh subprocess; wall, CPU (user+sys) and peak RSS of that child. A cold build
    starts without the build cache (``.cache/``); a warm one keeps the last build's."""
    synth_archive.write_config(archive, plugin=variant == "plugin")
    if variant == "plugin" and not warm:
        shutil.rmtree(archive / ".cache", ignore_errors=True)
    site = archive / f"site-{variant}"
    shutil.rmtree(site, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(archive / "mkdocs.yml"), "-d", str(site)]
    if variant == "plugin":
        command.append("--strict")
    log_path = archive / f"build-{variant}.log"
    result = BuildResult(n, variant)
    with open(log_path, "w", encoding="utf-8") as log:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=archive,
                                 env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, start_new_session=True)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(child.pid, signal.SIGKILL)  # the process group of the child we started
                pid, status, usage = os.wait4(child.pid, 0)
                result.timed_out = True
                break
            time.sleep(0.05)
        result.wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    result.returncode = child.returncode
    result.cpu = usage.ru_utime + usage.ru_stime
    result.peak_mb = usage.ru_maxrss / 1024  # Linux: kilobytes
    text = log_path.read_text(encoding="utf-8", errors="replace")
    result.warnings = sum(1 for line in text.splitlines() if line.startswith(("WARNING", "ERROR")))
    if result.timed_out:
        result.note = f"killed after {timeout:.0f} s (time budget)"
    elif result.returncode:
        result.note = f"exit {result.returncode}: see {log_path}"
        print(text[-3000:], file=sys.stderr)
    if site.exists():
        result.site_mb = folder_mb(site)
        index = site / "search" / "search_index.json"
        result.search_mb = index.stat().st_size / 1e6 if index.exists() else 0.0
        if (site / "pagefind").exists():
            result.pagefind_mb = folder_mb(site / "pagefind")
        result.pages = sum(1 for _ in site.rglob("index.html"))
    return result


def warm_rebuilds(archive: Path, n: int, runs: int, timeout: float) -> BuildResult:
    """Builds with the build cache of the build before, each after an edit of one report (a sentence
    appended to its last paragraph); the median of the runs."""
    report = next(p for p in sorted((archive / "content").glob("*/*.md")) if "kind: report" in p.read_text())
    results = []
    for run in range(runs):
        report.write_text(report.read_text(encoding="utf-8") + f"\nAn edited sentence, number {run + 1} (fictional).\n",
                          encoding="utf-8")
        result = run_build(archive, "plugin", n, timeout, warm=True)
        results.append(result)
        print(f"  warm      run {run + 1}: wall {fmt(result.wall)} s, CPU {fmt(result.cpu)} s, "
              f"peak {fmt(result.peak_mb, 0)} MB, one report edited {result.note}", flush=True)
    return median_result(results)


def config_plugins(text: str) -> str:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !!python/name tags and such
    plugins = yaml.load(text, Loader=Loader).get("plugins") or []  # noqa: S506 (a SafeLoader)
    names = [p if isinstance(p, str) else next(iter(p)) for p in plugins]
    return ", ".join(names) or "none (so no search index at all)"


def pagefind_time(site: Path, shards: tuple[Any, ...]) -> tuple[float, str] | None:
    """on_post_build's work: the plugin's Pagefind runs (every shard, none from the cache), repeated
    here on the built site (if the plugin has them)."""
    try:
        from cnd_archive.publishing.search_index import build_index
    except ImportError:
        return None
    start = time.perf_counter()
    try:
        summary = build_index(site, shards)
    except Exception as error:  # noqa: BLE001 (reported, not fatal to the bench)
        summary = f"failed: {error}"
    return time.perf_counter() - start, summary


# -- phases, in process ---------------------------------------------------------------

def time_phases(archive: Path, n: int, profile: bool) -> tuple[PhaseTimes, str, tuple[Any, ...]]:
    """The pipeline the build runs (``checking.pipeline.publish``) on the synthetic archive, each part
    timed; also the search shards it plans."""
    from cnd_archive.checking.pipeline import publish
    from cnd_archive.publishing.site_config import Project
    from cnd_archive.timing import Stopwatch
    from cnd_archive.registry.gazetteer import load_gazetteer
    from cnd_archive.registry.themes import vocabulary

    load_gazetteer(), vocabulary()  # loaded once per process: not a cost of N
    project = Project.at(archive)
    stopwatch = Stopwatch()
    start = time.perf_counter()
    publication = publish(project, stopwatch=stopwatch).publication
    total = time.perf_counter() - start
    phases = PhaseTimes(n, dict(stopwatch.seconds), dict(stopwatch.calls))
    phases.seconds["total (the pipeline)"] = total
    try:  # what on_files adds when the archive has no permalink record (as these archives)
        from cnd_archive.publishing.permalink_record import Record, anchor_script
        script_start = time.perf_counter()
        anchor_script(Record())
        phases.seconds["permalink script (no record)"] = time.perf_counter() - script_start
    except (ImportError, TypeError):
        pass
    sizes = {**{uri: p.size for uri, p in publication.generated.items()},
             **{uri: len(data) for uri, data in publication.data.items()}}
    biggest = sorted(sizes.items(), key=lambda item: -item[1])[:5]
    phases.extra["problems"] = str(len(publication.problems))
    phases.extra["meeting pages"] = f"{len(publication.pages)} ({sum(len(r.html_deflated) for r in publication.html.values()) / 1e6:.1f} MB of all pages' HTML, compressed)"
    phases.extra["generated pages"] = (f"{len(publication.generated)} "
                                       f"({sum(p.size for p in publication.generated.values()) / 1e6:.1f} MB HTML)")
    phases.extra["data files"] = f"{len(publication.data)} ({sum(map(len, publication.data.values())) / 1e6:.1f} MB)"
    phases.extra["largest generated"] = ", ".join(f"{uri} {size / 1e6:.2f} MB" for uri, size in biggest)
    report = ""
    if profile:  # a second pass, without the timers, under cProfile (which slows it down about twofold)
        profiler = cProfile.Profile()
        profiler.enable()
        publish(project)
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("tottime").print_stats(25)
        report = out.getvalue()
    return phases, report, publication.search_shards


# -- import check ---------------------------------------------------------------------

def import_check(repeats: int = 20) -> float | None:
    if not IMPORT_SOURCE.exists():
        print(f"import one report: skipped, {IMPORT_SOURCE} is missing")
        return None
    from cnd_archive.importing.cli import convert
    data = IMPORT_SOURCE.read_bytes()
    convert(data, str(IMPORT_SOURCE))  # warm caches (gazetteer, parser), as a second import would find them
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        convert(data, str(IMPORT_SOURCE))
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


# -- output ---------------------------------------------------------------------------

def fit(points: list[tuple[int, float]]) -> tuple[float, float] | None:
    """t = a * N**b through the last two points (a power law), or None."""
    points = [(n, t) for n, t in points if t == t and t > 0]
    if len(points) < 2:
        return None
    (n1, t1), (n2, t2) = points[-2], points[-1]
    if n1 == n2:
        return None
    b = math.log(t2 / t1) / math.log(n2 / n1)
    return t2 / n2 ** b, b


def fmt(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "-"
    if value != value:
        return "n/a"
    return f"{value:.{digits}f}"


def print_targets(by: dict[tuple[int, str], BuildResult], sizes: list[int],
                  largest_page: dict[int, tuple[str, float]], warm: dict[int, BuildResult]) -> None:
    """The figures the scale targets are stated in, one per line."""
    largest = sizes[-1]
    plugin, material = by.get((largest, "plugin")), by.get((largest, "material"))
    for n, result in warm.items():
        print(f"warm rebuild at {n}: {fmt(result.wall)} s")
    if plugin and material and material.wall == material.wall:
        print(f"ratio at {largest}: {plugin.wall / material.wall:.2f}")
    if plugin:
        print(f"peak MB at {largest}: {fmt(plugin.peak_mb, 0)}")
    if len(sizes) >= 2 and (sizes[-2], "plugin") in by and plugin:
        print(f"growth {largest}/{sizes[-2]}: {plugin.wall / by[(sizes[-2], 'plugin')].wall:.2f}")
    if largest in largest_page:
        page, kb = largest_page[largest]
        print(f"largest page at {largest}: {page}")
        print(f"largest page KB at {largest}: {kb:.0f}")


def median_result(runs: list[BuildResult]) -> BuildResult:
    """The runs of one build, each figure its median (a failed or cut-off run is reported as it is)."""
    failed = [r for r in runs if r.timed_out or r.returncode]
    if failed:
        return failed[0]
    first = runs[0]
    return BuildResult(first.n, first.variant, statistics.median(r.wall for r in runs),
                       statistics.median(r.cpu for r in runs), statistics.median(r.peak_mb for r in runs),
                       first.site_mb, first.search_mb, first.pagefind_mb, first.pages, first.warnings,
                       note=f"median of {len(runs)}")


def largest_html(site: Path) -> tuple[str, float]:
    """The largest page of a built site (not the search index), by its size in KB."""
    pages = [p for p in site.rglob("*.html") if "pagefind" not in p.parts]
    biggest = max(pages, key=lambda p: p.stat().st_size)
    return biggest.relative_to(site).as_posix(), biggest.stat().st_size / 1024


def print_table(results: list[BuildResult]) -> None:
    header = (f"{'N':>5}  {'variant':<9} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} {'site MB':>8} "
              f"{'search MB':>9} {'pagefind MB':>11} {'pages':>6} {'warn':>5}  note")
    print(header)
    print("-" * len(header))
    for r in results:
        print(f"{r.n:>5}  {r.variant:<9} {fmt(r.wall):>8} {fmt(r.cpu):>8} {fmt(r.peak_mb, 0):>8} "
              f"{fmt(r.site_mb):>8} {fmt(r.search_mb):>9} {fmt(r.pagefind_mb):>11} {r.pages:>6} "
              f"{r.warnings:>5}  {r.note}")


def print_phases(all_phases: list[PhaseTimes]) -> None:
    if not all_phases:
        return
    sizes = [p.n for p in all_phases]
    labels = list(dict.fromkeys(label for phases in all_phases for label in phases.seconds))
    print("\nPlugin phases, in process (seconds, inclusive; calls at the largest N):")
    header = f"{'phase':<40}" + "".join(f"{'N=' + str(n):>10}" for n in sizes) + f"{'calls':>8}"
    if len(sizes) > 1:
        header += f"{'ratio':>8}"
    print(header)
    for key in labels:
        row = [phases.seconds.get(key) for phases in all_phases]
        label = "  " * key.count("/") + key.rsplit("/", 1)[-1]
        line = f"{label:<40}" + "".join(f"{fmt(v, 2):>10}" for v in row)
        line += f"{all_phases[-1].calls.get(key, 0) or '':>8}"
        last, previous = row[-1], row[-2] if len(row) > 1 else None
        if last and previous:
            line += f"{last / previous:>8.2f}"
        print(line)
    if len(sizes) > 1:
        print(f"(ratio: time at N={sizes[-1]} / time at N={sizes[-2]}; linear would be {sizes[-1] / sizes[-2]:.2f})")
    for phases in all_phases:
        print(f"N={phases.n}: " + "; ".join(f"{k}: {v}" for k, v in phases.extra.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,300,1000", help="comma-separated N (default 100,300,1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-phases", action="store_true", help="leave out the in-process phase timings")
    parser.add_argument("--import-check", action="store_true",
                        help="also time importing sources/honlac-27-report.txt (median of 20)")
    parser.add_argument("--profile", action="store_true", help="cProfile Publication.build at the largest N")
    parser.add_argument("--budget-minutes", type=float, default=20.0,
                        help="stop a build that would overrun this budget for the whole run (default 20)")
    parser.add_argument("--workdir", type=Path, help="folder for the archives (default: a new temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the archives and sites")
    parser.add_argument("--runs", type=int, default=3, help="builds of each variant per N; medians are quoted (default 3)")
    args = parser.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    work = (args.workdir or Path(tempfile.mkdtemp(prefix="cnd-bench-"))).resolve()
    if work == ROOT or ROOT in work.parents:
        parser.error(f"{work} is inside the repository")
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    budget = args.budget_minutes * 60

    print(f"cnd-archive benchmark: sizes {', '.join(map(str, sizes))}; {os.cpu_count()} CPUs; "
          f"Python {sys.version.split()[0]}; work folder {work}")
    print("builds: python -m mkdocs build -f DIR/mkdocs.yml -d SITE, one fresh subprocess each; "
          "plugin: --strict; material: cnd-archive removed from the config, NOT strict "
          "(without the plugin our {#id} attribute lists and generated-page links do not resolve); "
          "no -q (it would hide warnings from --strict)")
    for variant in VARIANTS:
        print(f"  {variant} config plugins: {config_plugins(synth_archive.mkdocs_config(variant == 'plugin', False))}")
    results: list[BuildResult] = []
    all_phases: list[PhaseTimes] = []
    profile_report = ""
    post_build: dict[int, dict[str, float]] = {}
    largest_page: dict[int, tuple[str, float]] = {}
    warm: dict[int, BuildResult] = {}
    try:
        for n in sizes:
            archive = work / f"n{n}"
            start = time.perf_counter()
            summary = synth_archive.write_archive(n, archive, args.seed, overflow=True)
            note = f" (fictional overflow bodies {', '.join(summary['overflow_bodies'])}: the five bodies hold " \
                   f"{5 * synth_archive.MAX_REPORTS_PER_BODY} reports at most)" if summary["overflow_bodies"] else ""
            print(f"\nN={n}: wrote {summary['reports']} reports + {summary['placeholders']} placeholders over "
                  f"{len(summary['bodies'])} bodies in {time.perf_counter() - start:.1f} s{note}", flush=True)
            runs: dict[str, list[BuildResult]] = {variant: [] for variant in VARIANTS}
            for run in range(args.runs):  # A B A B ...: a drift of the machine's speed hits both alike
                for variant in VARIANTS:
                    remaining = budget - (time.perf_counter() - started)
                    result = run_build(archive, variant, n, timeout=max(remaining, 60.0))
                    runs[variant].append(result)
                    print(f"  {variant:<9} run {run + 1}: wall {fmt(result.wall)} s, CPU {fmt(result.cpu)} s, "
                          f"peak {fmt(result.peak_mb, 0)} MB, {result.warnings} warnings {result.note}", flush=True)
                    site = archive / f"site-{variant}"
                    if variant == "plugin" and run == 0 and site.exists():
                        largest_page[n] = largest_html(site)
                    if run + 1 < args.runs and not args.keep:
                        shutil.rmtree(site, ignore_errors=True)
            warm[n] = warm_rebuilds(archive, n, args.runs, timeout=max(budget - (time.perf_counter() - started), 60.0))
            shards: tuple[Any, ...] = ()
            if not args.skip_phases:
                synth_archive.write_config(archive, plugin=True)
                phases, report, shards = time_phases(archive, n, profile=args.profile and n == sizes[-1])
                all_phases.append(phases)
                profile_report = report or profile_report
                print(f"  phases in process: the pipeline {phases.seconds['total (the pipeline)']:.1f} s", flush=True)
            for variant in VARIANTS:
                results.append(median_result(runs[variant]))
                site = archive / f"site-{variant}"
                if variant == "plugin" and site.exists() and shards:
                    post_build[n] = {}
                    indexed = pagefind_time(site, shards)
                    if indexed is not None:
                        post_build[n]["on_post_build (Pagefind, re-run on the site)"] = indexed[0]
                        print(f"  on_post_build (Pagefind re-run on the built site): {indexed[0]:.1f} s: {indexed[1]}")
                if not args.keep:
                    shutil.rmtree(site, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print("\nBuilds:")
    print_table(results)
    print_phases(all_phases)
    if post_build:
        print("\nPlugin work after the pages are rendered (outside Publication.build), seconds:")
        for label in dict.fromkeys(k for times in post_build.values() for k in times):
            print(f"{label:<52}" + "".join(f"{'N=' + str(n)}: {fmt(times.get(label), 2):>7}   "
                                           for n, times in post_build.items()))
    if profile_report:
        print(f"\ncProfile of Publication.build at N={sizes[-1]} (top 20 by own time):")
        print(profile_report)

    by = {(r.n, r.variant): r for r in results}
    print("\nPlugin overhead (plugin wall - material wall) / material wall:")
    overhead: dict[int, float] = {}
    for n in sizes:
        plugin, material = by[(n, "plugin")], by[(n, "material")]
        if plugin.timed_out or material.timed_out or plugin.returncode or material.returncode:
            print(f"  N={n}: not measured ({plugin.note or material.note})")
            continue
        overhead[n] = (plugin.wall - material.wall) / material.wall * 100
        print(f"  N={n}: {overhead[n]:.1f}% ({plugin.wall:.1f} s vs {material.wall:.1f} s; "
              f"CPU {plugin.cpu:.1f} s vs {material.cpu:.1f} s)")
    if len(sizes) >= 2:
        a, b = sizes[-2], sizes[-1]
        for variant in VARIANTS:
            ta, tb = by[(a, variant)], by[(b, variant)]
            if not (ta.timed_out or tb.timed_out):
                print(f"growth {variant}: time({b})/time({a}) = {tb.wall / ta.wall:.2f} "
                      f"(linear: {b / a:.2f}; exponent {math.log(tb.wall / ta.wall) / math.log(b / a):.2f})")
            else:
                print(f"growth {variant}: time({b}) not measured (time budget)")

    largest = sizes[-1]
    if largest not in overhead:
        projections = {}
        for variant in VARIANTS:
            curve = fit([(r.n, r.wall) for r in results if r.variant == variant and not r.timed_out
                         and not r.returncode])
            projections[variant] = curve[0] * largest ** curve[1] if curve else math.nan
            print(f"projected {variant} build at N={largest}: {fmt(projections[variant])} s (power law through "
                  f"the two largest measured sizes)")
        if projections["material"] == projections["material"] and projections["plugin"] == projections["plugin"]:
            overhead[largest] = (projections["plugin"] - projections["material"]) / projections["material"] * 100
            print(f"(the overhead below is PROJECTED: the N={largest} builds did not finish in the budget)")

    if args.import_check:
        ms = import_check()
        if ms is not None:
            print(f"import one report: {ms:.0f} ms")
    print(f"total bench time: {(time.perf_counter() - started) / 60:.1f} min")
    print_targets(by, sizes, largest_page, warm)
    print(f"overhead at {largest}: {fmt(overhead.get(largest, math.nan))}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
