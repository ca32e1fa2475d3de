"""Reviews: a leader scores a project on the rubric and decides (adopt / not adopt with a reason)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.core import audit
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.errors import ValidationError
from app.core.i18n import t
from app.core.permissions import allowed, check, project_subject
from app.core.projects import _apply_transition, load
from app.core.vocab import DEFAULT_RUBRIC_WEIGHTS, RUBRIC
from db.models import Review, Studio

MAX_SCORE = 10.0


def rubric_weights(bank: Bank, studio_id: str | None) -> dict[str, float]:
    """The studio's rubric weights (configurable per studio), else the defaults."""
    if studio_id:
        with bank.session() as s:
            studio = s.get(Studio, studio_id)
            weights = (studio.settings or {}).get("rubric_weights") if studio else None
            if weights:
                return {k: float(weights.get(k, 0)) for k in RUBRIC}
    return dict(DEFAULT_RUBRIC_WEIGHTS)


def weighted_total(scores: dict[str, float], weights: dict[str, float]) -> float:
    """Weighted score on a 0–100 scale (each criterion scored 0–10)."""
    weight_sum = sum(weights.values()) or 1.0
    return round(sum(scores.get(k, 0.0) * w for k, w in weights.items()) / weight_sum * 10, 1)


def clean_scores(scores: dict[str, Any]) -> dict[str, float]:
    clean: dict[str, float] = {}
    for key, value in (scores or {}).items():
        if key not in RUBRIC:
            raise ValidationError(t("未知的评分项：{k}", "Unknown rubric criterion: {k}", k=key))
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = -1
        if not 0 <= number <= MAX_SCORE:
            raise ValidationError(t("“{k}”的分数应在 0 到 {m} 之间。", "'{k}' must be scored from 0 to {m}.",
                                    k=RUBRIC[key][0], m=int(MAX_SCORE)))
        clean[key] = number
    return clean


def review(bank: Bank, actor: Actor, project_id: str, *, scores: dict[str, Any] | None = None,
           decision: str | None = None, reason: str = "", private_note: str = "") -> Changes:
    """Record a review. A decision (adopt / not_adopt) also moves the project; a submitted project
    is taken into review first, so a leader can decide in one step. Adopting needs a score for
    every criterion the studio weighs: no idea is adopted on a whim."""
    if decision not in (None, "adopt", "not_adopt"):
        raise ValidationError(t("评审结论应为“采纳”或“不采纳”。", "The decision must be adopt or not_adopt."))
    clean = clean_scores(scores or {})
    with bank.write() as s:
        project = load(s, project_id, for_update=True)
        check(actor, "project.review", project_subject(project))
        weights = rubric_weights(bank, project.studio_id)
        missing = [k for k in RUBRIC if weights.get(k, 0) > 0 and k not in clean]  # a weight of 0: not scored here
        if decision == "adopt" and missing:
            raise ValidationError(t("采纳前请为每一项打分，还缺：{m}。", "Score every criterion before adopting; missing: {m_en}.",
                                    m="、".join(RUBRIC[k][0] for k in missing),
                                    m_en=", ".join(RUBRIC[k][1] for k in missing)))
        total = weighted_total(clean, weights) if clean else None
        if decision:
            if project.status == "submitted":
                _apply_transition(s, bank, actor, project, "start_review", None)
            _apply_transition(s, bank, actor, project, decision, reason)
        now = bank.now()
        row = Review(project_id=project.id, reviewer_id=actor.id, scores=clean, total=total,
                     decision="adopt" if decision == "adopt" else "reject" if decision else None,
                     reason=reason.strip(), private_note=private_note.strip(), site_id=bank.site_id,
                     created_at=now, updated_at=now)
        s.add(row)
        s.flush()
        audit.record(s, actor, "review", row.id, "review", new={"scores": clean, "total": total,
                                                                 "decision": decision}, site_id=bank.site_id, at=now)
        return Changes(project_ids=frozenset({project.id}), reviews=True, notifications=bool(decision),
                       fields=frozenset({"status"}) if decision else frozenset(), membership=bool(decision),
                       value=row.id)


def reviews_of(bank: Bank, actor: Actor, project_id: str) -> list[dict[str, Any]]:
    """Reviews of a project; private notes only for those who may review it."""
    with bank.session() as s:
        project = load(s, project_id)
        private = allowed(actor, "project.read_private_notes", project_subject(project))
        rows = s.scalars(select(Review).where(Review.project_id == project_id).order_by(Review.created_at)).all()
        return [{"id": r.id, "reviewer": r.reviewer.name if r.reviewer else None, "scores": r.scores,
                 "total": r.total, "decision": r.decision, "reason": r.reason,
                 "private_note": r.private_note if private else None,
                 "at": r.created_at.isoformat()} for r in rows]
