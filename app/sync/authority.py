"""The hub's re-check of incoming changes (docs/SYNC.md, "The hub re-checks").

Whatever a laptop's copy of the rules allowed, the hub decides with its own people and roles:

- a project's status may only move by lifecycle steps its author may take (owners submit, revise,
  start work; leaders of its studio review, adopt, not adopt; ...): the hub looks for a path of
  such steps from the status it has to the status that arrives;
- a project's fields may only be changed by someone who may edit it (owners while it is a draft
  or not adopted, leaders of its studio, admins);
- a review must come from a leader of the project's studio or an admin.

A refused value is undone on the hub by writing the hub's value back with a newer clock whose
history includes the refused one, so the author's site takes it back at its next sync instead of
keeping its own; the refused change is kept as a `rejected` record that its author sees.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from app.core.actor import Actor
from app.core.lifecycle import TRANSITIONS
from app.core.permissions import allowed, project_facts
from app.sync import tables
from app.sync.merge import Merged, history
from db.base import new_id
from db.models import ProjectMember, User
from db.sequence import HISTORY, MAKER

if TYPE_CHECKING:
    from app.sync.apply import Applier

# Fields a person edits through the project form; the rest follow from use cases (status with its
# times, merges), checked with the status or not at all.
FORM_FIELDS = frozenset({"title", "category", "background", "solution", "innovation_points", "implementation",
                         "indicators", "promotion", "expected_benefit", "measured_benefit", "benefit_basis",
                         "investment", "social_benefit", "tags", "patents", "awards", "confidentiality",
                         "studio_id", "members"})


class Authority:
    def __init__(self, applier: Applier) -> None:
        self.a = applier
        self._actors: dict[str, Actor | None] = {}
        self._studios: dict[str, str | None] = {}

    def actor(self, user_id: str | None) -> Actor | None:
        """The hub's view of a person (active accounts only), all read at once on first use."""
        if not user_id:
            return None
        if not self._actors:
            self._actors = {u.id: Actor.of(u) for u in self.a.s.scalars(select(User).where(User.active.is_(True)))}
        if user_id not in self._actors:  # made by this very change set
            user = self.a.s.execute(select(User).where(User.id == user_id)).scalar()
            self._actors[user_id] = Actor.of(user) if user is not None and user.active else None
        return self._actors[user_id]

    def prepare(self, spec: tables.Spec, rows: list[dict[str, Any]]) -> None:
        """Read at once what checking these rows needs (the studios of reviewed projects)."""
        if spec.name != "reviews":
            return
        from db.models import Project

        wanted = list({r["project_id"] for r in rows} - set(self._studios))
        for start in range(0, len(wanted), 500):
            self._studios.update(self.a.conn.execute(select(Project.id, Project.studio_id)
                                                     .where(Project.id.in_(wanted[start:start + 500]))).all())

    def _members(self, project_id: str) -> set[str]:
        return set(self.a.conn.execute(select(ProjectMember.user_id)
                                       .where(ProjectMember.project_id == project_id)).scalars())

    # -- the lifecycle -------------------------------------------------------------------------------

    def may_move(self, actor: Actor, project: dict[str, Any], source: str, target: str) -> bool:
        """Whether `actor` may take the project from `source` to `target` by steps they may take
        (the permission table's rules; co-authors stored here are read only when needed)."""
        return any(self._reaches(actor, project, source, target, members) for members in self._authors(actor, project))

    def _authors(self, actor: Actor, project: dict[str, Any]) -> Iterator[set[str]]:
        """The co-authors the change carries, then (if the actor is not among them) those stored here."""
        listed = {m[0] for m in project.get("members") or []}
        yield listed
        if actor.id != project.get("proposer_id") and actor.id not in listed:
            yield listed | self._members(project["id"])

    @staticmethod
    def _reaches(actor: Actor, project: dict[str, Any], source: str, target: str, members: set[str]) -> bool:
        seen, todo = {source}, deque([source])
        while todo:
            status = todo.popleft()
            if status == target:
                return True
            facts = project_facts(status, project.get("studio_id"), project.get("proposer_id"), members)
            for action, tr in TRANSITIONS.items():
                if tr.target not in seen and allowed(actor, f"project.{action}", facts):
                    seen.add(tr.target)
                    todo.append(tr.target)
        return False

    def may_edit(self, actor: Actor, project: dict[str, Any]) -> bool:
        return any(allowed(actor, "project.edit", project_facts(project.get("status"), project.get("studio_id"),
                                                                project.get("proposer_id"), members))
                   for members in self._authors(actor, project))

    # -- hooks called by the applier -----------------------------------------------------------------

    def insert(self, spec: tables.Spec, values: dict[str, Any]) -> bool:
        """Check a row new to the hub; False to leave it out (True after fixing it up)."""
        if spec.name == "projects":
            versions = values.get("versions") or {}
            entry = versions.get("status")
            # who set the status: its last editor, else whoever made the row (an import), else the proposer
            author = self.actor(entry[0] if entry else versions.get(MAKER) or values.get("proposer_id"))
            status = values.get("status") or "draft"
            if status != "draft" and entry is None and author is not None and allowed(author, "data.import"):
                return True  # made in this state by an import (or demo data): administrators and leaders may
            if status != "draft" and (author is None or not self.may_move(author, values, "draft", status)):
                self._reject(spec, values, "status", status, entry, "transition")
                values["status"] = "draft"
                values["versions"] = {**(values.get("versions") or {}),
                                      "status": self._undo_entry(entry, None)}
            return True
        if spec.name == "reviews":
            reviewer = self.actor(values.get("reviewer_id") or (values.get("versions") or {}).get(MAKER))
            studio = self._studio(values["project_id"])
            if reviewer is None or not allowed(reviewer, "project.review", project_facts(None, studio, None, ())):
                self._reject(spec, values, None, None, None, "review")
                self._undo_insert(spec, values)
                return False
        return True

    def _studio(self, project_id: str) -> str | None:
        if project_id not in self._studios:
            self._studios[project_id] = self.a._studio_of(project_id)
        return self._studios[project_id]

    def _undo_insert(self, spec: tables.Spec, values: dict[str, Any]) -> None:
        """A refused new row: a tombstone that knows it, so the author's site deletes it too."""
        from sqlalchemy import insert

        from db.models import Tombstone

        self.a.conn.execute(insert(Tombstone.__table__).values(
            id=new_id(), entity=spec.name, entity_id=values["id"], deleted_at=self.a.bank.now(),
            site_id=self.a.bank.site_id, hlc=self.a.tick.clock, seq=self.a.tick.seq, origin=None,
            seen={"hlc": values.get("hlc"), "versions": values.get("versions") or {}}))

    def update(self, spec: tables.Spec, local: dict[str, Any], incoming: dict[str, Any], merged: Merged) -> None:
        """Undo the fields of a merged project that their author may not set."""
        if spec.name != "projects" or not merged.values:
            return
        for name in sorted(merged.values):
            if name == "status":
                reason = "transition"
            elif name in FORM_FIELDS:
                reason = "edit"
            else:
                continue
            entry = (incoming.get("versions") or {}).get(name)
            author = self.actor(entry[0] if entry else None)
            if author is not None and (self.may_move(author, local, local["status"], merged.values[name])
                                       if name == "status" else self.may_edit(author, local)):
                continue
            self._reject(spec, {**local, "hlc": incoming.get("hlc")}, name, merged.values.pop(name), entry, reason)
            merged.versions[name] = self._undo_entry(entry, (local.get("versions") or {}).get(name))
            merged.took_all = False

    # -- refusing ----------------------------------------------------------------------------------

    def _undo_entry(self, refused: list[Any] | None, kept: list[Any] | None) -> list[Any]:
        """A newer clock for the hub's value, whose history holds the refused one (so the author's
        site takes the hub's value back) and the kept one."""
        clocks = (history(refused) | history(kept)) - {""}
        return [None, self.a.tick.clock] + sorted(clocks, reverse=True)[:HISTORY - 1]

    def _reject(self, spec: tables.Spec, values: dict[str, Any], field_name: str | None, value: Any,
                entry: list[Any] | None, reason: str) -> None:
        self.a._conflict("rejected", spec, values["id"], field_name, value if field_name else values,
                         winner=None, reason=reason, key=(entry[1] if entry else values.get("hlc") or ""),
                         value_entry=entry or [values.get("reviewer_id") or values.get("proposer_id")])
        self.a.report.rejected += 1
        self.a.report.problems.append(f"rejected:{spec.name}:{values['id']}:{field_name or ''}:{reason}")
