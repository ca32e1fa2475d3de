"""Whom an @mention can name, told apart and ranked (issue 15 item 10).

Two people may share a name (张伟 in two units), so each candidate carries their employee number and
unit, and a name shared by several active people is written as the employee number (`@W0123`),
which `notify.mentioned_users` resolves to exactly one person. People who may not see the project
(a secret project, a draft) are not offered.

Ranking, best first: people of the project's studio (its leader included), then the project's
recent participants (authors, commenters, reviewers; most recent first), then everyone else by
employee number. Within the studio, participants still come first.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select, union_all

from app.core.actor import Actor
from app.core.bank import Bank
from app.core.notify import MENTION
from app.core.permissions import may_see
from app.core.projects import load, member_ids
from app.core.queries import check_visible
from db.models import Comment, Review, Studio, Unit, User

SAME_STUDIO, PARTICIPANT, OTHER = 0, 1, 2  # ranks, best first


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    employee_no: str
    unit: str | None
    rank: int
    token: str  # what follows the @: the name, or the employee number when the name is shared
    keys: tuple[str, ...]  # lower-case forms a typed prefix is matched against


def candidates(bank: Bank, actor: Actor, project_id: str | None = None) -> list[Candidate]:
    """Active people `actor` may name in a comment on `project_id`, best first (the writer left out).

    A constant number of queries whatever the number of people: the people with their units in one,
    the project's participants in one."""
    with bank.session() as s:
        rows = s.execute(select(User.id, User.employee_no, User.name, User.role, User.studio_id, User.unit_id,
                                Unit.name).outerjoin(Unit, Unit.id == User.unit_id)
                         .where(User.active.is_(True)).order_by(User.employee_no)).all()
        project = None
        last_seen: dict[str, dt.datetime] = {}
        studio_id = actor.studio_id
        if project_id:
            project = load(s, project_id)
            check_visible(actor, project)
            studio_id = project.studio_id
            said = union_all(select(Comment.author_id.label("uid"), Comment.created_at.label("at"))
                             .where(Comment.project_id == project.id),
                             select(Review.reviewer_id.label("uid"), Review.created_at.label("at"))
                             .where(Review.project_id == project.id)).subquery()
            last_seen = {uid: at for uid, at in s.execute(select(said.c.uid, func.max(said.c.at))
                                                           .where(said.c.uid.is_not(None)).group_by(said.c.uid))}
            for uid in {u for u in (project.proposer_id, *(m.user_id for m in project.members)) if u is not None}:
                last_seen.setdefault(uid, project.created_at)
        leader = s.scalar(select(Studio.leader_id).where(Studio.id == studio_id)) if studio_id else None
        members = member_ids(project) if project else set()
    shared = Counter(r[2] for r in rows)
    out = []
    for uid, no, name, role, user_studio, unit_id, unit in rows:
        if uid == actor.id:
            continue
        if project is not None and not may_see(Actor(uid, no, name, role, user_studio, unit_id),
                                               confidentiality=project.confidentiality, studio_id=project.studio_id,
                                               proposer_id=project.proposer_id, member_ids=members,
                                               status=project.status):
            continue
        in_studio = studio_id is not None and (user_studio == studio_id or uid == leader)
        rank = SAME_STUDIO if in_studio else PARTICIPANT if uid in last_seen else OTHER
        # The number when the name is shared or cannot be read back whole from a comment (阿依·买买提).
        token = name if shared[name] == 1 and MENTION.fullmatch("@" + name) else no
        out.append(Candidate(uid, name, no, unit, rank, token, _keys(name, no)))
    newest_first = {uid: i for i, uid in enumerate(sorted(last_seen, key=lambda u: last_seen[u], reverse=True))}
    return sorted(out, key=lambda c: (c.rank, newest_first.get(c.id, len(newest_first)), c.employee_no))


def matching(people: list[Candidate], typed: str) -> list[Candidate]:
    """The candidates whose name, employee number, pinyin or pinyin initials start with what was
    typed after the @ (the name also matches anywhere in it: 三 finds 张三), keeping their rank order."""
    typed = typed.strip().lower()
    if not typed:
        return list(people)
    return [c for c in people if typed in c.name.lower() or any(k.startswith(typed) for k in c.keys)]


def _keys(name: str, employee_no: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin  # its dictionaries load on first use, not when the core is imported

    syllables = [p.lower() for p in lazy_pinyin(name, errors="ignore") if p.strip()]
    keys = [name.lower(), employee_no.lower()]
    if syllables:
        keys += ["".join(syllables), "".join(p[0] for p in syllables)]
    return tuple(dict.fromkeys(keys))
