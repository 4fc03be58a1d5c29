"""Each file's results kept on disk, so that a build reads and checks only the files that changed.

The per-file work of a build (a file's front matter, parse and safety check, its report's
model, what it cites, its roles, its page's HTML) is a function of that file's bytes and of a
few values the tests prove complete (``Memos.checked``); a generated page, feed or part of the
open data is one of the archive's shape and the files it reads (``page_inputs.py``). Each
result is kept under ``.cache/cnd-archive/results/<kind>/``, in ``build_cache.Entries``'s
checked format, keyed by the digest of those inputs and of the code's version; its payload is
JSON (``result_codec.py``), compressed. A damaged, foreign or stale entry is ignored and the
result computed again, so a build with the cache writes exactly what a build without it writes.
"""

from __future__ import annotations

import binascii
import dataclasses
import datetime as dt
import functools
import json
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cnd_archive import result_codec
from cnd_archive.build_cache import Entries, EntryFolder, code_version
from cnd_archive.memo import Memos, digest
from cnd_archive.workers import Later, run_now

MAGIC = b"cnd-archive result cache 1\n"
STORED_KINDS = ("read", "schema", "report", "scan", "roles", "render", "generated", "sanitized", "feeds", "data")
"""The memos whose results are kept on disk: each file's, each generated page's and data part's by
the facts it reads (``page_inputs.py``), and the sanitizer's; all of them by inputs that the tests
check complete. A report's page as Markdown is made again: that is quicker than reading it back."""
_UNREADABLE = (ValueError, TypeError, KeyError, RecursionError, zlib.error, UnicodeDecodeError, binascii.Error)


class ResultStore:
    """One kind of result, by slot (a page's source), for the inputs it was computed from."""

    def __init__(self, folder: Path, kind: str, later: Later = run_now) -> None:
        self.entries = Entries(folder / "results" / kind, MAGIC, code_version(), later)
        self.asked = 0
        self._missed: dict[str, tuple[object, bytes]] = {}
        """The key of each result not found, until it is kept: its inputs are fingerprinted once."""

    def recall(self, slot: str, inputs: object) -> tuple[bool, Any]:
        """(True, the result) if an intact entry holds it for these inputs; (False, None) otherwise."""
        self.asked += 1
        key = fingerprint(inputs)
        payload = self.entries.read(slot, key)
        if payload is not None:
            try:
                return True, result_codec.decode(zlib.decompress(payload))
            except _UNREADABLE:
                self.entries.damaged(slot)
        self._missed[slot] = (inputs, key)
        return False, None

    def keep(self, slot: str, inputs: object, value: object) -> None:
        missed = self._missed.pop(slot, None)
        key = missed[1] if missed is not None and missed[0] is inputs else fingerprint(inputs)
        entries = self.entries
        entries.later(_write_result, entries.place, slot, key, result_codec.encode(value))


def _write_result(place: EntryFolder, slot: str, key: bytes, encoded: bytes) -> None:
    place.write(slot, key, zlib.compress(encoded, 1))


def keep_on_disk(memos: Memos, folder: Path, later: Later = run_now) -> Memos:
    """``memos`` with the kinds of ``STORED_KINDS`` read from and written to ``folder`` (each entry
    written by ``later``)."""
    for kind in STORED_KINDS:
        getattr(memos, kind).store = ResultStore(folder, kind, later)
    return memos


def forget_disk(memos: Memos) -> None:
    """``memos`` kept in memory only from now on."""
    for kind in STORED_KINDS:
        getattr(memos, kind).store = None


def results_summary(memos: Memos, shown: Path) -> str:
    """E.g. "build cache: 6990 of 7000 file results read from .cache/cnd-archive" (those not already
    in a preview's memory)."""
    stores = [store for kind in STORED_KINDS if isinstance(store := getattr(memos, kind).store, ResultStore)]
    read = sum(store.entries.hits for store in stores)
    asked = sum(store.asked for store in stores)
    unused = [why for store in stores for why in store.entries.ignored if not why.endswith("other inputs")]
    ignored = f"; ignored {len(unused)} entries, first {unused[0]}" if unused else ""
    return f"build cache: {read} of {asked} file results read from {shown}{ignored}"


def fingerprint(inputs: object) -> bytes:
    """A digest of a result's inputs: JSON's values, tuples, mappings, bytes, dates and dataclasses of
    them, each dataclass by the fields it is compared by (or what its ``__fingerprint__`` gives, for a
    class whose equality is its own). Anything else is refused, so that no input is keyed by
    something that does not show its value (an object's address, a set's order)."""
    try:
        text = json.dumps(inputs, default=_tagged, ensure_ascii=True, check_circular=False, separators=(",", ":"))
    except (TypeError, ValueError) as error:
        raise result_codec.StoredTypeError(f"no fingerprint for these inputs: {error}") from error
    return digest(text.encode("ascii"))


def _tagged(value: Any) -> list[Any]:
    if isinstance(value, bytes):
        return ["~b", digest(value).hex()]  # a compressed page, say: its digest is cheaper to write out
    if isinstance(value, dt.datetime):
        return ["~dt", value.isoformat()]
    if isinstance(value, dt.date):
        return ["~d", value.isoformat()]
    own = getattr(type(value), "__fingerprint__", None)
    if own is not None:
        return ["~" + type(value).__qualname__, own(value)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return ["~" + type(value).__qualname__, *(getattr(value, name) for name in _compared(type(value)))]
    if isinstance(value, Mapping):
        return ["~m", list(value.items())]
    raise result_codec.StoredTypeError(f"no fingerprint for a {type(value).__qualname__}")


@functools.cache
def _compared(cls: type) -> tuple[str, ...]:
    """The fields a dataclass is compared by: what it is derived from, not its caches."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.compare)
