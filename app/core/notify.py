"""In-app notices: the author hears of every decision, comment and mention.

Idea systems fail when proposals vanish into a "black hole"; here every step that concerns a
person leaves a notice in their inbox, written in the same transaction as the step.
"""
from __future__ import annotations

import re

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.i18n import t
from app.core.vocab import STATUSES, label
from db.models import Notification, Project, User

MENTION = re.compile(r"@([\w\u4e00-\u9fff.\-]{1,30})")


def send(s: Session, bank, user_id: str | None, kind: str, project_id: str | None, message: str,  # type: ignore[no-untyped-def]
         *, actor: Actor | None = None) -> None:
    if user_id is None or (actor is not None and user_id == actor.id):
        return  # nobody needs a notice of their own action
    now = bank.now()
    s.add(Notification(user_id=user_id, kind=kind, project_id=project_id, message=message, site_id=bank.site_id,
                       created_at=now, updated_at=now))


def status_changed(s: Session, bank, actor: Actor, project: Project, old: str, reason: str | None) -> None:  # type: ignore[no-untyped-def]
    msg = t("“{title}”：{old} → {new}（{who}）", "'{title}': {old} → {new} (by {who})", title=project.title,
            old=label(STATUSES, old), new=label(STATUSES, project.status), who=actor.name)
    if reason:
        msg += t("。理由：{r}", ". Reason: {r}", r=reason)
    recipients = {project.proposer_id} | {m.user_id for m in project.members}
    for user_id in recipients:
        send(s, bank, user_id, "decision" if project.status in ("adopted", "not_adopted") else "status",
             project.id, msg, actor=actor)


def mentioned_users(s: Session, body: str) -> list[User]:
    """People named in @mentions, by name or employee number."""
    names = set(MENTION.findall(body))
    if not names:
        return []
    return list(s.scalars(select(User).where(or_(User.name.in_(names), User.employee_no.in_(names)))))
