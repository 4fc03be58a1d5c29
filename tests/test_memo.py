"""A rebuild that reuses earlier work (``mkdocs serve``) publishes exactly what a fresh build does."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from helpers import copy_project

from cnd_archive.checking import pipeline
from cnd_archive.memo import Memo, Memos
from cnd_archive.publishing.publication import Mapper, Publication
from cnd_archive.publishing.site_config import Project


def publish(root: Path, memos: Memos | None = None, mapper: Mapper = map) -> Publication:
    """The project at root as the build publishes it: the one pipeline the plugin and checker use."""
    return pipeline.publish(Project.at(root), memos=memos, mapper=mapper).publication


def published(publication: Publication) -> tuple[dict[str, str], list[str]]:
    return {uri: page.html for uri, page in publication.html.items()}, [str(p) for p in publication.problems]


def test_a_memo_reuses_a_result_only_for_equal_inputs() -> None:
    memo: Memo[str] = Memo()
    assert memo.get("a.md", ("text", 1), lambda: "first") == "first"
    assert memo.get("a.md", ("text", 1), lambda: "second") == "first"
    assert memo.get("a.md", ("text!", 1), lambda: "third") == "third"
    assert (memo.hits, memo.misses) == (1, 2)


def test_an_edit_is_published_as_a_fresh_build_publishes_it(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    docs = root / "content"
    memos = Memos()
    first = publish(root, memos)
    report = docs / "honlac" / "27.md"
    text = report.read_text(encoding="utf-8")
    # A new mention of a country changes the report page and, through it, the country's pages.
    report.write_text(text.replace("\n## ", "\nThe delegation of Colombia spoke (an edit).\n\n## ", 1), encoding="utf-8")
    again = publish(root, memos)
    fresh = publish(root)
    assert published(again) == published(fresh)
    assert published(again) != published(first)
    assert memos.render.hits > 0 and memos.read.hits > 0


def test_an_error_introduced_and_fixed_between_rebuilds_comes_and_goes(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    docs = root / "content"
    memos = Memos()
    clean = published(publish(root, memos))
    report = docs / "honlac" / "27.md"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("\n## ", "\n<script>alert(1)</script>\n\n## ", 1), encoding="utf-8")
    broken = publish(root, memos)
    assert any("27.md" in str(p) for p in broken.problems) and "honlac/27.md" not in broken.html
    report.write_text(text, encoding="utf-8")
    assert published(publish(root, memos)) == clean


def test_pages_rendered_in_a_pool_of_processes_are_those_rendered_in_one(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    alone = publish(root)
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        pooled = publish(root, mapper=lambda function, jobs: pool.map(function, jobs))
    assert published(pooled) == published(alone)
    assert pooled.html["honlac/27.md"].anchors == alone.html["honlac/27.md"].anchors


def _edit_word(docs: Path) -> None:
    """A word beside a mention of an organisation that has no role at the meeting: its page quotes the words."""
    report = docs / "honlac" / "3.md"
    report.write_text(report.read_text(encoding="utf-8").replace("INTERPOL and the World", "INTERPOL and also the World", 1),
                      encoding="utf-8")


def _edit_mention(docs: Path) -> None:
    report = docs / "honlac" / "3.md"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("\n## ", "\nThe representative of Mongolia spoke (an edit).\n\n## ", 1), encoding="utf-8")


def _edit_role(docs: Path) -> None:
    report = docs / "honlac" / "2.md"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("  role: officer\n  detail: Rapporteur", "  role: officer\n  detail: Chair", 1),
                      encoding="utf-8")


def _edit_review(docs: Path) -> None:
    """The 5th meeting's agenda item 4 now names the Third Meeting: the 4th and 3rd meetings' notes change."""
    report = docs / "honlac" / "5.md"
    report.write_text(report.read_text(encoding="utf-8").replace("adopted by the Fourth Meeting", "adopted by the Third Meeting"),
                      encoding="utf-8")


def _renumber(docs: Path) -> None:
    old, new = docs / "honlac" / "6.md", docs / "honlac" / "60.md"
    new.write_text(old.read_text(encoding="utf-8").replace("meeting: 6\n", "meeting: 60\n", 1), encoding="utf-8")
    old.unlink()


def _delete(docs: Path) -> None:
    (docs / "honlac" / "4.md").unlink()


def _add(docs: Path) -> None:
    (docs / "honlac" / "61.md").write_text(
        "---\nkind: placeholder\nfictional: true\nbody: HONLAC\nmeeting: 61\n"
        "title: Sixty-first Meeting (fictional), Quito, 2090\nstart_date: 2090-10-01\nend_date: 2090-10-05\n"
        "city: Quito\ncountry: ECU\n---\n", encoding="utf-8")


def published_data(publication: Publication) -> tuple[dict[str, str], list[str], dict[str, str]]:
    return (*published(publication), publication.data)


def test_every_edit_kind_reuses_only_results_whose_inputs_it_left_equal(tmp_path: Path) -> None:
    """Each rebuild recomputes every reused result and fails if one differs (``Memos.checked``), then
    publishes what a fresh build of the same files does: pages, problems and open data."""
    import synth_archive  # scripts/: a fictional archive of several bodies, with reviews across meetings

    synth_archive.write_archive(14, tmp_path, body_codes=["HONLAC", "HONEURO"], capacity=8)
    docs = tmp_path / "content"
    memos = Memos.checked()
    last = published_data(publish(tmp_path, memos))
    for edit in (_edit_word, _edit_mention, _edit_role, _edit_review, _renumber, _delete, _add):
        edit(docs)
        again = published_data(publish(tmp_path, memos))
        assert again == published_data(publish(tmp_path)), edit.__name__
        assert again != last, f"{edit.__name__} changed nothing: the edit is not what the test means"
        last = again
    assert memos.generated.hits > 0 and memos.meeting_page.hits > 0 and memos.data.hits > 0
