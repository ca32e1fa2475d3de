"""Warnings that reach people: each warning goes once to the inbox of whoever must act on it, and
leaders and administrators get one digest a day of the warnings they may see.

There is no server, so delivery runs wherever the bank is open: in the window at sign-in and on a
timer (app/ui/tools/warnings.py), and from `ideabank warnings deliver` for a cron job. It may run
on any number of workstations of one PostgreSQL hub and on sites that synchronise, at any time,
as often as they like, and still tell each person once:

- a delivered warning *is* its notice, and the notice's id is a fact id of the warning's key and
  the person (`alerts.EarlyWarning.key`: kind, record, detail, episode): the same warning for the
  same person is the same row on every computer;
- on one database, delivery checks for those ids inside its write transaction, and writers run
  one at a time (SQLite's BEGIN IMMEDIATE; the hub's change counter row), so two workstations
  never both insert it;
- two sites that deliver the same warning before they synchronise make the same row, which sync
  merges into one (docs/SYNC.md: fact ids), so the person finds one notice, not two;
- a digest's id is a fact id of the person and the day (in the site's time zone).

A warning is delivered only to people who may see it (permission `warning.view`), and a warning
about a project links the notice to it, so the inbox opens the project.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import alerts, sitetime
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.permissions import allowed, warning_subject
from db.base import fact_id
from db.models import Notification, ProjectMember, User

DIGEST_ROLES = ("leader", "admin")


@dataclass
class Delivery:
    """What one run did: warnings found, notices written, digests written, people reached."""
    warnings: int = 0
    delivered: int = 0
    digests: int = 0
    already: int = 0  # notices that were there before this run (delivered earlier, elsewhere)
    people: set[str] = field(default_factory=set)

    def as_json(self) -> dict[str, Any]:
        return {"warnings": self.warnings, "delivered": self.delivered, "digests": self.digests,
                "already_delivered": self.already, "people": len(self.people)}


def notice_id(warning: alerts.EarlyWarning, user_id: str) -> str:
    return fact_id("warning_notices", warning.key, user_id)


def digest_id(user_id: str, day: dt.date) -> str:
    return fact_id("warning_digests", user_id, day.isoformat())


def deliver(bank: Bank, *, at: dt.datetime | None = None, digests: bool = True) -> Changes:
    """Deliver every warning as of `at` (default: the bank's clock) that has not reached its
    people yet, and today's digests. Returns Changes whose value is a `Delivery`."""
    now = at or bank.now()
    day = now.astimezone(sitetime.zone(bank)).date()
    found = alerts.compute(bank, at=now)  # outside the write: the costly part holds no lock
    with bank.session() as s:
        people = {u.id: Actor.of(u) for u in s.scalars(select(User).where(User.active.is_(True)))}
        authors: dict[str, set[str]] = defaultdict(set)
        wanted = [w.project_id for w in found if w.project_id]
        for start in range(0, len(wanted), 500):
            for pid, uid in s.execute(select(ProjectMember.project_id, ProjectMember.user_id)
                                      .where(ProjectMember.project_id.in_(wanted[start:start + 500]))):
                authors[pid].add(uid)

    def may_see(actor: Actor, w: alerts.EarlyWarning) -> bool:
        concerned = set(w.people) | ({actor.id} if actor.id in authors.get(w.project_id or "", ()) else set())
        return allowed(actor, "warning.view", warning_subject(w.studio_id, concerned))

    planned: dict[str, tuple[alerts.EarlyWarning, str]] = {}
    for w in found:
        for user_id in sorted(w.responsible or w.people):
            actor = people.get(user_id)
            if actor is not None and may_see(actor, w):
                planned[notice_id(w, user_id)] = (w, user_id)
    summaries: dict[str, tuple[str, Counter[str]]] = {}
    if digests:
        for actor in people.values():
            if actor.role in DIGEST_ROLES:
                kinds = Counter(w.kind for w in found if may_see(actor, w))
                if kinds:
                    summaries[digest_id(actor.id, day)] = (actor.id, kinds)
    result = Delivery(warnings=len(found))
    with bank.write() as s:
        ids = list(planned) + list(summaries)
        present: set[str] = set()
        for start in range(0, len(ids), 500):
            present |= set(s.scalars(select(Notification.id).where(Notification.id.in_(ids[start:start + 500]))))
        result.already = len(present)
        for nid, (w, user_id) in planned.items():
            if nid not in present:
                _add(s, bank, nid, user_id, "warning", w.project_id, {"zh": w.words(True), "en": w.words(False)}, now)
                result.delivered += 1
                result.people.add(user_id)
        for nid, (user_id, kinds) in summaries.items():
            if nid not in present:
                _add(s, bank, nid, user_id, "digest", None, {"zh": digest_text(day, kinds, True),
                                                             "en": digest_text(day, kinds, False)}, now)
                result.digests += 1
                result.people.add(user_id)
    return Changes(notifications=bool(result.delivered or result.digests), value=result)


def _add(s: Session, bank: Bank, nid: str, user_id: str, kind: str, project_id: str | None, words: dict[str, str],
         now: dt.datetime) -> None:
    """A notice with its words in both languages (code "warning": notices.py shows the reader's)."""
    s.add(Notification(id=nid, user_id=user_id, kind=kind, project_id=project_id, code="warning", params=words,
                       message=words["zh"], site_id=bank.site_id, created_at=now, updated_at=now))


def digest_text(day: dt.date, kinds: Counter[str], zh: bool) -> str:
    pick = 0 if zh else 1
    parts = ("，", ", ")[pick].join(f"{alerts.KINDS[k][pick]} {n}" for k, n in kinds.most_common())
    return ("{d} 预警日报：共 {n} 条（{p}）。详见“预警”页。", "Warnings on {d}: {n} in all ({p}). See the Warnings page.")[
        pick].format(d=day.isoformat(), n=sum(kinds.values()), p=parts)


__all__ = ["Delivery", "deliver", "notice_id", "digest_id", "digest_text"]
