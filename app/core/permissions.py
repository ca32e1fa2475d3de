"""Who may do what with which record: one table, checked inside the core, deny by default.

`TABLE` maps every use case ("aggregate.action") to its name and the rules that allow it. A rule
names *who* — roles, and relations a person has to the record — and, optionally, the *states* of
the record in which it holds; `unless` names relations that exclude a person all the same. Any
one matching rule allows the use case. A use case that is not in the table is refused.

    "project.edit": use("修改此项目", "edit this project",
                        who(ADMIN, STUDIO_LEADER, UNASSIGNED_LEADER),
                        who(OWNER, states=EDITABLE_BY_OWNER)),

reads: administrators and the leader of the project's studio may edit it in any state; its
proposer and co-authors only while it is a draft or not adopted.

Who:
    roles       WORKER, LEADER, BASE, ADMIN: anyone holding the role (EVERYONE: all four)
    STUDIO_LEADER       a leader whose studio is the record's studio
    UNASSIGNED_LEADER   any leader, for a record that belongs to no studio (projects only)
    relations   OWNER, PROPOSER, TEAM_LEADER, TEAM_MEMBER, POSTER, REQUESTER, CONCERNED: the person is
                in the record's `Subject.related` under that name (the aggregate's subject function
                below fills it in; a new relation is a new name there and here)

States: lifecycle use cases ("project.adopt", "incubation.accept": the actions in lifecycle.py)
also need the record in one of the action's source states; the rule need not repeat them.

Asking: the core's use cases call `check(actor, use_case, subject)`; the window and the CLI ask
one function per aggregate — `for_project`, `for_team`, `for_call`, `for_request`, `for_studio`,
`for_warning`, `for_target` — which answer every use case of that record at once as `Verdicts` (allowed, and
if not, a sentence saying why, for tooltips). `could(actor, use_case)` tells whether the person's
role could ever be allowed (hide the button) as opposed to not for this record (disable it, with
the reason). Use cases without a record (user.manage, data.backup…) are asked with `can`.

Adding a rule: a row (or a `who(...)` in a row) here, and its expected outcome in
tests/core/test_permission_table.py, which runs every use case of this table for every kind of
person and every state against the core itself.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.core.actor import Actor
from app.core.errors import InvalidTransition, PermissionDenied
from app.core.i18n import t
from app.core.lifecycle import (
    CALL_STATES,
    EDITABLE_BY_OWNER,
    MACHINES,
    MILESTONE_OPEN,
    REQUEST_STATUSES,
    TASK_STATES,
    not_from,
)
from app.core.vocab import STATUSES

# -- who -------------------------------------------------------------------------------------------
WORKER, LEADER, BASE, ADMIN = "worker", "leader", "base", "admin"
EVERYONE = (WORKER, LEADER, BASE, ADMIN)
STUDIO_LEADER = "studio_leader"
UNASSIGNED_LEADER = "unassigned_leader"
OWNER = "owner"            # a project's proposer or co-author
PROPOSER = "proposer"      # a project's proposer
TEAM_LEADER = "team_leader"
TEAM_MEMBER = "team_member"  # a current member of the team
POSTER = "poster"          # who posted an open call
REQUESTER = "requester"    # who filed an incubation request
CONCERNED = "concerned"    # the people a warning is about (their request, call or project)
SENDER = "sender"          # who dispatched a task (一键下达)
RESPONSIBLE = "responsible"  # the person named responsible for a unit of a dispatched task

LEADERS = (STUDIO_LEADER, UNASSIGNED_LEADER)  # "the leader of this project's studio"

_WHO_NAMES: dict[str, tuple[str, str]] = {
    WORKER: ("职工", "workers"), LEADER: ("工作室领衔人", "studio leaders"), BASE: ("孵化基地", "the incubation base"),
    ADMIN: ("管理员", "administrators"), STUDIO_LEADER: ("所属工作室的领衔人", "the leader of its studio"),
    OWNER: ("作者", "its authors"), PROPOSER: ("提出人", "its proposer"), TEAM_LEADER: ("团队负责人", "the team's leader"),
    TEAM_MEMBER: ("团队成员", "the team's members"), POSTER: ("发榜人", "the poster"),
    REQUESTER: ("委托人", "the requester"), CONCERNED: ("相关人员", "the people concerned"),
    SENDER: ("下达人", "its sender"), RESPONSIBLE: ("单位责任人", "the unit's responsible person"),
}


@dataclass(frozen=True)
class Rule:
    who: frozenset[str]
    states: frozenset[str] | None = None  # None: in any state
    unless: frozenset[str] = frozenset()


@dataclass(frozen=True)
class UseCase:
    zh: str  # "修改此项目": completes "没有权限…" / "may not …"
    en: str
    rules: tuple[Rule, ...]


def who(*holders: str, states: Iterable[str] | None = None, unless: Iterable[str] = ()) -> Rule:
    return Rule(frozenset(holders), frozenset(states) if states is not None else None, frozenset(unless))


def use(zh: str, en: str, *rules: Rule) -> UseCase:
    return UseCase(zh, en, rules)


# -- the table -------------------------------------------------------------------------------------
TABLE: dict[str, UseCase] = {
    # projects (subject: the project; for_project)
    "project.propose": use("提出创意", "propose ideas", who(*EVERYONE)),
    "project.view_secret": use("查看秘密级项目", "see this secret project", who(ADMIN, OWNER, STUDIO_LEADER)),
    # A draft is private to its proposer and co-authors, whoever else asks: no other use case of a
    # project is open to anyone else while it is a draft (see `verdict`).
    "project.view_draft": use("查看此草稿", "see this draft", who(OWNER)),
    "project.edit": use("修改此项目", "edit this project", who(ADMIN, *LEADERS), who(OWNER, states=EDITABLE_BY_OWNER)),
    "project.delete": use("删除此项目", "delete this project", who(ADMIN), who(PROPOSER, states={"draft"})),
    "project.merge": use("合并此项目", "merge this project", who(ADMIN, *LEADERS)),
    "project.undo_merge": use("撤销此项目的合并", "undo this project's merge", who(ADMIN, *LEADERS)),
    "project.review": use("评审此项目", "review this project", who(ADMIN, *LEADERS)),
    "project.read_private_notes": use("查看评审内部意见", "read reviewers' private notes", who(ADMIN, *LEADERS)),
    "project.confirm_kiosk": use("确认自助终端提案", "confirm kiosk proposals", who(ADMIN, *LEADERS)),
    "project.attach": use("为此项目添加附件", "add attachments to this project", who(ADMIN, *LEADERS, OWNER)),
    "project.comment": use("评论", "comment", who(*EVERYONE)),
    "project.ask_to_join": use("申请加入此项目", "ask to join this project", who(*EVERYONE, unless={OWNER})),
    "project.add_co_author": use("为此项目添加合作者", "add co-authors to this project", who(ADMIN, *LEADERS, PROPOSER)),
    "project.vote": use("点赞", "vote", who(*EVERYONE)),
    "project.export_dossier": use("导出此项目的成果档案", "export this project's dossier", who(ADMIN, BASE, *LEADERS, OWNER)),
    # Workers or studios commission the incubation base directly (职工或创新工作室直接委托孵化基地).
    "project.request_incubation": use("为此项目申请孵化", "request incubation for this project",
                                      who(ADMIN, *LEADERS, OWNER, states={"adopted", "completed"})),
    # the project lifecycle (states: lifecycle.TRANSITIONS)
    "project.submit": use("提交此项目", "submit this project", who(ADMIN, *LEADERS, OWNER)),
    "project.withdraw": use("撤回此项目", "withdraw this project", who(ADMIN, OWNER)),
    "project.start_review": use("开始评审", "start the review", who(ADMIN, *LEADERS)),
    "project.adopt": use("采纳此项目", "adopt this project", who(ADMIN, *LEADERS)),
    "project.not_adopt": use("不采纳此项目", "decline this project", who(ADMIN, *LEADERS)),
    "project.revise": use("修改后重新提交", "revise this project", who(ADMIN, *LEADERS, OWNER)),
    "project.start_work": use("开始攻关", "start work on this project", who(ADMIN, *LEADERS, OWNER)),
    "project.complete": use("完成此项目", "complete this project", who(ADMIN, *LEADERS)),
    "project.incubate": use("使此项目进入孵化", "move this project into incubation", who(ADMIN, BASE, *LEADERS)),
    "project.promote": use("推广此项目", "promote this project", who(ADMIN, BASE)),
    # merit competitions (立功竞赛): entering a project in a campaign, or taking it out
    "project.enter_campaign": use("让此项目参加立功竞赛", "enter this project in a campaign", who(ADMIN, *LEADERS, OWNER)),

    # studios (subject: the studio; None means the whole site; for_studio)
    "studio.create_team": use("为此工作室组建团队", "form teams for this studio", who(ADMIN, STUDIO_LEADER, UNASSIGNED_LEADER)),
    "studio.export_batch": use("批量导出此工作室的成果档案和年度报告", "export this studio's dossiers and annual report",
                               who(ADMIN, BASE, STUDIO_LEADER)),
    "studio.import": use("导入此工作室的项目", "import projects into this studio", who(ADMIN, STUDIO_LEADER, UNASSIGNED_LEADER)),
    "studio.configure_warnings": use("修改预警设置", "change the warning settings", who(ADMIN, STUDIO_LEADER)),
    # The organisation (issue 12): admins everything; a studio's leader their own studio and its people.
    "studio.edit_profile": use("修改此工作室的成立日期、场地和标志", "change this studio's founding date, premises and logo",
                               who(ADMIN, STUDIO_LEADER)),
    "studio.configure": use("修改此工作室的评审细则和答复模板", "change this studio's rubric and answer templates",
                            who(ADMIN, STUDIO_LEADER)),
    "studio.manage_members": use("调整此工作室的成员", "change who belongs to this studio", who(ADMIN, STUDIO_LEADER)),
    "studio.edit_people": use("修改此工作室人员的技能等级、专长和荣誉",
                              "change the skill grade, specialty and honours of this studio's people",
                              who(ADMIN, STUDIO_LEADER)),
    # The studio ledger (台账, issue 11): its leader keeps it; staff and the base read and export it.
    "studio.keep_ledger": use("记录此工作室的台账", "keep this studio's ledger", who(ADMIN, STUDIO_LEADER)),
    "studio.export_ledger": use("查看和导出工作室台账", "see and export studio ledgers", who(ADMIN, BASE, LEADER)),

    # teams (subject: the team; for_team)
    "team.manage": use("管理此团队", "manage this team", who(ADMIN, TEAM_LEADER, STUDIO_LEADER)),
    "team.log_activity": use("记录团队活动", "log this team's activity", who(ADMIN, TEAM_LEADER, STUDIO_LEADER, TEAM_MEMBER)),
    "team.post_call": use("为此团队发布揭榜挂帅", "post open calls for this team", who(ADMIN, TEAM_LEADER, STUDIO_LEADER)),

    # open calls (subject: the call, with the studio of its team; for_call)
    "call.post": use("发布揭榜挂帅", "post open calls", who(ADMIN, LEADER)),
    "call.apply": use("揭榜", "apply to this call", who(*EVERYONE, states={"open"}, unless={POSTER})),
    "call.decide": use("答复揭榜申请", "answer applications to this call", who(ADMIN, POSTER, TEAM_LEADER, STUDIO_LEADER)),
    "call.close": use("关闭此榜单", "close this call", who(ADMIN, POSTER, states={"open", "expired"})),
    "alliance.join": use("加入创客联盟", "join the maker alliance", who(*EVERYONE)),
    "alliance.enrol": use("为他人办理创客联盟", "enrol others in the maker alliance", who(ADMIN, LEADER)),

    # incubation requests (subject: the request; for_request; states: lifecycle.STEPS)
    "incubation.edit": use("修改此孵化委托", "edit this incubation request",
                           who(ADMIN, REQUESTER, STUDIO_LEADER, states={"draft"})),
    "incubation.submit": use("提交此孵化委托", "submit this request", who(ADMIN, REQUESTER, STUDIO_LEADER)),
    "incubation.withdraw": use("撤回此孵化委托", "withdraw this request", who(ADMIN, REQUESTER, STUDIO_LEADER)),
    "incubation.revise": use("修改后重新提交此孵化委托", "revise this request", who(ADMIN, REQUESTER, STUDIO_LEADER)),
    "incubation.accept": use("受理孵化委托", "accept incubation requests", who(ADMIN, BASE)),
    "incubation.decline": use("不予受理孵化委托", "decline incubation requests", who(ADMIN, BASE)),
    "incubation.start": use("开始实施孵化委托", "start incubation work", who(ADMIN, BASE)),
    "incubation.deliver": use("交付孵化委托", "deliver incubation work", who(ADMIN, BASE)),
    # Delivering while a milestone is still open needs the word of the studio's leader first.
    "incubation.confirm_delivery": use("确认里程碑未完成时交付", "confirm delivery while milestones are open",
                                       who(ADMIN, STUDIO_LEADER, states={"in_progress"})),
    "incubation.close": use("结项孵化委托", "close incubation requests", who(ADMIN, BASE)),
    "incubation.report_progress": use("更新里程碑", "report progress on milestones",
                                      who(ADMIN, BASE, REQUESTER, STUDIO_LEADER, states=MILESTONE_OPEN)),

    # dispatched tasks (一键下达; subject: one unit of a task, its state the unit's; for_target)
    "task.send": use("一键下达任务或通知", "dispatch tasks and notices", who(ADMIN, LEADER)),
    "task.view": use("查看此任务", "see this task", who(ADMIN, SENDER, RESPONSIBLE)),
    # the steps on one unit (states: lifecycle.TASK_STEPS)
    "task.report": use("反馈此任务的进展", "report on this task", who(RESPONSIBLE)),
    "task.remind": use("催办此单位", "remind this unit", who(ADMIN, SENDER)),
    "task.accept": use("验收此单位的反馈", "accept this unit's report", who(ADMIN, SENDER)),
    "task.return": use("退回此单位的反馈", "return this unit's report", who(ADMIN, SENDER)),

    # warnings (subject: one warning; for_warning)
    "warning.view": use("查看此预警", "see this warning", who(ADMIN, BASE, STUDIO_LEADER, CONCERNED)),

    # the site (no record: can)
    "campaign.manage": use("设置立功竞赛", "set up merit competitions", who(ADMIN)),
    "campaign.export": use("导出立功竞赛结果", "export campaign results", who(ADMIN, LEADER)),
    "sync.hub": use("与中心库同步", "synchronise with the hub", who(*EVERYONE)),  # the hub re-checks every change
    # what synchronisation could not settle: leaders their studio's (subject: the project's studio), admins all
    "sync.resolve": use("处理同步冲突", "resolve synchronisation conflicts", who(ADMIN, STUDIO_LEADER, UNASSIGNED_LEADER)),
    "sync.package": use("导出或导入交换包", "export or import exchange packages", who(ADMIN)),
    "site.manage": use("管理站点与信任", "manage sites and trust", who(ADMIN)),
    "user.manage": use("管理用户", "manage users", who(ADMIN)),  # accounts: number, name, unit, role, password
    "studio.manage": use("管理工作室", "manage studios", who(ADMIN)),  # add; name, level, unit, leader, funds
    "unit.manage": use("管理单位", "manage units", who(ADMIN)),
    "site.settings": use("修改全站设置", "change the site's settings", who(ADMIN)),
    "data.import": use("导入数据", "import data", who(ADMIN, LEADER)),
    "data.export": use("导出数据", "export data", who(ADMIN, LEADER, BASE)),
    "data.backup": use("备份数据库", "back up the database", who(ADMIN)),
    "data.demo": use("生成演示数据", "generate demo data", who(ADMIN)),
}


# -- the record a question is about ----------------------------------------------------------------
@dataclass(frozen=True)
class Subject:
    """What the rules need to know of one record: its state, its studio and who relates to it how."""
    state: str | None = None
    studio_id: str | None = None
    related: Mapping[str, frozenset[str]] = field(default_factory=dict)
    labels: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # state names, for reasons


NO_RECORD = Subject()


def _ids(*values: str | None) -> frozenset[str]:
    return frozenset(v for v in values if v)


def project_subject(p: Any) -> Subject:
    """A project row (or anything with status, studio_id, proposer_id and members)."""
    return project_facts(p.status, p.studio_id, p.proposer_id, (m.user_id for m in p.members))


def project_facts(status: str | None, studio_id: str | None, proposer_id: str | None,
                  member_ids: Iterable[str]) -> Subject:
    """A project known by its values (a row of another site, during sync)."""
    return Subject(status, studio_id, {OWNER: _ids(proposer_id, *member_ids), PROPOSER: _ids(proposer_id)}, STATUSES)


def team_subject(team: Any) -> Subject:
    current = _ids(*(m.user_id for m in team.members if m.left_on is None))
    return Subject(None, team.studio_id, {TEAM_LEADER: _ids(team.leader_id), TEAM_MEMBER: current})


def call_subject(call: Any, team: Any | None, state: str) -> Subject:
    """An open call; `state` is open, expired or closed (teams.call_state). A call posted for a team
    belongs to that team's studio, so the team's managers answer it too."""
    return Subject(state, team.studio_id if team is not None else None,
                   {POSTER: _ids(call.poster_id), TEAM_LEADER: _ids(team.leader_id if team is not None else None)},
                   CALL_STATES)


def request_subject(req: Any) -> Subject:
    return Subject(req.status, req.studio_id, {REQUESTER: _ids(req.requester_id)}, REQUEST_STATUSES)


def studio_subject(studio_id: str | None) -> Subject:
    return Subject(None, studio_id)


def target_subject(task: Any, target: Any) -> Subject:
    """One unit of a dispatched task: its state, its responsible person and the task's sender."""
    return Subject(target.state, None, {SENDER: _ids(task.sender_id), RESPONSIBLE: _ids(target.responsible_id)},
                   TASK_STATES)


def task_subject(task: Any) -> Subject:
    """A dispatched task as a whole (seeing it): its sender and every unit's responsible person."""
    return Subject(None, None, {SENDER: _ids(task.sender_id),
                                RESPONSIBLE: _ids(*(t.responsible_id for t in task.targets))})


def warning_subject(studio_id: str | None, concerned: Iterable[str]) -> Subject:
    return Subject(None, studio_id, {CONCERNED: _ids(*concerned)})


# -- answering -------------------------------------------------------------------------------------
def _holds(actor: Actor, holder: str, subject: Subject) -> bool:
    if holder in EVERYONE:
        return actor.role == holder
    if holder == STUDIO_LEADER:
        return actor.role == LEADER and subject.studio_id is not None and subject.studio_id == actor.studio_id
    if holder == UNASSIGNED_LEADER:
        return actor.role == LEADER and subject.studio_id is None
    return actor.id in subject.related.get(holder, frozenset())


def _matches(actor: Actor, rule: Rule, subject: Subject) -> bool:
    return any(_holds(actor, h, subject) for h in rule.who) and not any(_holds(actor, h, subject) for h in rule.unless)


def _machine_step(use_case: str) -> tuple[Any, Any] | None:
    aggregate, _, action = use_case.partition(".")
    machine = MACHINES.get(aggregate)
    if machine is None or action not in machine[0]:
        return None
    return machine[0][action], machine[1]


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str = ""  # why not, in a sentence a person can act on ("" when allowed)
    by_state: bool = False  # refused because of the record's state (the person could, at another time)
    offer: bool = True  # show it at all: allowed, refused by state, or the person's role does it elsewhere
    #                     (then disabled, with the reason); hidden when it was never theirs to take


def verdict(actor: Actor, use_case: str, subject: Subject = NO_RECORD) -> Verdict:
    """May `actor` take `use_case` on the record described by `subject`, and if not, why not."""
    uc = TABLE.get(use_case)
    if uc is None:
        return Verdict(False, t("未知操作：{u}", "Unknown action: {u}", u=use_case), offer=False)
    if _draft_blocks(actor, use_case, subject):
        return Verdict(False, _draft_reason(), offer=False)
    people = [r for r in uc.rules if _matches(actor, r, subject)]
    if not people:
        excluded = [h for r in uc.rules for h in r.unless if _holds(actor, h, subject)]
        if excluded:
            zh, en = _WHO_NAMES.get(excluded[0], (excluded[0], excluded[0]))
            return Verdict(False, t("{w}不能{what}。", "As {w_en} you cannot {what_en}.", w=zh, w_en=en,
                                    what=uc.zh, what_en=uc.en), offer=False)
        return Verdict(False, _who_may(uc), offer=could(actor, use_case))
    step = _machine_step(use_case)
    if step is not None and subject.state is not None and subject.state not in step[0].sources:
        # not a step from this state at all: nothing to offer
        return Verdict(False, not_from(step[1], step[0], subject.state, t("此记录", "This record")),
                       by_state=True, offer=False)
    if any(r.states is None or subject.state in r.states for r in people):
        return Verdict(True)
    states = sorted({s for r in people for s in (r.states or ())})  # the right person, at the wrong time
    names = "、".join(_state_name(subject, s, "zh") for s in states)
    names_en = ", ".join(_state_name(subject, s, "en") for s in states)
    return Verdict(False, t("只有在“{s}”状态时才能{what}。", "You may {what_en} only while it is {s_en}.",
                            s=names, what=uc.zh, s_en=names_en, what_en=uc.en), by_state=True)


def _draft_blocks(actor: Actor, use_case: str, subject: Subject) -> bool:
    """Someone else's draft: no use case of it is open to this person."""
    return (subject.state == "draft" and use_case.startswith("project.") and use_case != "project.view_draft"
            and not _matches(actor, TABLE["project.view_draft"].rules[0], subject))


def _draft_reason() -> str:
    return t("这是别人的草稿：提交之前只有作者和合作者可以查看和处理。",
             "This is someone else's draft: until it is submitted only its authors may see or act on it.")


def _state_name(subject: Subject, state: str, lang: str) -> str:
    names = subject.labels.get(state)
    return (names[0] if lang == "zh" else names[1]) if names else state


def _holders(uc: UseCase) -> tuple[str, str]:
    """"管理员或孵化基地" / "administrators or the incubation base": who the rules name."""
    names = [_WHO_NAMES[h] for h in dict.fromkeys(h for r in uc.rules for h in sorted(r.who)) if h in _WHO_NAMES]
    return _join([zh for zh, _ in names], "、", "或"), _join([en for _, en in names], ", ", " or ")


def _join(words: list[str], sep: str, last: str) -> str:
    return words[0] if len(words) < 2 else sep.join(words[:-1]) + last + words[-1]


def _who_may(uc: UseCase) -> str:
    zh, en = _holders(uc)
    return t("只有{w}可以{what}。", "Only {w_en} may {what_en}.", w=zh, what=uc.zh, w_en=en, what_en=uc.en)


def use_case_name(use_case: str) -> str:
    """"修改此项目" / "edit this project": the use case as a person reads it."""
    uc = TABLE.get(use_case)
    return t(uc.zh, uc.en) if uc else use_case


def allowed(actor: Actor, use_case: str, subject: Subject = NO_RECORD) -> bool:
    return verdict(actor, use_case, subject).allowed


def check(actor: Actor, use_case: str, subject: Subject = NO_RECORD) -> None:
    """Raise PermissionDenied (or InvalidTransition, for a lifecycle step from the wrong state)
    unless `actor` may take `use_case` on this record."""
    v = verdict(actor, use_case, subject)
    if v.allowed:
        return
    if _draft_blocks(actor, use_case, subject):
        raise draft_denied(actor)
    if v.by_state and _machine_step(use_case) is not None:
        raise InvalidTransition(v.reason)
    if v.by_state or use_case not in TABLE:
        raise PermissionDenied(t("{name}（{no}）：{why}", "{name} ({no}): {why}", name=actor.name,
                                 no=actor.employee_no, why=v.reason))
    raise denied(actor, use_case)


def can(actor: Actor, use_case: str) -> bool:
    """A use case without a record (user.manage, data.backup, project.propose…)."""
    return allowed(actor, use_case)


def could(actor: Actor, use_case: str) -> bool:
    """Does this person's role take `use_case` on some records (a leader: on their studio's)?
    Relations (author, poster…) do not count: they hold for particular records only."""
    uc = TABLE.get(use_case)
    return uc is not None and any(h == actor.role or (h in LEADERS and actor.role == LEADER)
                                  for rule in uc.rules for h in rule.who)


def roles_for(use_case: str) -> frozenset[str]:
    """The roles that could take `use_case` on some record (menus hide it from the others)."""
    uc = TABLE.get(use_case)
    holders = {h for rule in (uc.rules if uc else ()) for h in rule.who}
    return frozenset(h for h in EVERYONE if h in holders) | (frozenset({LEADER}) if holders & set(LEADERS) else frozenset())


def denied(actor: Actor, use_case: str) -> PermissionDenied:
    """The refusal of a use case the person's role does not allow (no record involved)."""
    uc = TABLE.get(use_case) or UseCase(use_case, use_case, ())
    zh, en = _holders(uc)
    return PermissionDenied(t("{name}（{no}）没有权限{what}：只有{w}可以。", "{name} ({no}) may not {what_en}: only {w_en} may.",
                              name=actor.name, no=actor.employee_no, what=uc.zh, what_en=uc.en, w=zh, w_en=en))


# -- one answer per aggregate: every use case of this record at once --------------------------------
class Verdicts(dict[str, Verdict]):
    """Use case (without the aggregate prefix) → Verdict, for one actor and one record."""

    def may(self, action: str) -> bool:
        v = self.get(action)
        return v is not None and v.allowed

    def why(self, action: str) -> str:
        v = self.get(action)
        return "" if v is None or v.allowed else v.reason

    def offer(self, action: str) -> bool:
        v = self.get(action)
        return v is not None and v.offer

    def allowed_names(self) -> list[str]:
        return [a for a, v in self.items() if v.allowed]


def _answers(actor: Actor, prefix: str, subject: Subject) -> Verdicts:
    return Verdicts({name.partition(".")[2]: verdict(actor, name, subject)
                     for name in TABLE if name.startswith(prefix + ".")})


def for_project(actor: Actor, project: Any) -> Verdicts:
    return _answers(actor, "project", project_subject(project))


def for_team(actor: Actor, team: Any) -> Verdicts:
    return _answers(actor, "team", team_subject(team))


def for_call(actor: Actor, call: Any, team: Any | None, state: str) -> Verdicts:
    return _answers(actor, "call", call_subject(call, team, state))


def for_request(actor: Actor, req: Any) -> Verdicts:
    return _answers(actor, "incubation", request_subject(req))


def for_studio(actor: Actor, studio_id: str | None) -> Verdicts:
    return _answers(actor, "studio", studio_subject(studio_id))


def for_target(actor: Actor, task: Any, target: Any) -> Verdicts:
    return _answers(actor, "task", target_subject(task, target))


def for_warning(actor: Actor, studio_id: str | None, concerned: Iterable[str]) -> Verdicts:
    return _answers(actor, "warning", warning_subject(studio_id, concerned))


# -- secret projects -------------------------------------------------------------------------------
def may_see(actor: Actor, *, confidentiality: str, studio_id: str | None, proposer_id: str | None,
            member_ids: set[str], status: str | None = None) -> bool:
    """Drafts are shown only to those `project.view_draft` names (their authors); secret (秘密)
    projects only to those `project.view_secret` names; everything else is open to every signed-in
    person (the point of the idea bank). queries.visible_to is the SQL form of the same rule."""
    subject = Subject(status, studio_id, {OWNER: _ids(proposer_id, *member_ids)})
    if status == "draft" and not allowed(actor, "project.view_draft", subject):
        return False
    if confidentiality != "secret":
        return True
    return allowed(actor, "project.view_secret", Subject(None, studio_id, subject.related))


def draft_denied(actor: Actor) -> PermissionDenied:
    return PermissionDenied(t("{name}（{no}）：{why}", "{name} ({no}): {why}", name=actor.name, no=actor.employee_no,
                              why=_draft_reason()))


def secret_denied(actor: Actor) -> PermissionDenied:
    return PermissionDenied(t("这是秘密级项目，只有作者、其工作室领衔人和管理员可以查看。（{name}，{no}）",
                              "This project is secret: only its authors, its studio's leader and administrators "
                              "may see it. ({name}, {no})", name=actor.name, no=actor.employee_no))
