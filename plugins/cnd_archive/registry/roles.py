"""The kinds of participation a record can state (data/roles.yml), in the order pages list them."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import yaml


@dataclass(frozen=True)
class RoleKind:
    id: str
    name: str
    code: str
    """The letter of the participation matrix."""
    attends: bool
    """The participant was at the meeting (a member, an observer, the host)."""


def _read() -> tuple[RoleKind, ...]:
    text = resources.files("cnd_archive").joinpath("data/roles.yml").read_text("utf-8")
    return tuple(RoleKind(**entry) for entry in yaml.safe_load(text))


ROLE_KINDS = _read()
ROLES = tuple(kind.id for kind in ROLE_KINDS)
ROLE_NAMES = {kind.id: kind.name for kind in ROLE_KINDS}
ROLE_CODES = {kind.id: kind.code for kind in ROLE_KINDS}
ATTENDING_ROLES = tuple(kind.id for kind in ROLE_KINDS if kind.attends)
