"""A studio's settings: rubric weights and answer templates (warning thresholds live in alerts.py,
the logo in org.py). Stored in `Studio.settings`; the site's shared answer templates in the
settings table. A studio's leader changes their studio's; admins any studio's and the shared ones.
Each change is audited with the old and new values.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.errors import ValidationError
from app.core.i18n import t
from app.core.org import studio_by_name
from app.core.permissions import check, studio_subject
from app.core.vocab import RUBRIC
from db.models import Setting, Studio

SHARED_TEMPLATES = "answer_templates"  # the site's shared list (settings table)
MAX_TEMPLATES, MAX_TEMPLATE = 30, 500
MAX_WEIGHT = 100.0
# The answer templates a leader starts a reason from, until the site or the studio writes its own.
DEFAULT_TEMPLATES: list[tuple[str, str]] = [
    ("感谢你的创意！该方案实用性强，工作室将推广使用。",
     "Thank you! The idea is practical and will be put into use in our studio."),
    ("感谢你的创意！已有非常相似的项目，欢迎加入该项目并补充你的经验。",
     "Thank you! A very similar project already exists; please join it and add your experience there."),
    ("感谢你的创意！目前投入与预期效益相比偏高，请考虑更经济的做法后再提交。",
     "Thank you! The cost is too high for the expected benefit at present; please work out a cheaper way and "
     "submit again."),
    ("感谢你的创意！该改动不符合安全规程，请与安全员沟通后提交修改版。",
     "Thank you! Safety rules do not allow this change; please talk to the safety officer and submit a revised "
     "version."),
    ("感谢你的创意！请补充改造前后的实测数据后再提交。",
     "Thank you! Please add measured data (before and after) and submit again."),
]


def clean_weights(weights: dict[str, Any]) -> dict[str, float]:
    clean: dict[str, float] = {}
    for key, value in weights.items():
        if key not in RUBRIC:
            raise ValidationError(t("未知的评分项：{k}（可选：{c}）", "Unknown rubric criterion: {k} (choose from {c})",
                                    k=key, c=", ".join(RUBRIC)))
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = -1.0
        if not 0 <= number <= MAX_WEIGHT:
            raise ValidationError(t("“{k}”的权重应在 0 到 100 之间。", "The weight of '{k}' must be 0 to 100.",
                                    k=t(*RUBRIC[key])))
        clean[key] = number
    full = {k: clean.get(k, 0.0) for k in RUBRIC}
    total = sum(full.values())
    if not total:
        raise ValidationError(t("至少一个评分项的权重要大于 0。", "At least one criterion needs a weight above 0."))
    return {k: round(v / total, 4) for k, v in full.items()}  # shares of the whole, as the defaults are


def set_rubric(bank: Bank, actor: Actor, studio: str, weights: dict[str, Any] | None) -> Changes:
    """Set the studio's weights (criteria left out weigh 0); None goes back to the defaults."""
    clean = clean_weights(weights) if weights is not None else None
    with bank.write() as s:
        row = studio_by_name(s, studio)
        check(actor, "studio.configure", studio_subject(row.id))
        _set(s, bank, actor, row, "rubric_weights", clean)
        return Changes(people=True, value=row.id)


def answer_templates(bank: Bank, studio_id: str | None) -> list[str]:
    """The templates a reviewer of this studio chooses from: the studio's own, else the site's
    shared list, else the built-in ones (in the active language)."""
    with bank.session() as s:
        if studio_id:
            studio = s.get(Studio, studio_id)
            own = (studio.settings or {}).get("answer_templates") if studio else None
            if own:
                return list(own)
        shared = s.get(Setting, SHARED_TEMPLATES)
        if shared is not None and shared.value:
            return list(shared.value)
    return [t(zh, en) for zh, en in DEFAULT_TEMPLATES]


def clean_templates(templates: list[str]) -> list[str]:
    out: list[str] = []
    for text in templates:
        text = str(text or "").strip()
        if not text or text in out:
            continue
        if len(text) > MAX_TEMPLATE:
            raise ValidationError(t("每条答复模板最多 {n} 字。", "An answer template takes at most {n} characters.",
                                    n=MAX_TEMPLATE))
        out.append(text)
    if len(out) > MAX_TEMPLATES:
        raise ValidationError(t("答复模板最多 {n} 条。", "At most {n} answer templates.", n=MAX_TEMPLATES))
    return out


def set_answer_templates(bank: Bank, actor: Actor, studio: str | None, templates: list[str] | None) -> Changes:
    """A studio's own templates (its leader, admins), or with studio None the site's shared list
    (admins). An empty list or None goes back to the shared / built-in ones."""
    clean = clean_templates(templates or []) or None
    with bank.write() as s:
        if studio is None:
            check(actor, "studio.configure", studio_subject(None))
            row = s.get(Setting, SHARED_TEMPLATES)
            old = row.value if row else None
            if old != clean:
                if row is None:
                    s.add(Setting(key=SHARED_TEMPLATES, value=clean))
                else:
                    row.value = clean
                audit.record(s, actor, "setting", SHARED_TEMPLATES, "edit", field=SHARED_TEMPLATES, old=old, new=clean,
                             site_id=bank.site_id, at=bank.now())
            return Changes(people=True, value=None)
        studio_row = studio_by_name(s, studio)
        check(actor, "studio.configure", studio_subject(studio_row.id))
        _set(s, bank, actor, studio_row, "answer_templates", clean)
        return Changes(people=True, value=studio_row.id)


def _set(s: Session, bank: Bank, actor: Actor, row: Studio, key: str, value: Any) -> None:
    settings = dict(row.settings or {})
    old = settings.get(key)
    if old == value:
        return
    if value is None:
        settings.pop(key, None)
    else:
        settings[key] = value
    now = bank.now()
    row.settings, row.updated_at = settings, now  # a new dict, so the JSON column sees the change
    audit.record(s, actor, "studio", row.id, "edit", field=f"settings.{key}", old=old, new=value,
                 site_id=bank.site_id, at=now)

