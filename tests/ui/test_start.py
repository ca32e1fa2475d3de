"""First start: an account without a password sets one, idle sign-out (the first-run wizard: test_first_run.py)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.core import auth

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
