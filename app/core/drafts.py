"""Autosaved form drafts: what someone typed survives a closed window or a power cut.

The form saves itself every few seconds and on close; each save is one committed transaction
(SQLite runs with synchronous=FULL), so after a crash the form reopens with what was typed.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.core.actor import Actor
from app.core.bank import Bank
from app.core.errors import NotFound, ValidationError
from app.core.i18n import t
from db.models import Draft

MAX_DRAFT_BYTES = 1_000_000


@dataclass(frozen=True)
class SavedDraft:
    id: str
    project_id: str | None
    form: dict[str, Any]
    saved_at: dt.datetime


def save(bank: Bank, actor: Actor, form: dict[str, Any], *, draft_id: str | None = None,
         project_id: str | None = None) -> str:
    """Create or overwrite a draft; returns its id."""
    try:
        size = len(json.dumps(form, ensure_ascii=False))
    except (TypeError, ValueError) as exc:
        raise ValidationError(t("草稿内容无法保存：{e}", "The draft cannot be saved: {e}", e=exc)) from exc
    if size > MAX_DRAFT_BYTES:
        raise ValidationError(t("草稿太大（超过 1 MB），请缩短内容。", "The draft is too large (over 1 MB); shorten it."))
    with bank.write() as s:
        row = s.get(Draft, draft_id) if draft_id else None
        if row is not None and row.user_id != actor.id:
            row = None  # never overwrite someone else's draft
        if row is None:
            row = Draft(user_id=actor.id, project_id=project_id, form=dict(form), saved_at=bank.now())
            s.add(row)
            s.flush()
        else:
            row.form = dict(form)
            row.project_id = project_id
            row.saved_at = bank.now()
        return row.id


def drafts_of(bank: Bank, actor: Actor, *, project_id: str | None = None, any_project: bool = True) -> list[SavedDraft]:
    """The actor's drafts, newest first; with any_project=False only those for `project_id`
    (None: drafts of new proposals)."""
    with bank.session() as s:
        stmt = select(Draft).where(Draft.user_id == actor.id).order_by(Draft.saved_at.desc())
        if not any_project:
            stmt = stmt.where(Draft.project_id.is_(None) if project_id is None else Draft.project_id == project_id)
        return [SavedDraft(d.id, d.project_id, dict(d.form or {}), d.saved_at) for d in s.scalars(stmt)]


def latest(bank: Bank, actor: Actor, project_id: str | None = None) -> SavedDraft | None:
    found = drafts_of(bank, actor, project_id=project_id, any_project=False)
    return found[0] if found else None


def load(bank: Bank, actor: Actor, draft_id: str) -> SavedDraft:
    with bank.session() as s:
        d = s.get(Draft, draft_id)
        if d is None or d.user_id != actor.id:
            raise NotFound(t("草稿不存在或已删除。", "The draft does not exist or was discarded."))
        return SavedDraft(d.id, d.project_id, dict(d.form or {}), d.saved_at)


def discard(bank: Bank, actor: Actor, draft_id: str) -> None:
    with bank.write() as s:
        d = s.get(Draft, draft_id)
        if d is not None and d.user_id == actor.id:
            s.delete(d)
