"""The project lifecycle as an explicit state machine.

草稿 → 已提交 → 评审中 → 已采纳 | 未采纳 → 攻关中 → 已完成 → 孵化中 → 已推广

Each action names the states it may start from, the state it leads to, and who may take it.
`owner` means the proposer or a listed co-author; leaders act only on their own studio's projects
(see permissions.py). Anything not listed here is refused.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.core.errors import InvalidTransition
from app.core.i18n import t
from app.core.vocab import STATUSES, label


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    owner_may: bool = False
    needs_reason: bool = False
    zh: str = ""
    en: str = ""


def _t(action: str, sources: set[str], target: str, roles: set[str], zh: str, en: str, *,
       owner_may: bool = False, needs_reason: bool = False) -> Transition:
    return Transition(action, frozenset(sources), target, frozenset(roles), owner_may, needs_reason, zh, en)


TRANSITIONS: dict[str, Transition] = {tr.action: tr for tr in [
    _t("submit", {"draft"}, "submitted", {"leader", "admin"}, "提交", "Submit", owner_may=True),
    _t("withdraw", {"submitted"}, "draft", {"admin"}, "撤回", "Withdraw", owner_may=True),
    _t("start_review", {"submitted"}, "under_review", {"leader", "admin"}, "开始评审", "Start review"),
    _t("adopt", {"under_review"}, "adopted", {"leader", "admin"}, "采纳", "Adopt"),
    _t("not_adopt", {"under_review"}, "not_adopted", {"leader", "admin"}, "不采纳", "Not adopt",
       needs_reason=True),
    _t("revise", {"not_adopted"}, "draft", {"leader", "admin"}, "修改后重新提交", "Revise", owner_may=True),
    _t("start_work", {"adopted"}, "in_progress", {"leader", "admin"}, "开始攻关", "Start work", owner_may=True),
    _t("complete", {"in_progress"}, "completed", {"leader", "admin"}, "完成", "Complete"),
    _t("incubate", {"adopted", "completed"}, "incubating", {"leader", "base", "admin"}, "进入孵化", "Incubate"),
    _t("promote", {"incubating"}, "promoted", {"base", "admin"}, "推广", "Promote"),
]}

# Statuses in which the proposer may still change the text of a project.
EDITABLE_BY_OWNER = frozenset({"draft", "not_adopted"})


def transition(action: str, current: str) -> Transition:
    """The transition for `action` from `current`, or InvalidTransition with a clear message."""
    tr = TRANSITIONS.get(action)
    if tr is None:
        raise InvalidTransition(t("未知操作：{a}", "Unknown action: {a}", a=action))
    if current not in tr.sources:
        allowed = "、".join(label(STATUSES, s) for s in sorted(tr.sources))
        raise InvalidTransition(t(
            "项目当前状态为“{cur}”，不能“{act}”（只有“{allowed}”状态的项目可以）。",
            "The project is '{cur}'; '{act_en}' is only possible from: {allowed}.",
            cur=label(STATUSES, current), act=tr.zh, act_en=tr.en, allowed=allowed))
    return tr


def actions_from(status: str) -> list[str]:
    """Actions that can follow `status`, in lifecycle order (for menus and boards)."""
    return [a for a, tr in TRANSITIONS.items() if status in tr.sources]
