"""Tools → Import projects…: the template is saved from the dialog, a file is checked and imported."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from db.models import Project
from tests.ui.conftest import wait_idle

pytestmark = pytest.mark.gui


def _count(bank):
    with bank.session() as s:
        return s.scalar(select(func.count()).select_from(Project))


def test_import_tool_saves_the_template_checks_and_imports(qtbot, bank, people, make_ctx, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from app.ui import tools
    from app.ui.tools.import_projects import ImportDialog
    assert "import_projects" in [s.key for s in tools.specs("leader")]
    assert "import_projects" not in [s.key for s in tools.specs("worker")]  # the core's data.import rule

    ctx = make_ctx(people["admin"])
    dlg = ImportDialog(ctx)
    qtbot.addWidget(dlg)
    target = tmp_path / "模板"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dlg.template_button.click()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: dlg.path.text().endswith("模板.xlsx"))
    assert load_workbook(tmp_path / "模板.xlsx")["项目"]["A1"].value == "标题*"

    bad = tmp_path / "bad.csv"
    bad.write_text("标题,分类,自助终端提交\n灯,小发明,maybe\n", encoding="utf-8")
    dlg.path.setText(str(bad))
    dlg.check_button.click()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: dlg.problems.toPlainText() != "")
    assert "第 2 行 自助终端提交（C 列）" in dlg.problems.toPlainText()

    good = tmp_path / "good.csv"
    good.write_text("标题,分类\n灯,小发明\n挡板,小设计\n", encoding="utf-8")
    dlg.path.setText(str(good))
    dlg.check_button.click()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: "2" in dlg.status.text() and dlg.check_button.isEnabled())
    assert _count(bank) == 0 and dlg.problems.toPlainText() == ""
    with qtbot.waitSignal(ctx.sig_changes, timeout=10000):
        dlg.import_button.click()
    wait_idle(qtbot, ctx)
    assert _count(bank) == 2
