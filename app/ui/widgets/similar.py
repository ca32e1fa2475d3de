"""Similar existing projects beside the propose form: pick one to read it right there, comment on
it, or ask its author to take you on as a co-author — so a worker joins an idea instead of
proposing it twice. Everything happens inside the form; nothing opens behind it."""
from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core import discussion, projects, queries
from app.core.errors import IdeaBankError
from app.core.vocab import STATUSES, label
from app.ui.context import UiContext
from app.ui.permits import offer


class SimilarPanel(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.project_id: str | None = None
        self.title = QLabel(self.tr("Similar existing projects"))
        self.title.setObjectName("sectionTitle")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.setAlternatingRowColors(True)
        self.list.currentItemChanged.connect(lambda cur, _prev: self.show_project(
            cur.data(Qt.ItemDataRole.UserRole) if cur is not None else None))
        self.hint = QLabel(self.tr("Check these before proposing: maybe someone had the idea already. Pick one "
                                   "to read it, comment on it or ask to join it."))
        self.hint.setWordWrap(True)
        self.hint.setObjectName("muted")
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("A comment for its authors"))
        self.comment.returnPressed.connect(self.send_comment)
        self.comment_btn = QPushButton(self.tr("Comment"))
        self.comment_btn.clicked.connect(self.send_comment)
        self.join_btn = QPushButton(self.tr("Ask to join as co-author"))
        self.join_btn.setToolTip(self.tr("Its proposer is asked to add you as a co-author"))
        self.join_btn.clicked.connect(self.ask_to_join)
        self.done = QLabel()
        self.done.setObjectName("okText")
        self.done.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.comment, 1)
        row.addWidget(self.comment_btn)
        self.action_row = QWidget()
        al = QVBoxLayout(self.action_row)
        al.setContentsMargins(0, 0, 0, 0)
        al.addLayout(row)
        al.addWidget(self.join_btn)
        al.addWidget(self.done)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 2)
        layout.addWidget(self.hint)
        layout.addWidget(self.preview, 3)
        layout.addWidget(self.action_row)
        self.show_project(None)

    def set_found(self, found: list[tuple[str, str, str]]) -> None:
        """(id, number, title) of the similar projects, best first; keeps the one being read."""
        keep = self.project_id
        self.list.blockSignals(True)
        self.list.clear()
        for pid, number, title in found:
            item = QListWidgetItem(f"{title}\n{number}")
            item.setData(Qt.ItemDataRole.UserRole, pid)
            self.list.addItem(item)
            if pid == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def show_project(self, project_id: str | None) -> None:
        self.project_id = project_id
        self.done.clear()
        data = None
        if project_id:
            try:
                data = queries.project_detail(self.ctx.bank, self.ctx.actor, project_id)
            except IdeaBankError as exc:
                self.preview.setPlainText(exc.message)
        self.preview.setVisible(project_id is not None)
        self.action_row.setVisible(data is not None)
        if data is None:
            return
        self.preview.setHtml(self._html(data))
        offer(self.comment_btn, data["may"], "comment")
        offer(self.join_btn, data["may"], "ask_to_join")

    def _html(self, d: dict[str, Any]) -> str:
        def esc(v: Any) -> str:
            return html.escape("" if v is None else str(v)).replace("\n", "<br>")
        people = "、".join(esc(m["name"]) for m in d["members"])
        points = "".join(f"<li>{esc(p)}</li>" for p in d["innovation_points"])
        bg, sol = self.tr("Background"), self.tr("Solution")
        return (f"<b>{esc(d['title'])}</b><br><span>{esc(d['number'])} · {esc(label(STATUSES, d['status']))} · "
                f"{people}</span><p><b>{esc(bg)}</b><br>{esc(d['background'])}</p>"
                f"<p><b>{esc(sol)}</b><br>{esc(d['solution'])}</p>" + (f"<ol>{points}</ol>" if points else ""))

    def send_comment(self) -> None:
        body, pid = self.comment.text().strip(), self.project_id
        if not body or not pid:
            return
        bank, actor = self.ctx.bank, self.ctx.actor

        def sent(_changes: Any) -> None:
            self.comment.clear()
            self.done.setText(self.tr("Your comment was sent; its authors are told."))
        self.ctx.write(lambda: discussion.comment(bank, actor, pid, body), done=sent, parent=self.window())

    def ask_to_join(self) -> None:
        pid = self.project_id
        if not pid:
            return
        bank, actor = self.ctx.bank, self.ctx.actor

        def asked(_changes: Any) -> None:
            self.join_btn.setEnabled(False)
            self.done.setText(self.tr("Its proposer was asked to add you as a co-author; you will hear back in "
                                      "your notices."))
        self.ctx.write(lambda: projects.ask_to_join(bank, actor, pid), done=asked, parent=self.window())
