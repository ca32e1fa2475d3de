"""Build DossierData from the store: one project, or many in a few queries.

Labels are always the Chinese ones (a dossier is a Chinese document, and the
verification code must not depend on the language the CLI runs in). Private
review notes never reach a dossier.

Studio name and logo come from the project's studio: ``Studio.settings["logo"]``
(a path, absolute or relative to the data folder); projects without a studio
use the site settings ``dossier.studio_name`` and ``dossier.logo``.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from app.core import blobstore
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.incubation import REQUEST_STATUSES, SERVICES
from app.core.permissions import check, project_subject
from app.core.queries import check_visible
from app.core.vocab import CATEGORIES, STATUSES
from app.dossier.errors import NotFound, t
from app.dossier.model import (
    AttachmentInfo,
    Award,
    DossierData,
    IncubationEvent,
    Patent,
    Photo,
    ReviewOpinion,
    TeamMember,
)
from db.models import (
    Attachment,
    IncubationRequest,
    Milestone,
    Project,
    ProjectMember,
    Review,
    Setting,
    Studio,
    User,
)

EXPORT = "data.export"
# A decided request says 已受理 or 未受理, whatever happened to it later.
ACCEPTED, DECLINED = REQUEST_STATUSES["accepted"][0], REQUEST_STATUSES["declined"][0]


def _zh(labels: dict[str, tuple[str, str]], code: str | None) -> str:
    if not code:
        return ""
    return labels.get(code, (code, code))[0]


def _project_options() -> tuple[LoaderOption, ...]:
    user_unit = selectinload(ProjectMember.user).selectinload(User.unit)
    return (
        selectinload(Project.members).options(user_unit),
        selectinload(Project.studio).selectinload(Studio.unit),
        selectinload(Project.proposer).selectinload(User.unit),
    )


def find_project(s: Session, ref: str) -> Project:
    """A project by id or number (what people type), with what a dossier shows loaded."""
    p = s.scalar(select(Project).where(or_(Project.id == ref, Project.number == ref))
                 .options(*_project_options()))
    if p is None:
        raise NotFound(t("找不到项目 {ref}（请使用项目编号或标识）。",
                         "No project {ref} (use the project number or id).", ref=ref))
    return p


def check_may_export(actor: Actor, p: Project) -> None:
    """Staff export their studio's dossiers (admins any); authors export their own; nobody exports a
    project they may not see (the incubation base exports every studio's, but not secrets)."""
    check_visible(actor, p)
    check(actor, "project.export_dossier", project_subject(p))


def gather(bank: Bank, actor: Actor | None, ref: str) -> DossierData:
    """The dossier of one project. ``actor=None`` skips the permission check (verify)."""
    with bank.session() as s:
        p = find_project(s, ref)
        if actor is not None:
            check_may_export(actor, p)
        return _build(bank, s, p, _Extras.load(s, [p.id]), _site_defaults(s))


def gather_many(bank: Bank, actor: Actor | None, ids: list[str], *, chunk: int = 50) -> Iterator[DossierData]:
    """Dossiers for these project ids, in order, a chunk of projects per round of queries."""
    if actor is not None:
        check(actor, EXPORT)
    with bank.session() as s:
        defaults = _site_defaults(s)
        for start in range(0, len(ids), chunk):
            part = ids[start:start + chunk]
            projects = {p.id: p for p in s.scalars(
                select(Project).where(Project.id.in_(part)).options(*_project_options()))}
            extras = _Extras.load(s, part)
            for pid in part:
                p = projects.get(pid)
                if p is None:
                    continue  # deleted since the list was made
                if actor is not None:
                    check_may_export(actor, p)
                yield _build(bank, s, p, extras, defaults)
            s.expunge_all()  # a batch of thousands must not pile up in the identity map


class _Extras:
    """Reviews, attachments and incubation requests for a set of projects, a query each."""

    def __init__(self) -> None:
        self.reviews: dict[str, list[Review]] = {}
        self.attachments: dict[str, list[Attachment]] = {}
        self.incubation: dict[str, list[IncubationRequest]] = {}

    @classmethod
    def load(cls, s: Session, ids: list[str]) -> _Extras:
        x = cls()
        for r in s.scalars(select(Review).where(Review.project_id.in_(ids))
                           .options(selectinload(Review.reviewer)).order_by(Review.created_at, Review.id)):
            x.reviews.setdefault(r.project_id, []).append(r)
        for a in s.scalars(select(Attachment).where(Attachment.project_id.in_(ids))
                           .order_by(Attachment.created_at, Attachment.id)):
            x.attachments.setdefault(a.project_id, []).append(a)
        for req in s.scalars(select(IncubationRequest).where(IncubationRequest.project_id.in_(ids))
                             .options(selectinload(IncubationRequest.milestones).selectinload(Milestone.updates))
                             .order_by(IncubationRequest.created_at, IncubationRequest.id)):
            x.incubation.setdefault(req.project_id, []).append(req)
        return x


def _site_defaults(s: Session) -> dict[str, object]:
    rows = s.scalars(select(Setting).where(Setting.key.in_(("dossier.studio_name", "dossier.logo"))))
    return {row.key: row.value for row in rows}


def _logo(bank: Bank, raw: object) -> Path | None:
    if not raw or not isinstance(raw, str):
        return None
    path = Path(raw).expanduser()
    return path if path.is_absolute() else bank.data_dir / path


def _build(bank: Bank, s: Session, p: Project, extras: _Extras, defaults: dict[str, object]) -> DossierData:
    studio = p.studio
    studio_name = studio.name if studio else str(defaults.get("dossier.studio_name") or "")
    logo = _logo(bank, (studio.settings or {}).get("logo") if studio else None) \
        or _logo(bank, defaults.get("dossier.logo"))

    team = [TeamMember(
        name=m.user.name,
        unit=m.user.unit.name if m.user.unit else "",
        skill_grade=m.user.skill_grade or "",
        role=m.role or "",
        honours=list(m.user.honours or []),
    ) for m in p.members]
    if not team and p.proposer is not None:
        team = [TeamMember(p.proposer.name, p.proposer.unit.name if p.proposer.unit else "",
                           p.proposer.skill_grade or "", "", list(p.proposer.honours or []))]
    units: list[str] = []
    for m in team:
        if m.unit and m.unit not in units:
            units.append(m.unit)
    if not units and studio is not None and studio.unit is not None:
        units.append(studio.unit.name)

    attachments = extras.attachments.get(p.id, [])
    photos = []
    for a in attachments:
        if a.kind in ("photo_before", "photo_after"):
            path = blobstore.local_path(bank, a.sha256)  # on a hub, fetched from the database
            photos.append(Photo(path, a.original_name, a.sha256,
                                "before" if a.kind == "photo_before" else "after"))

    return DossierData(
        project_id=p.id,
        number=p.number,
        title=p.title,
        category=_zh(CATEGORIES, p.category),
        status=_zh(STATUSES, p.status),
        confidentiality=p.confidentiality or "internal",
        studio_name=studio_name,
        studio_logo=logo,
        units=units,
        proposer=p.proposer.name if p.proposer else "",
        tags=list(p.tags or []),
        submitted_at=p.submitted_at,
        decided_at=p.decided_at,
        completed_at=p.completed_at,
        background=p.background or "",
        solution=p.solution or "",
        innovation_points=list(p.innovation_points or []),
        implementation=p.implementation or "",
        photos=photos,
        indicators=p.indicators or "",
        promotion=p.promotion or "",
        expected_benefit=p.expected_benefit,
        measured_benefit=p.measured_benefit,
        benefit_basis=p.benefit_basis or "",
        investment=p.investment,
        social_benefit=p.social_benefit or "",
        patents=[Patent(**{k: str(x.get(k) or "") for k in ("number", "kind", "status", "title")})
                 for x in (p.patents or []) if isinstance(x, dict)],
        awards=[Award(str(x.get("name") or ""), str(x.get("level") or ""), x.get("year"))
                for x in (p.awards or []) if isinstance(x, dict)],
        team=team,
        reviews=[ReviewOpinion(
            reviewer=r.reviewer.name if r.reviewer else "",
            scores={k: float(v) for k, v in (r.scores or {}).items() if isinstance(v, (int, float))},
            total=r.total, decision=r.decision, reason=r.reason or "", at=r.created_at,
        ) for r in extras.reviews.get(p.id, [])],
        incubation=_incubation_events(extras.incubation.get(p.id, [])),
        attachments=[AttachmentInfo(a.original_name, a.kind, a.size, a.sha256, a.mime) for a in attachments],
        generated_at=bank.now(),
    )


def _incubation_events(requests: list[IncubationRequest]) -> list[IncubationEvent]:
    """A flat, dated history of the project's incubation requests and their milestones."""
    events: list[IncubationEvent] = []
    for req in requests:
        before = len(events)
        services = "、".join(_zh(SERVICES, x) for x in (req.services or []))
        head = f"{req.number} {req.title}" + (f"（{services}）" if services else "")
        if req.submitted_at:
            events.append(IncubationEvent(req.submitted_at, "提交孵化委托", head))
        if req.decided_at:
            verdict = DECLINED if req.status == "declined" else ACCEPTED
            events.append(IncubationEvent(req.decided_at, verdict, req.decision_reason or head))
        for m in req.milestones:
            if m.done_on:
                events.append(IncubationEvent(m.done_on, "节点完成", m.title))
        if req.delivered_at:
            events.append(IncubationEvent(req.delivered_at, "交付", head))
        if req.closed_at:
            note = req.outcome_note or head
            if req.units_made:
                note += f"；产出 {req.units_made} 件"
            events.append(IncubationEvent(req.closed_at, "结题", note))
        if len(events) == before and req.created_at:  # a draft request: say it exists
            events.append(IncubationEvent(req.created_at, _zh(REQUEST_STATUSES, req.status), head))
    return sorted(events, key=lambda e: _sort_key(e.at))


def _sort_key(value: object) -> str:
    from app.dossier.model import _canonical
    return str(_canonical(value) or "")
