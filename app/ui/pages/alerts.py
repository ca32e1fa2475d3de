"""The warnings panel (预警): overdue milestones, unanswered requests and applications, stuck
projects, for the person signed in; and a banner other pages can put on an affected record."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import alerts
from app.core.changes import Changes
from app.core.i18n import t
from app.core.permissions import could, for_studio
from app.core.vocab import label
from app.ui import colours
from app.ui.context import UiContext
from app.ui.pages import Page, PageSpec, register

if TYPE_CHECKING:
    from app.ui.dialogs.studio_settings import StudioSettingsDialog

MAX_ROWS = 1000  # the most urgent; a table of 50,000 rows helps nobody (and costs seconds to build)


class WarningsPanel(Page):
    """Double-clicking a warning asks the window to open its record (sig_open_record)."""

    sig_loaded = Signal(int)
    """(count) the warnings were recomputed and shown."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.found: list[alerts.EarlyWarning] = []
        self.all: list[alerts.EarlyWarning] = []
        self.header = QLabel()
        self.header.setObjectName("sectionTitle")
        self.kind = QComboBox()
        self.kind.addItem(t("全部类型", "All kinds"), None)
        for code in alerts.KINDS:
            self.kind.addItem(label(alerts.KINDS, code), code)
        self.kind.currentIndexChanged.connect(self.show_found)
        refresh = QPushButton(t("刷新", "Refresh"))
        refresh.clicked.connect(self.reload)
        self.settings_button = QPushButton(t("预警设置…", "Warning settings…"))
        self.settings_button.setToolTip(t("多少天未答复、逾期或停滞算作预警（按工作室或全站）",
                                          "After how many days something counts as unanswered, overdue or stuck "
                                          "(per studio or for the site)"))
        self.settings_button.clicked.connect(self.edit_settings)
        self.settings_button.setVisible(could(ctx.actor, "studio.configure_warnings"))
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.kind)
        top.addWidget(self.settings_button)
        top.addWidget(refresh)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([t("类型", "Kind"), t("对象", "Record"), t("天数", "Days"), t("说明", "Message")])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.cellDoubleClicked.connect(self._open)
        hint = QLabel(t("双击一条预警打开相关记录。", "Double-click a warning to open its record."))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        ctx.sig_changes.connect(self.on_changes)
        self.reload()

    def settings_dialog(self) -> StudioSettingsDialog:
        """The one settings place (studio settings) opened at its Warnings tab: a leader's own studio;
        for an administrator the site's defaults (each studio's: Organisation → Settings…)."""
        from app.core import org
        from app.ui.dialogs.studio_settings import StudioSettingsDialog
        actor = self.ctx.actor
        studio = None
        if actor.studio_id and for_studio(actor, actor.studio_id).may("configure_warnings"):
            studio = next((s for s in org.list_studios(self.ctx.bank) if s["id"] == actor.studio_id), None)
        return StudioSettingsDialog(self.ctx, studio, self.window(), section="thresholds")

    def edit_settings(self) -> None:
        dlg = self.settings_dialog()
        if dlg.exec() == dlg.DialogCode.Accepted:
            self.reload()

    def on_changes(self, changes: Changes) -> None:
        if changes.incubation or changes.teams or changes.membership:
            self.reload()

    def reload(self) -> None:
        """Recompute off the GUI thread: stuck projects mean a scan of every active project."""
        bank, actor = self.ctx.bank, self.ctx.actor
        self.header.setText(t("正在计算预警…", "Computing warnings…"))
        reader = getattr(self.ctx, "reader", None) or self.ctx.worker
        reader.submit(lambda state: alerts.for_actor(bank, actor), done=self._loaded,
                      failed=lambda e: self.ctx.show_error(e, self), label=t("计算预警", "Computing warnings"))

    def _loaded(self, found: list[alerts.EarlyWarning]) -> None:
        self.all = found
        self.show_found()
        self.sig_loaded.emit(len(found))

    def show_found(self) -> None:
        kind = self.kind.currentData()
        matching = [w for w in self.all if kind is None or w.kind == kind]
        self.found = matching[:MAX_ROWS]
        if len(matching) > MAX_ROWS:
            self.header.setText(t("预警 {n} 条（显示最紧急的 {m} 条）", "{n} warnings (the {m} most urgent shown)",
                                  n=len(matching), m=MAX_ROWS))
        else:
            self.header.setText(t("预警 {n} 条", "{n} warnings", n=len(matching)))
        self.table.setRowCount(len(self.found))
        for row, w in enumerate(self.found):
            cells = [label(alerts.KINDS, w.kind), w.title, str(w.days), w.message]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setForeground(QColor(colours.colour(f"warning.{w.kind}") or colours.colour("muted")))
                if col == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def _open(self, row: int, _col: int) -> None:
        w = self.found[row]
        self.sig_open_record.emit(w.entity, w.entity_id)


def banner_for(ctx: UiContext, entity_id: str) -> QLabel | None:
    """A yellow banner listing the warnings on one record (a project, a request, a call), or None.
    For the project detail pane too: `banner_for(ctx, project_id)` costs a few ms."""
    found = alerts.for_record(ctx.bank, ctx.actor, entity_id)
    if not found:
        return None
    banner = QLabel("\n".join("⚠ " + w.message for w in found))
    banner.setObjectName("banner")
    banner.setWordWrap(True)
    return banner


class _CoreTitledSpec(PageSpec):
    """A page titled from the core's catalogue, so 预警 needs no entry in the Qt .ts files."""

    def label(self) -> str:
        return t(self.extra["zh"], self.title)


register(_CoreTitledSpec("warnings", "Warnings", WarningsPanel, order=65, extra={"zh": "预警"}, icon="alert-triangle"))
