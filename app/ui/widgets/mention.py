"""A one-line comment box that completes @mentions of people as they are typed.

Each row tells people apart ("张伟  W0123 · 变电运维车间"); the core ranks and matches them
(app/core/mentions.py), the popup only shows them, kept inside the window."""
from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCompleter,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.core.mentions import Candidate, matching

_TAIL = re.compile(r"@([\w\u4e00-\u9fff.\-]*)$")
TOKEN_ROLE = Qt.ItemDataRole.UserRole + 1  # what the row inserts after the @
NAME_ROLE = Qt.ItemDataRole.UserRole + 2
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 3  # "工号 · 单位", drawn dimmer in a column after the names
MAX_ROWS = 50  # the popup scrolls; more rows than this means the writer should type on
MIN_WIDTH = 260


class _Row(QStyledItemDelegate):
    """The name, then the employee number and unit in a column of their own, dimmer: people are
    found by name and told apart by the rest."""
    PAD = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_width = 0

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        rect = opt.rect.adjusted(self.PAD, 0, -self.PAD, 0)
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        painter.save()
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        painter.drawText(rect, align, index.data(NAME_ROLE))
        if not selected:
            painter.setPen(opt.palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(rect.adjusted(self.name_width, 0, 0, 0), align,
                         opt.fontMetrics.elidedText(index.data(DETAIL_ROLE), Qt.TextElideMode.ElideRight,
                                                    max(rect.width() - self.name_width, 0)))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        fm = option.fontMetrics
        return QSize(2 * self.PAD + self.name_width + fm.horizontalAdvance(index.data(DETAIL_ROLE) or ""),
                     fm.height() + self.PAD)


class MentionEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._people: list[Candidate] = []
        self.rows = QStandardItemModel(self)
        self.completer_ = QCompleter(self.rows, self)
        self.completer_.setWidget(self)
        # The core already matched and ranked the rows: the completer shows them as they are.
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCompletionRole(TOKEN_ROLE)
        self.completer_.setMaxVisibleItems(8)
        self.completer_.activated.connect(self._insert)
        self._row = _Row(self._popup())
        self._popup().setItemDelegate(self._row)
        self.textEdited.connect(self._maybe_complete)

    def _popup(self) -> QAbstractItemView:
        popup = self.completer_.popup()
        assert popup is not None  # QCompleter makes its list view when first asked and keeps it
        return popup

    def set_people(self, people: list[Candidate]) -> None:
        self._people = people

    def row_text(self, c: Candidate) -> str:
        return f"{c.name}  {self._detail(c)}"

    def _detail(self, c: Candidate) -> str:
        unit = c.unit or self.tr("no unit")
        return f"{c.employee_no} · {unit}"

    def _maybe_complete(self, text: str) -> None:
        m = _TAIL.search(text[: self.cursorPosition()])
        found = matching(self._people, m.group(1))[:MAX_ROWS] if m else []
        if not found:
            self._popup().hide()
            return
        self.rows.clear()
        fm = self._popup().fontMetrics()
        self._row.name_width = max(fm.horizontalAdvance(c.name) for c in found) + fm.horizontalAdvance("  ")
        for c in found:
            item = QStandardItem(self.row_text(c))
            item.setData(c.token, TOKEN_ROLE)
            item.setData(c.name, NAME_ROLE)
            item.setData(self._detail(c), DETAIL_ROLE)
            self.rows.appendRow(item)
        self.completer_.complete()
        self._keep_inside_window()

    def _keep_inside_window(self) -> None:
        """Below the box at the caret, or above it when the window has no room below; never past
        the window's edges (QCompleter only keeps it on the screen)."""
        popup = self._popup()
        win = self.window()
        area = QRect(win.mapToGlobal(QPoint(0, 0)), win.size())
        frame = 2 * popup.frameWidth()
        width = max(MIN_WIDTH, popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width() + frame)
        width = min(width, area.width())
        shown = min(self.rows.rowCount(), self.completer_.maxVisibleItems())
        height = min(shown * max(popup.sizeHintForRow(0), 1) + frame, area.height())
        x = self.mapToGlobal(self.cursorRect().bottomLeft()).x()
        x = max(area.left(), min(x, area.left() + area.width() - width))
        below = self.mapToGlobal(QPoint(0, self.height())).y()
        above = self.mapToGlobal(QPoint(0, 0)).y() - height
        if below + height <= area.top() + area.height():
            y = below
        else:
            y = max(area.top(), min(above, area.top() + area.height() - height))
        popup.setGeometry(x, y, width, height)

    def _insert(self, token: str) -> None:
        pos = self.cursorPosition()
        head, tail = self.text()[:pos], self.text()[pos:]
        head = _TAIL.sub(lambda _m: f"@{token} ", head)
        self.setText(head + tail)
        self.setCursorPosition(len(head))
