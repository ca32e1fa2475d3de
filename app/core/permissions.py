"""Who may do what: checked inside the core, deny by default.

The UI hides what a person cannot do, but this is the check that counts.
"""
from __future__ import annotations

from app.core.actor import Actor
from app.core.errors import PermissionDenied
from app.core.i18n import t

ALL = frozenset({"worker", "leader", "base", "admin"})
STAFF = frozenset({"leader", "admin"})

# Permission → roles that hold it everywhere. Project-scoped permissions are refined in
# `check_project` (leaders: own studio; owners: own projects).
GRANTS: dict[str, frozenset[str]] = {
    "project.view": ALL,
    "project.propose": ALL,
    "project.edit": STAFF,
    "project.delete": frozenset({"admin"}),
    "project.merge": STAFF,
    "comment.add": ALL,
    "vote.cast": ALL,
    "review.score": STAFF,
    "review.view_private": STAFF,
    "attachment.add": STAFF,
    # The organisation (issue 12): admins everything; a studio leader their own studio (LEADER_OWN_STUDIO).
    "user.manage": frozenset({"admin"}),      # accounts: create, name, number, unit, role, password, deactivate
    "studio.manage": frozenset({"admin"}),    # create a studio; its name, level, unit, leader, funds
    "unit.manage": frozenset({"admin"}),
    "studio.profile": frozenset({"admin"}),   # founded, premises, logo
    "studio.settings": frozenset({"admin"}),  # rubric, answer templates, warning thresholds
    "studio.members": frozenset({"admin"}),   # who belongs to the studio
    "person.profile": frozenset({"admin"}),   # skill grade, specialty, honours
    "data.import": STAFF,
    "data.export": STAFF | {"base"},
    "data.backup": frozenset({"admin"}),
    "data.demo": frozenset({"admin"}),
    # Synchronising with the hub: anyone may sync the computer they work on; the hub re-checks
    # every change and sends only what the site's people may see (issue 10).
    "sync.hub": ALL,
    "sync.resolve": STAFF,
    # Teams and incubation (issue 5). Team leaders who are workers manage their own team: see app/core/teams.py.
    "team.manage": STAFF,
    "call.post": STAFF,
    "call.apply": ALL,
    "alliance.join": ALL,
    "incubation.request": STAFF,
    "incubation.decide": frozenset({"base", "admin"}),
    "incubation.work": frozenset({"base", "admin"}),
    "warnings.view": STAFF | {"base"},
    # Sites and exchange packages (issue 10): a package carries everything the receiving site may see.
    "site.manage": frozenset({"admin"}),
    "sync.package": frozenset({"admin"}),
}

# Permissions an owner (proposer or co-author) holds on their own project in addition. A worker
# commissions the incubation base for their own adopted project ("职工或创新工作室直接委托孵化基地").
OWNER_GRANTS = frozenset({"project.edit", "attachment.add", "incubation.request"})

# Permissions a studio leader holds on their own studio (and its people) in addition.
LEADER_OWN_STUDIO = frozenset({"studio.profile", "studio.settings", "studio.members", "person.profile"})

_NAMES = {
    "project.edit": ("修改此项目", "edit this project"),
    "project.delete": ("删除项目", "delete projects"),
    "project.merge": ("合并项目", "merge projects"),
    "review.score": ("评审项目", "review projects"),
    "user.manage": ("管理用户", "manage users"),
    "studio.manage": ("管理工作室", "manage studios"),
    "unit.manage": ("管理单位", "manage units"),
    "studio.profile": ("修改工作室资料", "change this studio's details"),
    "studio.settings": ("修改工作室设置", "change this studio's settings"),
    "studio.members": ("调整工作室成员", "change who belongs to this studio"),
    "person.profile": ("修改人员资料", "change this person's details"),
    "data.import": ("导入数据", "import data"),
    "data.export": ("导出数据", "export data"),
    "data.backup": ("备份数据库", "back up the database"),
    "data.demo": ("生成演示数据", "generate demo data"),
    "sync.hub": ("与中心库同步", "synchronise with the hub"),
    "sync.resolve": ("处理同步冲突", "resolve synchronisation conflicts"),
    "attachment.add": ("添加附件", "add attachments"),
    "team.manage": ("管理团队", "manage teams"),
    "call.post": ("发布揭榜挂帅", "post open calls"),
    "call.apply": ("揭榜", "apply to open calls"),
    "alliance.join": ("加入创客联盟", "join the maker alliance"),
    "incubation.request": ("提出孵化委托", "file incubation requests"),
    "incubation.decide": ("受理孵化委托", "decide on incubation requests"),
    "incubation.work": ("办理孵化委托", "work on incubation requests"),
    "warnings.view": ("查看预警", "see warnings"),
    "site.manage": ("管理站点与信任", "manage sites and trust"),
    "sync.package": ("导出或导入交换包", "export or import exchange packages"),
}


def denied(actor: Actor, what: str) -> PermissionDenied:
    zh, en = _NAMES.get(what, (what, what))
    return PermissionDenied(t("{name}（{no}）没有权限{what}。如需办理，请联系工作室领衔人或管理员。",
                              "{name} ({no}) is not allowed to {what_en}. Ask a studio leader or an administrator.",
                              name=actor.name, no=actor.employee_no, what=zh, what_en=en))


def can(actor: Actor, permission: str) -> bool:
    return actor.role in GRANTS.get(permission, frozenset())


def check(actor: Actor, permission: str) -> None:
    if not can(actor, permission):
        raise denied(actor, permission)


def can_on_studio(actor: Actor, permission: str, studio_id: str | None) -> bool:
    """Admins on every studio; a leader on their own studio for LEADER_OWN_STUDIO."""
    if can(actor, permission):
        return True
    return (permission in LEADER_OWN_STUDIO and actor.role == "leader" and studio_id is not None
            and studio_id == actor.studio_id)


def check_studio(actor: Actor, permission: str, studio_id: str | None) -> None:
    if not can_on_studio(actor, permission, studio_id):
        raise denied(actor, permission)


def is_owner(actor: Actor, proposer_id: str | None, member_ids: set[str]) -> bool:
    return actor.id == proposer_id or actor.id in member_ids


def leads_studio_of(actor: Actor, studio_id: str | None) -> bool:
    """A leader acts on projects of their own studio, and on projects that belong to no studio."""
    return actor.role == "admin" or (actor.role == "leader" and (studio_id is None or studio_id == actor.studio_id))


def can_on_project(actor: Actor, permission: str, *, studio_id: str | None, proposer_id: str | None,
                   member_ids: set[str]) -> bool:
    if permission in OWNER_GRANTS and is_owner(actor, proposer_id, member_ids):
        return True
    if not can(actor, permission):
        return False
    if actor.role == "leader":
        return leads_studio_of(actor, studio_id)
    return True


def check_project(actor: Actor, permission: str, *, studio_id: str | None, proposer_id: str | None,
                  member_ids: set[str]) -> None:
    if not can_on_project(actor, permission, studio_id=studio_id, proposer_id=proposer_id, member_ids=member_ids):
        raise denied(actor, permission)


def may_see(actor: Actor, *, confidentiality: str, studio_id: str | None, proposer_id: str | None,
            member_ids: set[str], status: str | None = None) -> bool:
    """Drafts (草稿) are private to their authors, whoever else asks; secret (秘密) projects are
    shown only to their authors, the leader of their studio and admins; everything else is open to
    every signed-in person (the point of the idea bank). queries.visible_to is the SQL form."""
    if is_owner(actor, proposer_id, member_ids):
        return True
    if status == "draft":
        return False
    if confidentiality != "secret" or actor.role == "admin":
        return True
    return actor.role == "leader" and studio_id is not None and studio_id == actor.studio_id


def draft_denied(actor: Actor) -> PermissionDenied:
    return PermissionDenied(t("这是别人的草稿，提交之前只有作者和合作者可以查看。（{name}，{no}）",
                              "This is someone else's draft: until it is submitted only its authors may see it. "
                              "({name}, {no})", name=actor.name, no=actor.employee_no))


def secret_denied(actor: Actor) -> PermissionDenied:
    return PermissionDenied(t("这是秘密级项目，只有作者、其工作室领衔人和管理员可以查看。（{name}，{no}）",
                              "This project is secret: only its authors, its studio's leader and administrators "
                              "may see it. ({name}, {no})", name=actor.name, no=actor.employee_no))
