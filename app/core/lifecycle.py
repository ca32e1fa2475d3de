"""The state machines, as data: a project's lifecycle and an incubation request's workflow.

Project:   草稿 → 已提交 → 评审中 → 已采纳 | 未采纳 → 攻关中 → 已完成 → 孵化中 → 已推广
Request:   草稿 → 已提交 → 已受理 | 未受理 → 实施中 → 已交付 → 已结项
Task unit: 未反馈 → 办理中 → 待验收 → 已办结 | 已退回 → 办理中 …   (one unit of a dispatched task)

Each action names the states it may start from and the state it leads to. *Who* may take it is
not here: that is the permission table (permissions.py, use cases "project.<action>" and
"incubation.<action>"). Anything not listed here is refused with InvalidTransition.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.core.errors import InvalidTransition
from app.core.i18n import t
from app.core.vocab import STATUSES, Labels, label


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    needs_reason: bool = False
    zh: str = ""
    en: str = ""


def _t(action: str, sources: set[str], target: str, zh: str, en: str, *, needs_reason: bool = False) -> Transition:
    return Transition(action, frozenset(sources), target, needs_reason, zh, en)


TRANSITIONS: dict[str, Transition] = {tr.action: tr for tr in [
    _t("submit", {"draft"}, "submitted", "提交", "Submit"),
    _t("withdraw", {"submitted"}, "draft", "撤回", "Withdraw"),
    _t("start_review", {"submitted"}, "under_review", "开始评审", "Start review"),
    _t("adopt", {"under_review"}, "adopted", "采纳", "Adopt"),
    _t("not_adopt", {"under_review"}, "not_adopted", "不采纳", "Not adopt", needs_reason=True),
    _t("revise", {"not_adopted"}, "draft", "修改后重新提交", "Revise"),
    _t("start_work", {"adopted"}, "in_progress", "开始攻关", "Start work"),
    _t("complete", {"in_progress"}, "completed", "完成", "Complete"),
    _t("incubate", {"adopted", "completed"}, "incubating", "进入孵化", "Incubate"),
    _t("promote", {"incubating"}, "promoted", "推广", "Promote"),
]}

# Statuses in which the proposer may still change the text of a project.
EDITABLE_BY_OWNER = frozenset({"draft", "not_adopted"})


def transition(action: str, current: str) -> Transition:
    """The project's transition for `action` from `current`, or InvalidTransition with a clear message."""
    return _take(TRANSITIONS, STATUSES, action, current, t("项目", "The project"))


def _take(machine: dict[str, Transition], states: Labels, action: str, current: str, what: str) -> Transition:
    tr = machine.get(action)
    if tr is None:
        raise InvalidTransition(t("未知操作：{a}", "Unknown action: {a}", a=action))
    if current not in tr.sources:
        raise InvalidTransition(not_from(states, tr, current, what))
    return tr


def not_from(states: Labels, tr: Transition, current: str, what: str) -> str:
    """Why `tr` cannot start from `current` (a message for errors and tooltips)."""
    allowed = "、".join(label(states, s) for s in sorted(tr.sources))
    return t("{what}当前状态为“{cur}”，不能“{act}”（只有“{allowed}”状态的可以）。",
             "{what} is '{cur}'; '{act_en}' is only possible from: {allowed}.",
             what=what, cur=label(states, current), act=tr.zh, act_en=tr.en, allowed=allowed)


def project_action_between(source: str, target: str) -> str | None:
    """The project action that leads from one status to another (a drag on the idea board)."""
    return _between(TRANSITIONS, source, target)


def _between(machine: dict[str, Transition], source: str, target: str) -> str | None:
    return next((a for a, tr in machine.items() if source in tr.sources and tr.target == target), None)


def actions_from(status: str) -> list[str]:
    """Actions that can follow `status`, in lifecycle order (for menus and boards)."""
    return [a for a, tr in TRANSITIONS.items() if status in tr.sources]


# -- incubation requests ---------------------------------------------------------------------------
REQUEST_STATUSES: Labels = {
    "draft": ("草稿", "Draft"),
    "submitted": ("已提交", "Submitted"),
    "accepted": ("已受理", "Accepted"),
    "declined": ("未受理", "Declined"),
    "in_progress": ("实施中", "In progress"),
    "delivered": ("已交付", "Delivered"),
    "closed": ("已结项", "Closed"),
}

STEPS: dict[str, Transition] = {st.action: st for st in [
    _t("submit", {"draft"}, "submitted", "提交委托", "Submit"),
    _t("withdraw", {"submitted"}, "draft", "撤回", "Withdraw"),
    _t("accept", {"submitted"}, "accepted", "受理", "Accept"),
    _t("decline", {"submitted"}, "declined", "不予受理", "Decline", needs_reason=True),
    _t("revise", {"declined"}, "draft", "修改后重新提交", "Revise"),
    _t("start", {"accepted"}, "in_progress", "开始实施", "Start"),
    _t("deliver", {"in_progress"}, "delivered", "交付", "Deliver"),
    _t("close", {"delivered"}, "closed", "结项", "Close"),
]}

# Statuses in which milestones can still be planned and reported on.
MILESTONE_OPEN = frozenset({"accepted", "in_progress"})


def step_for(action: str, status: str) -> Transition:
    """The request's step for `action` from `status`, or InvalidTransition."""
    return _take(STEPS, REQUEST_STATUSES, action, status, t("孵化委托", "The request"))


def action_between(source: str, target: str) -> str | None:
    """The request action that leads from one status to another (a drag on the incubation board)."""
    return _between(STEPS, source, target)


# An open call is open until its deadline, then expired until its poster closes it (teams.call_state).
CALL_STATES: Labels = {"open": ("揭榜中", "Open"), "expired": ("已截止", "Past deadline"), "closed": ("已关闭", "Closed")}

# Where one unit of a dispatched task stands (app/core/dispatch.py): it owes a report while
# pending, in progress or returned; a summary waits for the sender, who accepts it or returns it.
TASK_STATES: Labels = {"pending": ("未反馈", "No reply yet"), "in_progress": ("办理中", "In progress"),
                       "reported": ("待验收", "Awaiting acceptance"), "returned": ("已退回", "Returned"),
                       "accepted": ("已办结", "Accepted")}
TASK_OWED = frozenset({"pending", "in_progress", "returned"})
DISPATCH_KINDS: Labels = {"task": ("任务", "Task"), "notice": ("通知", "Notice")}
# The steps on one unit ("task.<action>" in the permission table). A report leads to in_progress
# or, as a summary, to reported; a reminder leaves the state as it is (target: where it points).
TASK_STEPS: dict[str, Transition] = {tr.action: tr for tr in [
    _t("report", set(TASK_OWED), "reported", "反馈", "Report"),
    _t("remind", set(TASK_OWED), "pending", "催办", "Remind"),
    _t("accept", {"reported"}, "accepted", "验收", "Accept"),
    _t("return", {"reported"}, "returned", "退回", "Return", needs_reason=True),
]}

# The machine behind each aggregate's lifecycle use cases ("project.adopt", "incubation.accept").
MACHINES: dict[str, tuple[dict[str, Transition], Labels]] = {
    "project": (TRANSITIONS, STATUSES),
    "incubation": (STEPS, REQUEST_STATUSES),
    "task": (TASK_STEPS, TASK_STATES),
}
