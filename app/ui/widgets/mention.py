"""A one-line comment box that completes @mentions of people as they are typed."""
from __future__ import annotations

import re

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

_TAIL = re.compile(r"@([\w\u4e00-\u9fff.\-]*)$")


class MentionEdit(QLineEdit):
    def __init__(self, names: list[str], parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.completer_ = QCompleter(QStringListModel(names, self), self)
        self.completer_.setWidget(self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer_.activated.connect(self._insert)
        self.textEdited.connect(self._maybe_complete)

    def set_names(self, names: list[str]) -> None:
        self.completer_.model().setStringList(names)

    def _maybe_complete(self, text: str) -> None:
        m = _TAIL.search(text[: self.cursorPosition()])
        if not m:
            self.completer_.popup().hide()
            return
        self.completer_.setCompletionPrefix(m.group(1))
        if self.completer_.completionCount():
            self.completer_.complete()

    def _insert(self, name: str) -> None:
        pos = self.cursorPosition()
        head, tail = self.text()[:pos], self.text()[pos:]
        head = _TAIL.sub(lambda _m: f"@{name} ", head)
        self.setText(head + tail)
        self.setCursorPosition(len(head))
