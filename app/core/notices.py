"""What a notice says: a code and its parameters, put into words when it is shown.

A notice is stored as `code` + `params` (codes for statuses, names and titles as they were), so a
person reading in English sees English and one reading in Chinese sees Chinese, whoever caused it.
`message` keeps the Chinese words as well, for a site still running an older version.

    render("project_status", {"title": "防雨罩", "old": "submitted", "new": "adopted", "who": "王建国"})
    -> "“防雨罩”：已提交 → 已采纳（王建国）"   (zh_CN)
    -> "'防雨罩': Submitted → Adopted (by 王建国)"   (en)

db/migrations/versions/0009_loop.py turns the notices written before codes existed into codes
with the same templates (a copy of them: a migration must not change when this file does).
"""
from __future__ import annotations

from typing import Any

from app.core.i18n import t
from app.core.lifecycle import DISPATCH_KINDS, REQUEST_STATUSES
from app.core.vocab import STATUSES, Labels

# code -> (Chinese, English); {reason} and {note} are added by the suffixes below when given.
TEMPLATES: dict[str, tuple[str, str]] = {
    "project_status": ("“{title}”：{old} → {new}（{who}）", "'{title}': {old} → {new} (by {who})"),
    "project_submitted": ("{who} 提交了新创意“{title}”，等待你评审。", "{who} submitted a new idea for your review: '{title}'."),
    "join_request": ("{who}（{no}）希望作为合作者加入“{title}”。", "{who} ({no}) asks to join '{title}' as a co-author."),
    "co_author_added": ("{who} 已把你列为“{title}”的合作者。", "{who} added you as a co-author of '{title}'."),
    "mention": ("{who} 在“{title}”中提到了你：{body}", "{who} mentioned you on '{title}': {body}"),
    "reply": ("{who} 回复了你在“{title}”的评论", "{who} replied to your comment on '{title}'"),
    "comment": ("{who} 评论了“{title}”：{body}", "{who} commented on '{title}': {body}"),
    "team_lead": ("你被指定为团队“{team}”的负责人。", "You lead the team '{team}'."),
    "team_joined": ("你已加入团队“{team}”。", "You have joined the team '{team}'."),
    "call_applied": ("{who} 揭了你的榜“{title}”：{statement}", "{who} applied to your call '{title}': {statement}"),
    "call_accepted": ("你对“{title}”的揭榜已被接受。", "Your application to '{title}' was accepted."),
    "call_declined": ("你对“{title}”的揭榜未被接受。", "Your application to '{title}' was declined."),
    "incubation_status": ("孵化委托“{title}”：{old} → {new}（{who}）",
                          "Incubation request '{title}': {old} → {new} (by {who})"),
    "milestone_update": ("孵化委托“{title}”里程碑“{milestone}”有新进展：{note}",
                         "Incubation request '{title}', milestone '{milestone}': {note}"),
    "delivery_confirmed": ("孵化委托“{title}”：{who}确认可在里程碑未完成时交付。",
                           "Incubation request '{title}': {who} confirmed it may be delivered with milestones still open."),
    "project_merged": ("你的项目“{m}”与“{s}”重复，已由{who}合并到“{s}”：点赞、评论和作者已一并转入。如有异议，请联系工作室领衔人撤销合并。",
                       "Your project '{m}' duplicated '{s}' and was merged into it by {who}: its votes, comments and "
                       "authors moved along. If you disagree, ask a studio leader to undo the merge."),
    "merge_undone": ("“{m}”与“{s}”的合并已由{who}撤销，你的项目恢复为独立项目。",
                     "{who} undid the merge of '{m}' into '{s}': your project stands on its own again."),
    # issue 11: one-click dispatch (dispatch.py)
    "task_sent": ("{who} 下达{kind}“{title}”给{unit}，由你负责，请于 {due} 前反馈。",
                  "{who} sent '{title}' ({kind}) to {unit} with you responsible; report by {due}."),
    "task_read": ("{unit}（{who}）已阅“{title}”。", "{unit} ({who}) has read '{title}'."),
    "task_summary": ("{unit}（{who}）提交了“{title}”的总结，等待你验收。",
                     "{unit} ({who}) sent the summary of '{title}' for your acceptance."),
    "task_progress": ("{unit}（{who}）反馈了“{title}”的进展：{p}%。", "{unit} ({who}) reported progress on '{title}': {p}%."),
    "task_accepted": ("{who} 验收了{unit}对“{title}”的反馈。", "{who} accepted {unit}'s report on '{title}'."),
    "task_returned": ("{who} 退回了{unit}对“{title}”的反馈，理由：{r}。请修改后重新提交。",
                      "{who} returned {unit}'s report on '{title}': {r}. Please report again."),
    "task_reminder": ("{who} 催办“{title}”：请{unit}于 {due} 前反馈。{n}", "{who} reminds you of '{title}': {unit} is to "
                      "report by {due}. {n}"),
    "task_closed": ("“{title}”的所有单位均已办结，任务关闭。", "Every unit has settled '{title}': the task is closed."),
    # warnings delivered (warning_delivery.py): the words in both languages, as computed then
    "warning": ("{zh}", "{en}"),
}
REASON = ("。理由：{reason}", ". Reason: {reason}")
NOTE = ("说明：{reason}", " Note: {reason}")
SUFFIX = {"project_status": REASON, "incubation_status": REASON, "call_accepted": NOTE, "call_declined": NOTE}
# Parameters that hold codes of a vocabulary, shown by their label.
VOCABULARIES: dict[str, dict[str, Labels]] = {
    "project_status": {"old": STATUSES, "new": STATUSES},
    "incubation_status": {"old": REQUEST_STATUSES, "new": REQUEST_STATUSES},
    "task_sent": {"kind": DISPATCH_KINDS},
}
# Words standing in for an empty milestone note.
MILESTONE_NOTES = {"done": ("已完成", "done"), "files": ("新附件", "new attachment")}


def _words(code: str, params: dict[str, Any], lang_zh: bool) -> str:
    zh, en = TEMPLATES[code]
    values = dict(params)
    for name, vocab in VOCABULARIES.get(code, {}).items():
        names = vocab.get(str(values.get(name)), (values.get(name), values.get(name)))
        values[name] = names[0] if lang_zh else names[1]
    if code == "milestone_update" and not values.get("note"):
        key = "done" if values.get("done") else "files"
        values["note"] = MILESTONE_NOTES[key][0 if lang_zh else 1]
    text = (zh if lang_zh else en).format_map(_Blank(values))
    suffix = SUFFIX.get(code)
    if suffix and values.get("reason"):
        text += (suffix[0] if lang_zh else suffix[1]).format(reason=values["reason"])
    return text


class _Blank(dict[str, Any]):
    """A missing parameter shows as nothing rather than failing the whole list."""

    def __missing__(self, key: str) -> str:
        return ""


def render(code: str | None, params: dict[str, Any] | None, fallback: str = "") -> str:
    """The notice in the reader's language; `fallback` (the stored words) for an unknown code."""
    if not code or code not in TEMPLATES:
        return fallback
    return t(_words(code, params or {}, True), _words(code, params or {}, False))


def chinese(code: str, params: dict[str, Any]) -> str:
    """The Chinese words, stored beside the code for older versions of the program."""
    return _words(code, params, True)


__all__ = ["TEMPLATES", "render", "chinese"]
