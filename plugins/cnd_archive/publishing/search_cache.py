"""Each search shard's index as Pagefind last wrote it, kept for the next build.

A shard's index depends only on its meeting pages as written and on how Pagefind is run, so a
shard whose pages are byte for byte those of the last build is not indexed again: its files are
copied from ``.cache/cnd-archive/search/<K>/``. Each entry has a ``manifest.json`` holding the
digest of those inputs and of every file; an entry whose manifest does not read, was written for
other inputs, or whose files are missing, truncated or edited is ignored, and the shard indexed
again. Nothing kept is run here: the files are copied into the site as they were written.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from cnd_archive.memo import DIGEST_SIZE, digest
from cnd_archive.publishing.search_shards import ALL_MEETING_PAGES, MEETING_PAGE, Shard

MANIFEST = "manifest.json"
MANIFEST_FORMAT = "cnd-archive search cache 1"


def shard_pages(site_dir: Path, shard: Shard) -> list[Path]:
    """The files the shard's glob matches, in a fixed order."""
    if not shard.folders:
        return sorted(site_dir.glob(ALL_MEETING_PAGES))
    return [page for folder in shard.folders for page in sorted((site_dir / folder).glob(MEETING_PAGE))]


def shard_inputs(site_dir: Path, shard: Shard, how: bytes) -> bytes:
    """The digest of what the shard's index is written from: how Pagefind runs (its version and
    options) and each page's address and bytes, read one at a time."""
    h = hashlib.blake2b(digest_size=DIGEST_SIZE)
    h.update(digest(how, shard.glob.encode()))
    for page in shard_pages(site_dir, shard):
        h.update(digest(page.relative_to(site_dir).as_posix().encode(), page.read_bytes()))
    return h.digest()


class SearchCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder / "search"
        self.ignored: list[str] = []

    def entry(self, shard: Shard) -> Path:
        return self.folder / str(shard.position + 1)

    def restore(self, shard: Shard, inputs: bytes, into: Path) -> int | None:
        """Copy the shard's kept index into ``into``; the number of pages it indexes, or None when
        no intact entry holds it."""
        entry = self.entry(shard)
        manifest = self._manifest(entry, inputs)
        if manifest is None:
            return None
        contents = {}
        for name, kept in manifest["files"].items():
            content = _intact(entry / name, kept)
            if content is None:
                self.ignored.append(f"shard {shard.position + 1}: {name} damaged")
                return None
            contents[name] = content
        shutil.rmtree(into, ignore_errors=True)
        for name, content in contents.items():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            (into / name).write_bytes(content)
        pages: int = manifest["pages"]
        return pages

    def _manifest(self, entry: Path, inputs: bytes) -> dict[str, Any] | None:
        try:
            manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
        except OSError:
            return None  # no entry yet
        except ValueError:
            self.ignored.append(f"{entry.name}: manifest damaged")
            return None
        if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT \
                or not isinstance(manifest.get("files"), dict) or not isinstance(manifest.get("pages"), int):
            self.ignored.append(f"{entry.name}: manifest damaged")
            return None
        if manifest.get("inputs") != inputs.hex():
            return None  # other pages: the ordinary miss after an edit
        if any(not _inside(name) or not isinstance(value, str) for name, value in manifest["files"].items()):
            self.ignored.append(f"{entry.name}: manifest damaged")
            return None
        return manifest

    def keep(self, shard: Shard, inputs: bytes, written: Path, pages: int) -> None:
        """Keep the index Pagefind wrote; the entry is replaced whole (written beside it, then renamed)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(dir=self.folder, prefix=".new-"))
        files = {}
        for path in sorted(p for p in written.rglob("*") if p.is_file()):
            name, content = path.relative_to(written).as_posix(), path.read_bytes()
            (fresh / name).parent.mkdir(parents=True, exist_ok=True)
            (fresh / name).write_bytes(content)
            files[name] = digest(content).hex()
        manifest = {"format": MANIFEST_FORMAT, "inputs": inputs.hex(), "pages": pages, "files": files}
        (fresh / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        entry = self.entry(shard)
        shutil.rmtree(entry, ignore_errors=True)
        os.replace(fresh, entry)


def _intact(path: Path, kept: str) -> bytes | None:
    """The file's bytes if they have the digest its manifest gives; None if missing or altered."""
    try:
        content = path.read_bytes()
    except OSError:
        return None
    return content if digest(content).hex() == kept else None


def _inside(name: str) -> bool:
    """A name from a manifest that stays inside its entry (a hand-edited one could say ``../x``)."""
    path = Path(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts and name != MANIFEST
