"""Provisioning: `ideabank site join --hub URL` makes this data folder a replica of the hub.

A new folder becomes a new site: it gets a site id whose code (the four characters in project
numbers) no other site at the hub has, the person joining signs in against the hub, and the first
pull brings the organisation (units, studios, people), the projects that person may see (secret
ones only if they may) and their attachments. The site is then an ordinary one: `ideabank sync`.

An existing folder that joins (a database copied from another computer, refused by the hub as a
copy) takes a new id the same way and keeps its data: its rows are the same rows the original has,
so they merge; projects it numbered while it was a copy, whose numbers the original also gave out,
are renumbered with the new code before anything is sent.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.core import auth
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.errors import NotFound, PermissionDenied, StorageError
from app.core.i18n import t
from app.sync import hub as hub_sync
from app.sync.visibility import EVERYONE, site_consumer
from db.models import Project, Setting, SyncCursor
from db.sequence import save_cursor


@dataclass
class JoinReport:
    site_id: str
    site_code: str
    hub_site: str
    renumbered: int
    sync: hub_sync.SyncReport

    def as_json(self) -> dict[str, Any]:
        return {"site": {"id": self.site_id, "code": self.site_code}, "hub": self.hub_site,
                "renumbered": self.renumbered, "sync": self.sync.as_json()}


def codes_in_use(hub: Bank) -> set[str]:
    """Site codes the hub knows: its own and every site that ever synced with it."""
    with hub.session() as s:
        taken = {hub.site_code}
        for consumer, info in s.execute(select(SyncCursor.consumer, SyncCursor.info)
                                        .where(SyncCursor.consumer.like("site:%"))):
            taken.add(str((info or {}).get("code") or ""))
            taken.add(consumer.removeprefix("site:").replace("-", "")[-4:].upper())
    return taken


def new_site_id(taken: set[str]) -> str:
    """A UUIDv7 whose code is not taken (a handful of tries among 65,536 codes)."""
    from db.base import new_id

    while True:
        candidate = new_id()
        if candidate.replace("-", "")[-4:].upper() not in taken:
            return candidate


def sign_in_at_hub(hub: Bank, employee_no: str, password: str | None) -> Actor:
    """The person joining, checked against the hub's accounts (a wrong password counts there)."""
    if auth.needs_password(hub, employee_no):
        return hub.actor(employee_no)
    if password is None:
        raise PermissionDenied(t("加入中心库需要 {no} 的密码（--password-stdin 或环境变量 IDEABANK_PASSWORD）。",
                                 "Joining needs {no}'s password (--password-stdin or IDEABANK_PASSWORD).",
                                 no=employee_no))
    return auth.sign_in(hub, employee_no, password)


def _take_id(bank: Bank, site_id: str) -> None:
    with bank.write(stamp=False) as s:
        setting = s.get(Setting, "site_id")
        if setting is None:  # every bank records its id when it is made (Bank.site_id)
            raise StorageError(t("数据库缺少站点标识。", "The database has no site id."))
        setting.value = site_id
    bank.forget_site_id()


def _renumber(bank: Bank, hub: Bank, old_code: str) -> int:
    """Projects numbered with the old code that the hub knows under another id get new numbers."""
    from app.core.projects import next_number

    prefix_of: dict[str, tuple[str, Any]] = {}
    with bank.session() as s:
        for pid, number, created in s.execute(select(Project.id, Project.number, Project.created_at)
                                              .where(Project.number.like(f"%-{old_code}-%"))):
            prefix_of[number] = (pid, created)
    if not prefix_of:
        return 0
    with hub.session() as s:
        clashes = {number for number, pid in s.execute(select(Project.number, Project.id)
                                                      .where(Project.number.in_(list(prefix_of))))
                   if pid != prefix_of[number][0]}
    if not clashes:
        return 0
    with bank.write() as s:
        for number in sorted(clashes):
            pid, created = prefix_of[number]
            project = s.get(Project, pid)
            if project is None:
                raise NotFound(t("项目 {id} 已不存在。", "Project {id} no longer exists.", id=pid))
            project.number = next_number(s, bank, created.year)
    return len(clashes)


def join(bank: Bank, url: str, employee_no: str, password: str | None = None, *,
         name: str | None = None) -> JoinReport:
    """Make `bank` a site of the hub at `url` with an id of its own, then sync."""
    hub = hub_sync.open_hub(bank, url)
    try:
        person = sign_in_at_hub(hub, employee_no, password)
        old_code = bank.site_code
        site_id = new_site_id(codes_in_use(hub))
        _take_id(bank, site_id)
        if name:
            with bank.write(stamp=False) as s:
                row = s.get(Setting, "site_name")
                if row is None:
                    s.add(Setting(key="site_name", value=name))
                else:
                    row.value = name
        with hub.write(stamp=False) as s:  # the site and its person, before the first pull
            save_cursor(s, site_consumer(site_id), 0,
                        {"people": [EVERYONE if person.role == "admin" else person.id], "code": bank.site_code,
                         "machine": hub_sync.machine_fingerprint(bank), "name": name or ""}, when=hub.now())
        renumbered = _renumber(bank, hub, old_code)
    finally:
        hub.close()
    report = hub_sync.sync(bank, person, url)
    return JoinReport(bank.site_id, bank.site_code, report.hub_site, renumbered, report)


__all__ = ["join", "JoinReport", "new_site_id", "codes_in_use"]
