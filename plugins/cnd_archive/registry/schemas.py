"""The JSON Schemas of meeting front matter and of the open data, with enums from the data.

The lists of body codes and of role ids come from bodies.yml and roles.yml, so an archive
with other bodies validates against its own list. The files in data/ carry the lists of
the package's own data, for editors (the ``yaml-language-server`` comment of each meeting
page) and for readers of the open data; ``python -m cnd_archive.registry.schemas`` rewrites
them after a change to the data, and a test keeps them in step.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from cnd_archive.registry.bodies import Body, all_bodies
from cnd_archive.registry.roles import ROLES

MEETING_SCHEMA = "data/meeting.schema.json"
ARCHIVE_SCHEMA = "data/archive.schema.json"


def _read(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(resources.files("cnd_archive").joinpath(name).read_text("utf-8"))
    return schema


def meeting_schema(bodies: tuple[Body, ...]) -> dict[str, Any]:
    schema = _read(MEETING_SCHEMA)
    schema["properties"]["body"]["enum"] = [b.code for b in bodies]
    schema["properties"]["participation"]["items"]["properties"]["role"]["enum"] = list(ROLES)
    return schema


def archive_schema(bodies: tuple[Body, ...]) -> dict[str, Any]:
    schema = _read(ARCHIVE_SCHEMA)
    schema["$defs"]["session"]["properties"]["body"]["enum"] = [b.code for b in bodies]
    schema["$defs"]["country"]["properties"]["roles"]["items"]["properties"]["role"]["enum"] = list(ROLES)
    return schema


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_package_schemas() -> None:
    package = Path(str(resources.files("cnd_archive")))
    (package / MEETING_SCHEMA).write_text(schema_text(meeting_schema(all_bodies())), encoding="utf-8")
    (package / ARCHIVE_SCHEMA).write_text(schema_text(archive_schema(all_bodies())), encoding="utf-8")


if __name__ == "__main__":
    write_package_schemas()
