"""The first-run wizard: nothing on disk until Finish, whichever page it is cancelled on; Finish
makes the administrator, the organisation and the site's name, or removes what it made."""
from __future__ import annotations

import pytest
import shiboken6
from openpyxl import Workbook
from PySide6.QtWidgets import QWizard

from app.core import auth, org
from app.core import people as P
from app.core.bank import Bank
from app.ui import first_run as F

pytestmark = pytest.mark.gui


@pytest.fixture
def wizard(qtbot, tmp_path):
    made = []

    def make(folder=None):  # type: ignore[no-untyped-def]
        w = F.FirstRunWizard(folder or tmp_path / "新数据")
        made.append(w)
        w.show()
        return w
    yield make
    for w in made:  # gone before the next test restyles every widget
        w.close()
        shiboken6.delete(w)


def choose(w, key):  # type: ignore[no-untyped-def]
    setup = w.page(F.P_SETUP)
    next(b for b in setup.choice.buttons() if b.property("key") == key).setChecked(True)


def admin(w, number="admin"):  # type: ignore[no-untyped-def]
    page = w.page(F.P_ADMIN)
    page.number.setText(number)
    page.name.setText("张工")
    page.pw1.setText("first-pass")
    page.pw2.setText("first-pass")


def walk(w, key, tmp_path, stop_at=None):  # type: ignore[no-untyped-def]
    """Fill each page on the way of `key` and go on, up to `stop_at` (a page id) or the last page."""
    choose(w, key)
    admin(w)
    typed = w.page(F.P_TYPE)
    typed.unit.setText("示范供电公司")
    typed.studio.setText("示范创新工作室")
    if key == F.IMPORT:
        w.page(F.P_IMPORT).check(_workbook(tmp_path))
    hub = w.page(F.P_HUB)
    hub.url.setText("postgresql+psycopg://nobody@127.0.0.1:9/none")
    hub.number.setText("W1")
    visited = [w.currentId()]
    while w.currentId() != stop_at and w.currentId() != F.P_SITE:
        w.next()
        assert w.currentId() != visited[-1], f"stuck on page {visited[-1]}"
        visited.append(w.currentId())
    return visited


def _workbook(tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "组织.xlsx"
    wb = Workbook()
    wb.remove(wb.active)
    units = wb.create_sheet("单位")
    units.append(["单位名称", "上级单位", "类型"])
    units.append(["示范供电公司", "", "公司"])
    units.append(["变电运维车间", "示范供电公司", "车间"])
    staff = wb.create_sheet("人员")
    staff.append(["工号", "姓名", "单位"])
    staff.append(["0012001", "王建国", "变电运维车间"])
    wb.save(path)
    return path


@pytest.mark.parametrize("key", [F.TYPE, F.IMPORT, F.JOIN, F.LATER])
def test_cancelled_at_any_step_leaves_no_data_folder(wizard, tmp_path, key):
    folder = tmp_path / "新数据"
    w = wizard(folder)
    visited = walk(w, key, tmp_path)
    for page in visited:  # cancel on each page of the way, from a fresh wizard
        again = wizard(folder)
        walk(again, key, tmp_path, stop_at=page)
        assert again.currentId() == page
        again.reject()
        assert not folder.exists(), f"cancelled on page {page}"
    w.reject()
    assert not folder.exists()


def test_finish_with_a_typed_unit_and_studio(wizard, tmp_path):
    w = wizard()
    walk(w, F.TYPE, tmp_path)
    admin(w, "0012001")
    w.page(F.P_SITE).name.setText("变电运维车间工作站")
    w.button(QWizard.WizardButton.FinishButton).click()
    assert w.bank is not None and w.admin_no == "0012001"
    bank = w.bank
    try:
        assert auth.sign_in(bank, "0012001", "first-pass").role == "admin"
        assert auth.sign_in(bank, "admin", "first-pass").role == "admin"  # nobody can claim the built-in one
        assert [u["name"] for u in org.list_units(bank)] == ["示范供电公司"]
        assert [s["name"] for s in org.list_studios(bank)] == ["示范创新工作室"]
        assert bank.setting("site_name") == "变电运维车间工作站"
    finally:
        bank.close()


def test_finish_with_a_workbook(wizard, tmp_path):
    w = wizard()
    walk(w, F.IMPORT, tmp_path)
    assert w.page(F.P_IMPORT).ok
    w.button(QWizard.WizardButton.FinishButton).click()
    bank = w.bank
    try:
        assert [p["employee_no"] for p in P.list_users(bank)] == ["0012001", "admin"]
        assert org.list_units(bank)[1]["path"] == "示范供电公司/变电运维车间"
    finally:
        bank.close()


def test_a_bad_workbook_cannot_go_on(wizard, tmp_path):
    w = wizard()
    choose(w, F.IMPORT)
    admin(w)
    w.next(), w.next(), w.next()
    assert w.currentId() == F.P_IMPORT
    bad = tmp_path / "bad.csv"
    bad.write_text("工号,姓名,技能等级\n0099,某人,大师\n", encoding="utf-8")
    w.page(F.P_IMPORT).check(bad)
    assert not w.page(F.P_IMPORT).isComplete() and w.page(F.P_IMPORT).view.rowCount() == 1
    w.next()
    assert w.currentId() == F.P_IMPORT


def test_a_failed_finish_removes_what_it_made(wizard, tmp_path):
    folder = tmp_path / "新数据"
    w = wizard(folder)
    walk(w, F.JOIN, tmp_path)  # a hub that is not there
    w.button(QWizard.WizardButton.FinishButton).click()
    assert w.bank is None and w.isVisible() and w.page(F.P_SITE).error.text()
    assert not folder.exists()
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    w2 = wizard(empty)
    walk(w2, F.JOIN, tmp_path)
    w2.button(QWizard.WizardButton.FinishButton).click()
    assert empty.exists() and list(empty.iterdir()) == []  # an empty folder the person chose stays, empty


def test_the_folder_page_refuses_a_folder_in_use_and_opens_an_existing_bank(wizard, tmp_path):
    busy = tmp_path / "别的文件"
    busy.mkdir()
    (busy / "笔记.txt").write_text("x", encoding="utf-8")
    w = wizard(busy)
    w.next()
    assert w.currentId() == F.P_FOLDER and "空" in w.page(F.P_FOLDER).error.text()
    existing = tmp_path / "已有"
    Bank.open(existing).close()
    assert F.folder_problem(existing) == ""


def test_the_program_runs_the_wizard_for_a_new_folder_and_a_cancel_leaves_nothing(monkeypatch, tmp_path, qapp):
    from PySide6.QtWidgets import QDialog

    from app.ui import main as gui_main
    seen = []

    def cancel(self):  # type: ignore[no-untyped-def]
        seen.append((self.folder(), self.page(F.P_FOLDER).path.isReadOnly()))
        return QDialog.DialogCode.Rejected
    monkeypatch.setattr(F.FirstRunWizard, "exec", cancel)
    folder = tmp_path / "via-argument"
    assert gui_main.main(["--data-dir", str(folder)]) == 0
    monkeypatch.setenv("IDEABANK_HOME", str(tmp_path / "via-environment"))
    assert gui_main.main([]) == 0
    assert seen == [(folder, True), (tmp_path / "via-environment", True)]  # both kept, neither created
    assert not folder.exists() and not (tmp_path / "via-environment").exists()


def test_finish_works_on_a_thread_while_the_wizard_paints_and_says_so(wizard, tmp_path, qtbot, monkeypatch):
    """Creating the bank (or joining a hub and fetching its data: minutes for a large one) must not
    freeze the wizard: the work runs on a thread, the wizard is greyed out with a busy bar and a line."""
    import time

    from PySide6.QtCore import QTimer

    from app.core import first_run as core_first_run
    setup = core_first_run.setup

    def slow_setup(bank, plan):  # type: ignore[no-untyped-def]
        time.sleep(0.6)
        return setup(bank, plan)
    monkeypatch.setattr(core_first_run, "setup", slow_setup)
    w = wizard()
    walk(w, F.TYPE, tmp_path)
    site = w.page(F.P_SITE)
    seen, ticks = [], []
    beat = QTimer()
    beat.timeout.connect(lambda: ticks.append(1))
    beat.start(20)
    QTimer.singleShot(300, lambda: seen.append((w.isEnabled(), site.busy.isVisible(), site.status.text())))
    w.button(QWizard.WizardButton.FinishButton).click()
    beat.stop()
    assert seen == [(False, True, "正在创建智慧库…")]
    assert len(ticks) >= 15  # the event loop ran all along
    assert w.bank is not None and w.isEnabled() and not site.busy.isVisible() and site.status.text() == ""
    w.bank.close()
