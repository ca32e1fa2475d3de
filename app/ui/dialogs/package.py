"""Exchange packages from the window: where to send one and what to put in it, and the import.

Both run on the worker with progress and cancel in the status bar; the core checks everything
(permissions, trust, signatures) and the window reports its one-line answer.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Changes
from app.sync import identity, package, trust
from app.sync.package import SUFFIX, PackageCancelled, PackageSummary
from app.ui.context import UiContext
from app.ui.dialogs.export import _path_row
from app.ui.worker import TaskState

EVERYTHING = Changes(membership=True, comments=True, votes=True, reviews=True, attachments=True, people=True,
                     notifications=True, teams=True, incubation=True)


class PackageExportDialog(QDialog):
    """Receiving site, from where in this site's change sequence, and the file to write."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Export package"))
        self.sites = trust.trusted_sites(ctx.bank)
        self.site = QComboBox()
        for s in self.sites:
            self.site.addItem(f"{s.name} ({s.code})", s.site_id)
        self.unacked = QRadioButton()
        self.after = QRadioButton(self.tr("Everything after sequence number"))
        self.since = QSpinBox()
        self.since.setRange(0, 2**31 - 1)
        self.since.setEnabled(False)
        group = QButtonGroup(self)
        group.addButton(self.unacked)
        group.addButton(self.after)
        self.unacked.setChecked(True)
        self.after.toggled.connect(self.since.setEnabled)
        self.path, path_row = _path_row("", self.tr("Browse…"), self._browse)
        note = QLabel(self.tr("The package is signed by this site and encrypted for the receiving site only: "
                              "a lost USB stick reveals nothing."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("To site"), self.site)
        form.addRow(self.tr("What to send"), self.unacked)
        form.addRow("", self.after)
        form.addRow("", self.since)
        form.addRow(self.tr("Package file"), path_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.site.currentIndexChanged.connect(self._site_changed)
        self._site_changed()

    def _site_changed(self) -> None:
        site_id = self.site.currentData()
        if site_id is None:
            return
        cur = package.cursor(self.ctx.bank, site_id)
        self.unacked.setText(self.tr("What the site has not acknowledged (after %1)").replace("%1", str(cur.acked)))
        peer = next(s for s in self.sites if s.site_id == site_id)
        mine = identity.site_name(self.ctx.bank)
        name = f"ideabank-{mine}-to-{peer.name}-{dt.date.today():%Y%m%d}{SUFFIX}"
        folder = Path(self.path.text()).parent if self.path.text() else Path.home()
        self.path.setText(str(folder / "".join(c if c.isalnum() or c in "-_." else "_" for c in name)))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export package"), self.path.text(),
                                              self.tr("Exchange packages (*%1)").replace("%1", SUFFIX))
        if path:
            self.path.setText(path if path.endswith(SUFFIX) else path + SUFFIX)

    def _accept(self) -> None:
        if not self.path.text().strip():
            QMessageBox.warning(self, self.tr("Cannot do that"), self.tr("Choose where to write the package."))
            return
        self.accept()

    def choice(self) -> tuple[str, int | None, Path]:
        since = self.since.value() if self.after.isChecked() else None
        return self.site.currentData(), since, Path(self.path.text().strip()).expanduser()


class PackageActions:
    """The Tools menu's package actions; tests call `export_to`/`import_from` without file dialogs."""

    def __init__(self, ctx: UiContext, parent: QWidget | None) -> None:
        self.ctx = ctx
        self.parent = parent
        self.last: PackageSummary | BaseException | None = None

    def tr(self, text: str) -> str:
        from PySide6.QtCore import QCoreApplication
        return QCoreApplication.translate("PackageActions", text)

    def _progress(self, state: TaskState) -> package.Progress:
        phases = {"records": self.tr("Records"), "blobs": self.tr("Attachments"), "check": self.tr("Checking"),
                  "apply": self.tr("Applying")}
        return lambda done, total, phase: state.progress(done, total, phases.get(phase, phase))

    def export(self) -> None:
        if not trust.trusted_sites(self.ctx.bank):
            QMessageBox.information(self.parent, self.tr("Export package"), self.tr(
                "This site trusts no other site yet. Open Site identity, trust the other site's key file, "
                "then export."))
            return
        dialog = PackageExportDialog(self.ctx, self.parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            site_id, since, path = dialog.choice()
            self.export_to(site_id, since, path)

    def export_to(self, site_id: str, since: int | None, path: Path) -> TaskState:
        bank, actor = self.ctx.bank, self.ctx.actor

        def work(state: TaskState) -> PackageSummary:
            return package.export_package(bank, actor, path, to=site_id, since=since, progress=self._progress(state),
                                          cancel=lambda: state.cancelled)

        def done(summary: PackageSummary) -> None:
            self.last = summary
            text = self.tr("Wrote %1 for site %2: %3 records and %4 attachments (sequence %5–%6).")
            for i, v in enumerate((path, summary.peer.name, summary.records, summary.blobs, summary.since,
                                   summary.until), 1):
                text = text.replace(f"%{i}", str(v))
            if summary.missing_blobs:
                text += "\n" + self.tr("%1 attachment files are not on this computer and were left out.").replace(
                    "%1", str(summary.missing_blobs))
            self.ctx.sig_message.emit(text.splitlines()[0])
            QMessageBox.information(self.parent, self.tr("Package exported"), text)

        return self.ctx.run(work, done=done, failed=self._failed, label=self.tr("Exporting package…"))

    def import_(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.parent, self.tr("Import package"), str(Path.home()),
                                              self.tr("Exchange packages (*%1)").replace("%1", SUFFIX))
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> TaskState:
        bank, actor = self.ctx.bank, self.ctx.actor

        def work(state: TaskState) -> PackageSummary:
            return package.import_package(bank, actor, path, progress=self._progress(state),
                                          cancel=lambda: state.cancelled)

        def done(summary: PackageSummary) -> None:
            self.last = summary
            self.ctx.sig_changes.emit(EVERYTHING)
            text = self.tr("Imported the package from site %1: %2 records and %3 attachments (sequence %4–%5).")
            for i, v in enumerate((summary.peer.name, summary.records, summary.blobs, summary.since, summary.until), 1):
                text = text.replace(f"%{i}", str(v))
            self.ctx.sig_message.emit(text)
            conflicts = getattr(summary.applied, "conflicts", 0)
            if conflicts:
                text += "\n\n" + self.tr("%1 conflicts to settle: see the conflicts list.").replace("%1", str(conflicts))
            QMessageBox.information(self.parent, self.tr("Package imported"), text)

        return self.ctx.run(work, done=done, failed=self._failed, label=self.tr("Importing package…"))

    def _failed(self, error: BaseException) -> None:
        self.last = error
        if isinstance(error, PackageCancelled):
            self.ctx.sig_message.emit(error.message)
        else:
            self.ctx.show_error(error, self.parent)
