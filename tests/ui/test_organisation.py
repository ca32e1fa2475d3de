"""The Organisation page and the studio settings dialog, driven as a person would (forms filled
and accepted), checked against the core afterwards."""
from __future__ import annotations

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QDialog, QMessageBox

from app.core import auth, org, reviews, studio_settings
from app.core import people as P
from app.ui.dialogs import org as forms
from app.ui.dialogs.org_import import ImportDialog
from app.ui.dialogs.studio_settings import StudioSettingsDialog
from tests.ui.conftest import wait_idle

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, make_ctx):
    def make(actor):  # type: ignore[no-untyped-def]
        from app.ui.pages.organisation import OrganisationPage
        ctx = make_ctx(actor)
        p = OrganisationPage(ctx)
        qtbot.addWidget(p)
        p.show()
        qtbot.waitUntil(lambda: bool(p.people), timeout=5000)
        return p
    return make


def answer(monkeypatch, dialog_cls, fill):  # type: ignore[no-untyped-def]
    """The next `dialog_cls` opened is filled by `fill` and accepted."""
    def exec_(self):  # type: ignore[no-untyped-def]
        fill(self)
        self._accept()
        return self.result()
    monkeypatch.setattr(dialog_cls, "exec", exec_)


def settle(qtbot, p):  # type: ignore[no-untyped-def]
    wait_idle(qtbot, p.ctx)
    qtbot.wait(50)
    wait_idle(qtbot, p.ctx)


def pick(combo, data):  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(data))
    assert combo.currentData() == data


def test_an_administrator_sets_up_units_studios_and_people(qtbot, page, people, monkeypatch, bank):
    p = page(people["admin"])
    assert p.tabs.isTabVisible(0) and not p.add_person_btn.isHidden()
    assert p.unit_tree.topLevelItem(0).text(0) == "国网示范供电公司"

    answer(monkeypatch, forms.UnitDialog, lambda d: (d.name.setText("变电一班"), pick(d.kind, "crew"),
                                                     pick(d.parent_unit, "变电运维车间")))
    p.add_unit()
    settle(qtbot, p)
    qtbot.waitUntil(lambda: "变电一班" in [u["name"] for u in p.units], timeout=5000)  # the page re-read it
    answer(monkeypatch, forms.StudioDialog, lambda d: (d.name.setText("一班创新工作室"), pick(d.unit, "变电一班"),
                                                       pick(d.leader, "W002"), d.funds.setText("3万")))
    p.add_studio()
    answer(monkeypatch, forms.PersonDialog, lambda d: (d.number.setText("0012001"), d.name.setText("新同事"),
                                                       pick(d.unit, "变电一班"), pick(d.grade, "技师"),
                                                       d.password.setText("hello-123")))
    p.add_person()
    settle(qtbot, p)
    units = {u["name"]: u for u in org.list_units(bank)}
    assert units["变电一班"]["parent"] == "变电运维车间"
    studio = {s["name"]: s for s in org.list_studios(bank)}["一班创新工作室"]
    assert (studio["leader"], studio["unit"], studio["funds"]) == ("W002", "变电一班", 30000.0)
    assert auth.sign_in(bank, "0012001", "hello-123").name == "新同事"
    qtbot.waitUntil(lambda: p.select_person("0012001"), timeout=3000)

    # edit, role, password, deactivate: each a core use case
    answer(monkeypatch, forms.PersonDialog, lambda d: d.specialty.setText("带电作业"))
    p.edit_person()
    answer(monkeypatch, forms.RoleDialog, lambda d: pick(d.role, "base"))
    p.change_role()
    answer(monkeypatch, forms.PasswordDialog, lambda d: (d.pw1.setText("reset-456"), d.pw2.setText("reset-456")))
    p.reset_password()
    settle(qtbot, p)
    assert auth.sign_in(bank, "0012001", "reset-456").role == "base"
    assert {u["employee_no"]: u for u in P.list_users(bank)}["0012001"]["specialty"] == "带电作业"
    qtbot.waitUntil(lambda: p.select_person("0012001"), timeout=3000)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    p.toggle_active()
    settle(qtbot, p)
    assert not p.select_person("0012001")  # deactivated people are hidden unless asked for
    p.show_inactive.setChecked(True)
    assert p.select_person("0012001") and p.active_btn.text() == "重新启用"


def test_a_password_form_refuses_two_different_passwords(qtbot):
    d = forms.PasswordDialog("张三（W001）")
    qtbot.addWidget(d)
    d.pw1.setText("abcdefg")
    d.pw2.setText("abcdefh")
    d._accept()
    assert d.result() != QDialog.DialogCode.Accepted and d.error.text()


def test_a_leader_sees_their_studio_and_its_people(qtbot, page, people, monkeypatch, bank):
    p = page(people["L001"])
    assert not p.tabs.isTabVisible(0) and p.add_person_btn.isHidden() and not p.join_btn.isHidden()
    assert [s["name"] for s in p.studios] == ["王建国劳模创新工作室"]
    assert {x["employee_no"] for x in p.people} == {"L001", "W001"}
    assert p.page_actions() == []
    answer(monkeypatch, forms.StudioDialog, lambda d: (d.premises.setText("变电运维车间三楼"),
                                                       d.name.isEnabled() and pytest.fail("name editable")))
    p.edit_studio()
    p.select_person("W001")
    answer(monkeypatch, forms.PersonDialog, lambda d: (pick(d.grade, "高级技师"),
                                                       d.number.isEnabled() and pytest.fail("number editable")))
    p.edit_person()
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", lambda *a, **k: ("W002", True))
    p.add_member()
    settle(qtbot, p)
    studio = {s["name"]: s for s in org.list_studios(bank)}["王建国劳模创新工作室"]
    assert studio["premises"] == "变电运维车间三楼"
    rows = {u["employee_no"]: u for u in P.list_users(bank)}
    assert rows["W001"]["skill_grade"] == "高级技师" and rows["W002"]["studio"] == "王建国劳模创新工作室"


def test_studio_settings_are_saved_and_used_by_the_review_form(qtbot, people, make_ctx, bank, draft_data):
    from app.core import projects
    from app.ui.dialogs.review import ReviewDialog
    ctx = make_ctx(people["L001"])
    studio = {s["name"]: s for s in org.list_studios(bank)}["王建国劳模创新工作室"]
    dlg = StudioSettingsDialog(ctx, studio)
    qtbot.addWidget(dlg)
    rubric = dlg.sections["rubric"]
    for key, value in zip(rubric.spins, (50, 50, 0, 0, 0)):
        rubric.spins[key].setValue(value)
    templates = dlg.sections["templates"]
    templates.list.clear()
    templates._add("感谢！本工作室的答复。")
    dlg.sections["thresholds"].spins["unanswered_days"].setValue(3)
    dlg.save()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: dlg.result() == QDialog.DialogCode.Accepted, timeout=5000)
    assert reviews.rubric_weights(bank, studio["id"]) == {"creativity": 0.5, "practicality": 0.5, "economic": 0.0,
                                                          "social": 0.0, "promotion": 0.0}
    assert studio_settings.answer_templates(bank, studio["id"]) == ["感谢！本工作室的答复。"]
    pid = projects.propose(bank, people["W001"], draft_data, submit=True).value
    review = ReviewDialog(ctx, pid)
    qtbot.addWidget(review)
    assert list(review.scores) == ["creativity", "practicality"]  # criteria weighted 0 are not scored
    assert review.template.itemData(1) == "感谢！本工作室的答复。"
    # Another studio's leader may not open this studio's settings from the page
    other = StudioSettingsDialog(make_ctx(people["L002"]), studio)
    qtbot.addWidget(other)
    other.sections["rubric"].spins["economic"].setValue(10)
    shown = []
    other.ctx.show_error = lambda e, parent: shown.append(e)  # type: ignore[method-assign]
    other.save()
    wait_idle(qtbot, other.ctx)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert reviews.rubric_weights(bank, studio["id"])["economic"] == 0.0


def _book(path, rows):  # type: ignore[no-untyped-def]
    wb = Workbook()
    ws = wb.active
    ws.title = "人员"
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_import_shows_the_row_report_and_imports_all_or_nothing(qtbot, make_ctx, people, bank, tmp_path):
    ctx = make_ctx(people["admin"])
    bad = ImportDialog(ctx, _book(tmp_path / "bad.xlsx", [["工号", "姓名", "技能等级"], ["0099", "某人", "大师"],
                                                           ["0098", "某甲", "技师"]]))
    qtbot.addWidget(bad)
    qtbot.waitUntil(lambda: bad.report is not None, timeout=10000)
    assert not bad.import_btn.isEnabled() and bad.view.rowCount() == 2
    assert bad.view.item(0, 3).text() == "有问题" and "技能等级" in bad.view.item(0, 4).text()
    good = ImportDialog(ctx, _book(tmp_path / "good.xlsx", [["工号", "姓名", "单位"], ["0098", "某甲", "输电运检车间"]]))
    qtbot.addWidget(good)
    qtbot.waitUntil(lambda: good.import_btn.isEnabled(), timeout=10000)
    good._import()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: good.result() == QDialog.DialogCode.Accepted, timeout=10000)
    assert {u["employee_no"]: u for u in P.list_users(bank)}["0098"]["unit"] == "输电运检车间"
    assert "0099" not in {u["employee_no"] for u in P.list_users(bank)}
