"""Import the people workbook from the window: check it first (a dry run), show the row-by-row
report, then import — all or nothing, as `ideabank people import`. Also saves the template."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import org_import, org_template
from app.core.i18n import t
from app.ui.context import UiContext

ACTIONS = {"create": ("新建", "Create"), "update": ("更新", "Update"), "unchanged": ("不变", "Unchanged"),
           "error": ("有问题", "Problem")}


def choose_workbook(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, QCoreApplication.translate("ImportDialog", "Import people workbook"),
                                          "", QCoreApplication.translate("ImportDialog", "Workbooks (*.xlsx *.csv)"))
    return Path(name) if name else None


def save_template(ctx: UiContext, parent: QWidget) -> None:
    name, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("ImportDialog", "Save template"),
                                          QCoreApplication.translate("ImportDialog", "people-workbook.xlsx"),
                                          QCoreApplication.translate("ImportDialog", "Workbooks (*.xlsx)"))
    if name:
        path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
        ctx.export(lambda state: org_template.write_template(path),
                done=lambda p: ctx.sig_message.emit(QCoreApplication.translate("ImportDialog", "Template saved: %1").replace("%1", str(p))))


class ReportView(QTableWidget):
    """One line per row of the workbook: sheet, row, key, outcome, what changed or what is wrong."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setHorizontalHeaderLabels([self.tr("Sheet"), self.tr("Row"), self.tr("Name or number"),
                                        self.tr("Outcome"), self.tr("Details")])
        self.verticalHeader().hide()
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

    def show_report(self, report: org_import.OrgImportReport) -> None:
        rows = sorted(report.rows, key=lambda r: (r.action != "error", r.action == "unchanged"))  # problems first
        self.setRowCount(len(rows))
        for i, r in enumerate(rows):
            zh, en, _c = org_import.SHEETS[r.sheet]
            detail = "；".join(r.problems) if r.problems else t("、", ", ").join(r.fields)
            for col, text in enumerate((t(zh, en), str(r.row), r.key, t(*ACTIONS[r.action]), detail)):
                item = QTableWidgetItem(text)
                if r.action == "error":
                    item.setForeground(Qt.GlobalColor.red)
                self.setItem(i, col, item)
        self.resizeColumnsToContents()
        self.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)


class ImportDialog(QDialog):
    """Shows the check of a workbook; Import applies it (enabled only when every row is fine)."""

    def __init__(self, ctx: UiContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.path = ctx, path
        self.report: org_import.OrgImportReport | None = None
        self.setWindowTitle(self.tr("Import %1").replace("%1", path.name))
        self.headline = QLabel(self.tr("Checking the workbook…"))
        self.headline.setWordWrap(True)
        self.view = ReportView()
        self.buttons = QDialogButtonBox()
        self.import_btn = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.import_btn.setEnabled(False)
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        self.resize(900, 560)
        self._run(dry_run=True)

    def _run(self, *, dry_run: bool) -> None:
        bank, actor, path = self.ctx.bank, self.ctx.actor, self.path
        if dry_run:
            self.ctx.run(lambda _state: org_import.import_workbook(bank, actor, path, dry_run=True),
                         done=self._checked, failed=self._failed)
        else:
            self.ctx.write(lambda: org_import.changes_of(org_import.import_workbook(bank, actor, path)),
                           done=self._imported, failed=self._failed, parent=self)

    def _checked(self, report: org_import.OrgImportReport) -> None:
        self.report = report
        self.view.show_report(report)
        if report.errors:
            self.headline.setText(self.tr("%n row(s) have problems; nothing can be imported until they are fixed in "
                                          "the workbook.", "", len(report.errors)) + "\n" + report.summary())
        elif not report.changed:
            self.headline.setText(self.tr("Everything in this workbook is already in the bank; importing it "
                                          "changes nothing.") + "\n" + report.summary())
        else:
            self.headline.setText(self.tr("The workbook is fine. Import it?") + "\n" + report.summary())
            self.import_btn.setEnabled(True)

    def _imported(self, _changes: Any) -> None:
        self.ctx.sig_message.emit(self.tr("Imported: %1").replace("%1", self.report.summary() if self.report else ""))
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, org_import.OrgImportFailed):  # the row-by-row report of what is wrong
            self._checked(error.report)
            return
        self.headline.setText(getattr(error, "message", str(error)))
        self.import_btn.setEnabled(False)

    def _import(self) -> None:
        self.import_btn.setEnabled(False)
        self.headline.setText(self.tr("Importing…"))
        self._run(dry_run=False)
