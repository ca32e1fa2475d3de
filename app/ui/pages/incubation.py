"""The incubation board (孵化): requests as cards in a kanban by status, a detail pane with the
milestone timeline, and dialogs for the steps that need words (a reason, an outcome, progress).

Dragging a card to another column asks the core for the step between the two statuses; the card
moves only when the core agrees. A refused drag leaves the card where it was and says why in the
status bar. Labels come from the core's catalogue (`t`), so the board speaks Chinese first without
entries in the Qt .ts files, which other people own.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.core import alerts, incubation
from app.core.changes import Changes
from app.core.errors import IdeaBankError
from app.core.i18n import t
from app.core.incubation import REQUEST_STATUSES, SERVICES, STEPS
from app.core.permissions import could
from app.core.vocab import label
from app.ui.context import UiContext
from app.ui.pages import QT_TRANSLATE_NOOP, Page, PageSpec, register
from app.ui.permits import offer
from app.ui.widgets.plan_tables import BudgetTable, MilestoneTable

MIME = "application/x-ideabank-incubation-request"
ID_ROLE = Qt.ItemDataRole.UserRole
CARD_ROLE = Qt.ItemDataRole.UserRole + 1
# Column order follows the workflow; declined sits at the end, out of the main flow.
COLUMNS = ["draft", "submitted", "accepted", "in_progress", "delivered", "closed", "declined"]
STATUS_COLOURS = {"draft": "#9aa3ad", "submitted": "#3b82f6", "accepted": "#8b5cf6", "in_progress": "#f59e0b",
                  "delivered": "#10b981", "closed": "#059669", "declined": "#ef4444"}


# -- cards ----------------------------------------------------------------------------------------
class CardDelegate(QStyledItemDelegate):
    """Paints a request as a card: number, title, project, services, milestone progress, alerts."""

    HEIGHT = 96
    colours = STATUS_COLOURS  # the stripe by status (the idea board paints project statuses)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        # A small width: the list view stretches each card to the column's width.
        return QSize(120, self.HEIGHT)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        card: dict[str, Any] = index.data(CARD_ROLE) or {}
        pal = option.palette
        r = QRectF(option.rect).adjusted(3, 3, -3, -3)
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight) if selected else pal.color(QPalette.ColorRole.Mid),
                      2 if selected else 1))
        p.setBrush(pal.color(QPalette.ColorRole.Base))
        p.drawRoundedRect(r, 6, 6)
        p.fillRect(QRectF(r.left(), r.top() + 6, 4, r.height() - 12), QColor(self.colours.get(card.get("status", ""), "#999")))
        x, w = int(r.left()) + 12, int(r.width()) - 20
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() - 1.5))
        bold = QFont(option.font)
        bold.setBold(True)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        y = int(r.top()) + 6
        p.setFont(small)
        p.setPen(muted)
        fm = QFontMetrics(small)
        p.drawText(QRect(x, y, w, fm.height()), Qt.AlignmentFlag.AlignLeft,
                   fm.elidedText(card.get("number", ""), Qt.TextElideMode.ElideMiddle, w))
        warn = card.get("warnings", 0)
        if warn:
            badge = f"⚠ {warn}"
            bw = fm.horizontalAdvance(badge) + 10
            br = QRectF(r.right() - bw - 6, y - 1, bw, fm.height() + 2)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("#dc2626"))
            p.drawRoundedRect(br, 4, 4)
            p.setPen(QColor("white"))
            p.drawText(br, Qt.AlignmentFlag.AlignCenter, badge)
        y += fm.height() + 2
        p.setFont(bold)
        p.setPen(pal.color(QPalette.ColorRole.Text))
        bfm = QFontMetrics(bold)
        p.drawText(QRect(x, y, w, bfm.height()), Qt.AlignmentFlag.AlignLeft,
                   bfm.elidedText(card.get("title", ""), Qt.TextElideMode.ElideRight, w))
        y += bfm.height() + 2
        p.setFont(small)
        for line, colour in ((card.get("line1", ""), muted), (card.get("line2", ""),
                             QColor("#dc2626") if card.get("overdue") else muted)):
            p.setPen(colour)
            p.drawText(QRect(x, y, w, fm.height()), Qt.AlignmentFlag.AlignLeft,
                       fm.elidedText(line, Qt.TextElideMode.ElideRight, w))
            y += fm.height() + 1
        p.restore()


class RequestColumn(QListWidget):
    """One status column. Drops are reported to the board and never moved by Qt itself."""

    mime = MIME  # what its cards carry (the idea board's columns carry projects)
    delegate = CardDelegate

    sig_dropped = Signal(str, str)
    """(request id, this column's status): someone dropped a card here."""
    sig_drag_started = Signal(str)
    """(request id): a card is being dragged from this column."""
    sig_drag_ended = Signal()
    """The drag is over (dropped anywhere or cancelled)."""

    def __init__(self, status: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.setObjectName(f"column_{status}")
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setItemDelegate(self.delegate(self))
        self.setSpacing(2)
        self.setMinimumWidth(150)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def mimeTypes(self) -> list[str]:
        return [self.mime]

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        data = QMimeData()
        if items:
            data.setData(self.mime, QByteArray(items[0].data(ID_ROLE).encode()))
        return data

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def startDrag(self, actions: Qt.DropAction) -> None:
        item = self.currentItem()
        if item is not None:
            self.sig_drag_started.emit(item.data(ID_ROLE))
        try:
            super().startDrag(actions)
        finally:
            self.sig_drag_ended.emit()

    def dragEnterEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(self.mime):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if not event.mimeData().hasFormat(self.mime):
            event.ignore()
            return
        request_id = bytes(event.mimeData().data(self.mime).data()).decode()
        # IgnoreAction: the source keeps its item; the board re-renders once the core agreed.
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        self.sig_dropped.emit(request_id, self.status)


# -- the milestone timeline -------------------------------------------------------------------------
def board_lanes(page: Any, statuses: Iterable[str], column: type[RequestColumn]
                ) -> tuple[QScrollArea, dict[str, Any], dict[str, QLabel]]:
    """A board's lanes side by side in a scroll area: a header over a column of cards per status.
    Drops go to `page.request_move(id, status)`; while a card is dragged `page._highlight_targets`
    marks where it may go. Shared by the incubation board and the idea board."""
    columns: dict[str, Any] = {}
    headers: dict[str, QLabel] = {}
    lanes = QWidget()
    lane_row = QHBoxLayout(lanes)
    lane_row.setContentsMargins(0, 0, 0, 0)
    for status in statuses:
        col = column(status)
        col.sig_dropped.connect(page.request_move)
        col.sig_drag_started.connect(page._highlight_targets)
        col.sig_drag_ended.connect(lambda: page._highlight_targets(None))
        header = QLabel()
        header.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box = QVBoxLayout()
        box.addWidget(header)
        box.addWidget(col, 1)
        lane_row.addLayout(box)
        columns[status], headers[status] = col, header
    scroller = QScrollArea()
    scroller.setWidgetResizable(True)
    scroller.setWidget(lanes)
    scroller.setFrameShape(QFrame.Shape.NoFrame)
    return scroller, columns, headers


class MilestoneTimeline(QWidget):
    """Milestones on a time axis: done (green), overdue (red), to come (grey), and a line for today."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.milestones: list[dict[str, Any]] = []
        self.today = dt.date.today()
        self.setMinimumHeight(120)

    def set_milestones(self, milestones: list[dict[str, Any]], today: dt.date) -> None:
        self.milestones, self.today = milestones, today
        self.setToolTip("\n".join(f"{m['position']}. {m['title']}  {m['due_on']}" for m in milestones))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, 120)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        if not self.milestones:
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, t("尚无里程碑", "No milestones yet"))
            return
        days = [dt.date.fromisoformat(m["due_on"]) for m in self.milestones] + [self.today]
        first, last = min(days) - dt.timedelta(days=3), max(days) + dt.timedelta(days=3)
        span = max((last - first).days, 1)
        left, right, mid = 24, self.width() - 24, self.height() // 2

        def x_of(day: dt.date) -> float:
            return left + (right - left) * (day - first).days / span

        p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 2))
        p.drawLine(QPointF(left, mid), QPointF(right, mid))
        tx = x_of(self.today)
        p.setPen(QPen(QColor("#3b82f6"), 1, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(tx, 8), QPointF(tx, self.height() - 8))
        p.drawText(QPointF(tx + 3, 16), t("今天", "Today"))
        fm = QFontMetrics(self.font())
        for i, m in enumerate(self.milestones):
            due = dt.date.fromisoformat(m["due_on"])
            colour = "#16a34a" if m.get("done_on") else ("#dc2626" if m.get("overdue") else "#9ca3af")
            x = x_of(due)
            p.setPen(QPen(QColor(colour).darker(120), 1))
            p.setBrush(QBrush(QColor(colour)))
            p.drawEllipse(QPointF(x, mid), 7, 7)
            text = f"{m['title']}  {due.month}/{due.day}"
            width = fm.horizontalAdvance(text)
            tx0 = min(max(4, x - width / 2), self.width() - width - 4)
            ty = mid - 14 if i % 2 == 0 else mid + 14 + fm.ascent()
            p.setPen(pal.color(QPalette.ColorRole.Text))
            p.drawText(QPointF(tx0, ty), text)
        p.end()


# -- dialogs --------------------------------------------------------------------------------------
class OutcomeDialog(QDialog):
    """The outcome asked for when a request is closed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("结项：登记成果", "Close: record the outcome"))
        self.units = QSpinBox()
        self.units.setRange(0, 10_000_000)
        self.adopting = QLineEdit()
        self.adopting.setPlaceholderText(t("多个单位用顿号或逗号分隔", "separate several units with commas"))
        self.savings = QDoubleSpinBox()
        self.savings.setRange(0, 1e12)
        self.savings.setDecimals(0)
        self.savings.setSuffix(t(" 元/年", " yuan/year"))
        self.note = QPlainTextEdit()
        form = QFormLayout(self)
        form.addRow(t("制成数量", "Units made"), self.units)
        form.addRow(t("采用单位", "Adopting units"), self.adopting)
        form.addRow(t("实测节约", "Measured savings"), self.savings)
        form.addRow(t("说明", "Note"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def outcome(self) -> dict[str, Any]:
        units = [u.strip() for u in self.adopting.text().replace("，", ",").replace("、", ",").split(",") if u.strip()]
        return {"units_made": self.units.value() or None, "adopting_units": units,
                "measured_savings": self.savings.value() or None, "note": self.note.toPlainText()}


class ProgressDialog(QDialog):
    """Progress on one milestone: a note, attachments, done."""

    def __init__(self, milestones: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("报告里程碑进展", "Report milestone progress"))
        self.milestone = QComboBox()
        for m in milestones:
            self.milestone.addItem(f"{m['position']}. {m['title']}（{m['due_on']}）", m["id"])
        self.note = QPlainTextEdit()
        self.done_box = QCheckBox(t("已完成", "Done"))  # not `done`: that would replace QDialog.done()
        self.files: list[str] = []
        self.files_label = QLabel(t("无附件", "No attachments"))
        attach = QPushButton(t("添加附件…", "Attach files…"))
        attach.clicked.connect(self._pick)
        form = QFormLayout(self)
        form.addRow(t("里程碑", "Milestone"), self.milestone)
        form.addRow(t("进展", "Progress"), self.note)
        form.addRow("", self.done_box)
        row = QHBoxLayout()
        row.addWidget(self.files_label, 1)
        row.addWidget(attach)
        form.addRow(t("附件", "Attachments"), row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _pick(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, t("选择附件", "Choose attachments"))
        self.files += names
        self.files_label.setText("、".join(n.rsplit("/", 1)[-1] for n in self.files) or t("无附件", "No attachments"))


# -- the board ------------------------------------------------------------------------------------
class IncubationBoard(Page):
    sig_refused = Signal(str)
    """A move was refused; the text says why (also sent to the status bar)."""
    sig_moved = Signal(str, str)
    """(request id, new status) after the core accepted a move."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.requests: dict[str, dict[str, Any]] = {}
        self.current_id: str | None = None
        # Asked when a step needs words; tests replace these to answer without a modal dialog.
        self.ask_reason: Callable[[str], str | None] = self._ask_reason
        self.ask_outcome: Callable[[], dict[str, Any] | None] = self._ask_outcome

        title = QLabel(t("孵化委托看板", "Incubation board"))
        title.setObjectName("sectionTitle")
        hint = QLabel(t("把卡片拖到下一列即可办理；不允许的移动会退回原处，并在状态栏说明原因。",
                        "Drag a card to the next column to take that step; a move that is not allowed snaps back "
                        "and the status bar says why."))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        self.new_button = QPushButton(t("新建委托…", "New request…"))
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_request)
        self.new_button.setVisible(could(ctx.actor, "project.request_incubation"))
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(hint, 1)
        top.addWidget(self.new_button)

        scroller, self.columns, self.headers = board_lanes(self, COLUMNS, RequestColumn)
        for col in self.columns.values():
            col.currentItemChanged.connect(lambda cur, _prev: self.select(cur.data(ID_ROLE)) if cur else None)

        self.detail = RequestDetail(self)
        detail_scroller = QScrollArea()
        detail_scroller.setWidgetResizable(True)
        detail_scroller.setWidget(self.detail)
        detail_scroller.setFrameShape(QFrame.Shape.NoFrame)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(scroller)
        split.addWidget(detail_scroller)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        ctx.sig_changes.connect(self.on_changes)
        self.reload()

    # -- data ----------------------------------------------------------------------------------
    def on_changes(self, changes: Changes) -> None:
        if changes.incubation or changes.membership:
            self.reload()

    def reload(self) -> None:
        bank, actor = self.ctx.bank, self.ctx.actor
        rows = incubation.list_requests(bank)
        found = alerts.for_actor(bank, actor, kinds=alerts.INCUBATION_KINDS)
        per_record: dict[str, int] = {}
        for w in found:
            if w.entity == "incubation":
                per_record[w.entity_id] = per_record.get(w.entity_id, 0) + 1
        self.requests = {r["id"]: r for r in rows}
        for status, col in self.columns.items():
            col.clear()
            in_col = [r for r in rows if r["status"] == status]
            self.headers[status].setText(f"<b>{label(REQUEST_STATUSES, status)}</b> ({len(in_col)})")
            for r in in_col:
                item = QListWidgetItem()
                item.setData(ID_ROLE, r["id"])
                card = dict(r)
                card["warnings"] = per_record.get(r["id"], 0)
                card["line1"] = r["services_label"] or t("未选服务", "no services")
                due = r["next_due"][5:] if r["next_due"] else "-"  # MM-DD: the year is rarely in doubt on a board
                card["line2"] = t("里程碑 {d}/{n} · {due} 到期", "Milestones {d}/{n} · due {due}",
                                  d=r["milestones_done"], n=r["milestones_total"], due=due)
                if r["overdue"]:
                    card["line2"] = t("里程碑 {d}/{n} · 逾期 {o} 项", "Milestones {d}/{n} · {o} overdue",
                                      d=r["milestones_done"], n=r["milestones_total"], o=r["overdue"])
                card["overdue"] = bool(r["overdue"])
                item.setData(CARD_ROLE, card)
                item.setToolTip(f"{r['number']}\n{r['title']}\n{r['project_number']} {r['project_title']}\n"
                                f"{t('下一到期', 'Next due')}: {r['next_due'] or '-'}")
                col.addItem(item)
        if self.current_id in self.requests:
            self.select(self.current_id)
        else:
            self.detail.show_request(None)

    def select_record(self, entity: str, entity_id: str) -> bool:
        if entity != "incubation":
            return False
        for col in self.columns.values():
            for i in range(col.count()):
                if col.item(i).data(ID_ROLE) == entity_id:
                    col.setCurrentRow(i)
                    col.scrollToItem(col.item(i))
                    col.setFocus()
                    self.select(entity_id)
                    return True
        return False

    def column_of(self, request_id: str) -> str | None:
        for status, col in self.columns.items():
            for i in range(col.count()):
                if col.item(i).data(ID_ROLE) == request_id:
                    return status
        return None

    def select(self, request_id: str | None) -> None:
        self.current_id = request_id
        if request_id is None:
            self.detail.show_request(None)
            return
        try:
            self.detail.show_request(incubation.detail(self.ctx.bank, self.ctx.actor, request_id))
        except IdeaBankError as exc:
            self.refuse(exc.message)

    # -- moving ----------------------------------------------------------------------------------
    def _highlight_targets(self, request_id: str | None) -> None:
        """While a card is dragged, mark the columns it may go to."""
        source = self.requests.get(request_id or "", {}).get("status")
        for status, header in self.headers.items():
            ok = source is not None and incubation.action_between(source, status) is not None
            header.setStyleSheet("background:#d1fae5; border-radius:4px;" if ok else "")

    def refuse(self, reason: str) -> None:
        self.message.setText(reason)
        self.ctx.sig_message.emit(reason)
        self.sig_refused.emit(reason)

    def request_move(self, request_id: str, target: str) -> None:
        """A card was dropped on `target`: take the step between the statuses if there is one."""
        req = self.requests.get(request_id)
        if req is None or req["status"] == target:
            return
        action = incubation.action_between(req["status"], target)
        if action is None:
            nexts = "、".join(label(REQUEST_STATUSES, STEPS[a].target) for a in STEPS if req["status"] in STEPS[a].sources)
            self.refuse(t("不能把委托从“{a}”直接移到“{b}”。{n}", "A request cannot go from '{a}' straight to '{b}'. {n}",
                          a=label(REQUEST_STATUSES, req["status"]), b=label(REQUEST_STATUSES, target),
                          n=t("它的下一步可以是：{x}。", "Its next step can be: {x}.", x=nexts) if nexts
                          else t("它已结束。", "It is finished.")))
            return
        self.take_step(request_id, action)

    def confirm_delivery(self, request_id: str) -> None:
        answer = QMessageBox.question(self, t("确认可交付", "Confirm delivery"),
                                      t("还有里程碑未完成。确认孵化基地现在就可以交付吗？",
                                        "Some milestones are still open. Confirm that the base may deliver now?"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        bank, actor = self.ctx.bank, self.ctx.actor
        self.ctx.write(lambda: incubation.confirm_delivery(bank, actor, request_id), failed=self._failed,
                       done=lambda _ch: self.ctx.sig_message.emit(t("已确认：孵化基地可以交付。",
                                                                   "Confirmed: the base may deliver.")))

    def take_step(self, request_id: str, action: str) -> None:
        step = STEPS[action]
        reason, outcome = None, None
        if step.needs_reason:
            reason = self.ask_reason(t(step.zh, step.en))
            if reason is None:
                self.refuse(t("已取消。", "Cancelled."))
                return
        if action == "close":
            outcome = self.ask_outcome()
            if outcome is None:
                self.refuse(t("已取消。", "Cancelled."))
                return
        bank, actor = self.ctx.bank, self.ctx.actor
        self.message.clear()

        def done(ch: Changes) -> None:
            self.sig_moved.emit(request_id, ch.value)
            self.ctx.sig_message.emit(t("孵化委托已更新为“{s}”。", "The request is now '{s}'.",
                                        s=label(REQUEST_STATUSES, ch.value)))

        self.ctx.write(lambda: incubation.move(bank, actor, request_id, action, reason, outcome=outcome),
                       done=done, failed=self._failed, label=t(step.zh, step.en))

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, IdeaBankError):
            self.refuse(error.message)
        else:
            self.ctx.show_error(error, self)

    def _ask_reason(self, what: str) -> str | None:
        text, ok = QInputDialog.getMultiLineText(self, what, t("理由（委托方会看到）：", "Reason (the studio will see it):"))
        return text if ok else None

    def _ask_outcome(self) -> dict[str, Any] | None:
        dialog = OutcomeDialog(self)
        return dialog.outcome() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def report_progress(self) -> None:
        data = self.detail.data
        if not data:
            return
        dialog = ProgressDialog(data["milestones"], self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        bank, actor, rid = self.ctx.bank, self.ctx.actor, data["id"]
        mid, note, done, files = dialog.milestone.currentData(), dialog.note.toPlainText(), dialog.done_box.isChecked(), dialog.files
        self.ctx.write(lambda: incubation.update_milestone(bank, actor, rid, mid, note, done=done, files=files),
                       failed=self._failed, label=t("报告进展", "Report progress"))

    def new_request(self) -> None:
        dialog = RequestDialog(self.ctx, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        bank, actor = self.ctx.bank, self.ctx.actor
        project, data = dialog.values()
        self.ctx.write(lambda: incubation.create(bank, actor, project, data), failed=self._failed,
                       done=lambda ch: setattr(self, "current_id", ch.value), label=t("新建委托", "New request"))

    def edit_draft(self) -> None:
        data = self.detail.data
        if not data:
            return
        dialog = RequestDialog(self.ctx, self, data)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        bank, actor, rid = self.ctx.bank, self.ctx.actor, data["id"]
        _, fields = dialog.values()
        self.ctx.write(lambda: incubation.edit(bank, actor, rid, fields), failed=self._failed,
                       label=t("修改委托", "Edit request"))


class RequestDetail(QWidget):
    """The selected request: its fields, the milestone timeline, its history and the steps one may take."""

    def __init__(self, board: IncubationBoard) -> None:
        super().__init__(board)
        self.board = board
        self.data: dict[str, Any] | None = None
        self.attachments: list[dict[str, Any]] = []
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.heading.setWordWrap(True)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse |
                                          Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.body.linkActivated.connect(self._open_link)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.timeline = MilestoneTimeline()
        self.warnings = QLabel()
        self.warnings.setObjectName("banner")
        self.warnings.setWordWrap(True)
        self.buttons = QHBoxLayout()
        self.progress_button = QPushButton(t("报告进展…", "Report progress…"))
        self.progress_button.clicked.connect(board.report_progress)
        self.edit_button = QPushButton(t("修改草稿…", "Edit draft…"))
        self.edit_button.clicked.connect(board.edit_draft)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addLayout(self.buttons)  # the steps sit by the heading, always in view
        layout.addLayout(top)
        layout.addWidget(self.warnings)
        layout.addWidget(self.timeline)
        layout.addWidget(self.body, 1)

    def _open_link(self, link: str) -> None:
        from app.ui.pages.teams import open_attachment
        ref = _open_link_target(self, link)
        if ref is not None:
            open_attachment(self.board.ctx, ref)

    def show_request(self, data: dict[str, Any] | None) -> None:
        self.data = data
        while self.buttons.count():
            item = self.buttons.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None and w not in (self.progress_button, self.edit_button):
                w.deleteLater()
        if data is None:
            self.heading.setText(t("选择一张卡片查看详情。", "Select a card to see its details."))
            self.body.clear()
            self.warnings.hide()
            self.timeline.set_milestones([], dt.date.today())
            self.progress_button.hide()
            self.edit_button.hide()
            return
        today = self.board.ctx.bank.now().astimezone(dt.timezone.utc).date()
        self.heading.setText(f"{data['number']}  {data['title']}（{data['status_label']}）")
        found = alerts.for_record(self.board.ctx.bank, self.board.ctx.actor, data["id"])
        self.warnings.setText("\n".join("⚠ " + w.message for w in found))
        self.warnings.setVisible(bool(found))
        self.timeline.set_milestones(data["milestones"], today)
        o = data["outcome"]
        rows = [
            (t("项目", "Project"), f"{data['project_number']} {data['project_title']}"),
            (t("服务", "Services"), data["services_label"] or "-"),
            (t("成熟度 / 数量", "Maturity / quantity"), f"{data['maturity_label']} / {data['quantity'] or '-'}"),
            (t("预算", "Budget"), "；".join(f"{b['item']} {b['amount']:,.0f}" for b in data["budget_lines"]) or "-"),
            (t("拟采用单位 / 市场", "Target units / market"), f"{'、'.join(data['target_units']) or '-'} / {data['market'] or '-'}"),
            (t("知识产权 / 收益分配", "IP / benefit sharing"), f"{data['ip_ownership'] or '-'} / {data['benefit_sharing'] or '-'}"),
            (t("风险", "Risks"), data["risks"] or "-"),
        ]
        if data["decision_reason"]:
            rows.append((t("受理意见", "Decision note"), data["decision_reason"]))
        if data["status"] == "closed":
            rows.append((t("成果", "Outcome"), t("制成 {u}；采用单位 {a}；实测节约 {s} 元/年", "{u} made; adopted by {a}; "
                                                "savings {s} yuan/year", u=o["units_made"] or "-",
                                                a="、".join(o["adopting_units"]) or "-", s=o["measured_savings"] or "-")))
        # Attachments are links by index into self.attachments (hashes and names stay out of the markup).
        self.attachments = [a for m in data["milestones"] for u in m["updates"] for a in u["attachments"]]
        updates, n = [], 0
        for m in data["milestones"]:
            for u in m["updates"]:
                links = []
                for ref in u["attachments"]:
                    links.append(f"<a href='att:{n}'>📎{_esc(ref['name'])}</a>")
                    n += 1
                updates.append(_esc(f"{m['position']}. {m['title']} — {u['at'][:10]} {u['who'] or ''}：{u['note']}")
                               + (" " + " ".join(links) if links else ""))
        html = "".join(f"<b>{k}</b>：{_esc(v)}<br>" for k, v in rows)
        if updates:
            html += f"<br><b>{t('里程碑进展', 'Milestone progress')}</b><br>" + "<br>".join(updates)
        self.body.setText(html)
        for action in data["actions"]:
            step = STEPS[action]
            button = QPushButton(t(step.zh, step.en))
            button.setObjectName(f"step_{action}")
            button.clicked.connect(lambda _=False, a=action: self.board.take_step(data["id"], a))
            self.buttons.addWidget(button)
            button.show()  # a child added to a visible widget stays hidden until shown
        may = incubation.request_permissions(self.board.ctx.bank, self.board.ctx.actor, data["id"])
        if may.may("confirm_delivery") and not data["delivery_confirmed"] \
                and data["milestones_done"] < data["milestones_total"]:
            # the base delivers with milestones still open only once the studio's leader agrees
            confirm = QPushButton(t("确认可交付…", "Confirm delivery…"))
            confirm.setObjectName("confirm_delivery")
            confirm.setToolTip(t("里程碑尚未全部完成：确认后孵化基地即可交付。",
                                 "Milestones are still open: once you confirm, the base may deliver."))
            confirm.clicked.connect(lambda _=False: self.board.confirm_delivery(data["id"]))
            self.buttons.addWidget(confirm)
            confirm.show()
        self.buttons.addWidget(self.progress_button)
        offer(self.progress_button, may, "report_progress")
        self.progress_button.setVisible(may.may("report_progress"))  # only while milestones are open
        self.buttons.addWidget(self.edit_button)
        offer(self.edit_button, may, "edit")
        self.edit_button.setVisible(may.may("edit"))


def _open_link_target(detail: RequestDetail, link: str) -> dict[str, Any] | None:
    if link.startswith("att:") and link[4:].isdigit() and int(link[4:]) < len(detail.attachments):
        return detail.attachments[int(link[4:])]
    return None


def _esc(text: Any) -> str:
    from html import escape
    return escape(str(text))


class RequestDialog(QDialog):
    """The request form: a new draft (pick the project) or the edit of a draft (`data` from detail())."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, data: dict[str, Any] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("修改孵化委托", "Edit incubation request") if data else t("新建孵化委托", "New incubation request"))
        self.project = QComboBox()
        if data:
            self.project.addItem(f"{data['project_number']} {data['project_title']}", data["project_id"])
            self.project.setEnabled(False)
        else:
            for pid, number, title in incubation.candidate_projects(ctx.bank, ctx.actor):
                self.project.addItem(f"{number} {title}", pid)
        self.title = QLineEdit()
        self.services = {code: QCheckBox(label(SERVICES, code)) for code in SERVICES}
        svc = QHBoxLayout()
        for box in self.services.values():
            svc.addWidget(box)
        self.maturity = QComboBox()
        for code in incubation.MATURITY:
            self.maturity.addItem(label(incubation.MATURITY, code), code)
        self.quantity = QSpinBox()
        self.quantity.setRange(0, 10_000_000)
        self.materials = QLineEdit()
        self.budget = BudgetTable()
        self.targets = QLineEdit()
        self.targets.setPlaceholderText(t("多个单位用顿号或逗号分隔", "separate several units with commas"))
        self.market = QLineEdit()
        self.ip = QLineEdit()
        self.sharing = QLineEdit()
        self.risks = QPlainTextEdit()
        self.risks.setMaximumHeight(70)
        self.milestones = MilestoneTable()
        form = QFormLayout()
        for text, widget in ((t("项目", "Project"), self.project), (t("委托标题", "Title"), self.title),
                             (t("需要的服务", "Services"), svc), (t("成熟度", "Maturity"), self.maturity),
                             (t("数量", "Quantity"), self.quantity), (t("材料", "Materials"), self.materials),
                             (t("拟采用单位", "Target units"), self.targets),
                             (t("市场", "Market"), self.market), (t("知识产权归属", "IP ownership"), self.ip),
                             (t("收益分配", "Benefit sharing"), self.sharing), (t("风险", "Risks"), self.risks)):
            form.addRow(text, widget)
        # The two tables sit beside the short fields, so the form fits a 1366×768 screen.
        plan = QVBoxLayout()
        plan.addWidget(QLabel(t("预算", "Budget")))
        plan.addWidget(self.budget)
        plan.addWidget(QLabel(t("里程碑", "Milestones")))
        plan.addWidget(self.milestones)
        columns = QHBoxLayout()
        columns.addLayout(form, 1)
        columns.addLayout(plan, 1)
        self.problem = QLabel()  # what keeps the form from being sent, shown in the form itself
        self.problem.setObjectName("formProblem")
        self.problem.setStyleSheet("color: #dc2626;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(columns)
        outer.addWidget(self.problem)
        outer.addWidget(buttons)
        if data:
            self._fill(data)
        else:  # a first empty row invites typing; empty rows are ignored
            self.budget.append()
            self.milestones.append()

    def _fill(self, d: dict[str, Any]) -> None:
        self.title.setText(d["title"])
        for code, box in self.services.items():
            box.setChecked(code in d["services"])
        self.maturity.setCurrentIndex(max(0, self.maturity.findData(d["maturity"])))
        self.quantity.setValue(d["quantity"] or 0)
        self.materials.setText(d["materials"])
        self.budget.set_lines(d["budget_lines"])
        self.targets.setText("、".join(d["target_units"]))
        self.market.setText(d["market"])
        self.ip.setText(d["ip_ownership"])
        self.sharing.setText(d["benefit_sharing"])
        self.risks.setPlainText(d["risks"])
        self.milestones.set_milestones(d["milestones"])

    def accept(self) -> None:
        """Half-filled table rows are named here and keep the dialog open; nothing is sent."""
        problems = [(table, *p) for table in (self.budget, self.milestones) for p in table.problems()]
        if problems:
            self.problem.setText("\n".join(message for _t, _r, _c, message in problems))
            self.problem.show()
            for table, row, column, _m in problems:
                table.flag(row, column)
            table, row, column, _m = problems[0]
            table.show_cell(row, column)
            return
        self.problem.hide()
        super().accept()

    def values(self) -> tuple[str, dict[str, Any]]:
        targets = [u.strip() for u in self.targets.text().replace("，", ",").replace("、", ",").split(",") if u.strip()]
        data: dict[str, Any] = {
            "services": [c for c, b in self.services.items() if b.isChecked()], "maturity": self.maturity.currentData(),
            "quantity": self.quantity.value() or None, "materials": self.materials.text(), "budget_lines": self.budget.lines(),
            "target_units": targets, "market": self.market.text(), "ip_ownership": self.ip.text(),
            "benefit_sharing": self.sharing.text(), "risks": self.risks.toPlainText(), "milestones": self.milestones.milestones()}
        if self.title.text().strip():
            data["title"] = self.title.text()
        return self.project.currentData() or "", data


register(PageSpec("incubation", QT_TRANSLATE_NOOP("Pages", "Incubation"), IncubationBoard, order=60,
                  entities=frozenset({"incubation"}), icon="rocket"))
