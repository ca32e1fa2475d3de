"""The notifications inbox: every decision, comment and mention that concerns the person."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core import inbox, projects, queries
from app.core.changes import Changes
from app.core.errors import IdeaBankError
from app.ui import fmt
from app.ui.context import UiContext
from app.ui.pages import QT_TRANSLATE_NOOP, Page, PageSpec, register
from app.ui.permits import offer


class InboxPage(Page):
    """Its badge (sig_badge) is the unread count, whenever it may have changed."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(3)
        self.list.itemActivated.connect(self._open)
        self.unread_only = QCheckBox(self.tr("Unread only"))
        self.unread_only.toggled.connect(self.reload)
        mark_all = QPushButton(self.tr("Mark all read"))
        mark_all.clicked.connect(self.mark_all)
        self.add_author = QPushButton(self.tr("Add as co-author"))
        self.add_author.setToolTip(self.tr("Take the person who asked on as a co-author of the project"))
        self.add_author.clicked.connect(self.accept_join)
        self.add_author.hide()
        self.list.currentItemChanged.connect(lambda *_: self._offer_join())
        self.header = QLabel()
        self.header.setObjectName("sectionTitle")
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.add_author)
        top.addWidget(self.unread_only)
        top.addWidget(mark_all)
        hint = QLabel(self.tr("Double-click a notice to open its project."))
        hint.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        ctx.sig_changes.connect(self.on_changes)
        self.reload()

    def reload(self) -> None:
        notes = inbox.notices(self.ctx.bank, self.ctx.actor, unread_only=self.unread_only.isChecked())
        self.list.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for n in notes:
            item = QListWidgetItem(f"{inbox.kind_label(n.kind)} · {fmt.datetime(n.at)}\n{n.message}")
            item.setData(Qt.ItemDataRole.UserRole, (n.id, n.project_id))
            if n.code == "join_request":
                item.setData(Qt.ItemDataRole.UserRole + 1, (n.params or {}).get("no"))
            if not n.read:
                item.setFont(bold)
            self.list.addItem(item)
        unread = inbox.unread_count(self.ctx.bank, self.ctx.actor)
        self.header.setText(self.tr("%n unread notice(s)", "", unread))
        if not notes:
            empty = QListWidgetItem(self.tr("No notices yet. You will be told here of every decision, comment "
                                            "and mention that concerns you."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)
        self.sig_badge.emit(unread)

    def on_changes(self, changes: Changes) -> None:
        if changes.notifications or changes.comments or changes.reviews:
            self.reload()

    def _offer_join(self) -> None:
        """A request to join a project: the proposer (or its studio's leader) adds the person here."""
        item = self.list.currentItem()
        who = item.data(Qt.ItemDataRole.UserRole + 1) if item is not None else None
        if not who:
            self.add_author.hide()
            return
        try:
            may = queries.project_permissions(self.ctx.bank, self.ctx.actor, item.data(Qt.ItemDataRole.UserRole)[1])
        except IdeaBankError:
            self.add_author.hide()
            return
        offer(self.add_author, may, "add_co_author")

    def accept_join(self) -> None:
        item = self.list.currentItem()
        if item is None or not item.data(Qt.ItemDataRole.UserRole + 1):
            return
        (_nid, project_id), who = item.data(Qt.ItemDataRole.UserRole), item.data(Qt.ItemDataRole.UserRole + 1)
        bank, actor = self.ctx.bank, self.ctx.actor
        self.ctx.write(lambda: projects.add_co_author(bank, actor, project_id, who), parent=self,
                       done=lambda _ch: self.ctx.sig_message.emit(self.tr("%1 is now a co-author.").replace("%1", who)))

    def mark_all(self) -> None:
        bank, actor = self.ctx.bank, self.ctx.actor
        self.ctx.write(lambda: inbox.mark_read(bank, actor), parent=self)

    def _open(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if not data:
            return
        notice_id, project_id = data
        bank, actor = self.ctx.bank, self.ctx.actor
        self.ctx.write(lambda: inbox.mark_read(bank, actor, [notice_id]), parent=self)
        if project_id:
            self.ctx.sig_open_project.emit(project_id)


register(PageSpec("inbox", QT_TRANSLATE_NOOP("Pages", "Notices"), InboxPage, order=35, counts=True,
                  badge=lambda ctx: inbox.unread_count(ctx.bank, ctx.actor), icon="bell"))
