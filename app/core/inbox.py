"""The in-app inbox: a person's notices, the unread count, marking read, and a daily digest.

The digest exists so people hear of everything without a flood: on the first sign-in of a day the
window shows one summary of what is unread instead of one pop-up per notice.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select, update

from app.core.actor import Actor
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.i18n import t
from db.models import Notification, Project, Setting

KIND_LABELS = {
    "decision": ("评审结论", "Decision"), "status": ("状态变化", "Status change"), "comment": ("评论", "Comment"),
    "reply": ("回复", "Reply"), "mention": ("提到我", "Mention"),
    # issue 5: teams, open calls (揭榜挂帅) and the incubation base send notices too
    "team": ("团队", "Team"), "call": ("揭榜", "Open call"), "incubation": ("孵化", "Incubation"),
    "merge": ("项目合并", "Merge"),  # issue 12: a duplicate's authors hear where it went
    # issue 11: dispatched tasks (一键下达), warnings delivered to the people responsible, campaigns
    "task": ("下达任务", "Dispatched task"), "warning": ("预警", "Warning"), "digest": ("预警日报", "Warning digest"),
}


@dataclass(frozen=True)
class Notice:
    id: str
    kind: str
    project_id: str | None
    project_title: str | None
    message: str
    read: bool
    at: dt.datetime


@dataclass(frozen=True)
class Digest:
    day: dt.date
    total: int
    by_kind: dict[str, int]
    projects: list[tuple[str, int]]  # (title, number of notices), busiest first

    def text(self) -> str:
        kinds = "，".join(f"{kind_label(k)} {n}" for k, n in self.by_kind.items()) if self.by_kind else ""
        head = t("你有 {n} 条未读通知", "You have {n} unread notice(s)", n=self.total)
        return f"{head}（{kinds}）" if kinds else head


def kind_label(kind: str) -> str:
    zh, en = KIND_LABELS.get(kind, (kind, kind))
    return t(zh, en)


def notices(bank: Bank, actor: Actor, *, unread_only: bool = False, limit: int = 200) -> list[Notice]:
    with bank.session() as s:
        stmt = (select(Notification, Project.title).outerjoin(Project, Project.id == Notification.project_id)
                .where(Notification.user_id == actor.id)
                .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit))
        if unread_only:
            stmt = stmt.where(Notification.read.is_(False))
        return [Notice(n.id, n.kind, n.project_id, title, n.message, n.read, n.created_at) for n, title in s.execute(stmt)]


def unread_count(bank: Bank, actor: Actor) -> int:
    with bank.session() as s:
        return s.scalar(select(func.count()).select_from(Notification)
                        .where(Notification.user_id == actor.id, Notification.read.is_(False))) or 0


def mark_read(bank: Bank, actor: Actor, ids: list[str] | None = None) -> Changes:
    """Mark these notices (or all of them) read; only the actor's own notices are touched."""
    with bank.write() as s:
        stmt = update(Notification).where(Notification.user_id == actor.id, Notification.read.is_(False))
        if ids is not None:
            stmt = stmt.where(Notification.id.in_(list(ids)))
        result = s.execute(stmt.values(read=True, updated_at=bank.now()))
        return Changes(notifications=True, value=result.rowcount)


def daily_digest(bank: Bank, actor: Actor) -> Digest | None:
    """The digest of unread notices, at most once a day per person (None when already given today
    or when nothing is unread)."""
    now = bank.now()
    today = now.date()
    key = f"digest:{actor.id}"
    with bank.write() as s:
        row = s.get(Setting, key)
        if row is not None and row.value == today.isoformat():
            return None
        rows = s.execute(select(Notification.kind, Project.title)
                         .outerjoin(Project, Project.id == Notification.project_id)
                         .where(Notification.user_id == actor.id, Notification.read.is_(False))).all()
        if not rows:
            return None
        if row is None:
            s.add(Setting(key=key, value=today.isoformat()))
        else:
            row.value = today.isoformat()
    by_kind = dict(Counter(kind for kind, _ in rows).most_common())
    projects = Counter(title for _, title in rows if title).most_common(5)
    return Digest(today, len(rows), by_kind, projects)
