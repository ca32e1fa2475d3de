"""Comments (threaded, with @mentions) and votes (one per person per project)."""
from __future__ import annotations

from sqlalchemy import select

from app.core import audit, notify
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.i18n import t
from app.core.permissions import check, may_see
from app.core.projects import load, member_ids
from app.core.queries import check_visible
from db.models import Comment, Vote

MAX_COMMENT = 5000


def comment(bank: Bank, actor: Actor, project_id: str, body: str, *, parent_id: str | None = None) -> Changes:
    check(actor, "project.comment")
    body = (body or "").strip()
    if not body:
        raise ValidationError(t("评论内容不能为空。", "A comment cannot be empty."))
    if len(body) > MAX_COMMENT:
        raise ValidationError(t("评论最多 {n} 个字。", "A comment can have at most {n} characters.", n=MAX_COMMENT))
    with bank.write() as s:
        project = load(s, project_id)
        check_visible(actor, project)
        parent = None
        if parent_id:
            parent = s.get(Comment, parent_id)
            if parent is None or parent.project_id != project_id:
                raise NotFound(t("要回复的评论不存在。", "The comment you reply to does not exist."))
        now = bank.now()
        row = Comment(project_id=project_id, author_id=actor.id, parent_id=parent_id, body=body,
                      site_id=bank.site_id, created_at=now, updated_at=now)
        s.add(row)
        project.comment_count += 1
        s.flush()
        audit.record(s, actor, "comment", row.id, "comment", new=body[:200], site_id=bank.site_id, at=now)
        told: set[str] = set()
        for user in notify.mentioned_users(s, body):
            if not may_see(Actor.of(user), confidentiality=project.confidentiality, studio_id=project.studio_id,
                           proposer_id=project.proposer_id, member_ids=member_ids(project), status=project.status):
                continue  # naming an outsider in a secret project must not send them its title and words
            notify.send(s, bank, user.id, "mention", project_id, "mention",
                        {"who": actor.name, "title": project.title, "body": body[:100]}, actor=actor)
            told.add(user.id)
        if parent and parent.author_id and parent.author_id not in told:
            notify.send(s, bank, parent.author_id, "reply", project_id, "reply",
                        {"who": actor.name, "title": project.title}, actor=actor)
            told.add(parent.author_id)
        if project.proposer_id not in told:
            notify.send(s, bank, project.proposer_id, "comment", project_id, "comment",
                        {"who": actor.name, "title": project.title, "body": body[:100]}, actor=actor)
        return Changes(project_ids=frozenset({project_id}), comments=True, notifications=True, value=row.id)


def vote(bank: Bank, actor: Actor, project_id: str) -> Changes:
    check(actor, "project.vote")
    with bank.write() as s:
        project = load(s, project_id)
        check_visible(actor, project)
        if s.scalar(select(Vote.id).where(Vote.project_id == project_id, Vote.user_id == actor.id)):
            raise Conflict(t("你已经为“{title}”投过票了。", "You have already voted for '{title}'.", title=project.title))
        now = bank.now()
        s.add(Vote(project_id=project_id, user_id=actor.id, value=1, site_id=bank.site_id, created_at=now,
                   updated_at=now))
        project.vote_count += 1
        audit.record(s, actor, "project", project_id, "vote", site_id=bank.site_id, at=now)
        return Changes(project_ids=frozenset({project_id}), votes=True, fields=frozenset({"vote_count"}),
                       value=project.vote_count)


def unvote(bank: Bank, actor: Actor, project_id: str) -> Changes:
    with bank.write() as s:
        project = load(s, project_id)
        row = s.scalar(select(Vote).where(Vote.project_id == project_id, Vote.user_id == actor.id))
        if row is None:
            raise NotFound(t("你还没有为“{title}”投票。", "You have not voted for '{title}'.", title=project.title))
        now = bank.now()
        audit.tombstone(s, "vote", row.id, bank.site_id, now)
        s.delete(row)
        project.vote_count = max(0, project.vote_count - 1)
        audit.record(s, actor, "project", project_id, "unvote", site_id=bank.site_id, at=now)
        return Changes(project_ids=frozenset({project_id}), votes=True, fields=frozenset({"vote_count"}),
                       value=project.vote_count)
