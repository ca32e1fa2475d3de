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
    "user.manage": frozenset({"admin"}),
    "studio.manage": frozenset({"admin"}),
    "unit.manage": frozenset({"admin"}),
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

# Permissions an owner (proposer or co-author) holds on their own project in addition.
OWNER_GRANTS = frozenset({"project.edit", "attachment.add"})

_NAMES = {
    "project.edit": ("修改此项目", "edit this project"),
    "project.delete": ("删除项目", "delete projects"),
    "project.merge": ("合并项目", "merge projects"),
    "review.score": ("评审项目", "review projects"),
    "user.manage": ("管理用户", "manage users"),
    "studio.manage": ("管理工作室", "manage studios"),
    "unit.manage": ("管理单位", "manage units"),
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
            member_ids: set[str]) -> bool:
    """Secret (秘密) projects are shown only to their authors, the leader of their studio and
    admins; everything else is open to every signed-in person (the point of the idea bank)."""
    if confidentiality != "secret" or actor.role == "admin":
        return True
    if is_owner(actor, proposer_id, member_ids):
        return True
    return actor.role == "leader" and studio_id is not None and studio_id == actor.studio_id


def secret_denied(actor: Actor) -> PermissionDenied:
    return PermissionDenied(t("这是秘密级项目，只有作者、其工作室领衔人和管理员可以查看。（{name}，{no}）",
                              "This project is secret: only its authors, its studio's leader and administrators "
                              "may see it. ({name}, {no})", name=actor.name, no=actor.employee_no))
