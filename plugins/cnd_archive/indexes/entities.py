"""Countries and organisations across the archive: their roles and every mention of them."""

from __future__ import annotations

from dataclasses import dataclass, field

from cnd_archive.model.archive import Archive, Session
from cnd_archive.registry.gazetteer import Entity, Gazetteer
from cnd_archive.references.linker import Mention
from cnd_archive.indexes.roles import Role

ATTENDING_ROLES = ("member", "observer", "host")


@dataclass
class EntityRecord:
    entity: Entity
    roles: list[tuple[Session, Role]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    _grouped: dict[Session, list[Role]] | None = field(default=None, repr=False)
    _grouped_count: int = field(default=0, repr=False)

    def attended(self) -> list[Session]:
        """Meetings the participant took part in, in order."""
        sessions = {s.id: s for s, r in self.roles if r.role in ATTENDING_ROLES}
        return sorted(sessions.values(), key=lambda s: (s.body.code, s.number))

    def roles_in(self, session: Session) -> list[Role]:
        return self._by_session().get(session, [])

    def _by_session(self) -> dict[Session, list[Role]]:
        if self._grouped is None or self._grouped_count != len(self.roles):
            self._grouped, self._grouped_count = {}, len(self.roles)
            for session, role in self.roles:
                self._grouped.setdefault(session, []).append(role)
        return self._grouped


def collect(archive: Archive, roles: dict[str, list[Role]], mentions: dict[str, list[Mention]],
            gazetteer: Gazetteer) -> dict[str, EntityRecord]:
    """Every country and organisation that has a role or is mentioned anywhere, by id."""
    records: dict[str, EntityRecord] = {}

    def record(entity_id: str) -> EntityRecord:
        if entity_id not in records:
            records[entity_id] = EntityRecord(gazetteer.entity(entity_id))
        return records[entity_id]

    for session in sorted(archive.sessions, key=lambda s: (s.body.code, s.number)):
        for role in roles.get(session.src_uri, []):
            record(role.participant).roles.append((session, role))
        for mention in mentions.get(session.src_uri, []):
            if mention.entity and session.status == "report":
                record(mention.entity).mentions.append(mention)
    return dict(sorted(records.items(), key=lambda item: item[1].entity.name))
