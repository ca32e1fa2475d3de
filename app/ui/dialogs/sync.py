"""Synchronising with the hub from the window: the hub's address, the run on the worker (progress
and cancel in the status bar), the outcome, and when this site last synchronised."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.bank import Bank
from app.core.changes import Changes
from app.sync import hub
from app.ui import fmt
from app.ui.context import UiContext
from app.ui.worker import TaskState

HUB_SETTING = "sync_hub_url"  # this site's hub, remembered in its own database (never synchronised)
EVERYTHING = Changes(membership=True, comments=True, votes=True, reviews=True, attachments=True, people=True,
                     notifications=True, teams=True, incubation=True)


class HubDialog(QDialog):
    """Where the hub is (asked once; remembered for this site)."""

    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Synchronise with hub"))
        self.url = QLineEdit(url)
        self.url.setPlaceholderText("postgresql+psycopg://user@host/ideabank")
        self.url.setMinimumWidth(420)
        note = QLabel(self.tr("Sends what changed on this computer to the central hub and brings back what "
                              "changed elsewhere. Work already synchronised is not sent again; an interrupted "
                              "sync continues where it stopped."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Hub address"), self.url)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Synchronise"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if not self.url.text().strip():
            QMessageBox.warning(self, self.tr("Cannot do that"), self.tr("Enter the hub's address."))
            return
        self.accept()


class SyncActions(QObject):
    """One per signed-in context (its child): runs a sync and tells the status bar when it is done."""

    sig_synced = Signal(object)
    """After a sync ended: its SyncReport, or None when it failed or was cancelled part-way."""

    @classmethod
    def of(cls, ctx: UiContext) -> SyncActions:
        found = ctx.findChild(SyncActions)
        return found if found is not None else SyncActions(ctx)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self.parent_widget: QWidget | None = None
        self.running: TaskState | None = None
        self.last: hub.SyncReport | BaseException | None = None

    def start(self, url: str | None = None, parent: QWidget | None = None) -> TaskState | None:
        """Ask for the hub (unless given), then sync on the worker. None when nothing was started."""
        self.parent_widget = parent
        if self.running is not None:
            self.ctx.sig_message.emit(self.tr("A synchronisation is already running."))
            return None
        if url is None:
            dialog = HubDialog(str(self.ctx.bank.setting(HUB_SETTING) or ""), self.parent_widget)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            url = dialog.url.text().strip()
        bank, actor = self.ctx.bank, self.ctx.actor
        phases = {"push": self.tr("Sending changes"), "pull": self.tr("Receiving changes")}

        def work(state: TaskState) -> hub.SyncReport:
            remember(bank, url)
            return hub.sync(bank, actor, url, cancel=lambda: state.cancelled,
                            progress=lambda done, total, phase: state.progress(done, total, phases[phase]))

        self.running = self.ctx.run(work, done=self._done, failed=self._failed, label=self.tr("Synchronising"))
        return self.running

    def _done(self, report: hub.SyncReport) -> None:
        self.running, self.last = None, report
        self.ctx.sig_changes.emit(EVERYTHING)
        conflicts = report.pushed.conflicts + report.pulled.conflicts
        text = self.tr("Synchronised: %1 sent, %2 received.").replace("%1", str(report.pushed_records)) \
            .replace("%2", str(report.pulled_records))
        if conflicts:
            text += " " + self.tr("%n conflict(s) to look at.", "", conflicts)
        if report.pushed.rejected:
            text += " " + self.tr("%n change(s) refused by the hub.", "", report.pushed.rejected)
        self.ctx.sig_message.emit(text)
        self.sig_synced.emit(report)

    def _failed(self, error: BaseException) -> None:
        self.running, self.last = None, error
        self.ctx.sig_changes.emit(EVERYTHING)  # batches done before the failure are in
        self.sig_synced.emit(None)
        if isinstance(error, hub.SyncCancelled):
            self.ctx.sig_message.emit(error.message)
            return
        self.ctx.show_error(error, self.parent_widget)


def remember(bank: Bank, url: str) -> None:
    from db.models import Setting

    with bank.write(stamp=False) as s:
        row = s.get(Setting, HUB_SETTING)
        if row is None:
            s.add(Setting(key=HUB_SETTING, value=url))
        elif row.value != url:
            row.value = url


class SyncStatus(QPushButton):
    """In the status bar: when this site last synchronised; a click synchronises again."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("syncStatus")
        self.setFlat(True)
        self.clicked.connect(lambda: SyncActions.of(ctx).start(str(ctx.bank.setting(HUB_SETTING) or "") or None,
                                                               self.window()))
        SyncActions.of(ctx).sig_synced.connect(lambda _report: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        last = hub.last_sync(self.ctx.bank)
        if last is None:
            self.setText(self.tr("Never synchronised"))
            self.setToolTip(self.tr("Tools → Synchronise with hub… (F9)"))
            return
        self.setText(self.tr("Last synchronised %1").replace("%1", fmt.datetime(last.get("at"))))
        self.setToolTip(self.tr("%1 sent, %2 received; click to synchronise again").replace(
            "%1", str(last.get("pushed", 0))).replace("%2", str(last.get("pulled", 0))))
