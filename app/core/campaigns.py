"""Merit competitions (立功竞赛): campaigns, their point rules, and the projects entered in them.

A campaign has a name (its theme's title), a theme, dates (days in the site's time zone, both
included), the units taking part (each with every unit below it; none: every unit) and point rules
(`DEFAULT_RULES`). Administrators set campaigns up; a project's authors, its studio's leader and
administrators enter it (`project.enter_campaign`), and a proposal can be made straight into one
(`projects.propose(..., data["campaign"])` calls `enter_in`). The points themselves, the
leaderboards and the ledger are in campaign_points.py.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.core import audit, sitetime
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.changes import Changes
from app.core.errors import Conflict, InvalidTransition, NotFound, ValidationError
from app.core.i18n import t
from app.core.permissions import check, project_subject
from app.core.teams import parse_date
from app.core.vocab import Labels
from db.models import Campaign, CampaignEntry, Project, Unit, User

# Points for each step a project reaches, for its measured benefit (the highest band reached, yuan
# per year), for each patent by kind and each award by level. "share": each author earns a
# project's points ("each"), or the authors share them equally ("split").
DEFAULT_RULES: dict[str, Any] = {
    "proposed": 1, "adopted": 3, "completed": 5,
    "benefit_bands": [[10000, 2], [100000, 5], [1000000, 10]],
    "patents": {"invention": 10, "utility": 5, "design": 3},
    "awards": {"national": 20, "provincial": 10, "company": 5, "unit": 2, "other": 2},
    "share": "each",
}
PATENT_KINDS: Labels = {"invention": ("发明专利", "Invention patent"), "utility": ("实用新型专利", "Utility model"),
                        "design": ("外观设计专利", "Design patent")}
AWARD_LEVELS: Labels = {"national": ("国家级奖", "National award"), "provincial": ("省级奖", "Provincial award"),
                        "company": ("公司级奖", "Company award"), "unit": ("单位级奖", "Unit award"),
                        "other": ("其他奖项", "Other award")}
RULES: Labels = {"proposed": ("提出", "Proposed"), "adopted": ("采纳", "Adopted"), "completed": ("完成", "Completed"),
                 "benefit": ("经济效益", "Benefit"), "patent": ("专利", "Patent"), "award": ("获奖", "Award")}
SHARES: Labels = {"each": ("每位作者各得全部积分", "each author earns all"),
                  "split": ("作者平分", "the authors share them")}
STATES: Labels = {"upcoming": ("未开始", "Not started"), "running": ("进行中", "Running"), "ended": ("已结束", "Ended")}
MAX_NAME, MAX_THEME, MAX_POINTS = 200, 2000, 10000


# -- rules ----------------------------------------------------------------------------------------
def _points(value: Any, what: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = -1.0
    if not 0 <= number <= MAX_POINTS:
        raise ValidationError(t("“{w}”的积分应为 0 到 {m} 之间的数（收到“{v}”）。",
                                "The points for '{w}' must be a number from 0 to {m} (got '{v}').", w=what, m=MAX_POINTS,
                                v=value))
    return int(number) if number == int(number) else number


def clean_rules(rules: dict[str, Any] | None) -> dict[str, Any]:
    """Rules as given, over the defaults, checked: points 0–10,000, bands by rising amount."""
    given = dict(rules or {})
    unknown = set(given) - set(DEFAULT_RULES)
    if unknown:
        raise ValidationError(t("未知的积分规则：{k}", "Unknown point rules: {k}", k=", ".join(sorted(unknown))))
    out: dict[str, Any] = {}
    for step in ("proposed", "adopted", "completed"):
        out[step] = _points(given.get(step, DEFAULT_RULES[step]), t(*RULES[step]))
    bands = []
    for band in given.get("benefit_bands", DEFAULT_RULES["benefit_bands"]) or []:
        try:
            amount, points = band
            amount = float(amount)
        except (TypeError, ValueError):
            raise ValidationError(t("效益档次应写作 [金额, 积分]。", "A benefit band is [amount, points].")) from None
        if amount <= 0:
            raise ValidationError(t("效益档次的金额应大于 0。", "A benefit band's amount must be above 0."))
        bands.append([int(amount) if amount == int(amount) else amount, _points(points, t(*RULES["benefit"]))])
    bands.sort()
    if len({a for a, _ in bands}) < len(bands):
        raise ValidationError(t("效益档次的金额不能重复。", "Two benefit bands have the same amount."))
    out["benefit_bands"] = bands
    for key, vocab in (("patents", PATENT_KINDS), ("awards", AWARD_LEVELS)):
        table = {**DEFAULT_RULES[key], **(given.get(key) or {})}
        bad = set(table) - set(vocab)
        if bad:
            raise ValidationError(t("未知的类别：{k}", "Unknown kinds: {k}", k=", ".join(sorted(bad))))
        out[key] = {k: _points(v, t(*vocab[k])) for k, v in table.items()}
    share = given.get("share", DEFAULT_RULES["share"])
    if share not in SHARES:
        raise ValidationError(t("积分分配方式应为 each 或 split。", "The share must be each or split."))
    out["share"] = share
    return out


def parse_pairs(items: Any, what: str) -> dict[str, str]:
    """NAME=POINTS pairs as people write them ("10000=2", or one text "10000=2，100000=5"):
    name -> points as written (clean_rules checks them); `what` names the option in the message."""
    texts = [items] if isinstance(items, str) else list(items or [])
    out: dict[str, str] = {}
    for text in texts:
        for part in str(text).replace("，", ",").replace("；", ",").replace(";", ",").split(","):
            if not part.strip():
                continue
            key, sep, value = part.partition("=")
            if not sep or not key.strip():
                raise ValidationError(t("{o} 应写作 名称=积分（收到“{v}”）。", "{o} takes NAME=POINTS (got '{v}').",
                                        o=what, v=part.strip()))
            out[key.strip()] = value.strip()
    return out


# -- look-ups -------------------------------------------------------------------------------------
def campaign_by_ref(s: Session, ref: str) -> Campaign:
    key = str(ref or "").strip()
    row = s.scalar(select(Campaign).where((Campaign.id == key) | (Campaign.name == key)))
    if row is None:
        raise NotFound(t("找不到立功竞赛“{r}”。", "No campaign '{r}'.", r=ref))
    return row


def _project(s: Session, ref: str) -> Project:
    from app.core.projects import load
    key = str(ref or "").strip()
    pid = s.scalar(select(Project.id).where((Project.id == key) | (Project.number == key)))
    if pid is None:
        raise NotFound(t("找不到项目 {id}。", "Project {id} not found.", id=ref))
    return load(s, pid)


def state(c: Campaign, day: dt.date) -> str:
    return "upcoming" if day < c.starts_on else "ended" if day > c.ends_on else "running"


def units_taking_part(s: Session, c: Campaign) -> set[str] | None:
    """The ids of the units taking part with every unit below them; None: every unit."""
    if not c.unit_ids:
        return None
    children: dict[str | None, list[str]] = {}
    for uid, parent in s.execute(select(Unit.id, Unit.parent_id)):
        children.setdefault(parent, []).append(uid)
    found, todo = set(), list(c.unit_ids)
    while todo:
        uid = todo.pop()
        if uid not in found:
            found.add(uid)
            todo.extend(children.get(uid, []))
    return found


# -- setting up -----------------------------------------------------------------------------------
def _fields(s: Session, name: Any, theme: Any, starts_on: Any, ends_on: Any, units: Any) -> dict[str, Any]:
    name = " ".join(str(name or "").split())
    if not name or len(name) > MAX_NAME:
        raise ValidationError(t("请填写竞赛名称（最多 {n} 字）。", "Enter the campaign's name (at most {n} characters).",
                                n=MAX_NAME))
    theme = str(theme or "").strip()
    if len(theme) > MAX_THEME:
        raise ValidationError(t("主题说明最多 {n} 字。", "The theme takes at most {n} characters.", n=MAX_THEME))
    start = parse_date(starts_on, t("开始日期", "The start date"))
    end = parse_date(ends_on, t("结束日期", "The end date"))
    if end < start:
        raise ValidationError(t("结束日期 {b} 早于开始日期 {a}。", "The end date {b} is before the start date {a}.",
                                a=start.isoformat(), b=end.isoformat()))
    unit_ids = []
    for ref in units or []:
        unit = s.scalar(select(Unit).where((Unit.id == ref) | (Unit.name == str(ref).strip())))
        if unit is None:
            raise ValidationError(t("没有名为“{n}”的单位。", "There is no unit named '{n}'.", n=ref))
        if unit.id not in unit_ids:
            unit_ids.append(unit.id)
    return {"name": name, "theme": theme, "starts_on": start, "ends_on": end, "unit_ids": unit_ids}


def create(bank: Bank, actor: Actor, name: str, starts_on: Any, ends_on: Any, *, theme: str = "",
           units: list[str] | None = None, rules: dict[str, Any] | None = None) -> Changes:
    """A new campaign (administrators). Returns its id."""
    check(actor, "campaign.manage")
    clean_rules_ = clean_rules(rules)
    with bank.write() as s:
        values = _fields(s, name, theme, starts_on, ends_on, units)
        if s.scalar(select(Campaign.id).where(Campaign.name == values["name"])):
            raise Conflict(t("立功竞赛“{n}”已存在。", "The campaign '{n}' already exists.", n=values["name"]))
        now = bank.now()
        row = Campaign(**values, rules=clean_rules_, created_by=actor.id, site_id=bank.site_id, created_at=now,
                       updated_at=now)
        s.add(row)
        s.flush()
        audit.record(s, actor, "campaign", row.id, "create", new=values["name"], site_id=bank.site_id, at=now)
        return Changes(campaigns=True, value=row.id)


def edit(bank: Bank, actor: Actor, campaign: str, *, name: Any = None, theme: Any = None, starts_on: Any = None,
         ends_on: Any = None, units: list[str] | None = None, rules: dict[str, Any] | None = None) -> Changes:
    """Change a campaign (administrators); None leaves a field as it is. Each change is audited."""
    check(actor, "campaign.manage")
    with bank.write() as s:
        row = campaign_by_ref(s, campaign)
        values = _fields(s, row.name if name is None else name, row.theme if theme is None else theme,
                         row.starts_on if starts_on is None else starts_on, row.ends_on if ends_on is None else ends_on,
                         row.unit_ids if units is None else units)
        if values["name"] != row.name and s.scalar(select(Campaign.id).where(Campaign.name == values["name"])):
            raise Conflict(t("立功竞赛“{n}”已存在。", "The campaign '{n}' already exists.", n=values["name"]))
        if rules is not None:
            values["rules"] = clean_rules(rules)
        now = bank.now()
        for key, value in values.items():
            old = getattr(row, key)
            if old != value:
                setattr(row, key, value)
                audit.record(s, actor, "campaign", row.id, "edit", field=key, old=old, new=value,
                             site_id=bank.site_id, at=now)
        row.updated_at = now
        return Changes(campaigns=True, value=row.id)


def rules_of(bank: Bank, campaign: str) -> dict[str, Any]:
    with bank.session() as s:
        return clean_rules(campaign_by_ref(s, campaign).rules)


# -- entering projects ----------------------------------------------------------------------------
def enter_in(s: Session, bank: Bank, actor: Actor, campaign: str, project: Project) -> CampaignEntry | None:
    """Enter a project in a campaign inside the caller's transaction (propose uses it): the
    campaign must not have ended, and the project's proposer must belong to a unit taking part."""
    row = campaign_by_ref(s, campaign)
    check(actor, "project.enter_campaign", project_subject(project))
    if state(row, sitetime.today(bank)) == "ended":
        raise InvalidTransition(t("立功竞赛“{n}”已于 {d} 结束，不能再参赛。", "The campaign '{n}' ended on {d}.",
                                  n=row.name, d=row.ends_on.isoformat()))
    taking_part = units_taking_part(s, row)
    if taking_part is not None:
        unit = s.scalar(select(User.unit_id).where(User.id == project.proposer_id))
        if unit not in taking_part:
            raise ValidationError(t("“{p}”的提出人所在单位不在立功竞赛“{n}”的参赛单位中。",
                                    "The proposer of '{p}' is not in a unit taking part in '{n}'.",
                                    p=project.title, n=row.name))
    exists = s.scalar(select(CampaignEntry).where(CampaignEntry.campaign_id == row.id,
                                                  CampaignEntry.project_id == project.id))
    if exists is not None:
        return None
    now = bank.now()
    entry = CampaignEntry(campaign_id=row.id, project_id=project.id, entered_by=actor.id, site_id=bank.site_id,
                          created_at=now, updated_at=now)
    s.add(entry)
    audit.record(s, actor, "project", project.id, "enter_campaign", field="campaign", new=row.name,
                 site_id=bank.site_id, at=now)
    return entry


def enter(bank: Bank, actor: Actor, campaign: str, project: str) -> Changes:
    """Enter a project in a campaign (its authors, its studio's leader, administrators)."""
    with bank.write() as s:
        p = _project(s, project)
        enter_in(s, bank, actor, campaign, p)
        return Changes(campaigns=True, project_ids=frozenset({p.id}), value=p.id)


def withdraw(bank: Bank, actor: Actor, campaign: str, project: str) -> Changes:
    """Take a project out of a campaign (the same people who may enter it)."""
    with bank.write() as s:
        p = _project(s, project)
        row = campaign_by_ref(s, campaign)
        check(actor, "project.enter_campaign", project_subject(p))
        entry = s.scalar(select(CampaignEntry).where(CampaignEntry.campaign_id == row.id,
                                                     CampaignEntry.project_id == p.id))
        if entry is None:
            raise NotFound(t("“{p}”没有参加“{n}”。", "'{p}' is not entered in '{n}'.", p=p.title, n=row.name))
        s.delete(entry)
        audit.record(s, actor, "project", p.id, "withdraw_campaign", field="campaign", old=row.name,
                     site_id=bank.site_id, at=bank.now())
        return Changes(campaigns=True, project_ids=frozenset({p.id}), value=p.id)


# -- reading --------------------------------------------------------------------------------------
def _entries(viewer: Actor) -> Select[str, int]:
    """(campaign_id, count) of the entered projects the viewer may see."""
    from app.core.queries import visible_to
    return (select(CampaignEntry.campaign_id, func.count()).join(Project, Project.id == CampaignEntry.project_id)
            .where(visible_to(viewer)).group_by(CampaignEntry.campaign_id))


def list_campaigns(bank: Bank, viewer: Actor) -> list[dict[str, Any]]:
    """Every campaign, the latest first, with its state today and how many projects the viewer
    may see are entered."""
    day = sitetime.today(bank)
    with bank.session() as s:
        counts = dict(s.execute(_entries(viewer)).all())
        names = dict(s.execute(select(Unit.id, Unit.name)).all())
        rows = list(s.scalars(select(Campaign).order_by(Campaign.starts_on.desc(), Campaign.name)))
        return [as_dict(c, day, counts.get(c.id, 0), names) for c in rows]


def as_dict(c: Campaign, day: dt.date, entries: int, unit_names: dict[str, str]) -> dict[str, Any]:
    from app.core.vocab import label
    st = state(c, day)
    return {"id": c.id, "name": c.name, "theme": c.theme, "starts_on": c.starts_on.isoformat(),
            "ends_on": c.ends_on.isoformat(), "state": st, "state_label": label(STATES, st),
            "units": [unit_names.get(u, u) for u in c.unit_ids or []], "unit_ids": list(c.unit_ids or []),
            "rules": clean_rules(c.rules), "entries": entries}


def show(bank: Bank, viewer: Actor, campaign: str) -> dict[str, Any]:
    with bank.session() as s:
        c = campaign_by_ref(s, campaign)
        entries = dict(s.execute(_entries(viewer).where(CampaignEntry.campaign_id == c.id)).all())
        return as_dict(c, sitetime.today(bank), entries.get(c.id, 0), dict(s.execute(select(Unit.id, Unit.name)).all()))


def open_for(bank: Bank, actor: Actor) -> list[dict[str, Any]]:
    """Campaigns a proposal of this person can be entered in now (the propose form's choice)."""
    day = sitetime.today(bank)
    with bank.session() as s:
        unit = s.scalar(select(User.unit_id).where(User.id == actor.id))
        out = []
        for c in s.scalars(select(Campaign).order_by(Campaign.ends_on, Campaign.name)):
            taking_part = units_taking_part(s, c)
            if state(c, day) != "ended" and (taking_part is None or unit in taking_part):
                out.append({"id": c.id, "name": c.name, "ends_on": c.ends_on.isoformat()})
        return out


def campaigns_of(bank: Bank, project_id: str) -> list[str]:
    """The names of the campaigns a project is entered in."""
    with bank.session() as s:
        return list(s.scalars(select(Campaign.name).join(CampaignEntry, CampaignEntry.campaign_id == Campaign.id)
                              .where(CampaignEntry.project_id == project_id).order_by(Campaign.name)))


__all__ = ["parse_pairs", "DEFAULT_RULES", "PATENT_KINDS", "AWARD_LEVELS", "RULES", "SHARES", "STATES", "clean_rules", "create", "edit",
           "enter", "enter_in", "withdraw", "list_campaigns", "show", "open_for", "campaigns_of", "rules_of",
           "campaign_by_ref", "units_taking_part", "state"]
