"""Points of a merit competition (立功竞赛): the ledger that explains every point, and leaderboards
of people, teams, units and studios, computed in SQL.

Every point is a *line*: one project, one rule, the points, the day it was earned.

| rule      | when a project…                              | dated                                   |
|-----------|----------------------------------------------|-----------------------------------------|
| proposed  | was submitted                                | submitted                                |
| adopted   | reached adoption (adopted and every later step) | decided                              |
| completed | reached completion (completed, incubating, promoted) | completed                       |
| benefit   | has a measured benefit in a band (the highest band reached) | completed, else decided  |
| patent    | lists a patent (points by kind)              | completed, else decided                  |
| award     | lists an award (points by level; no level: "other") | completed, else decided           |

A line counts when its day falls within the campaign (and within the period asked for, if one
is): a campaign rewards what happens while it runs. Days are the site's (sitetime.py). A
project's points go to each of its authors (the proposer and co-authors: `share` "each"), or are
shared between them equally ("split"); to each team it belongs to; to its studio; and to the unit
of its proposer (on the units' board, the unit taking part that holds it).

Confidentiality: boards, ledgers and exports count only the projects their reader may see
(queries.visible_to, in the same SQL), as every other count does: a secret project's points appear
to its authors, its studio's leader and administrators, and to nobody else, not even as a total
that would betray it. Drafts earn nothing (they were never proposed); merged duplicates earn
nothing (their survivor does).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, String, case, cast, func, literal, select, union_all
from sqlalchemy.orm import Session

from app.core import kept, sitetime
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.campaigns import AWARD_LEVELS, PATENT_KINDS, RULES, campaign_by_ref, clean_rules
from app.core.errors import ValidationError
from app.core.i18n import t
from app.core.queries import visible_to
from app.core.vocab import label
from db.models import Campaign, CampaignEntry, Project, ProjectMember, Studio, Team, TeamProject, Unit, User

ADOPTED = ("adopted", "in_progress", "completed", "incubating", "promoted")
COMPLETED = ("completed", "incubating", "promoted")
BOARDS = ("people", "teams", "units", "studios")
# What people write for a patent's kind and an award's level (the dossier's words and the codes).
PATENT_WORDS = {"invention": ("invention", "发明", "发明专利"), "utility": ("utility", "utility_model", "实用新型",
                                                                           "实用新型专利"),
                "design": ("design", "外观设计", "外观设计专利")}
AWARD_WORDS = {"national": ("national", "国家级", "国家"), "provincial": ("provincial", "省级", "省部级", "省"),
               "company": ("company", "公司级", "公司"), "unit": ("unit", "单位级", "单位", "厂级")}


@dataclass(frozen=True)
class Window:
    """The campaign's rules and the instants (UTC) a line's day must fall within."""
    campaign: Campaign
    rules: dict[str, Any]
    start: dt.datetime
    end: dt.datetime  # exclusive
    date_from: dt.date
    date_to: dt.date


def window(bank: Bank, s: Session, campaign: str, date_from: Any = None, date_to: Any = None) -> Window:
    from app.core.teams import parse_date
    c = campaign_by_ref(s, campaign)
    lo = max(c.starts_on, parse_date(date_from, t("开始日期", "The start date")) if date_from else c.starts_on)
    hi = min(c.ends_on, parse_date(date_to, t("结束日期", "The end date")) if date_to else c.ends_on)
    if hi < lo:
        raise ValidationError(t("所选时段不在竞赛期间（{a} 至 {b}）内。", "The period lies outside the campaign ({a} to {b}).",
                                a=c.starts_on.isoformat(), b=c.ends_on.isoformat()))
    zone = sitetime.zone(bank)
    return Window(c, clean_rules(c.rules), sitetime.start_of_day(lo, zone),
                  sitetime.start_of_day(hi + dt.timedelta(days=1), zone), lo, hi)


# -- the lines, in SQL ----------------------------------------------------------------------------
def _elements(s: Session, column: Any, name: str) -> tuple[Any, Any]:
    """A JSON list column as rows (SQLite json_each, PostgreSQL json_array_elements) and a getter of
    one key of each element as text."""
    if s.get_bind().dialect.name == "sqlite":
        rows = func.json_each(column).table_valued("value", name=name)
        return rows, lambda key: cast(func.json_extract(rows.c.value, f"$.{key}"), String)
    rows = func.json_array_elements(column).table_valued("value", name=name)
    return rows, lambda key: rows.c.value.op("->>")(key)


def _by_words(text: ColumnElement[Any], words: dict[str, tuple[str, ...]], points: dict[str, Any],
              otherwise: Any) -> ColumnElement[Any]:
    return case(*[(func.lower(func.trim(text)).in_(ws), literal(points.get(code, 0))) for code, ws in words.items()],
                else_=literal(otherwise))


def _code(text: ColumnElement[Any], words: dict[str, tuple[str, ...]], otherwise: str) -> ColumnElement[str]:
    return case(*[(func.lower(func.trim(text)).in_(ws), literal(code)) for code, ws in words.items()],
                else_=literal(otherwise))


def lines_select(s: Session, w: Window, viewer: Actor, project_ids: Select[str] | list[str] | None = None) -> Select[*tuple[Any, ...]]:
    """(project_id, rule, code, detail, points, at) for every line of the campaign within the window
    on a project `viewer` may see; `project_ids` narrows it (a subquery or a list)."""
    r = w.rules
    entered = select(CampaignEntry.project_id).where(CampaignEntry.campaign_id == w.campaign.id)
    base = [Project.id.in_(entered), Project.status != "draft", Project.merged_into_id.is_(None), visible_to(viewer)]
    if project_ids is not None:
        base.append(Project.id.in_(project_ids))
    later = func.coalesce(Project.completed_at, Project.decided_at, Project.status_changed_at, Project.created_at)

    def part(rule: str, points: Any, at: Any, *where: Any, code: Any = "", detail: Any = "",
             source: Any = Project) -> Select[*tuple[Any, ...]]:
        return (select(Project.id.label("project_id"), literal(rule).label("rule"),
                       (literal(code) if isinstance(code, str) else code).label("code"),
                       (literal(detail) if isinstance(detail, str) else cast(detail, String)).label("detail"),
                       (literal(points) if not isinstance(points, ColumnElement) else points).label("points"),
                       at.label("at"))
                .select_from(source).where(*base, *where))
    parts = []
    if r["proposed"]:
        parts.append(part("proposed", r["proposed"], func.coalesce(Project.submitted_at, Project.created_at)))
    if r["adopted"]:
        parts.append(part("adopted", r["adopted"], func.coalesce(Project.decided_at, Project.status_changed_at,
                                                                  Project.created_at), Project.status.in_(ADOPTED)))
    if r["completed"]:
        parts.append(part("completed", r["completed"], func.coalesce(Project.completed_at, Project.status_changed_at,
                                                                      Project.created_at), Project.status.in_(COMPLETED)))
    bands = [(a, p) for a, p in r["benefit_bands"] if p]
    if bands:
        highest = sorted(bands, reverse=True)
        points = case(*[(Project.measured_benefit >= a, literal(p)) for a, p in highest], else_=literal(0))
        reached = case(*[(Project.measured_benefit >= a, literal(str(a))) for a, _ in highest], else_=literal(""))
        parts.append(part("benefit", points, later, Project.measured_benefit >= highest[-1][0], code=reached,
                          detail=Project.measured_benefit))
    if any(r["patents"].values()):
        rows, get = _elements(s, Project.patents, "patent")
        kind = _code(get("kind"), PATENT_WORDS, "")
        parts.append(part("patent", _by_words(get("kind"), PATENT_WORDS, r["patents"], 0), later,
                          func.json_array_length(Project.patents) > 0, kind.in_([k for k, v in r["patents"].items() if v]),
                          code=kind, detail=func.coalesce(get("number"), literal("")),
                          source=Project.__table__.join(rows, literal(True))))
    if any(r["awards"].values()):
        rows, get = _elements(s, Project.awards, "award")
        level = _code(func.coalesce(get("level"), literal("")), AWARD_WORDS, "other")
        parts.append(part("award", _by_words(func.coalesce(get("level"), literal("")), AWARD_WORDS, r["awards"],
                                             r["awards"].get("other", 0)), later,
                          func.json_array_length(Project.awards) > 0,
                          level.in_([k for k, v in r["awards"].items() if v]),
                          code=level, detail=func.coalesce(get("name"), literal("")),
                          source=Project.__table__.join(rows, literal(True))))
    if not parts:
        return select(literal("").label("project_id")).where(literal(False))
    lines = union_all(*parts).subquery("all_lines")
    return select(lines).where(lines.c.at >= w.start, lines.c.at < w.end)


def _per_project(s: Session, w: Window, viewer: Actor) -> Any:
    """project_id -> points within the window, as a subquery."""
    lines = lines_select(s, w, viewer).subquery("lines")
    return (select(lines.c.project_id, func.sum(lines.c.points).label("points"))
            .group_by(lines.c.project_id).subquery("per_project"))


def _ranked(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sorted by points, most first; equal points share a rank (1, 2, 2, 4)."""
    rows.sort(key=lambda r: (-r["points"], r["name"]))
    previous, rank = None, 0
    for i, row in enumerate(rows, start=1):
        if row["points"] != previous:
            rank, previous = i, row["points"]
        row["rank"] = rank
    return rows


def _round(value: Any) -> float | int:
    number = round(float(value or 0), 2)
    return int(number) if number == int(number) else number


# -- leaderboards ---------------------------------------------------------------------------------
def leaderboard(bank: Bank, viewer: Actor, campaign: str, board: str = "people", *, date_from: Any = None,
                date_to: Any = None, limit: int | None = None, fresh: bool = False) -> dict[str, Any]:
    """One board of a campaign (people, teams, units or studios), for the whole campaign or a
    period within it, from the projects `viewer` may see: {campaign, board, from, to, rows:
    [{rank, id, name, points, projects, ...}]}. Kept until the bank changes (app/core/kept.py):
    looking at the board again costs a file read; `fresh` works it out whatever is kept."""
    if board not in BOARDS:
        raise ValidationError(t("榜单应为：{b}", "The board must be one of: {b}", b=", ".join(BOARDS)))

    def work() -> dict[str, Any]:
        with bank.session() as s:
            w = window(bank, s, campaign, date_from, date_to)
            per = _per_project(s, w, viewer)
            rows = {"people": _people, "teams": _teams, "units": _units, "studios": _studios}[board](s, w, per)
        ranked = _ranked(rows)
        return {"campaign": w.campaign.name, "board": board, "from": w.date_from.isoformat(),
                "to": w.date_to.isoformat(), "rows": ranked[:limit] if limit else ranked}
    return kept.answer(bank, "campaign-board", viewer, [campaign, board, date_from, date_to, limit], work,
                       fresh=fresh)


def _people(s: Session, w: Window, per: Any) -> list[dict[str, Any]]:
    authors = (select(ProjectMember.project_id, func.count().label("n")).group_by(ProjectMember.project_id)
               .subquery("authors"))
    share = per.c.points / authors.c.n if w.rules["share"] == "split" else per.c.points
    totals = (select(ProjectMember.user_id, func.sum(share).label("points"),
                     func.count(per.c.project_id).label("projects"))
              .select_from(per).join(ProjectMember, ProjectMember.project_id == per.c.project_id)
              .join(authors, authors.c.project_id == per.c.project_id)
              .group_by(ProjectMember.user_id).subquery("totals"))
    stmt = (select(User.id, User.employee_no, User.name, Unit.name, Studio.name, totals.c.points, totals.c.projects)
            .select_from(totals).join(User, User.id == totals.c.user_id).outerjoin(Unit, Unit.id == User.unit_id)
            .outerjoin(Studio, Studio.id == User.studio_id))
    return [{"id": uid, "employee_no": no, "name": name, "unit": unit, "studio": studio, "points": _round(points),
             "projects": n} for uid, no, name, unit, studio, points, n in s.execute(stmt)]


def _teams(s: Session, w: Window, per: Any) -> list[dict[str, Any]]:
    stmt = (select(Team.id, Team.name, func.sum(per.c.points), func.count(per.c.project_id))
            .select_from(per).join(TeamProject, TeamProject.project_id == per.c.project_id)
            .join(Team, Team.id == TeamProject.team_id).group_by(Team.id, Team.name))
    return [{"id": tid, "name": name, "points": _round(points), "projects": n} for tid, name, points, n in s.execute(stmt)]


def _studios(s: Session, w: Window, per: Any) -> list[dict[str, Any]]:
    stmt = (select(Studio.id, Studio.name, func.sum(per.c.points), func.count(per.c.project_id))
            .select_from(per).join(Project, Project.id == per.c.project_id)
            .join(Studio, Studio.id == Project.studio_id).group_by(Studio.id, Studio.name))
    return [{"id": sid, "name": name, "points": _round(points), "projects": n} for sid, name, points, n in s.execute(stmt)]


def _units(s: Session, w: Window, per: Any) -> list[dict[str, Any]]:
    """By the proposer's unit, added up to the unit taking part that holds it (every unit with
    points, when the campaign names none)."""
    stmt = (select(User.unit_id, func.sum(per.c.points), func.count(per.c.project_id))
            .select_from(per).join(Project, Project.id == per.c.project_id)
            .join(User, User.id == Project.proposer_id).group_by(User.unit_id))
    tree = dict(s.execute(select(Unit.id, Unit.parent_id)).all())
    names = dict(s.execute(select(Unit.id, Unit.name)).all())
    taking_part = list(w.campaign.unit_ids or [])
    acc: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    for unit_id, points, n in s.execute(stmt):
        holder = unit_id
        if taking_part:
            holder, seen = None, set()
            up = unit_id
            while up is not None and up not in seen:
                seen.add(up)
                if up in taking_part:
                    holder = up
                    break
                up = tree.get(up)
        if holder is not None:
            acc[holder][0] += float(points or 0)
            acc[holder][1] += n
    for unit_id in taking_part:  # every unit taking part has a row, with or without points
        acc.setdefault(unit_id, [0.0, 0])
    return [{"id": uid, "name": names.get(uid, ""), "points": _round(p), "projects": int(n)}
            for uid, (p, n) in acc.items()]


# -- the ledger -----------------------------------------------------------------------------------
def _line_detail(rule: str, code: str, detail: str) -> str:
    if rule == "benefit":
        return t("实测效益 {a} 元/年（≥{b}）", "measured benefit {a} yuan a year (≥ {b})", a=_amount(detail), b=_amount(code))
    if rule == "patent":
        return f"{label(PATENT_KINDS, code)} {detail}".strip()
    if rule == "award":
        return f"{label(AWARD_LEVELS, code)}：{detail}" if detail else label(AWARD_LEVELS, code)
    return ""


def _amount(text: str) -> str:
    try:
        return f"{float(text):,.0f}"
    except (TypeError, ValueError):
        return str(text)


def ledger(bank: Bank, viewer: Actor, campaign: str, person: str, *, date_from: Any = None,
           date_to: Any = None) -> dict[str, Any]:
    """One person's points, line by line: {campaign, person, name, total, from, to, lines:
    [{project_id, number, title, rule, rule_label, detail, points, at}]}, from the projects the
    viewer may see."""
    with bank.session() as s:
        user = s.scalar(select(User).where((User.employee_no == str(person).strip()) | (User.id == person)))
        if user is None:
            raise ValidationError(t("没有工号为 {no} 的人员。", "No person with employee number {no}.", no=person))
        w = window(bank, s, campaign, date_from, date_to)
        lines = _ledgers(bank, s, w, viewer, user.id).get(user.id, [])
    return {"campaign": w.campaign.name, "person": user.employee_no, "name": user.name,
            "total": _round(sum(float(x["points"]) for x in lines)), "from": w.date_from.isoformat(),
            "to": w.date_to.isoformat(), "lines": lines}


def ledgers(bank: Bank, viewer: Actor, campaign: str, *, date_from: Any = None,
            date_to: Any = None) -> dict[str, list[dict[str, Any]]]:
    """Every person's ledger lines at once (user id -> lines), for exports: one query."""
    with bank.session() as s:
        return _ledgers(bank, s, window(bank, s, campaign, date_from, date_to), viewer, None)


def _ledgers(bank: Bank, s: Session, w: Window, viewer: Actor, user_id: str | None) -> dict[str, list[dict[str, Any]]]:
    mine = select(ProjectMember.project_id).where(ProjectMember.user_id == user_id) if user_id else None
    lines = lines_select(s, w, viewer, mine).subquery("lines")
    authors = (select(ProjectMember.project_id, func.count().label("n")).group_by(ProjectMember.project_id)
               .subquery("authors"))
    stmt = (select(ProjectMember.user_id, lines.c.project_id, lines.c.rule, lines.c.code, lines.c.detail,
                   lines.c.points, lines.c.at, Project.number, Project.title, authors.c.n)
            .select_from(lines).join(Project, Project.id == lines.c.project_id)
            .join(ProjectMember, ProjectMember.project_id == lines.c.project_id)
            .join(authors, authors.c.project_id == lines.c.project_id)
            .order_by(ProjectMember.user_id, lines.c.at, Project.number, lines.c.rule))
    if user_id:
        stmt = stmt.where(ProjectMember.user_id == user_id)
    zone = sitetime.zone(bank)
    split = w.rules["share"] == "split"
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for uid, pid, rule, code, detail, points, at, number, title, n in s.execute(stmt):
        if at is not None and at.tzinfo is None:  # a union of coalesces comes back without its zone
            at = at.replace(tzinfo=dt.timezone.utc)
        out[uid].append({"project_id": pid, "number": number, "title": title, "rule": rule,
                         "rule_label": label(RULES, rule), "detail": _line_detail(rule, code or "", detail or ""),
                         "points": _round(float(points) / (n or 1) if split else points),
                         "at": at.astimezone(zone).date().isoformat() if at else None})
    return out


def periods(bank: Bank, campaign: str) -> list[tuple[str, str, str]]:
    """The campaign's months as (label, first day, last day), for the period choice."""
    with bank.session() as s:
        c = campaign_by_ref(s, campaign)
    out, day = [], c.starts_on.replace(day=1)
    while day <= c.ends_on:
        nxt = (day + dt.timedelta(days=32)).replace(day=1)
        out.append((f"{day:%Y-%m}", max(day, c.starts_on).isoformat(), min(nxt - dt.timedelta(days=1), c.ends_on).isoformat()))
        day = nxt
    return out


__all__ = ["BOARDS", "leaderboard", "ledger", "ledgers", "lines_select", "window", "periods"]
