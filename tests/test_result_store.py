"""Each file's results kept in the build cache (``result_store.py``, ``result_codec.py``): read back
equal to a fresh result, only for the inputs they were made from, and never trusted when an entry is
damaged, from another version or names anything but the archive's own plain data."""

from __future__ import annotations

import datetime as dt
import json
import zlib
from pathlib import Path

import pytest

from helpers import copy_project

from cnd_archive import result_codec
from cnd_archive.build_cache import CACHE_DIR
from cnd_archive.checking import pipeline
from cnd_archive.errors import Problem
from cnd_archive.layout import Target
from cnd_archive.memo import Memos, digest
from cnd_archive.publishing.html import Heading, RenderedPage
from cnd_archive.publishing.site_config import Project
from cnd_archive.references.mentions import Mention
from cnd_archive.result_codec import StoredTypeError, decode, encode
from cnd_archive.result_store import MAGIC, STORED_KINDS, ResultStore, fingerprint, keep_on_disk, results_summary

INPUTS = ("content/honlac/27.md", "The text of a fictional report.", 3)


def test_plain_data_and_the_archive_s_dataclasses_come_back_equal() -> None:
    value = {
        "meta": {"start_date": dt.date(2017, 10, 2), "stamp": dt.datetime(2017, 10, 2, 9, 30, tzinfo=dt.timezone.utc),
                 "numbers": (1, 2.5, True, None), "~odd key": "kept", 3: "an int key"},
        "problems": [Problem("content/honlac/27.md", 4, "a fictional problem", "a fix", 2)],
        "mention": Mention("honlac/27.md", 5, 0, 9, "UNODC/HONLAC/27/1", Target("honlac/27.md", "p-3"),
                           symbols=("UNODC/HONLAC/27/1",)),
        "page": RenderedPage(b"\x78\x9c\x00binary", [Heading(1, "t", "Title")], {"p-1", "p-2"}, [("a.md", "", 3)]),
        "frozen": frozenset({"x"}),
    }
    back = decode(encode(value))
    assert back == value
    assert type(back["meta"]["numbers"]) is tuple and type(back["page"].anchors) is set
    assert type(back["meta"]["start_date"]) is dt.date and back["meta"]["stamp"].tzinfo is not None


def test_a_value_of_any_other_type_is_refused_when_written() -> None:
    class Unmarked:
        pass

    for value in (Unmarked(), [object()], {"a": Path("x")}, b"".decode, type("Str", (str,), {})("a subclass")):
        with pytest.raises(StoredTypeError):
            encode(value)


def test_a_payload_naming_a_type_that_is_not_stored_is_refused_when_read() -> None:
    for plain in ({"~PosixPath": ["/etc/passwd"]}, {"~os.system": ["true"]}, {"~": ["Problem"]}, {"~unknown": 1},
                  {"~t": [1], "~s": [2]}, {"~Problem": ["a", 1, "m", "", 1, "a field it does not have"]},
                  {"~Problem": ["a", 1]}, {"~Problem": {"path": "a"}}):
        with pytest.raises(StoredTypeError):
            decode(json.dumps(plain).encode())
    assert decode(json.dumps({"~Problem": ["a", 1, "m", "", 1]}).encode()) == Problem("a", 1, "m")


def test_inputs_are_fingerprinted_by_type_and_value_only() -> None:
    assert fingerprint(("a", 1)) == fingerprint(("a", 1))
    assert len({fingerprint(v) for v in [("1",), (1,), (True,), (1.0,), ((1,),), ({"1": 1},), (b"1",), ("1", "")]}) == 8
    assert fingerprint((Problem("a", 1, "m"),)) != fingerprint((Problem("a", 2, "m"),))
    for unknown in (object(), {1, 2}, Path("a")):
        with pytest.raises(StoredTypeError):
            fingerprint(("a", unknown))


@pytest.fixture
def store(tmp_path: Path) -> ResultStore:
    kept = ResultStore(tmp_path, "report")
    kept.keep("honlac/27.md", INPUTS, [Problem("content/honlac/27.md", 7, "kept")])
    return kept


def _entry(store: ResultStore) -> Path:
    return store.entries.entry("honlac/27.md")


def test_a_result_comes_back_for_the_same_inputs_only(store: ResultStore) -> None:
    assert store.recall("honlac/27.md", INPUTS) == (True, [Problem("content/honlac/27.md", 7, "kept")])
    assert store.recall("honlac/27.md", (*INPUTS[:2], 4)) == (False, None)
    assert store.recall("honlac/28.md", INPUTS) == (False, None)
    assert store.entries.ignored == ["honlac/27.md: made from other inputs"]


def test_truncated_foreign_and_hand_edited_entries_are_ignored(store: ResultStore) -> None:
    entry = _entry(store)
    whole = entry.read_bytes()
    header = len(MAGIC) + 48
    payload = json.dumps([{"~Problem": ["content/honlac/27.md", 1, "forged", "", 1]}]).encode()
    forged_type = json.dumps([{"~PosixPath": ["/"]}]).encode()
    damaged = {
        "truncated": whole[:-1],
        "header only": whole[:header],
        "another version": MAGIC + digest(b"another version") + whole[len(MAGIC) + 16:],
        "a byte edited": whole[:-2] + bytes([whole[-2] ^ 1]) + whole[-1:],
        "not compressed": whole[:header - 16] + digest(payload) + payload,
        "a type that is not stored": whole[:header - 16] + digest(zlib.compress(forged_type)) + zlib.compress(forged_type),
    }
    for why, data in damaged.items():
        entry.write_bytes(data)
        assert store.recall("honlac/27.md", INPUTS) == (False, None), why
    assert [why.split(": ", 1)[1] for why in store.entries.ignored] == \
        ["damaged", "damaged", "written by another version", "damaged", "damaged", "damaged"]
    assert store.entries.hits == 0


def test_a_result_computed_again_replaces_a_damaged_entry(store: ResultStore) -> None:
    memos = Memos.none()
    memos.report.store = store
    _entry(store).write_bytes(b"damaged")
    assert memos.report.get("honlac/27.md", INPUTS, lambda: ["fresh"]) == ["fresh"]
    assert store.recall("honlac/27.md", INPUTS) == (True, ["fresh"])
    assert [p.name for p in store.entries.place.folder.iterdir()] == [_entry(store).name]  # no temporary left


def _published(root: Path, memos: Memos) -> tuple[dict[str, str], list[str], dict[str, str]]:
    outcome = pipeline.publish(Project.at(root), memos=memos)
    publication = outcome.publication
    return ({uri: page.html for uri, page in publication.html.items()}, [str(p) for p in publication.problems],
            publication.data)


def test_results_read_back_from_disk_equal_fresh_ones_through_every_kind_of_edit(tmp_path: Path) -> None:
    """Each build is a new process's: its memos start empty, every result it reads from the cache is
    computed again and compared (``Memos.checked``), and it publishes what a build without the cache does."""
    import synth_archive  # scripts/: a fictional archive of several bodies, with reviews across meetings
    from test_memo import _add, _delete, _edit_mention, _edit_review, _edit_role, _edit_word, _renumber

    synth_archive.write_archive(14, tmp_path, body_codes=["HONLAC", "HONEURO"], capacity=8)
    docs, cache = tmp_path / "content", tmp_path / CACHE_DIR
    first = keep_on_disk(Memos.none(), cache)
    _published(tmp_path, first)
    assert results_summary(first, CACHE_DIR).startswith("build cache: 0 of ")
    for edit in (None, _edit_word, _edit_mention, _edit_role, _edit_review, _renumber, _delete, _add):
        if edit is not None:
            edit(docs)
        memos = keep_on_disk(Memos.checked(), cache)
        assert _published(tmp_path, memos) == _published(tmp_path, Memos.none()), edit
        assert memos.read.hits > 0 and memos.report.hits > 0, edit  # the files the edit left alone
        if edit is None:
            assert all(getattr(memos, kind).hits > 0 and getattr(memos, kind).misses == 0 for kind in STORED_KINDS)


def test_the_real_report_s_results_come_back_equal(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    cache = root / CACHE_DIR
    without = _published(root, Memos.none())
    assert _published(root, keep_on_disk(Memos.none(), cache)) == without
    memos = keep_on_disk(Memos.checked(), cache)
    assert _published(root, memos) == without
    assert memos.report.hits == 1 and memos.report.misses == 0 and memos.render.misses == 0  # the 27th; 3 placeholders
