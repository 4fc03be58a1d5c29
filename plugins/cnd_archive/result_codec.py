"""Results of the build as plain JSON, and back, for the build cache (``result_store.py``).

A cache may be restored from elsewhere (CI's), so reading one must never run anything it
holds: the decoder builds only the archive's own dataclasses that are marked ``@stored``,
each from its fields, and JSON's values, tuples, sets, bytes, dates and dicts. Anything else
is refused (``StoredTypeError``), when writing as when reading.

A field whose metadata is ``NOT_STORED`` (e.g. a file's parsed tokens, recomputed when needed)
is left out, and comes back as its default.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import functools
import json
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

T = TypeVar("T")
_STORED: dict[str, type] = {}
_JSON_VALUES = (str, bool, int, float)
NOT_STORED = {"stored": False}
"""The metadata of a field that is left out: ``field(default=None, metadata=NOT_STORED)``."""


class StoredTypeError(TypeError):
    """A value the codec does not write or read."""


def stored(cls: type[T]) -> type[T]:
    """Mark a dataclass as one the build cache may hold, by its name."""
    if not dataclasses.is_dataclass(cls) or hasattr(cls, "__post_init__"):
        raise StoredTypeError(f"{cls.__qualname__} is not a dataclass made of its fields alone")
    if _STORED.setdefault(cls.__qualname__, cls) is not cls:
        raise StoredTypeError(f"two stored types are named {cls.__qualname__}")
    return cls


def encode(value: object) -> bytes:
    return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(data: bytes) -> Any:
    """The value ``encode`` wrote; ``ValueError`` or ``StoredTypeError`` for anything else."""
    return json.loads(data.decode("utf-8"), object_hook=_revive)


def _plain(value: object) -> Any:
    if value is None or type(value) in _JSON_VALUES:
        return value
    writer = _WRITERS.get(type(value))
    if writer is not None:
        return writer(value)
    if _STORED.get(type(value).__qualname__) is type(value):
        return _dataclass(value)
    raise StoredTypeError(f"a {type(value).__qualname__} is not a stored type (mark it @stored)")


def _dataclass(value: Any) -> dict[str, Any]:
    """``{"~Name": [its stored fields' values, in order]}``: one small object per instance."""
    fields = value.__dict__
    return {"~" + type(value).__qualname__: [_item(fields[name]) for name in _layout(value.__class__).names]}


def _item(value: object) -> Any:
    """``_plain``, with JSON's own values (most of a result) passed without a call."""
    return value if value is None or type(value) in _JSON_VALUES else _plain(value)


def _list(value: list[Any]) -> list[Any]:
    if all(type(item) is str for item in value):
        return value  # most lists of a page: its ids, its words
    return [_item(item) for item in value]


def _dict(value: dict[Any, Any]) -> Any:
    if all(type(key) is str and not key.startswith("~") for key in value):
        return {key: _item(item) for key, item in value.items()}
    return {"~m": [[_item(key), _item(item)] for key, item in value.items()]}


_WRITERS: dict[type, Callable[[Any], Any]] = {
    list: _list,
    tuple: lambda v: {"~t": [_item(item) for item in v]},
    set: lambda v: {"~s": [_item(item) for item in v]},
    frozenset: lambda v: {"~f": [_item(item) for item in v]},
    bytes: lambda v: {"~b": base64.b64encode(v).decode("ascii")},
    dt.datetime: lambda v: {"~dt": v.isoformat()},
    dt.date: lambda v: {"~d": v.isoformat()},
    dict: _dict,
}
"""Exact types only: a subclass (a YAML loader's, say) is refused rather than read back as its base."""

_READERS: dict[str, Callable[[Any], Any]] = {
    "~t": tuple,
    "~s": set,
    "~f": frozenset,
    "~b": lambda v: base64.b64decode(v, validate=True),
    "~dt": dt.datetime.fromisoformat,
    "~d": dt.date.fromisoformat,
    "~m": lambda pairs: {key: item for key, item in pairs},
}


def _revive(plain: dict[str, Any]) -> Any:
    if len(plain) != 1:
        if any(key.startswith("~") for key in plain):
            raise StoredTypeError(f"unknown tag in {sorted(plain)!r}")
        return plain
    tag, value = next(iter(plain.items()))
    if not tag.startswith("~"):
        return plain
    reader = _READERS.get(tag)
    if reader is not None:
        return reader(value)
    return _instance(tag[1:], value)


def _instance(name: str, values: object) -> Any:
    """A stored dataclass with exactly its stored fields' values, the others at their defaults. Its
    ``__init__`` is not called (it only assigns the fields: most of the time of reading a cache)."""
    cls = _STORED.get(name)
    if cls is None:
        raise StoredTypeError(f"{name!r} is not a stored type")
    layout = _layout(cls)
    if not isinstance(values, list) or len(values) != len(layout.names):
        raise StoredTypeError(f"a stored {name} has the fields {layout.names}")
    instance: Any = object.__new__(cls)
    instance.__dict__.update(zip(layout.names, values))
    for field_name, default in layout.defaults:
        instance.__dict__[field_name] = default()
    return instance


class _Layout(NamedTuple):
    names: tuple[str, ...]
    """The stored fields, in their order."""
    defaults: tuple[tuple[str, Callable[[], Any]], ...]
    """How to make each other field's default."""


@functools.cache
def _layout(cls: type) -> _Layout:
    names: list[str] = []
    defaults: list[tuple[str, Callable[[], Any]]] = []
    for f in dataclasses.fields(cls):
        if f.init and f.metadata.get("stored", True):
            names.append(f.name)
        elif f.default_factory is not dataclasses.MISSING:
            defaults.append((f.name, f.default_factory))
        elif f.default is not dataclasses.MISSING:
            defaults.append((f.name, functools.partial(_same, f.default)))
        else:
            raise StoredTypeError(f"{cls.__qualname__}.{f.name} is neither stored nor has a default")
    return _Layout(tuple(names), tuple(defaults))


def _same(value: T) -> T:
    return value
