"""A one-line comment box that completes @mentions of people as they are typed.

Each row tells people apart ("张伟  W0123 · 变电运维车间"); the core ranks and matches them
(app/core/mentions.py), the popup only shows them, kept inside the window."""
from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from app.core.mentions import Candidate, matching

_TAIL = re.compile(r"@([\w\u4e00-\u9fff.\-]*)$")
TOKEN_ROLE = Qt.ItemDataRole.UserRole + 1  # what the row inserts after the @
MAX_ROWS = 50  # the popup scrolls; more rows than this means the writer should type on
MIN_WIDTH = 260


class MentionEdit(QLineEdit):
    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
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
        self.textEdited.connect(self._maybe_complete)

    def set_people(self, people: list[Candidate]) -> None:
        self._people = people

    def row_text(self, c: Candidate) -> str:
        return f"{c.name}  {c.employee_no} · {c.unit or self.tr('no unit')}"

    def _maybe_complete(self, text: str) -> None:
        m = _TAIL.search(text[: self.cursorPosition()])
        found = matching(self._people, m.group(1))[:MAX_ROWS] if m else []
        if not found:
            self.completer_.popup().hide()
            return
        self.rows.clear()
        for c in found:
            item = QStandardItem(self.row_text(c))
            item.setData(c.token, TOKEN_ROLE)
            self.rows.appendRow(item)
        self.completer_.complete()
        self._keep_inside_window()

    def _keep_inside_window(self) -> None:
        """Below the box at the caret, or above it when the window has no room below; never past
        the window's edges (QCompleter only keeps it on the screen)."""
        popup = self.completer_.popup()
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
