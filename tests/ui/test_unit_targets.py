"""The per-unit targets tab of the studio settings (各单位人均年度目标): every unit of the studio with
its people and proposals this year, a target typed and saved is what the core (and so the
warnings) go by, bad input is refused before anything is saved, and who may not change targets
sees why."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialog

from app.core import alerts, org, projects
from app.ui.dialogs.studio_settings import StudioSettingsDialog
from app.ui.dialogs.unit_targets import DEFAULT, EXPECTED, PROGRESS, TARGET, UNIT, UnitTargetsSection
from tests.ui.conftest import wait_idle

pytestmark = pytest.mark.gui
SH = dt.timezone(dt.timedelta(hours=8))


def opened(qtbot, make_ctx, bank, actor, studio_name):  # type: ignore[no-untyped-def]
    studio = {s["name"]: s for s in org.list_studios(bank)}[studio_name] if studio_name else None
    ctx = make_ctx(actor)
    dlg = StudioSettingsDialog(ctx, studio, section="targets")
    qtbot.addWidget(dlg)
    section = dlg.sections["targets"]
    assert isinstance(section, UnitTargetsSection) and dlg.tabs.currentWidget() is section
    qtbot.waitUntil(lambda: section.view is not None, timeout=10000)
    return ctx, dlg, section


def row_of(section, name):  # type: ignore[no-untyped-def]
    return next(i for i, r in enumerate(section.view.rows) if r.name == name)


def test_a_target_typed_in_the_dialog_is_saved_and_the_unit_behind_it_is_warned(qtbot, bank, crews, make_ctx,
                                                                                 clock, draft_data):
    clock.now = dt.datetime(2025, 3, 1, 9, tzinfo=SH)  # 60 of 365 days
    projects.propose(bank, crews["W012"], draft_data, submit=True)
    ctx, dlg, section = opened(qtbot, make_ctx, bank, crews["L002"], "输电工作室")
    texts = [section.cells[i][UNIT].text().strip("　") for i in range(len(section.cells))]
    assert texts == ["输电运检车间", "线路一班", "线路二班"]  # every unit of the studio, with or without a target
    crew = row_of(section, "线路一班")
    assert section.cells[crew][TARGET].text() == "" and section.cells[crew][PROGRESS].text() == "无目标"
    assert not section.changed()
    section.cells[crew][TARGET].setText("12")  # as typed into the cell
    assert (section.cells[crew][EXPECTED].text(), section.cells[crew][PROGRESS].text()) == ("1", "差 1 条")
    section.default.setValue(6)  # every crew without its own: 线路二班 has 1 of 1 due
    second = row_of(section, "线路二班")
    assert (section.cells[second][DEFAULT].text(), section.cells[second][PROGRESS].text()) == ("6", "达标")
    section.behind_only.setChecked(True)
    assert [section.table.isRowHidden(i) for i in range(3)] == [True, False, True]
    assert section.changed()
    assert alerts.compute(bank, kinds=["unit_below_target"]) == []
    dlg.save()
    qtbot.waitUntil(lambda: dlg.result() == QDialog.DialogCode.Accepted, timeout=10000)
    studio_id = {s["name"]: s["id"] for s in org.list_studios(bank)}["输电工作室"]
    saved = alerts.thresholds_for(bank, studio_id)
    assert saved["proposals_per_head"] == 6 and saved["unit_targets"] == {section.view.rows[crew].unit_id: 12.0}
    (w,) = alerts.for_actor(bank, crews["L002"], kinds=["unit_below_target"])
    assert (w.title, w.threshold, w.days) == ("线路一班", 1, 1)


def test_bad_input_is_refused_with_one_line_and_nothing_is_saved(qtbot, bank, crews, make_ctx, message_boxes):
    ctx, dlg, section = opened(qtbot, make_ctx, bank, crews["L002"], "输电工作室")
    dlg.sections["thresholds"].spins["unanswered_days"].setValue(3)  # another tab, changed too
    bad = row_of(section, "线路二班")
    section.cells[row_of(section, "线路一班")][TARGET].setText("5")
    section.cells[bad][TARGET].setText("五条")
    assert section.cells[bad][TARGET].toolTip().startswith("“线路二班”的人均年度目标应为")
    dlg.tabs.setCurrentIndex(0)
    dlg.save()
    wait_idle(qtbot, ctx)
    ((kind, _title, text),) = message_boxes
    assert kind == "warning" and "“线路二班”的人均年度目标应为 0 到 1000 之间的数字（收到“五条”）" in text
    assert dlg.tabs.currentWidget() is section and section.table.currentItem() is section.cells[bad][TARGET]
    assert dlg.result() != QDialog.DialogCode.Accepted and dlg.buttons.isEnabled()
    studio_id = {s["name"]: s["id"] for s in org.list_studios(bank)}["输电工作室"]
    kept = alerts.thresholds_for(bank, studio_id)
    assert kept["unanswered_days"] == alerts.DEFAULTS["unanswered_days"] and kept["unit_targets"] == {}


def test_who_may_not_change_targets_sees_them_greyed_with_the_reason(qtbot, bank, crews, make_ctx):
    _ctx, dlg, section = opened(qtbot, make_ctx, bank, crews["L001"], "输电工作室")  # another studio's leader
    assert section.refused.isVisibleTo(dlg) and "只有管理员或所属工作室的领衔人可以修改预警设置" in section.refused.text()
    assert not section.default.isEnabled()
    assert not any(section.cells[i][TARGET].flags() & section.cells[i][TARGET].flags().ItemIsEditable
                   for i in range(len(section.cells)))
    assert not section.changed()
    # the site's targets (administrators): every unit of the organisation
    _ctx, site, shared = opened(qtbot, make_ctx, bank, crews["admin"], None)
    assert set(site.sections) == {"templates", "thresholds", "targets"}
    assert [r.name for r in shared.view.rows] == ["国网示范供电公司", "变电运维车间", "输电运检车间", "线路一班", "线路二班"]
    assert not shared.refused.isVisibleTo(site) and shared.default.isEnabled()
