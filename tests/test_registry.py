"""Reference data has one source: schema enums, role codes and an archive's own bodies come from the YAML."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml

from cnd_archive.model.archive import load
from cnd_archive.model.schema import validate_front_matter
from cnd_archive.model.frontmatter import split
from cnd_archive.registry.bodies import Body, all_bodies, read_bodies
from cnd_archive.registry.roles import ROLE_CODES, ROLES
from cnd_archive.registry.schemas import (ARCHIVE_SCHEMA, MEETING_SCHEMA, archive_schema, meeting_schema,
                                          schema_text)
from cnd_archive.timing import Stopwatch
from cnd_archive.publishing.publication import Publication

FICTIONAL = Body(code="FICTA", slug="ficta", name="A fictional body", short_name="Fiction",
                 title_phrase="Heads of Fictional Agencies", symbol_prefix="UNODC/FICTA/",
                 meeting_word="Meeting", report_title="Report of the {ordinal} Meeting of Heads of Fictional Agencies",
                 established_by="no resolution: fictional")

PAGE = """---
kind: placeholder
fictional: true
body: {body}
meeting: 3
title: Third Meeting (fictional)
start_date: 2030-01-07
end_date: 2030-01-11
city: Vienna
country: AUT
---

# Third Meeting {{#title}}
"""


def shipped(name: str) -> str:
    return resources.files("cnd_archive").joinpath(name).read_text("utf-8")


def test_the_shipped_schemas_carry_the_lists_of_the_data() -> None:
    # Regenerate with: python -m cnd_archive.registry.schemas
    assert shipped(MEETING_SCHEMA) == schema_text(meeting_schema(all_bodies()))
    assert shipped(ARCHIVE_SCHEMA) == schema_text(archive_schema(all_bodies()))


def test_schema_enums_follow_the_bodies_given() -> None:
    bodies = (*all_bodies(), FICTIONAL)
    assert meeting_schema(bodies)["properties"]["body"]["enum"][-1] == "FICTA"
    assert archive_schema(bodies)["$defs"]["session"]["properties"]["body"]["enum"][-1] == "FICTA"
    document, _ = split(PAGE.format(body="FICTA"), "ficta/3.md")
    assert document is not None
    assert validate_front_matter(document, bodies) == []
    (problem,) = validate_front_matter(document, all_bodies())
    assert problem.line == 4 and "'FICTA' is not one of" in problem.message


def test_roles_are_read_from_data_once() -> None:
    data = yaml.safe_load(shipped("data/roles.yml"))
    assert ROLES == tuple(entry["id"] for entry in data)
    assert ROLE_CODES == {entry["id"]: entry["code"] for entry in data}
    assert len(set(ROLE_CODES.values())) == len(ROLES), "each role needs its own letter in the matrix"


def test_an_archive_reads_its_own_bodies_file(tmp_path: Path) -> None:
    bodies_file = tmp_path / "bodies.yml"
    bodies_file.write_text(yaml.safe_dump([dict(vars(b)) for b in (*all_bodies(), FICTIONAL)]), encoding="utf-8")
    docs = tmp_path / "content"
    (docs / "ficta").mkdir(parents=True)
    (docs / "ficta" / "3.md").write_text(PAGE.format(body="FICTA"), encoding="utf-8")
    stopwatch = Stopwatch()
    archive = load(docs, ["ficta/3.md"], bodies=read_bodies(bodies_file), stopwatch=stopwatch)
    assert archive.problems == []
    assert [m.id for m in archive.meetings] == ["ficta-3"]
    publication = Publication.build(archive, "https://undocs.org", stopwatch)
    assert "ficta/index.md" in publication.generated
    assert {"load/front matter", "build/meeting pages", "build/generated pages and data"} <= set(stopwatch.seconds)
    refused = load(docs, ["ficta/3.md"])
    assert any("FICTA" in p.message for p in refused.problems)
