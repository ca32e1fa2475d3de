"""Settings: language (takes effect at the next start), theme (at once), automatic sign-out (admins)."""
from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core import auth
from app.ui import theme
from app.ui.context import UiContext


class SettingsDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Settings"))
        s = QSettings()
        self.language = QComboBox()
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(s.value("language", "zh_CN"))))
        self.theme = QComboBox()
        self.theme.addItem(self.tr("Light"), "light")
        self.theme.addItem(self.tr("Dark"), "dark")
        self.theme.setCurrentIndex(max(0, self.theme.findData(s.value("theme", "light"))))
        self.idle = QSpinBox()
        self.idle.setRange(0, 1440)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setSpecialValueText(self.tr("never"))
        self.idle.setValue(auth.idle_minutes(ctx.bank))
        self.idle.setEnabled(ctx.can("site.settings"))
        self.setMinimumWidth(440)  # room for the longest label on one line in both languages
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.tr("Sign out after idle"), self.idle)
        note = QLabel(self.tr("A new language takes effect the next time the program starts."))
        note.setObjectName("muted")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def save(self) -> None:
        s = QSettings()
        s.setValue("language", self.language.currentData())
        s.setValue("theme", self.theme.currentData())
        app = QApplication.instance()
        assert isinstance(app, QApplication)  # a dialog exists only inside the window's QApplication
        theme.apply(app, self.theme.currentData())
        if self.ctx.can("site.settings") and self.idle.value() != auth.idle_minutes(self.ctx.bank):
            bank, actor, minutes = self.ctx.bank, self.ctx.actor, self.idle.value()
            self.setEnabled(False)  # until the worker answers: a held database never freezes the window

            def failed(error: BaseException) -> None:
                self.setEnabled(True)
                self.ctx.show_error(error, self)
            self.ctx.write(lambda: auth.set_idle_minutes(bank, actor, minutes), done=lambda _r: self.accept(),
                           failed=failed, parent=self)
            return
        self.accept()
