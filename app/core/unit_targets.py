"""Each unit's yearly target of proposals per head against what it has this year: the table the
settings dialog edits targets in (各单位人均年度目标), so a leader sees who is behind while setting them.

A studio sets targets for its own unit and the units below it, the site (administrators) for every
unit; saving is `alerts.set_thresholds`, the one function the CLI (`ideabank warnings config
--unit-target UNIT=N`) saves through too. The figures are those the warning `unit_below_target`
is raised from (`alerts.year_counts`, `alerts.expected_by_now`), so "behind" here is what is warned.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.core import alerts, org, sitetime
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.errors import ValidationError
from app.core.i18n import t
from app.core.permissions import for_studio
from db.models import Studio


@dataclass(frozen=True)
class UnitRow:
    unit_id: str
    name: str
    path: str          # 国网某公司/运维检修部/变电运维车间
    depth: int         # 0 for the top of the shown tree
    heads: int         # active people in the unit and every unit below it
    proposals: int     # their proposals this year (as `alerts.year_counts` counts them)
    own: float         # the target set here (by this studio, or the site's); 0: none

    @property
    def per_head(self) -> float | None:
        return self.proposals / self.heads if self.heads else None


@dataclass(frozen=True)
class TargetsView:
    studio_id: str | None  # None: the site's targets
    today: dt.date
    default: float         # this studio's (the site's) target for every bottom unit; 0: none
    rows: list[UnitRow]    # the units it may set targets for, in tree order
    may_edit: bool
    reason: str            # why not, when it may not
    settings: alerts.TargetSettings

    @property
    def fraction(self) -> float:
        return alerts.year_fraction(self.today)

    def in_force(self, default: float, targets: dict[str, float]) -> dict[str, float]:
        """Each unit's target had this studio (the site) set `default` and `targets` (unit id ->
        number, 0: none) in place of what it has: what the warnings would then go by. With no
        targets, a unit's value is its default: what applies while nothing is set for it here."""
        return self.settings.with_scope(self.studio_id, default, targets).targets()

    def expected(self, row: UnitRow, target: float) -> int:
        """The proposals the unit should have by today with this target."""
        return alerts.expected_by_now(target, row.heads, self.fraction)


def view(bank: Bank, actor: Actor, studio: str | None) -> TargetsView:
    """The units a studio (by name or id; None: the site) may set targets for, each with its people,
    its proposals this year and the target set for it, and whether `actor` may change them."""
    today = sitetime.today(bank)
    zone = sitetime.zone(bank)
    with bank.session() as s:
        studio_id, top = None, None
        if studio is not None:
            row = s.scalar(select(Studio).where((Studio.name == studio.strip()) | (Studio.id == studio)))
            if row is None:
                raise ValidationError(t("没有名为“{n}”的工作室。", "There is no studio named '{n}'.", n=studio))
            studio_id, top = row.id, row.unit_id
        th = alerts.Thresholds(s)
        settings = alerts.TargetSettings.load(s, th)
        scope = th.studio_settings(studio_id) if studio_id else th.site
        made, heads = alerts.year_counts(s, settings.tree, today, zone)
    verdict = for_studio(actor, studio_id)
    may, reason = verdict.may("configure_warnings"), verdict.why("configure_warnings")
    if studio_id is not None and top is None:
        may, reason = False, t("此工作室没有所属单位，不能设单位目标；请先在“组织”中为它指定单位。",
                               "This studio belongs to no unit, so it cannot set unit targets: give it a unit in "
                               "Organisation first.")
    own = {k: float(v) for k, v in (scope.get("unit_targets") or {}).items()}
    units = _subtree(org.list_units(bank), top) if studio_id is None or top is not None else []
    rows = [UnitRow(u["id"], u["name"], u["path"], u["depth"] - units[0]["depth"], heads.get(u["id"], 0),
                    made.get(u["id"], 0), own.get(u["id"], 0.0)) for u in units]
    return TargetsView(studio_id, today, float(scope.get("proposals_per_head") or 0), rows, may, reason, settings)


def _subtree(units: list[dict[str, Any]], top: str | None) -> list[dict[str, Any]]:
    """The units of `org.list_units` (tree order) from `top` down; all of them for None."""
    if top is None:
        return units
    start = next((i for i, u in enumerate(units) if u["id"] == top), None)
    if start is None:
        return []
    end = start + 1
    while end < len(units) and units[end]["depth"] > units[start]["depth"]:
        end += 1
    return units[start:end]


__all__ = ["UnitRow", "TargetsView", "view"]
