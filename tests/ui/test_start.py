"""First start: demo data offered once, the local admin sets a password, idle sign-out."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core import auth, queries

pytestmark = pytest.mark.gui


def test_admin_without_password_sets_one_at_first_sign_in(qtbot, bank):
    from app.ui.dialogs.signin import SetPasswordDialog, SignInDialog
    dlg = SignInDialog(bank)
    qtbot.addWidget(dlg)
    dlg.number.setText("admin")

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, SetPasswordDialog)
        box.pw1.setText("secret-1")
        box.pw2.setText("secret-2")
        box._save()
        assert "不一致" in box.error.text()
        box.pw2.setText("secret-1")
        box._save()
    QTimer.singleShot(50, answer)
    assert dlg.try_sign_in()
    assert dlg.actor.role == "admin"
    assert auth.sign_in(bank, "admin", "secret-1").employee_no == "admin"


def test_demo_data_offered_once_on_an_empty_bank(qtbot, bank, monkeypatch):
    from app.ui import main as gui_main
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(1) or QMessageBox.StandardButton.Yes)
    gui_main.offer_demo(QApplication.instance(), bank, projects=40)
    assert queries.count(bank, queries.ProjectFilter(include_merged=True)) == 40
    gui_main.offer_demo(QApplication.instance(), bank, projects=40)
    assert len(asked) == 1


def test_idle_time_signs_out(qtbot, bank, people, monkeypatch):
    from app.ui.main import Controller
    controller = Controller(QApplication.instance(), bank)
    back_to_sign_in = []
    monkeypatch.setattr(controller, "sign_in", lambda: back_to_sign_in.append(1) or True)
    controller.open_window(people["W001"])
    window = controller.window
    qtbot.addWidget(window)
    assert window.isVisible() and controller.idle.isActive()
    controller.idle.start(50)
    qtbot.waitUntil(lambda: bool(back_to_sign_in), timeout=3000)
    assert not window.isVisible() and controller.window is None
