"""The leader's desk pages: the dispatch progress board (overdue units in red, remind, report,
accept, the task closing) and the merit competition's boards and ledger (a secret project's points
only for those who may see it), with the results saved as .xlsx."""
from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from app.core import campaigns, dispatch, projects


def _rows(table):  # type: ignore[no-untyped-def]
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_the_progress_board_from_sending_to_closed(qtbot, bank, people, clock, make_ctx, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from app.ui.pages.dispatch import OVERDUE, DispatchPage
    tid = dispatch.send(bank, people["L001"], "迎峰度夏隐患排查", "2025-03-10",
                        [("变电运维车间", "W001"), ("输电运检车间", "W002")]).value
    w1 = dispatch.my_target(bank, people["W001"], tid)
    dispatch.report(bank, people["W001"], w1, note="排查完毕", progress=100, summary=True)
    clock.now = dt.datetime(2025, 3, 12, 9, 0, tzinfo=dt.timezone.utc)  # two days after the due day
    ctx = make_ctx(people["L001"])
    page = DispatchPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.task is not None and page.board.rowCount() == 2, timeout=10000)
    assert [r[:3] for r in _rows(page.list)] == [[page.task["number"], "迎峰度夏隐患排查", "任务"]]
    board = {r[0]: r for r in _rows(page.board)}
    assert board["输电运检车间"][2] == "未反馈" and board["输电运检车间"][4] == "2 天"
    assert board["变电运维车间"][4] == "" and "排查完毕" in board["变电运维车间"][6]
    late = [r for r in range(2) if page.board.item(r, 0).text() == "输电运检车间"][0]
    assert page.board.item(late, 0).foreground().color() == OVERDUE
    assert page.board.item(1 - late, 0).foreground().color() != OVERDUE
    # the sender reminds the late unit; may not accept what was not reported
    page.board.selectRow(late)
    assert page.remind_btn.isEnabled() and not page.accept_btn.isEnabled() and not page.report_btn.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("请尽快上报", True))
    page.remind_btn.click()
    qtbot.waitUntil(lambda: page.task and {tg["unit"]: tg["reminders"] for tg in page.task["targets"]}
                    == {"输电运检车间": 1, "变电运维车间": 0}, timeout=10000)
    # the late unit's responsible person reports its summary from their own page
    other = DispatchPage(make_ctx(people["W002"]))
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: other.task is not None, timeout=10000)
    assert [tg["unit"] for tg in other.task["targets"] if "report" in tg["may"]] == ["输电运检车间"]
    other.board.selectRow([tg["unit"] for tg in other.task["targets"]].index("输电运检车间"))
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (100, True))
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("线路通道已清理", True))
    other.report_btn.click()
    qtbot.waitUntil(lambda: dispatch.detail(bank, people["L001"], tid)["states"]["reported"] == 2, timeout=10000)
    # the sender accepts both units; the task closes
    for unit in ("变电运维车间", "输电运检车间"):
        qtbot.waitUntil(lambda: page.task and {tg["unit"]: tg["state"] for tg in page.task["targets"]}
                        .get(unit) in ("reported", "accepted"), timeout=10000)
        page.board.selectRow([tg["unit"] for tg in page.task["targets"]].index(unit))
        assert page.accept_btn.isEnabled()
        page.accept_btn.click()
        qtbot.waitUntil(lambda: page.task and {tg["unit"]: tg["state"] for tg in page.task["targets"]}[unit]
                        == "accepted", timeout=10000)
    qtbot.waitUntil(lambda: page.tasks and page.tasks[0]["status"] == "closed", timeout=10000)


def test_boards_and_ledger_of_a_campaign(qtbot, bank, people, clock, make_ctx, draft_data, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from app.ui.pages.campaigns import CampaignsPage
    cid = campaigns.create(bank, people["admin"], "2025年立功竞赛", "2025-01-01", "2025-12-31", theme="保供电",
                           rules={"proposed": 2, "adopted": 3}).value
    open_ = projects.propose(bank, people["W001"], draft_data | {"title": "公开项目"}, submit=True).value
    secret = projects.propose(bank, people["W001"], draft_data | {"title": "秘密项目", "confidentiality": "secret"},
                              submit=True).value
    for pid in (open_, secret):
        campaigns.enter(bank, people["W001"], cid, pid)
    projects.move(bank, people["L001"], open_, "start_review", "")
    projects.move(bank, people["L001"], open_, "adopt", "好")

    def opened(who):  # type: ignore[no-untyped-def]
        page = CampaignsPage(make_ctx(people[who]))
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: page.table.rowCount() == 1 and page.ledger is None, timeout=10000)
        page.table.selectRow(0)
        qtbot.waitUntil(lambda: page.ledger is not None, timeout=10000)
        return page
    worker = opened("W002")  # another workshop's worker: the secret project counts for nothing
    assert _rows(worker.table) == [["1", "张三（W001）", "5", "1", "变电运维车间"]]
    assert sorted(r[1:] for r in _rows(worker.lines)) == [[f"{_number(bank, open_)} 公开项目", "提出", "", "2"],
                                                          [f"{_number(bank, open_)} 公开项目", "采纳", "", "3"]]
    assert not worker.export_xlsx.isVisible()
    leader = opened("L001")  # the studio's leader sees it
    assert _rows(leader.table)[0][2:4] == ["7", "2"]
    assert "秘密项目" in str(_rows(leader.lines))
    leader.board.setCurrentIndex(leader.board.findData("studios"))
    qtbot.waitUntil(lambda: _rows(leader.table) == [["1", "王建国劳模创新工作室", "7", "2", ""]], timeout=10000)
    assert leader.export_xlsx.isVisible()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "结果"), ""))
    leader.export_xlsx.click()
    qtbot.waitUntil(lambda: (tmp_path / "结果.xlsx").exists(), timeout=10000)
    book = load_workbook(tmp_path / "结果.xlsx")
    assert [r[5] for r in book["个人榜"].iter_rows(min_row=2, values_only=True)] == [7]


def _number(bank, pid):  # type: ignore[no-untyped-def]
    from db.models import Project
    with bank.session() as s:
        return s.get(Project, pid).number


def test_the_window_delivers_warnings_once(qtbot, bank, people, clock, make_ctx):
    from sqlalchemy import func, select

    from app.ui.tools import specs
    from app.ui.tools.warnings import DeliveryStatus
    from db.models import Notification
    dispatch.send(bank, people["L001"], "安全月活动总结", "2025-03-05", [("输电运检车间", "W002")])
    clock.now = dt.datetime(2025, 3, 7, 9, 0, tzinfo=dt.timezone.utc)  # overdue
    assert "warning_delivery" in [s.key for s in specs("worker")]  # every window delivers

    def notices(no):  # type: ignore[no-untyped-def]
        with bank.session() as s:
            return s.scalar(select(func.count()).select_from(Notification)
                            .where(Notification.user_id == people[no].id, Notification.kind == "warning"))
    before = notices("W002")
    ctx = make_ctx(people["W001"])
    status = DeliveryStatus(ctx)
    qtbot.addWidget(status)
    with qtbot.waitSignal(ctx.sig_changes, timeout=10000):
        status.deliver()
    qtbot.waitUntil(lambda: status.text() != "", timeout=5000)
    assert notices("W002") == before + 1 and status.toolTip()
    status.deliver()  # again: nothing new
    qtbot.waitUntil(lambda: not ctx.worker.busy, timeout=10000)
    assert notices("W002") == before + 1


def test_dispatch_from_the_window_to_every_unit_below_one(qtbot, bank, people, make_ctx, tmp_path):
    from PySide6.QtCore import Qt

    from app.core import people as P
    from app.ui.dialogs.send_task import SendTaskDialog
    from app.ui.pages.dispatch import DispatchPage
    P.add_unit(bank, people["admin"], "变电一班", "crew", parent="变电运维车间")
    P.add_user(bank, people["admin"], "W005", "周九", unit="变电一班")
    pages = {no: DispatchPage(make_ctx(people[no])) for no in ("W001", "L001")}
    for page in pages.values():
        qtbot.addWidget(page)
    assert [no for no, page in pages.items() if page.send_btn.isVisibleTo(page)] == ["L001"]  # workers do not send
    ctx = make_ctx(people["L001"])
    dlg = SendTaskDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.title.setText("防汛物资清点")
    dlg.body.setPlainText("请清点并上报。")
    note = tmp_path / "清单.txt"
    note.write_text("沙袋 200", encoding="utf-8")
    dlg.files.addItem(str(note))
    workshop = next(i for i in dlg.items.values() if i.text(0) == "变电运维车间")
    workshop.setCheckState(0, Qt.CheckState.Checked)  # and the crew below it
    assert [dlg.items[u].text(0) for u, _ in dlg.targets()] == ["变电运维车间", "变电一班"]
    dlg.combos[next(u for u, i in dlg.items.items() if i.text(0) == "变电一班")].setCurrentIndex(1)  # 周九
    dlg.send_btn.click()
    qtbot.waitUntil(lambda: dlg.error.text() != "", timeout=10000)  # the workshop has nobody named yet
    assert "变电运维车间" in dlg.error.text() and dlg.sent is None
    combo = dlg.combos[next(u for u, i in dlg.items.items() if i.text(0) == "变电运维车间")]
    combo.setCurrentIndex(combo.findData("W001"))
    dlg.send_btn.click()
    qtbot.waitUntil(lambda: dlg.sent is not None, timeout=10000)
    task = dispatch.detail(bank, people["L001"], dlg.sent)
    assert (task["title"], task["kind"], task["body"]) == ("防汛物资清点", "task", "请清点并上报。")
    assert sorted((tg["unit"], tg["responsible"]) for tg in task["targets"]) == [("变电一班", "W005"),
                                                                                ("变电运维车间", "W001")]
    assert [a["name"] for a in task["attachments"]] == ["清单.txt"]


def test_an_administrator_sets_a_campaign_up_in_the_window(qtbot, bank, people, make_ctx, monkeypatch):
    from PySide6.QtCore import Qt

    from app.ui.dialogs.campaign import CampaignDialog
    from app.ui.pages.campaigns import CampaignsPage
    leader = CampaignsPage(make_ctx(people["L001"]))
    qtbot.addWidget(leader)
    assert not leader.new_btn.isVisibleTo(leader)  # administrators only
    page = CampaignsPage(make_ctx(people["admin"]))
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: "New campaign" in page.info.text() or "新" in page.info.text(), timeout=10000)
    forms = []

    def new(dlg) -> int:  # type: ignore[no-untyped-def]
        forms.append(dlg)
        dlg.name.setText("安全生产立功竞赛")
        dlg.starts.setDate(dlg.starts.date().fromString("2025-01-01", "yyyy-MM-dd"))
        dlg.ends.setDate(dlg.ends.date().fromString("2025-12-31", "yyyy-MM-dd"))
        for i in range(dlg.units.count()):
            if dlg.units.item(i).text().strip("　") == "变电运维车间":
                dlg.units.item(i).setCheckState(Qt.CheckState.Checked)
        dlg.steps["proposed"].setValue(2)
        dlg.bands.setText("50000")
        dlg.save_btn.click()
        assert "名称=积分" in dlg.error.text() and dlg.saved is None  # said, nothing written
        dlg.bands.setText("50000=4，200000=9")
        dlg.save_btn.click()
        qtbot.waitUntil(lambda: dlg.saved is not None, timeout=10000)
        return 1
    monkeypatch.setattr(CampaignDialog, "exec", new)
    page.new_btn.click()
    qtbot.waitUntil(lambda: page.campaign.currentData() == forms[0].saved, timeout=10000)
    info = campaigns.show(bank, people["admin"], "安全生产立功竞赛")
    assert (info["units"], info["starts_on"], info["rules"]["proposed"], info["rules"]["benefit_bands"]) == (
        ["变电运维车间"], "2025-01-01", 2, [[50000, 4], [200000, 9]])

    def change(dlg) -> int:  # type: ignore[no-untyped-def]
        assert dlg.name.text() == "安全生产立功竞赛" and dlg.steps["proposed"].value() == 2
        dlg.awards["provincial"].setValue(12)
        dlg.save_btn.click()
        qtbot.waitUntil(lambda: dlg.saved is not None, timeout=10000)
        return 1
    monkeypatch.setattr(CampaignDialog, "exec", change)
    page.edit_btn.click()
    qtbot.waitUntil(lambda: campaigns.show(bank, people["admin"], "安全生产立功竞赛")["rules"]["awards"]["provincial"]
                    == 12, timeout=10000)
    assert campaigns.show(bank, people["admin"], "安全生产立功竞赛")["rules"]["benefit_bands"] == [[50000, 4],
                                                                                           [200000, 9]]


def test_warning_days_for_tasks_and_targets_per_head_in_the_window(qtbot, bank, people, make_ctx):
    from PySide6.QtWidgets import QDialog

    from app.core import alerts, org
    from app.ui.dialogs.studio_settings import StudioSettingsDialog
    studio = {s["name"]: s for s in org.list_studios(bank)}["王建国劳模创新工作室"]
    dlg = StudioSettingsDialog(make_ctx(people["L001"]), studio)
    qtbot.addWidget(dlg)
    section = dlg.sections["thresholds"]
    assert "task_warn_days" not in section.spins  # a task belongs to no studio: the site's value counts
    targets = dlg.sections["targets"]  # the default per crew sits with the per-unit targets
    qtbot.waitUntil(lambda: targets.view is not None, timeout=10000)
    targets.default.setValue(1.5)
    dlg.save()
    qtbot.waitUntil(lambda: dlg.result() == QDialog.DialogCode.Accepted, timeout=10000)
    assert alerts.thresholds_for(bank, studio["id"])["proposals_per_head"] == 1.5
    assert alerts.thresholds_for(bank, None)["proposals_per_head"] == 0  # the site's kept
    site = StudioSettingsDialog(make_ctx(people["admin"]), None)  # the shared settings of all studios
    qtbot.addWidget(site)
    site.sections["thresholds"].spins["task_warn_days"].setValue(5)
    site.save()
    qtbot.waitUntil(lambda: site.result() == QDialog.DialogCode.Accepted, timeout=10000)
    assert alerts.thresholds_for(bank, None)["task_warn_days"] == 5
    assert alerts.thresholds_for(bank, studio["id"])["proposals_per_head"] == 1.5
