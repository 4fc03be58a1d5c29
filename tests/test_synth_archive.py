"""The synthetic archive (scripts/synth_archive.py) builds strictly, says it is fictional, keeps
the follow-up chain; the benchmark (scripts/bench.py) runs in its quick mode.

Everything is written under pytest's tmp_path: the generator refuses the repository.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
import synth_archive
from bs4 import BeautifulSoup

from cnd_archive.model.ordinals import int_to_ordinal

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("synth")
    result = subprocess.run([sys.executable, str(SCRIPTS / "synth_archive.py"), "--sessions", "6",
                             "--out", str(out)], capture_output=True, text=True, env=ENV, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    # Not -q: it would silence warnings before --strict could count them.
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=out,
                           capture_output=True, text=True, env=ENV, timeout=300)
    return out, build


def meeting_pages(out: Path) -> list[Path]:
    return sorted(p for p in (out / "content").glob("*/*.md"))


def front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])  # type: ignore[no-any-return]


def test_the_synthetic_archive_builds_strict_without_warnings(synthetic: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out, build = synthetic
    log = build.stdout + build.stderr
    assert build.returncode == 0, log
    assert "WARNING" not in log and "ERROR" not in log, log


def test_every_generated_page_says_it_is_fictional(synthetic: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out, _ = synthetic
    pages = meeting_pages(out)
    reports = [p for p in pages if front_matter(p)["kind"] == "report"]
    assert len(reports) == 6
    for page in pages:
        meta = front_matter(page)
        assert meta["fictional"] is True, page
        assert "(fictional)" in str(meta["title"]), page
    for report in reports:
        meta = front_matter(report)
        assert "(fictional)" in str(meta["report_title"])
        assert "(fictional) {#title}" in report.read_text(encoding="utf-8")
    assert "fictional" in (out / "content" / "index.md").read_text(encoding="utf-8")


def test_agenda_item_4_links_to_the_previous_meetings_recommendations(
        synthetic: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out, _ = synthetic
    checked = 0
    for page in meeting_pages(out):
        meta = front_matter(page)
        number = int(meta["meeting"])  # type: ignore[call-overload]
        if meta["kind"] != "report" or number < 2:
            continue
        html = (out / "site" / page.parent.name / str(number) / "index.html").read_text(encoding="utf-8")
        item = BeautifulSoup(html, "html.parser").find(id="para_57__item_4").parent
        assert "Implementation of the recommendations adopted by the" in item.get_text()
        word = "session" if meta["body"] == "SUBCOM" else "Meeting"
        link = item.find("a", string=lambda s: bool(s) and s.startswith(f"{int_to_ordinal(number - 1)} {word} of"))
        assert link is not None, item
        assert link["href"] == f"../{number - 1}/#chp_I__recommendations"
        checked += 1
    assert checked >= 1


def test_the_generator_refuses_the_repository_and_too_many_meetings(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="inside the repository"):
        synth_archive.write_archive(3, ROOT / "build" / "synth")
    with pytest.raises(SystemExit, match="pass --overflow-bodies"):
        synth_archive.write_archive(5 * synth_archive.MAX_REPORTS_PER_BODY + 1, tmp_path / "big")


def test_overflow_bodies_reach_the_build_as_data(tmp_path: Path) -> None:
    """More reports than the bodies hold: a fictional extra body, read from DIR/bodies.yml."""
    out = tmp_path / "overflow"
    summary = synth_archive.write_archive(4, out, overflow=True, body_codes=["HONLAC"], capacity=3)
    (extra,) = summary["overflow_bodies"]
    listed = yaml.safe_load((out / synth_archive.BODIES_FILE).read_text(encoding="utf-8"))
    assert listed[-1]["code"] == extra
    assert f"bodies: {synth_archive.BODIES_FILE}" in (out / "mkdocs.yml").read_text(encoding="utf-8")
    build = synth_archive.build(out)
    assert build.returncode == 0, build.stdout + build.stderr
    assert (out / "site" / extra.lower() / "1" / "index.html").exists()


def test_bench_prints_the_core_s_phases_and_one_line_per_target(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(SCRIPTS / "bench.py"), "--sizes", "3", "--runs", "1",
                             "--workdir", str(tmp_path / "bench")],
                            capture_output=True, text=True, env=ENV, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    for phase in ("front matter", "references in the text", "generated pages and data"):
        assert any(line.strip().startswith(phase) for line in lines), result.stdout
    for figure in ("ratio at 3: ", "peak MB at 3: ", "largest page KB at 3: "):
        assert any(line.startswith(figure) and line.split(": ")[1].replace(".", "").isdigit() for line in lines), result.stdout
    assert lines[-1].startswith("overhead at 3: ") and lines[-1].endswith("%"), result.stdout
    assert sum(1 for line in lines if line.startswith("overhead at")) == 1