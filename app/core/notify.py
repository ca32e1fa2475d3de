"""In-app notices: the author hears of every decision, comment and mention.

Idea systems fail when proposals vanish into a "black hole"; here every step that concerns a
person leaves a notice in their inbox, written in the same transaction as the step.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.notices import chinese
from db.models import Notification, Project, Studio, User

if TYPE_CHECKING:
    from app.core.bank import Bank

MENTION = re.compile(r"@([\w\u4e00-\u9fff.\-]{1,30})")


def send(s: Session, bank: Bank, user_id: str | None, kind: str, project_id: str | None, code: str,
         params: dict[str, Any], *, actor: Actor | None = None) -> None:
    """A notice as a code and its parameters (app/core/notices.py puts it into words when shown)."""
    if user_id is None or (actor is not None and user_id == actor.id):
        return  # nobody needs a notice of their own action
    now = bank.now()
    s.add(Notification(user_id=user_id, kind=kind, project_id=project_id, code=code, params=params,
                       message=chinese(code, params), site_id=bank.site_id, created_at=now, updated_at=now))


def status_changed(s: Session, bank: Bank, actor: Actor, project: Project, old: str, reason: str | None) -> None:
    params = {"title": project.title, "old": old, "new": project.status, "who": actor.name, "reason": reason or ""}
    recipients = {project.proposer_id} | {m.user_id for m in project.members}
    for user_id in recipients:
        send(s, bank, user_id, "decision" if project.status in ("adopted", "not_adopted") else "status",
             project.id, "project_status", params, actor=actor)
    if project.status == "submitted":
        submitted(s, bank, actor, project)


def submitted(s: Session, bank: Bank, actor: Actor, project: Project) -> None:
    """The studio's leader hears of every idea submitted for review (the form promises it)."""
    leader = s.scalar(select(Studio.leader_id).where(Studio.id == project.studio_id)) if project.studio_id else None
    authors = {project.proposer_id} | {m.user_id for m in project.members}
    if leader and leader not in authors:
        send(s, bank, leader, "submission", project.id, "project_submitted",
             {"title": project.title, "who": actor.name}, actor=actor)


def mentioned_users(s: Session, body: str) -> list[User]:
    """People named in @mentions, by name or employee number."""
    names = set(MENTION.findall(body))
    if not names:
        return []
    return list(s.scalars(select(User).where(or_(User.name.in_(names), User.employee_no.in_(names)))))
