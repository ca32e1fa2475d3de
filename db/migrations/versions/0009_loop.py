"""notices as codes and parameters, put into words when shown

Notices written before this were stored as finished sentences in the writer's language, so a
person reading in English saw Chinese. This adds `code` and `params` and turns every notice that
matches one of the program's sentences (in Chinese or English) into its code; the words stay in
`message`, which older versions show. A notice that matches none keeps only its words.

The sentences are copied from app/core/notices.py as they were at this revision: a migration
must not change when the application does.

Revision ID: 0009_loop
Revises: 0010_analytics
Create Date: 2026-11-30
"""
import re
from typing import Any, Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0009_loop"
down_revision: Union[str, Sequence[str], None] = "0010_analytics"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TEMPLATES = {
    "incubation_status": ("孵化委托“{title}”：{old} → {new}（{who}）", "Incubation request '{title}': {old} → {new} (by {who})"),
    "milestone_update": ("孵化委托“{title}”里程碑“{milestone}”有新进展：{note}",
                         "Incubation request '{title}', milestone '{milestone}': {note}"),
    "project_status": ("“{title}”：{old} → {new}（{who}）", "'{title}': {old} → {new} (by {who})"),
    "mention": ("{who} 在“{title}”中提到了你：{body}", "{who} mentioned you on '{title}': {body}"),
    "reply": ("{who} 回复了你在“{title}”的评论", "{who} replied to your comment on '{title}'"),
    "comment": ("{who} 评论了“{title}”：{body}", "{who} commented on '{title}': {body}"),
    "team_lead": ("你被指定为团队“{team}”的负责人。", "You lead the team '{team}'."),
    "team_joined": ("你已加入团队“{team}”。", "You have joined the team '{team}'."),
    "call_applied": ("{who} 揭了你的榜“{title}”：{statement}", "{who} applied to your call '{title}': {statement}"),
    "call_accepted": ("你对“{title}”的揭榜已被接受。", "Your application to '{title}' was accepted."),
    "call_declined": ("你对“{title}”的揭榜未被接受。", "Your application to '{title}' was declined."),
    # written as sentences by 0005_org's version
    "delivery_confirmed": ("孵化委托“{title}”：{who}确认可在里程碑未完成时交付。",
                           "Incubation request '{title}': {who} confirmed it may be delivered with milestones still open."),
    "project_merged": ("你的项目“{m}”与“{s}”重复，已由{who}合并到“{s}”：点赞、评论和作者已一并转入。如有异议，请联系工作室领衔人撤销合并。",
                       "Your project '{m}' duplicated '{s}' and was merged into it by {who}: its votes, comments and "
                       "authors moved along. If you disagree, ask a studio leader to undo the merge."),
    "merge_undone": ("“{m}”与“{s}”的合并已由{who}撤销，你的项目恢复为独立项目。",
                     "{who} undid the merge of '{m}' into '{s}': your project stands on its own again."),
}
SUFFIX = {"project_status": ("。理由：{reason}", ". Reason: {reason}"),
          "incubation_status": ("。理由：{reason}", ". Reason: {reason}"),
          "call_accepted": ("说明：{reason}", " Note: {reason}"), "call_declined": ("说明：{reason}", " Note: {reason}")}
STATUSES = {"draft": ("草稿", "Draft"), "submitted": ("已提交", "Submitted"), "under_review": ("评审中", "Under review"),
            "adopted": ("已采纳", "Adopted"), "not_adopted": ("未采纳", "Not adopted"),
            "in_progress": ("攻关中", "In progress"), "completed": ("已完成", "Completed"),
            "incubating": ("孵化中", "Incubating"), "promoted": ("已推广", "Promoted")}
REQUEST_STATUSES = {"draft": ("草稿", "Draft"), "submitted": ("已提交", "Submitted"), "accepted": ("已受理", "Accepted"),
                    "declined": ("未受理", "Declined"), "in_progress": ("实施中", "In progress"),
                    "delivered": ("已交付", "Delivered"), "closed": ("已结项", "Closed")}
CODES = {"project_status": STATUSES, "incubation_status": REQUEST_STATUSES}
MILESTONE_NOTES = {"已完成": "done", "done": "done", "新附件": "files", "new attachment": "files"}


def _pattern(template: str, suffix: str | None) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    seen: set[str] = set()
    out = ""
    for i, p in enumerate(parts):
        if i % 2 == 0:
            out += re.escape(p)
        else:  # a name used twice ("{s}" in the merge notice) matches the same words again
            out += f"(?P={p})" if p in seen else f"(?P<{p}>.*?)"
            seen.add(p)
    if suffix:
        head, _, tail = suffix.partition("{reason}")
        out += f"(?:{re.escape(head)}(?P<reason>.*?){re.escape(tail)})?"
    return re.compile(f"^{out}$", re.S)


PATTERNS = [(code, _pattern(text, (SUFFIX.get(code) or (None, None))[lang]))
            for code, texts in TEMPLATES.items() for lang, text in enumerate(texts)]


def parse(message: str) -> tuple[str, dict[str, Any]] | None:
    """(code, params) for a sentence the program wrote, or None."""
    for code, pattern in PATTERNS:
        m = pattern.match(message or "")
        if m is None:
            continue
        params = {k: v for k, v in m.groupdict().items() if v is not None}
        vocab = CODES.get(code)
        if vocab is not None:
            by_label = {label: c for c, labels in vocab.items() for label in labels}
            if params.get("old") not in by_label or params.get("new") not in by_label:
                continue
            params["old"], params["new"] = by_label[params["old"]], by_label[params["new"]]
        if code == "milestone_update" and params.get("note") in MILESTONE_NOTES:
            kind = MILESTONE_NOTES[params.pop("note")]
            params.update(note="", done=kind == "done")
        return code, params
    return None


def upgrade() -> None:
    op.add_column("notifications", sa.Column("code", sa.String(length=40), nullable=True))
    op.add_column("notifications", sa.Column("params", sa.JSON(), nullable=True))
    notices = sa.table("notifications", sa.column("id", sa.String), sa.column("message", sa.Text),
                       sa.column("code", sa.String), sa.column("params", sa.JSON))
    conn = op.get_bind()
    for notice_id, message in conn.execute(sa.select(notices.c.id, notices.c.message)).all():
        found = parse(message)
        if found is not None:
            conn.execute(notices.update().where(notices.c.id == notice_id).values(code=found[0], params=found[1]))


def downgrade() -> None:
    op.drop_column("notifications", "params")
    op.drop_column("notifications", "code")
