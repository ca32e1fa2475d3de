"""The in-app inbox: a person's notices, the unread count, marking read, and a daily digest.

The digest exists so people hear of everything without a flood: on the first sign-in of a day the
window shows one summary of what is unread instead of one pop-up per notice.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update

from app.core.actor import Actor
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.i18n import t
from app.core.notices import render
from app.core.permissions import could
from app.core.queries import awaiting_review, count
from db.models import Notification, Project, Setting

KIND_LABELS = {
    "decision": ("评审结论", "Decision"), "status": ("状态变化", "Status change"), "comment": ("评论", "Comment"),
    "reply": ("回复", "Reply"), "mention": ("提到我", "Mention"),
    # issue 5: teams, open calls (揭榜挂帅) and the incubation base send notices too
    "team": ("团队", "Team"), "call": ("揭榜", "Open call"), "incubation": ("孵化", "Incubation"),
    # issue 15: leaders hear of every submission; authors of people asking to join
    "submission": ("待评审", "New submission"), "join": ("加入申请", "Join request"),
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
    message: str  # in the reader's language (notices.render)
    read: bool
    at: dt.datetime
    code: str | None = None
    params: dict[str, Any] | None = None


@dataclass(frozen=True)
class Digest:
    day: dt.date
    total: int
    by_kind: dict[str, int]
    projects: list[tuple[str, int]]  # (title, number of notices), busiest first
    awaiting_review: int = 0  # a leader's projects waiting for review (待我评审)

    def text(self) -> str:
        parts = []
        if self.total:
            kinds = "，".join(f"{kind_label(k)} {n}" for k, n in self.by_kind.items())
            head = t("你有 {n} 条未读通知", "You have {n} unread notice(s)", n=self.total)
            parts.append(t("{h}（{k}）", "{h} ({k})", h=head, k=kinds) if kinds else head)
        if self.awaiting_review:
            parts.append(t("{n} 个项目等待你评审", "{n} project(s) wait for your review", n=self.awaiting_review))
        return t("；", "; ").join(parts)


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
        return [Notice(n.id, n.kind, n.project_id, title, render(n.code, n.params, n.message), n.read, n.created_at,
                       n.code, n.params) for n, title in s.execute(stmt)]


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
        # Session.execute types every result as Result; an UPDATE's is a CursorResult, which counts rows
        result = cast("CursorResult[Any]", s.execute(stmt.values(read=True, updated_at=bank.now())))
        return Changes(notifications=True, value=result.rowcount)


def daily_digest(bank: Bank, actor: Actor) -> Digest | None:
    """The digest of unread notices and, for leaders, of the projects waiting for their review, at
    most once a day per person (None when already given today or when there is nothing to say)."""
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
        waiting = awaiting_review_count(bank, actor)
        if not rows and not waiting:
            return None
        if row is None:
            s.add(Setting(key=key, value=today.isoformat()))
        else:
            row.value = today.isoformat()
    by_kind = dict(Counter(kind for kind, _ in rows).most_common())
    projects = Counter(title for _, title in rows if title).most_common(5)
    return Digest(today, len(rows), by_kind, projects, waiting)


def awaiting_review_count(bank: Bank, actor: Actor) -> int:
    """How many projects wait for this person's review (the 待我评审 badge); 0 for those who review none."""
    if not could(actor, "project.review"):
        return 0
    return count(bank, awaiting_review(bank, actor))
