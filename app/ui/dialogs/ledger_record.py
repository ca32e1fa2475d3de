"""Add a record to a studio's ledger (台账): an activity, a study session or a reward."""
from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core import ledger, sitetime
from app.core.vocab import label
from app.ui.context import UiContext


class LedgerRecordDialog(QDialog):
    def __init__(self, ctx: UiContext, studio_id: str, studio_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.studio_id = ctx, studio_id
        self.setWindowTitle(self.tr("Add to the ledger of {studio}").replace("{studio}", studio_name))
        self.kind = QComboBox()
        for code in ledger.RECORD_KINDS:
            self.kind.addItem(label(ledger.RECORD_KINDS, code), code)
        today = sitetime.today(ctx.bank)
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.title = QLineEdit()
        self.title.setMaxLength(300)
        self.people = QSpinBox()
        self.people.setRange(0, 100000)
        self.people.setSpecialValueText(self.tr("not given"))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("yuan, e.g. 2000 or 0.2万"))
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(90)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Date"), self.day)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Participants"), self.people)
        form.addRow(self.tr("Amount"), self.amount)
        form.addRow(self.tr("Notes"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_btn = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        studio, kind, title = self.studio_id, self.kind.currentData(), self.title.text()
        day, note, amount = self.day.date().toPython(), self.note.toPlainText(), self.amount.text()
        people = self.people.value() or None
        bank, actor = self.ctx.bank, self.ctx.actor
        self.save_btn.setEnabled(False)

        def failed(error: BaseException) -> None:
            self.save_btn.setEnabled(True)
            message = getattr(error, "message", None)
            if message:
                self.error.setText(message)
            else:
                self.ctx.show_error(error, self)
        self.ctx.write(lambda: ledger.add_record(bank, actor, studio, kind, title, day, body=note, participants=people,
                                                 amount=amount),
                       done=lambda ch: self.accept(), failed=failed, parent=self, label=self.tr("Saving the record"))
