"""Countries and organisations across the archive: their roles and every mention of them."""

from __future__ import annotations

from dataclasses import dataclass, field

from cnd_archive.layout import Target
from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.registry.gazetteer import Entity, Gazetteer
from cnd_archive.references.mentions import Mention
from cnd_archive.indexes.roles import Role
from cnd_archive.registry.roles import ATTENDING_ROLES

@dataclass
class EntityRecord:
    entity: Entity
    roles: list[tuple[Meeting, Role]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    _by_meeting: dict[Meeting, list[Role]] = field(default_factory=dict, repr=False)

    def add_role(self, meeting: Meeting, role: Role) -> None:
        self.roles.append((meeting, role))
        self._by_meeting.setdefault(meeting, []).append(role)

    def attended(self) -> list[Meeting]:
        """Meetings the participant took part in, in the order their roles were recorded."""
        meetings = {s.id: s for s, r in self.roles if r.role in ATTENDING_ROLES}
        return list(meetings.values())

    def paragraphs(self) -> list[Target]:
        """The paragraphs (and footnotes, annexes) that mention it, each once, in order: a paragraph
        that names a country three times is one place where the reports speak of it."""
        return list(dict.fromkeys(mention.cited_at for mention in self.mentions))

    def roles_in(self, meeting: Meeting) -> list[Role]:
        return self._by_meeting.get(meeting, [])

    def sources(self) -> list[Meeting | str]:
        """The meeting pages its roles and mentions are read from (the build cache keys what is
        made of them by those files: ``page_inputs.reads``)."""
        return [*(meeting for meeting, _ in self.roles), *(mention.src_uri for mention in self.mentions)]


def collect(archive: Archive, roles: dict[str, list[Role]], mentions: dict[str, list[Mention]],
            gazetteer: Gazetteer) -> dict[str, EntityRecord]:
    """Every country and organisation that has a role or is mentioned anywhere, by id."""
    records: dict[str, EntityRecord] = {}

    def record(entity_id: str) -> EntityRecord:
        if entity_id not in records:
            records[entity_id] = EntityRecord(gazetteer.entity(entity_id))
        return records[entity_id]

    for meeting in archive.meetings_sorted():
        for role in roles.get(meeting.src_uri, []):
            record(role.participant).add_role(meeting, role)
        for mention in mentions.get(meeting.src_uri, []):
            if mention.entity and meeting.kind == "report":
                record(mention.entity).mentions.append(mention)
    return dict(sorted(records.items(), key=lambda item: item[1].entity.name))
