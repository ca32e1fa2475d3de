"""Small read-only lists the forms and filters offer: studios, units, years, a title lookup."""
from __future__ import annotations

from sqlalchemy import func, select

from app.core.bank import Bank
from db.models import Project, Studio, Unit


def studios(bank: Bank) -> list[tuple[str, str]]:
    """(id, name) of every studio, by name."""
    with bank.session() as s:
        return [(i, n) for i, n in s.execute(select(Studio.id, Studio.name).order_by(Studio.name))]


def units(bank: Bank) -> list[tuple[str, str, int]]:
    """(id, name, depth) of the organisation tree, parents before their children."""
    with bank.session() as s:
        rows = s.execute(select(Unit.id, Unit.name, Unit.parent_id).order_by(Unit.name)).all()
    children: dict[str | None, list[tuple[str, str]]] = {}
    for uid, name, parent in rows:
        children.setdefault(parent, []).append((uid, name))
    out: list[tuple[str, str, int]] = []
    known = {uid for uid, _, _ in rows}

    def walk(parent: str | None, depth: int) -> None:
        for uid, name in children.get(parent, []):
            out.append((uid, name, depth))
            walk(uid, depth + 1)
    walk(None, 0)
    for parent in [p for p in children if p is not None and p not in known]:  # orphans still listed
        walk(parent, 0)
    return out


def years(bank: Bank) -> list[int]:
    """Years in which projects were created, newest first."""
    with bank.session() as s:
        first, last = s.execute(select(func.min(Project.created_at), func.max(Project.created_at))).one()
    if first is None:
        return []
    return list(range(last.year, first.year - 1, -1))


def title_ids(bank: Bank, text: str, limit: int = 5000) -> list[str]:
    """Ids of projects whose title or number contains `text` (used when the search index is not available)."""
    words = [w for w in (text or "").split() if w]
    if not words:
        return []
    stmt = select(Project.id).where(Project.merged_into_id.is_(None))
    for w in words:
        like = f"%{w.replace('%', '').replace('_', '')}%"
        stmt = stmt.where(Project.title.like(like) | Project.number.like(like))
    with bank.session() as s:
        return list(s.scalars(stmt.order_by(Project.updated_at.desc()).limit(limit)))
