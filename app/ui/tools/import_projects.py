"""Tools → Import projects…: check or import a .xlsx/.csv/.json file, and save the import template.

The import runs on the write worker with progress and cancel (all or nothing, as the CLI's); its
problems are listed row by row in the dialog, named as the sheet names its columns.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core import transfer
from app.core.permissions import roles_for
from app.core.transfer_template import write_template
from app.ui.context import UiContext
from app.ui.i18n import QT_TRANSLATE_NOOP
from app.ui.tools import ToolSpec, register
from app.ui.worker import TaskState


class ImportDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("importProjects")
        self.setWindowTitle(self.tr("Import projects"))
        intro = QLabel(self.tr("Fill the template in WPS, Excel or LibreOffice and save it as .xlsx; .csv and .json "
                               "files exported by the app import too. Every row is checked first: nothing is "
                               "imported unless all rows are right."))
        intro.setWordWrap(True)
        self.path = QLineEdit()
        self.path.setMinimumWidth(380)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.template_button = QPushButton(self.tr("Save template…"))
        self.template_button.clicked.connect(self.save_template)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setPlaceholderText(self.tr("Problems found in the file are listed here, row by row."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.check_button = buttons.addButton(self.tr("Check only"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.template_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.check_button.clicked.connect(lambda: self.start(dry_run=True))
        self.import_button.clicked.connect(lambda: self.start(dry_run=False))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.problems, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self.task: TaskState | None = None

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import projects"), str(QSettings().value("last_dir", "")),
                                              self.tr("Tables (*.xlsx *.csv *.json)"))
        if path:
            self.path.setText(path)

    def save_template(self) -> None:
        start = str(Path(str(QSettings().value("last_dir", "")) or Path.home()) / "项目导入模板.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the import template as"), start,
                                              self.tr("Excel workbooks (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        self.task = self.ctx.export(lambda state: write_template(path), done=self._template_saved,
                                 failed=lambda e: self.ctx.show_error(e, self), label=self.tr("Saving the template"))

    def _template_saved(self, path: Path) -> None:
        self.status.setText(self.tr("Template saved to %1. Fill it in, save it, then choose it above.")
                            .replace("%1", str(path)))
        self.path.setText(str(path))

    def start(self, *, dry_run: bool) -> None:
        path = self.path.text().strip()
        if not path:
            self.status.setText(self.tr("Choose a file first."))
            return
        self.problems.clear()
        self.status.setText(self.tr("Checking…") if dry_run else self.tr("Importing…"))
        for button in (self.check_button, self.import_button):
            button.setEnabled(False)
        bank, actor = self.ctx.bank, self.ctx.actor

        def work(state: TaskState) -> transfer.ImportReport:
            return transfer.import_projects(bank, actor, path, dry_run=dry_run,
                                            progress=lambda done, total: state.progress(done, total),
                                            cancel=lambda: state.cancelled)
        self.task = self.ctx.run(work, done=self._done, failed=self._failed,
                                 label=self.tr("Checking the file") if dry_run else self.tr("Importing projects"))

    def _done(self, report: transfer.ImportReport) -> None:
        self._enable()
        if report.dry_run:
            self.status.setText(self.tr("Check passed: %n project(s) can be imported. Nothing was written.", "",
                                        report.imported))
            return
        self.ctx.sig_changes.emit(transfer.changes_of(report))
        self.status.setText(self.tr("Imported %n project(s).", "", report.imported))
        self.ctx.sig_message.emit(self.status.text())

    def _failed(self, error: BaseException) -> None:
        self._enable()
        if isinstance(error, transfer.ImportFailed):
            self.status.setText(error.message)
            self.problems.setPlainText("\n".join(error.details))
        elif isinstance(error, transfer.TransferCancelled):
            self.status.setText(error.message)
        else:
            self.status.setText("")
            self.ctx.show_error(error, self)

    def _enable(self) -> None:
        for button in (self.check_button, self.import_button):
            button.setEnabled(True)


def _open(ctx: UiContext, parent: QWidget) -> None:
    ImportDialog(ctx, parent).open()


register(ToolSpec(key="import_projects", title=QT_TRANSLATE_NOOP("Tools", "Import projects…"), run=_open, order=40,
                  roles=roles_for("data.import"),  # the core's rule: who may import
                  tooltip=QT_TRANSLATE_NOOP("Tools", "Import projects from a spreadsheet, or save the template to "
                                                     "fill in")))
