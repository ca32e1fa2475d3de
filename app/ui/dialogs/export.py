"""Dossier (成果档案) exports from the window: one project, the listed projects, a studio's annual report.

Every export runs on the serialized worker (a PDF of hundreds of pages must not freeze the window);
the core decides who may export what, the window only hides what a person could never use.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core import choices
from app.core.errors import IdeaBankError
from app.core.permissions import could, for_studio
from app.dossier.templates import TEMPLATES
from app.ui.context import UiContext
from app.ui.worker import TaskState, alive

if TYPE_CHECKING:
    from app.ui.pages.projects import ProjectsPage


@dataclass
class ExportOutcome:
    """What the last export produced (the window shows it; tests read it)."""
    files: list[Path]
    pages: int
    total: int
    cancelled: bool = False
    notes: list[str] = field(default_factory=list)  # the export report: characters no font has


def _path_row(suggested: str, browse_label: str, browse: Callable[[], None]) -> tuple[QLineEdit, QHBoxLayout]:
    """Where to write: a path field with a Browse… button (the label comes translated by the caller)."""
    path = QLineEdit(suggested)
    path.setMinimumWidth(360)
    button = QPushButton(browse_label)
    button.clicked.connect(browse)
    row = QHBoxLayout()
    row.addWidget(path, 1)
    row.addWidget(button)
    return path, row


class ExportDialog(QDialog):
    """Template, where to write, and for a batch: one PDF each into a folder or one combined PDF."""

    def __init__(self, ctx: UiContext, *, batch: int | None = None, suggested: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.batch = batch
        self.setWindowTitle(self.tr("Export dossier") if batch is None else self.tr("Export the listed projects"))
        self.template = QComboBox()
        self.template.addItem(self.tr("Five-small innovation declaration"), "national_wuxiao")
        self.template.addItem(self.tr("Company achievement archive"), "company_archive")
        for i in range(self.template.count()):  # what the PDF is titled, for those who know the form by that name
            self.template.setItemData(i, TEMPLATES[self.template.itemData(i)].label, Qt.ItemDataRole.ToolTipRole)
        self.each = QRadioButton(self.tr("One PDF per project, into a folder"))
        self.combined = QRadioButton(self.tr("One combined PDF"))
        self.each.setChecked(True)
        self.path, where = _path_row(suggested, self.tr("Browse…"), self._browse)
        form = QFormLayout()
        form.addRow(self.tr("Template:"), self.template)
        if batch is not None:
            form.addRow(QLabel(self.tr("%n project(s) in the current list.", "", batch)))
            form.addRow(self.tr("Output:"), self.each)
            form.addRow("", self.combined)
        form.addRow(self.tr("Save to:"), where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def one_file(self) -> bool:
        return self.batch is None or self.combined.isChecked()

    def _browse(self) -> None:
        if self.one_file():
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the PDF as"), self.path.text(),
                                                  self.tr("PDF files (*.pdf)"))
        else:
            path = QFileDialog.getExistingDirectory(self, self.tr("Folder for the PDF files"), self.path.text())
        if path:
            self.path.setText(path)

    def target(self) -> Path:
        path = Path(self.path.text().strip()).expanduser()
        if self.one_file() and path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        return path

    def _accept(self) -> None:
        if not self.path.text().strip():
            QMessageBox.warning(self, self.windowTitle(), self.tr("Choose where to save the export first."))
            return
        self.accept()


class ReportDialog(QDialog):
    """Which studio and year the annual report covers, and where to save it."""

    def __init__(self, ctx: UiContext, studio_id: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Studio annual report"))
        self.studio = QComboBox()
        for sid, name in choices.studios(ctx.bank):
            if for_studio(ctx.actor, sid).may("export_batch"):  # a leader reports on their own studio
                self.studio.addItem(name, name)
                if sid == studio_id:
                    self.studio.setCurrentIndex(self.studio.count() - 1)
        self.year = QComboBox()
        years = choices.years(ctx.bank) or [dt.date.today().year]
        for y in years:
            self.year.addItem(str(y), y)
        self.year.addItem(self.tr("All years"), None)
        self.path, where = _path_row("", self.tr("Browse…"), self._browse)
        form = QFormLayout()
        form.addRow(self.tr("Studio:"), self.studio)
        form.addRow(self.tr("Year:"), self.year)
        form.addRow(self.tr("Save to:"), where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.studio.currentIndexChanged.connect(self._suggest)
        self.year.currentIndexChanged.connect(self._suggest)
        self._suggest()

    def _suggest(self) -> None:
        year = self.year.currentData()
        name = f"{self.studio.currentText()}_{year or ''}年度创新报告.pdf".replace("_年度", "_历年")
        folder = Path(self.path.text()).parent if self.path.text() else Path.home()
        self.path.setText(str(folder / name))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the PDF as"), self.path.text(),
                                              self.tr("PDF files (*.pdf)"))
        if path:
            self.path.setText(path)

    def _accept(self) -> None:
        if self.studio.count() == 0:
            QMessageBox.warning(self, self.windowTitle(), self.tr("There is no studio to report on."))
            return
        if not self.path.text().strip():
            QMessageBox.warning(self, self.windowTitle(), self.tr("Choose where to save the report first."))
            return
        self.accept()

    def target(self) -> Path:
        path = Path(self.path.text().strip()).expanduser()
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


class Exporter(QObject):
    """Asks what to export, runs it on the worker, shows progress and the outcome."""

    def __init__(self, ctx: UiContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.last: ExportOutcome | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.state: TaskState | None = None

    # -- who sees what ---------------------------------------------------------------------------
    @property
    def may_batch(self) -> bool:
        """Batches and reports are staff work (a worker exports only their own project's dossier)."""
        return could(self.ctx.actor, "studio.export_batch")

    # -- one project -----------------------------------------------------------------------------
    def dossier_refusal(self, project_id: str) -> str:
        """Why this person may not export this project's dossier ("" when they may)."""
        from app.core import queries
        try:
            return queries.project_permissions(self.ctx.bank, self.ctx.actor, project_id).why("export_dossier")
        except IdeaBankError as exc:
            return exc.message

    def ask_dossier(self, project_id: str) -> None:
        from app.core import queries
        from app.dossier.export import file_name
        refusal = self.dossier_refusal(project_id)
        if refusal:  # said before a file is chosen, not after
            QMessageBox.information(self.window, self.tr("Export dossier"), refusal)
            return
        row = queries.rows(self.ctx.bank, [project_id]).get(project_id)  # one indexed read: the suggested name
        suggested = str(Path.home() / file_name(row.number, row.title)) if row else ""
        dlg = ExportDialog(self.ctx, suggested=suggested, parent=self.window)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.export_dossier(project_id, dlg.template.currentData(), dlg.target())

    def export_dossier(self, project_id: str, template: str, target: Path) -> TaskState:
        from app.dossier.export import export_dossier, glyph_note
        bank, actor = self.ctx.bank, self.ctx.actor

        def work(state: TaskState) -> ExportOutcome:
            state.progress(0, 0, self.tr("Exporting the dossier…"))
            rendered = export_dossier(bank, actor, project_id, target, template=template)
            return ExportOutcome([target], rendered.pages, 1, notes=[glyph_note(*p) for p in rendered.glyph_problems])
        return self.ctx.export(work, done=self._finished, failed=self._failed, label=self.tr("Exporting the dossier"))

    # -- the projects listed ---------------------------------------------------------------------
    def ask_batch(self, page: ProjectsPage) -> None:
        ids = list(page.model.ids)
        if not page.model.complete:  # a long list is still arriving: ask the store for all of it
            from app.core.queries import list_ids
            ids = list_ids(self.ctx.bank, page.current_filter())
        if not ids:
            QMessageBox.information(self.window, self.tr("Export the listed projects"),
                                    self.tr("The list is empty: there is nothing to export."))
            return
        dlg = ExportDialog(self.ctx, batch=len(ids), suggested=str(Path.home() / "成果档案"), parent=self.window)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.export_batch(ids, dlg.template.currentData(), dlg.target(), combined=dlg.one_file())

    def export_batch(self, ids: list[str], template: str, target: Path, *, combined: bool) -> TaskState:
        """One PDF each into folder ``target``, or one combined PDF; the same checks as the CLI's batch."""
        from app.dossier.export import export_ids, glyph_note
        bank, actor, total = self.ctx.bank, self.ctx.actor, len(ids)

        def work(state: TaskState) -> ExportOutcome:
            # A combined file reports one step more than there are dossiers: the final layout.
            result = export_ids(bank, actor, ids, target, combined=combined, template=template,
                                progress=lambda done, n: state.progress(done, n + 1 if combined else n),
                                cancelled=lambda: state.cancelled)
            return ExportOutcome(result.files, result.pages, total, result.cancelled,
                                 notes=[glyph_note(*p) for p in result.glyph_problems])

        dlg = QProgressDialog(self.tr("Exporting %n dossier(s)…", "", total), self.tr("Cancel"), 0, total, self.window)
        dlg.setWindowTitle(self.tr("Export the listed projects"))
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setAutoReset(False)
        dlg.setAutoClose(False)
        dlg.setMinimumDuration(0)
        dlg.setValue(0)
        self.progress_dialog = dlg
        state = self.ctx.export(work, done=self._finished, failed=self._failed, label=self.tr("Exporting dossiers"))
        self.state = state
        dlg.canceled.connect(state.cancel)
        dlg.canceled.connect(lambda: dlg.setLabelText(self.tr("Stopping after the current dossier…")))

        def show_progress(done: int, n: int, _text: str) -> None:
            if n and alive(dlg) and dlg is self.progress_dialog:
                dlg.setMaximum(n)
                dlg.setValue(done)
        state.sig_progress.connect(show_progress)
        dlg.show()
        return state

    # -- the studio annual report ----------------------------------------------------------------
    def ask_report(self, studio_id: str | None = None) -> None:
        dlg = ReportDialog(self.ctx, studio_id, parent=self.window)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.export_report(dlg.studio.currentData(), dlg.year.currentData(), dlg.target())

    def export_report(self, studio: str, year: int | None, target: Path) -> TaskState:
        from app.dossier.report import annual_report
        bank, actor = self.ctx.bank, self.ctx.actor

        def work(state: TaskState) -> ExportOutcome:
            state.progress(0, 0, self.tr("Writing the annual report…"))
            return ExportOutcome([target], annual_report(bank, actor, studio=studio, year=year, target=target), 1)
        return self.ctx.export(work, done=self._finished, failed=self._failed, label=self.tr("Writing the annual report"))

    # -- outcome ---------------------------------------------------------------------------------
    def _close_progress(self) -> None:
        dlg, self.progress_dialog = self.progress_dialog, None
        if dlg is not None:
            dlg.canceled.disconnect()  # closing the dialog would otherwise count as a cancel
            dlg.close()
            dlg.deleteLater()

    def _finished(self, out: ExportOutcome) -> None:
        self._close_progress()
        self.last = out
        if out.cancelled:
            text = self.tr("Export cancelled: %1 of %2 dossier(s) were written.").replace(
                "%1", str(len(out.files))).replace("%2", str(out.total))
            self.ctx.sig_message.emit(text)
            return
        where = out.files[0] if len(out.files) == 1 else out.files[0].parent
        text = self.tr("Saved %n page(s) to %1", "", out.pages).replace("%1", str(where))
        self.ctx.sig_message.emit(text)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Export finished"), text,
                          QMessageBox.StandardButton.Close, self.window)
        open_btn = box.addButton(self.tr("Open"), QMessageBox.ButtonRole.AcceptRole)
        open_btn.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(where))))
        if out.notes:
            box.setIcon(QMessageBox.Icon.Warning)
            box.setInformativeText("\n".join(out.notes[:20]))
        box.setObjectName("exportDone")
        box.setWindowModality(Qt.WindowModality.NonModal)  # the window stays usable while the message is up
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()

    def _failed(self, error: BaseException) -> None:
        self._close_progress()
        self.ctx.show_error(error, self.window)
