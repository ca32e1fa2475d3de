"""Project use cases: propose, edit, move along the lifecycle, merge, delete.

Each function is one transaction and returns the Changes it made.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload

from app.core import audit, notify, stays
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.fields import EDITABLE_FIELDS, clean_project_fields, raise_if, submission_problems
from app.core.i18n import t
from app.core.lifecycle import transition
from app.core.numbering import serial_number
from app.core.permissions import check, project_subject
from db.models import Comment, Project, ProjectMember, ProjectMerge, Studio, User, Vote

# Fields whose change moves a project between filtered lists (so lists re-query).
MEMBERSHIP_FIELDS = frozenset({"status", "category", "studio_id", "measured_benefit"})


def load(s: Session, project_id: str, *, for_update: bool = False) -> Project:
    stmt = select(Project).where(Project.id == project_id).options(selectinload(Project.members))
    project = s.scalar(stmt.with_for_update() if for_update and s.get_bind().dialect.name != "sqlite" else stmt)
    if project is None:
        raise NotFound(t("找不到项目 {id}。", "Project {id} not found.", id=project_id))
    return project


def member_ids(project: Project) -> set[str]:
    return {m.user_id for m in project.members}


def next_number(s: Session, bank: Bank, year: int) -> str:
    return serial_number(s, bank.site_code, "CX", f"project_seq:{year}", year, 6)


def _resolve_studio(s: Session, data: dict[str, Any]) -> None:
    """Accept a studio by id (studio_id) or by name (studio)."""
    name = data.pop("studio", None)
    if name and not data.get("studio_id"):
        studio_id = s.scalar(select(Studio.id).where(Studio.name == str(name).strip()))
        if studio_id is None:
            raise ValidationError(t("没有名为“{n}”的工作室。", "There is no studio named '{n}'.", n=name))
        data["studio_id"] = studio_id
    elif data.get("studio_id") and s.get(Studio, data["studio_id"]) is None:
        raise ValidationError(t("工作室 {id} 不存在。", "Studio {id} does not exist.", id=data["studio_id"]))


def _resolve_people(s: Session, refs: list[str]) -> list[User]:
    """Users by employee number or id, in the given order; unknown ones are a validation error."""
    people: list[User] = []
    for ref in refs:
        user = s.scalar(select(User).where((User.employee_no == ref) | (User.id == ref)))
        if user is None:
            raise ValidationError(t("没有工号为 {no} 的人员。", "No person with employee number {no}.", no=ref))
        if user not in people:
            people.append(user)
    return people


def _set_members(s: Session, project: Project, people: list[User], site_id: str) -> None:
    project.members.clear()
    s.flush()
    for position, user in enumerate(people, start=1):
        project.members.append(ProjectMember(user_id=user.id, position=position, site_id=site_id))


def propose(bank: Bank, actor: Actor, data: dict[str, Any], *, submit: bool = False) -> Changes:
    """A new project (草稿), or submitted at once with submit=True. `data` may name co_authors
    (employee numbers, in contribution order); the proposer is always first; and a `campaign`
    (name or id) the project enters at once (a merit competition: campaigns.py)."""
    check(actor, "project.propose")
    data = dict(data)
    co_authors = [str(x) for x in (data.pop("co_authors", None) or [])]
    campaign = data.pop("campaign", None)
    with bank.write() as s:
        _resolve_studio(s, data)
        clean, problems = clean_project_fields(data)
        if submit:
            problems.update(submission_problems(clean))
        raise_if(problems, "项目", "Project: ")
        now = bank.now()
        proposer = s.get(User, actor.id)
        if clean.get("studio_id") is None and proposer is not None:
            clean["studio_id"] = proposer.studio_id
        project = Project(**clean, status="draft", proposer_id=actor.id, site_id=bank.site_id,
                          number=next_number(s, bank, now.year), created_at=now, updated_at=now,
                          status_changed_at=now, kiosk=bool(data.get("kiosk", False)))
        s.add(project)
        s.flush()
        people = _resolve_people(s, [actor.id] + co_authors)
        _set_members(s, project, people, bank.site_id)
        audit.record(s, actor, "project", project.id, "propose", new=clean["title"], site_id=bank.site_id, at=now)
        if campaign:
            from app.core.campaigns import enter_in  # campaigns builds on projects
            enter_in(s, bank, actor, str(campaign), project)
        if submit:
            _apply_transition(s, bank, actor, project, "submit", None)
        return Changes(project_ids=frozenset({project.id}), membership=True, campaigns=bool(campaign),
                       value=project.id)


def edit(bank: Bank, actor: Actor, project_id: str, data: dict[str, Any], *,
         expected_updated_at: dt.datetime | None = None) -> Changes:
    """Change fields of a project. Owners may edit while it is a draft or not adopted; leaders of
    its studio and admins at any time. With expected_updated_at, a concurrent change is refused."""
    data = dict(data)
    co_authors = data.pop("co_authors", None)
    unknown = set(data) - set(EDITABLE_FIELDS) - {"studio"}
    if unknown:
        raise ValidationError(t("这些字段不能修改：{f}", "These fields cannot be changed: {f}", f=", ".join(sorted(unknown))))
    with bank.write() as s:
        project = load(s, project_id, for_update=True)
        check(actor, "project.edit", project_subject(project))
        if expected_updated_at is not None and project.updated_at != expected_updated_at:
            raise Conflict(t("项目“{title}”已被他人修改，请刷新后再改。",
                             "'{title}' was changed by someone else meanwhile; reload it and edit again.",
                             title=project.title))
        _resolve_studio(s, data)
        clean, problems = clean_project_fields(data, partial=True)
        if project.status != "draft":
            merged = {f: getattr(project, f) for f in ("background", "solution", "innovation_points")} | clean
            problems.update(submission_problems(merged))
        raise_if(problems, "项目", "Project: ")
        now = bank.now()
        changed: set[str] = set()
        for field, value in clean.items():
            old = getattr(project, field)
            if old != value:
                setattr(project, field, value)
                changed.add(field)
                audit.record(s, actor, "project", project.id, "edit", field=field, old=old, new=value,
                             site_id=bank.site_id, at=now)
        if co_authors is not None:
            people = _resolve_people(s, [str(x) for x in co_authors])
            if [m.user_id for m in project.members] != [p.id for p in people]:
                old = [m.user_id for m in project.members]
                _set_members(s, project, people, bank.site_id)
                changed.add("members")
                audit.record(s, actor, "project", project.id, "edit", field="members", old=old,
                             new=[p.id for p in people], site_id=bank.site_id, at=now)
        if not changed:
            return Changes(value=project.id)
        project.updated_at = now
        return Changes(project_ids=frozenset({project.id}), fields=frozenset(changed),
                       membership=bool(changed & MEMBERSHIP_FIELDS), value=project.id)


def _apply_transition(s: Session, bank: Bank, actor: Actor, project: Project, action: str,
                      reason: str | None) -> None:
    tr = transition(action, project.status)
    check(actor, f"project.{action}", project_subject(project))
    reason = (reason or "").strip()
    if tr.needs_reason and not reason:
        raise ValidationError(t("“{act}”需要填写理由，作者会看到它。", "'{act_en}' needs a reason; the author will see it.",
                                act=tr.zh, act_en=tr.en))
    if action == "submit":
        raise_if(submission_problems({f: getattr(project, f) for f in ("background", "solution",
                                                                         "innovation_points")}), "提交前", "Before submitting: ")
    now = bank.now()
    old = project.status
    project.status = tr.target
    project.status_changed_at = now
    project.updated_at = now
    if tr.target == "submitted":
        project.submitted_at = now
    elif tr.target in ("adopted", "not_adopted"):
        project.decided_at = now
    elif tr.target == "completed":
        project.completed_at = now
    audit.record(s, actor, "project", project.id, action, field="status", old=old, new=tr.target,
                 site_id=bank.site_id, at=now)
    stays.record(s, project.id, tr.target, now)
    if reason:
        audit.record(s, actor, "project", project.id, action, field="reason", new=reason, site_id=bank.site_id, at=now)
    notify.status_changed(s, bank, actor, project, old, reason)


def move(bank: Bank, actor: Actor, project_id: str, action: str, reason: str | None = None) -> Changes:
    """Take a lifecycle action (submit, start_review, adopt, not_adopt, start_work, complete, ...)."""
    with bank.write() as s:
        project = load(s, project_id, for_update=True)
        _apply_transition(s, bank, actor, project, action, reason)
        return Changes(project_ids=frozenset({project.id}), fields=frozenset({"status"}), membership=True,
                       notifications=True, value=project.status)


def submit(bank: Bank, actor: Actor, project_id: str) -> Changes:
    return move(bank, actor, project_id, "submit")


def start_review(bank: Bank, actor: Actor, project_id: str) -> Changes:
    return move(bank, actor, project_id, "start_review")


def adopt(bank: Bank, actor: Actor, project_id: str, reason: str = "") -> Changes:
    return move(bank, actor, project_id, "adopt", reason)


def not_adopt(bank: Bank, actor: Actor, project_id: str, reason: str) -> Changes:
    return move(bank, actor, project_id, "not_adopt", reason)


def start_work(bank: Bank, actor: Actor, project_id: str) -> Changes:
    return move(bank, actor, project_id, "start_work")


def complete(bank: Bank, actor: Actor, project_id: str) -> Changes:
    return move(bank, actor, project_id, "complete")


def ask_to_join(bank: Bank, actor: Actor, project_id: str) -> Changes:
    """Ask the proposer to take the actor on as a co-author (instead of proposing the same idea twice)."""
    from app.core.queries import check_visible
    with bank.write() as s:
        project = load(s, project_id)
        check_visible(actor, project)
        if actor.id in member_ids(project) or actor.id == project.proposer_id:
            raise Conflict(t("你已经是“{title}”的作者。", "You are already an author of '{title}'.", title=project.title))
        check(actor, "project.ask_to_join", project_subject(project))
        notify.send(s, bank, project.proposer_id, "join", project.id, "join_request",
                    {"who": actor.name, "no": actor.employee_no, "title": project.title}, actor=actor)
        return Changes(notifications=True, value=project.id)


def add_co_author(bank: Bank, actor: Actor, project_id: str, who: str) -> Changes:
    """Add a person (employee number or id) after the project's authors; they are told."""
    with bank.write() as s:
        project = load(s, project_id, for_update=True)
        check(actor, "project.add_co_author", project_subject(project))
        [person] = _resolve_people(s, [who])
        if person.id in member_ids(project):
            raise Conflict(t("{name} 已是“{title}”的作者。", "{name} is already an author of '{title}'.",
                             name=person.name, title=project.title))
        old = [m.user_id for m in project.members]
        project.members.append(ProjectMember(user_id=person.id, position=len(old) + 1, site_id=bank.site_id))
        now = bank.now()
        project.updated_at = now
        audit.record(s, actor, "project", project.id, "edit", field="members", old=old, new=old + [person.id],
                     site_id=bank.site_id, at=now)
        notify.send(s, bank, person.id, "status", project.id, "co_author_added",
                    {"who": actor.name, "title": project.title}, actor=actor)
        return Changes(project_ids=frozenset({project.id}), fields=frozenset({"members"}), notifications=True,
                       value=project.id)


def delete_project(bank: Bank, actor: Actor, project_id: str) -> Changes:
    """Delete a project; a tombstone carries the deletion to other sites. Owners may delete drafts."""
    with bank.write() as s:
        project = load(s, project_id, for_update=True)
        check(actor, "project.delete", project_subject(project))
        now = bank.now()
        audit.record(s, actor, "project", project.id, "delete", old=project.title, site_id=bank.site_id, at=now)
        audit.tombstone(s, "project", project.id, bank.site_id, now)
        s.delete(project)
        return Changes(project_ids=frozenset({project_id}), membership=True)


def merge(bank: Bank, actor: Actor, survivor_id: str, merged_id: str) -> Changes:
    """Merge a duplicate into a survivor: votes, comments and co-authors carry over; the merged one
    points to the survivor and leaves the active lists."""
    if survivor_id == merged_id:
        raise ValidationError(t("不能把项目合并到它自己。", "A project cannot be merged into itself."))
    with bank.write() as s:
        survivor = load(s, survivor_id, for_update=True)
        merged = load(s, merged_id, for_update=True)
        for p in (survivor, merged):
            check(actor, "project.merge", project_subject(p))
        if merged.merged_into_id:
            raise Conflict(t("项目“{t}”已经合并过了。", "'{t}' has already been merged.", t=merged.title))
        now = bank.now()
        record = ProjectMerge(survivor_id=survivor.id, merged_id=merged.id, merged_by=actor.id, moved_comments=[],
                              moved_votes=[], dropped_voters=[], added_members=[], site_id=bank.site_id,
                              created_at=now, updated_at=now)
        voters = set(s.scalars(select(Vote.user_id).where(Vote.project_id == survivor.id)))
        for vote in s.scalars(select(Vote).where(Vote.project_id == merged.id)).all():
            if vote.user_id in voters:
                record.dropped_voters.append(vote.user_id)
                s.delete(vote)
                audit.tombstone(s, "vote", vote.id, bank.site_id, now)
            else:
                record.moved_votes.append(vote.id)
                vote.project_id, vote.updated_at = survivor.id, now
        record.moved_comments = list(s.scalars(select(Comment.id).where(Comment.project_id == merged.id)))
        s.execute(update(Comment).where(Comment.project_id == merged.id)
                  .values(project_id=survivor.id, updated_at=now))
        before = member_ids(survivor)
        people = [m.user for m in survivor.members] + [m.user for m in merged.members if m.user_id not in before]
        record.added_members = [u.id for u in people if u.id not in before]
        _set_members(s, survivor, people, bank.site_id)
        merged.merged_into_id = survivor.id
        s.add(record)
        _recount(s, now, survivor, merged)
        audit.record(s, actor, "project", merged.id, "merge", field="merged_into_id", new=survivor.id,
                     site_id=bank.site_id, at=now)
        # The duplicate's authors hear where their idea went (and that a leader can undo it).
        params = {"m": merged.title, "s": survivor.title, "who": actor.name}
        for user_id in {merged.proposer_id} | member_ids(merged):
            notify.send(s, bank, user_id, "merge", merged.id, "project_merged", params, actor=actor)
        return Changes(project_ids=frozenset({survivor.id, merged.id}), membership=True, comments=True, votes=True,
                       notifications=True, value=survivor.id)


def _recount(s: Session, now: dt.datetime, *projects: Project) -> None:
    s.flush()
    for p in projects:
        p.vote_count = s.scalar(select(func.count()).select_from(Vote).where(Vote.project_id == p.id)) or 0
        p.comment_count = s.scalar(select(func.count()).select_from(Comment).where(Comment.project_id == p.id)) or 0
        p.updated_at = now


def undo_merge(bank: Bank, actor: Actor, merged_id: str) -> Changes:
    """Undo the merge of a duplicate: it returns to the lists with its own votes, comments and
    authors (comments written on the survivor since stay there); its authors are told."""
    with bank.write() as s:
        merged = load(s, merged_id, for_update=True)
        record = s.scalar(select(ProjectMerge).where(ProjectMerge.merged_id == merged.id,
                                                     ProjectMerge.undone_at.is_(None))
                          .order_by(ProjectMerge.created_at.desc()))
        if not merged.merged_into_id or record is None:
            raise Conflict(t("项目“{t}”没有被合并，无需撤销。", "'{t}' is not merged; there is nothing to undo.",
                             t=merged.title))
        survivor = load(s, record.survivor_id, for_update=True)
        check(actor, "project.undo_merge", project_subject(merged))
        check(actor, "project.undo_merge", project_subject(survivor))
        now = bank.now()
        s.execute(update(Comment).where(Comment.id.in_(record.moved_comments), Comment.project_id == survivor.id)
                  .values(project_id=merged.id, updated_at=now))
        for vote in s.scalars(select(Vote).where(Vote.id.in_(record.moved_votes), Vote.project_id == survivor.id)):
            vote.project_id, vote.updated_at = merged.id, now
        s.flush()
        have = set(s.scalars(select(Vote.user_id).where(Vote.project_id == merged.id)))
        for user_id in set(record.dropped_voters) - have:
            s.add(Vote(project_id=merged.id, user_id=user_id, site_id=bank.site_id, created_at=now, updated_at=now))
        added = set(record.added_members)
        if added & member_ids(survivor):
            _set_members(s, survivor, [m.user for m in survivor.members if m.user_id not in added], bank.site_id)
        merged.merged_into_id = None
        record.undone_by, record.undone_at, record.updated_at = actor.id, now, now
        _recount(s, now, survivor, merged)
        audit.record(s, actor, "project", merged.id, "undo_merge", field="merged_into_id", old=survivor.id, new=None,
                     site_id=bank.site_id, at=now)
        params = {"m": merged.title, "s": survivor.title, "who": actor.name}
        for uid in {merged.proposer_id} | member_ids(merged):
            notify.send(s, bank, uid, "merge", merged.id, "merge_undone", params, actor=actor)
        return Changes(project_ids=frozenset({survivor.id, merged.id}), membership=True, comments=True, votes=True,
                       notifications=True, value=merged.id)


__all__ = ["propose", "edit", "move", "submit", "start_review", "adopt", "not_adopt", "start_work", "complete",
           "ask_to_join", "add_co_author", "delete_project", "merge", "undo_merge", "load"]
