"""The audit trail in words: what happened and what changed, in the reader's language.

The audit log stores codes (`adopt`, field `status`, `submitted` → `under_review`, user ids in
member lists); `describe` turns one entry into what a person reads — "采纳", "状态：评审中 → 已采纳" —
at display time, so the same history reads right in Chinese and in English.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from app.core.fields import FIELD_NAMES
from app.core.i18n import t
from app.core.lifecycle import REQUEST_STATUSES, STEPS, TRANSITIONS
from app.core.vocab import CATEGORIES, CONFIDENTIALITY, STATUSES, Labels, label

ACTIONS: Labels = {
    "propose": ("提出创意", "Proposed"), "edit": ("修改", "Edited"), "merge": ("合并", "Merged"),
    "delete": ("删除", "Deleted"), "kiosk_confirm": ("确认自助终端提案", "Kiosk proposal confirmed"),
    "incubation_outcome": ("孵化成果", "Incubation outcome"), "attach": ("添加附件", "Attachment added"),
    "vote": ("点赞", "Voted"), "unvote": ("取消点赞", "Vote withdrawn"), "review": ("评审", "Reviewed"),
    "comment": ("评论", "Commented"), "create": ("新建", "Created"), "close": ("结项", "Closed"),
    "milestone_add": ("新增里程碑", "Milestone added"), "milestone_done": ("里程碑完成", "Milestone done"),
    "milestone_update": ("里程碑进展", "Milestone progress"),
} | {a: (tr.zh, tr.en) for a, tr in TRANSITIONS.items()}
REQUEST_ACTIONS: Labels = {a: (st.zh, st.en) for a, st in STEPS.items()}
MORE_FIELDS: Labels = {
    "status": ("状态", "Status"), "reason": ("理由", "Reason"), "members": ("作者", "Authors"),
    "merged_into_id": ("合并到", "Merged into"), "kiosk": ("自助终端提案", "Kiosk proposal"),
    "milestones": ("里程碑", "Milestones"), "milestone": ("里程碑", "Milestone"), "outcome": ("成果", "Outcome"),
    "implementation": ("实施情况", "Implementation"), "indicators": ("技术指标", "Indicators"),
    "promotion": ("推广应用", "Promotion"), "benefit_basis": ("效益测算依据", "Basis of the benefit"),
    "social_benefit": ("社会效益", "Social benefit"),
}
VALUE_VOCABULARIES: dict[str, Labels] = {"category": CATEGORIES, "confidentiality": CONFIDENTIALITY}


def _value(field: str | None, raw: str | None, entity: str, names: Mapping[str, str]) -> str:
    if raw is None or raw == "":
        return "—"
    if field == "status":
        return label(REQUEST_STATUSES if entity == "incubation" else STATUSES, raw)
    if field in VALUE_VOCABULARIES:
        return label(VALUE_VOCABULARIES[field], raw)
    try:
        value: Any = json.loads(raw)
    except ValueError:
        return names.get(raw, raw) if field in ("members", "studio_id") else raw
    if isinstance(value, bool):
        return t("是", "yes") if value else t("否", "no")
    if isinstance(value, list):
        return "、".join(names.get(v, str(v)) if isinstance(v, str) else _plain(v) for v in value) or "—"
    if isinstance(value, dict):
        return "；".join(f"{k}: {v}" for k, v in value.items() if v not in (None, "", []))
    return str(value)


def _plain(v: Any) -> str:
    return " ".join(str(x) for x in v) if isinstance(v, (list, tuple)) else str(v)


def describe(action: str, field: str | None, old: str | None, new: str | None, *, entity: str = "project",
             names: Mapping[str, str] | None = None) -> tuple[str, str]:
    """(what happened, what changed) for one audit entry. `names` maps ids (people, studios) to names."""
    names = names or {}
    vocab = REQUEST_ACTIONS if entity == "incubation" and action in REQUEST_ACTIONS else ACTIONS
    what = label(vocab, action)
    if field is None:
        return what, "" if new is None else _value(None, new, entity, names)
    zh, en = FIELD_NAMES.get(field) or MORE_FIELDS.get(field) or (field, field)
    name = t(zh, en)
    sep = t("：", ": ")
    if field == "reason":
        return what, f"{name}{sep}{new}"
    if old is None:
        return what, f"{name}{sep}{_value(field, new, entity, names)}"
    return what, f"{name}{sep}{_value(field, old, entity, names)} → {_value(field, new, entity, names)}"


def ids_in(values: list[str | None]) -> set[str]:
    """The ids inside member lists and studio fields of some entries (to look their names up)."""
    out: set[str] = set()
    for raw in values:
        if not raw:
            continue
        try:
            value = json.loads(raw)
        except ValueError:
            out.add(raw)
            continue
        if isinstance(value, list):
            out |= {v for v in value if isinstance(v, str)}
    return out
