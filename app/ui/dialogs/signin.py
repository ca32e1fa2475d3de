"""Sign-in: employee number and password (last user remembered), first password for the local
admin, and kiosk mode (employee number only, proposals marked for a leader to confirm)."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.core import auth
from app.core.actor import Actor
from app.core.bank import Bank
from app.core.errors import IdeaBankError
from app.ui.worker import while_painting


class SetPasswordDialog(QDialog):
    """The first password of an account that has none (the local admin on first start)."""

    def __init__(self, bank: Bank, employee_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bank, self.employee_no = bank, employee_no
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Set a password"))
        intro = QLabel(self.tr("Account %1 has no password yet. Choose one (at least 6 characters); you will "
                               "use it to sign in from now on.").replace("%1", employee_no))
        intro.setWordWrap(True)
        self.pw1, self.pw2 = QLineEdit(), QLineEdit()
        for w in (self.pw1, self.pw2):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("New password"), self.pw1)
        form.addRow(self.tr("Repeat it"), self.pw2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _save(self) -> None:
        if self.pw1.text() != self.pw2.text():
            self.error.setText(self.tr("The two passwords differ; type them again."))
            return
        password = self.pw1.text()
        self.setEnabled(False)  # the write may wait for another program's lock: the dialog still paints
        try:
            self.actor = while_painting(lambda: auth.set_first_password(self.bank, self.employee_no, password))
        except IdeaBankError as exc:
            self.error.setText(exc.message)
            return
        finally:
            self.setEnabled(True)
        self.accept()


class SignInDialog(QDialog):
    def __init__(self, bank: Bank, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bank = bank
        self.actor: Actor | None = None
        self.kiosk = False
        self.setWindowTitle(self.tr("Sign in — Idea Bank"))
        self.setObjectName("SignInDialog")
        title = QLabel(self.tr("Idea Bank"))
        title.setObjectName("appTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        sub = QLabel(self.tr("Pool everyone's ideas: propose, review and share innovations."))
        sub.setAlignment(Qt.AlignmentFlag.AlignCenter)
        sub.setWordWrap(True)
        self.number = QLineEdit(str(QSettings().value("last_user", "") or ""))
        self.number.setPlaceholderText(self.tr("e.g. W001"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.kiosk_box = QCheckBox(self.tr("Kiosk: propose an idea with my employee number only"))
        self.kiosk_box.toggled.connect(lambda on: self.password.setEnabled(not on))
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Employee number"), self.number)
        form.addRow(self.tr("Password"), self.password)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit = buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        # Enter always means "sign in": Quit never takes the default, even when it had the focus.
        self.quit.setAutoDefault(False)
        self.ok.setDefault(True)
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(sub)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.kiosk_box)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        (self.password if self.number.text() else self.number).setFocus()

    def try_sign_in(self) -> bool:
        number, password = self.number.text().strip(), self.password.text()
        try:
            if self.kiosk_box.isChecked():
                self.actor, self.kiosk = self._signing_in(lambda: auth.kiosk_sign_in(self.bank, number)), True
            elif auth.needs_password(self.bank, number):
                dlg = SetPasswordDialog(self.bank, number, self)
                if dlg.exec() != QDialog.DialogCode.Accepted:
                    return False
                self.actor = dlg.actor
            else:
                self.actor = self._signing_in(lambda: auth.sign_in(self.bank, number, password))
        except IdeaBankError as exc:
            self.error.setText(exc.message)
            self.password.selectAll()
            self.password.setFocus()
            self.ok.setDefault(True)  # a failed attempt leaves Enter on 登录
            return False
        if not self.kiosk:
            QSettings().setValue("last_user", number)
        self.accept()
        return True

    def _signing_in(self, sign_in: Callable[[], Actor]) -> Actor:
        """Signing in writes (the audit trail, failed attempts): it may wait for another program's
        write lock, on a thread, while the dialog paints and says so."""
        self.error.setText(self.tr("Signing in…"))
        self.setEnabled(False)
        try:
            return while_painting(sign_in)
        finally:
            self.setEnabled(True)
            self.error.setText("")
