"""The detail pane: every field of a project, attachments, threaded comments, votes, reviews, history."""
from __future__ import annotations

import html
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDragMoveEvent, QDropEvent, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import attachments, auth, discussion, mentions, projects, queries
from app.core.changes import Changes
from app.core.errors import IdeaBankError
from app.core.vocab import CONFIDENTIALITY, RUBRIC, STATUSES, label
from app.ui import colours, fmt
from app.ui.context import UiContext
from app.ui.i18n import QT_TRANSLATE_NOOP
from app.ui.pages.alerts import banner_for
from app.ui.permits import offer
from app.ui.widgets.mention import MentionEdit

# Lifecycle actions offered from the pane's "More" menu (decisions go through the review form).
MENU_ACTIONS = {
    "withdraw": QT_TRANSLATE_NOOP("DetailPane", "Withdraw to draft"),
    "revise": QT_TRANSLATE_NOOP("DetailPane", "Revise and resubmit"),
    "start_work": QT_TRANSLATE_NOOP("DetailPane", "Start work"),
    "complete": QT_TRANSLATE_NOOP("DetailPane", "Mark completed"),
    "incubate": QT_TRANSLATE_NOOP("DetailPane", "Send to incubation"),
    "promote": QT_TRANSLATE_NOOP("DetailPane", "Mark promoted"),
}


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value)).replace("\n", "<br>")


class AttachmentList(QListWidget):
    """Icons (image thumbnails) of a project's files; drop files here to attach them."""

    sig_files_dropped = Signal(list)

    def __init__(self) -> None:
        super().__init__()
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setIconSize(QSize(96, 96))
        self.setGridSize(QSize(128, 132))
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setWordWrap(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        e.acceptProposedAction() if e.mimeData().hasUrls() else e.ignore()

    def dragMoveEvent(self, e: QDragMoveEvent) -> None:
        e.acceptProposedAction() if e.mimeData().hasUrls() else e.ignore()

    def dropEvent(self, e: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in e.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.sig_files_dropped.emit(paths)
            e.acceptProposedAction()


class DetailPane(QWidget):
    sig_edit = Signal(str)
    """The user asked to edit this project."""
    sig_review = Signal(str)
    """The user asked to review this project."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.project_id: str | None = None
        self.data: dict[str, Any] | None = None
        self._reply_to: str | None = None

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.vote_btn = QPushButton()
        self.vote_btn.clicked.connect(self._toggle_vote)
        self.edit_btn = QPushButton(self.tr("Edit"))
        self.edit_btn.clicked.connect(lambda: self.sig_edit.emit(self.project_id))
        self.submit_btn = QPushButton(self.tr("Submit for review"))
        self.submit_btn.clicked.connect(lambda: self._move("submit"))
        self.review_btn = QPushButton(self.tr("Review…"))
        self.review_btn.clicked.connect(lambda: self.sig_review.emit(self.project_id))
        self.review_btn.setObjectName("primary")
        self.submit_btn.setObjectName("primary")
        self.kiosk_btn = QPushButton(self.tr("Confirm kiosk proposal"))
        self.kiosk_btn.clicked.connect(self._confirm_kiosk)
        self.more_btn = QToolButton()
        self.more_btn.setObjectName("menuButton")
        self.more_btn.setText(self.tr("More"))
        self.more_btn.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_btn.setMenu(QMenu(self.more_btn))
        buttons = QHBoxLayout()
        button_row = (self.vote_btn, self.edit_btn, self.submit_btn, self.review_btn, self.kiosk_btn, self.more_btn)
        for b in button_row:
            buttons.addWidget(b)
        buttons.addStretch()

        self.tabs = QTabWidget()
        self.fields = QTextBrowser()
        self.fields.setOpenExternalLinks(False)
        self.tabs.addTab(self.fields, self.tr("Details"))

        files = QWidget()
        fl = QVBoxLayout(files)
        self.files = AttachmentList()
        self.files.itemActivated.connect(self._open_attachment)
        self.files.sig_files_dropped.connect(self.add_files)
        self.files_hint = QLabel(self.tr("Drop files here to attach them. Double-click to open."))
        self.files_hint.setWordWrap(True)
        self.add_file_btn = QPushButton(self.tr("Add file…"))
        self.add_file_btn.clicked.connect(self._pick_files)
        hint_row = QHBoxLayout()
        hint_row.addWidget(self.files_hint, 1)
        hint_row.addWidget(self.add_file_btn)
        fl.addWidget(self.files)
        fl.addLayout(hint_row)
        self.tabs.addTab(files, self.tr("Attachments"))

        talk = QWidget()
        tl = QVBoxLayout(talk)
        self.comments = QTreeWidget()
        self.comments.setHeaderHidden(True)
        self.comments.setWordWrap(True)
        self.comments.itemClicked.connect(self._choose_reply)
        self.reply_label = QLabel()
        self.comment_box = MentionEdit()
        self.comment_box.setPlaceholderText(self.tr("Write a comment; type @ to mention someone"))
        self.comment_box.returnPressed.connect(self._send_comment)
        send = QPushButton(self.tr("Send"))
        send.clicked.connect(self._send_comment)
        row = QHBoxLayout()
        row.addWidget(self.comment_box, 1)
        row.addWidget(send)
        tl.addWidget(self.comments, 1)
        tl.addWidget(self.reply_label)
        tl.addLayout(row)
        self.tabs.addTab(talk, self.tr("Discussion"))

        self.reviews = QTextBrowser()
        self.tabs.addTab(self.reviews, self.tr("Reviews"))

        self.history = QTableWidget(0, 4)
        self.history.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Change")])
        self.history.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabs.addTab(self.history, self.tr("History"))

        self.empty = QLabel(self.tr("Select a project in the list to see it here."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.heading)
        self.warning_box = QVBoxLayout()  # holds the 预警 banner of an overdue or stuck project
        layout.addLayout(self.warning_box)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)
        self._body: list[QWidget] = [self.heading, self.tabs, *button_row]
        self._show_body(False)
        ctx.sig_changes.connect(self.on_changes)

    # -- loading -------------------------------------------------------------------------------
    def _show_body(self, on: bool) -> None:
        self.empty.setVisible(not on)
        for w in self._body:
            w.setVisible(on)

    def show_project(self, project_id: str | None) -> None:
        self.project_id = project_id
        self._reply_to = None
        self._show_warnings(None)
        if not project_id:
            self.data = None
            self._show_body(False)
            return
        try:
            self.data = queries.project_detail(self.ctx.bank, self.ctx.actor, project_id)
        except IdeaBankError as exc:
            self.data = None
            self._show_body(False)
            self.empty.setText(exc.message)
            return
        self._show_body(True)
        self._render()

    def reload(self) -> None:
        if self.project_id:
            tab = self.tabs.currentIndex()
            self.show_project(self.project_id)
            self.tabs.setCurrentIndex(tab)

    def on_changes(self, changes: Changes) -> None:
        if self.project_id and self.project_id in changes.project_ids:
            self.reload()

    # -- rendering -----------------------------------------------------------------------------
    def _render(self) -> None:
        d = self.data
        assert d is not None
        status = label(STATUSES, d["status"])
        kiosk_text = self.tr("Kiosk proposal, not yet confirmed")
        kiosk = f" &nbsp;<span style='color:{colours.colour('attention')}'>{esc(kiosk_text)}</span>" if d.get("kiosk") else ""
        self.heading.setText(f"<h3 style='margin:0'>{esc(d['title'])}</h3>"
                             f"<span>{esc(d['number'])} · {esc(d['category_label'])} · <b>{esc(status)}</b></span>{kiosk}")
        self._render_buttons(d)
        self._show_warnings(self.project_id)
        self.fields.setHtml(self._fields_html(d))
        self._render_files(d)
        self._render_comments(d)
        self._render_reviews(d)
        self._render_history(d)

    def _show_warnings(self, project_id: str | None) -> None:
        while self.warning_box.count():
            item = self.warning_box.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        self.warning_banner = None
        if project_id is None:
            return
        try:
            self.warning_banner = banner_for(self.ctx, project_id)
        except IdeaBankError:
            return  # a warning that cannot be computed must not hide the project itself
        if self.warning_banner is not None:
            self.warning_box.addWidget(self.warning_banner)

    def _render_buttons(self, d: dict[str, Any]) -> None:
        """Every button and menu entry as the core answers for this person and project (d["may"])."""
        may = d["may"]
        self.vote_btn.setText(self.tr("Withdraw vote (%n)", "", d["vote_count"]) if d["voted"]
                              else self.tr("Vote (%n)", "", d["vote_count"]))
        offer(self.vote_btn, may, "vote")
        offer(self.edit_btn, may, "edit")
        offer(self.submit_btn, may, "submit")
        self.submit_btn.setVisible(may.may("submit"))  # the author's own button; staff submit from the form
        self.review_btn.setVisible(d["status"] in ("submitted", "under_review") and may.offer("review"))
        self.review_btn.setEnabled(may.may("review"))
        self.review_btn.setToolTip(may.why("review"))
        offer(self.kiosk_btn, may, "confirm_kiosk")
        self.kiosk_btn.setVisible(bool(d.get("kiosk")) and self.kiosk_btn.isVisible())
        menu = self.more_btn.menu()
        menu.clear()
        menu.setToolTipsVisible(True)
        for action, text in MENU_ACTIONS.items():
            if may.offer(action):
                entry = menu.addAction(QCoreApplication.translate("DetailPane", text), partial(self._move, action))
                offer(entry, may, action)
        if d.get("merged_into") and may.offer("undo_merge"):  # a duplicate merged into another project
            undo = menu.addAction(self.tr("Undo the merge"), self._undo_merge)
            undo.setObjectName("undoMerge")
            offer(undo, may, "undo_merge")
        if may.offer("export_dossier"):
            if not menu.isEmpty():
                menu.addSeparator()
            export = menu.addAction(self.tr("Export dossier…"), lambda: self.ctx.sig_export.emit("dossier", self.project_id))
            export.setObjectName("exportDossier")
            offer(export, may, "export_dossier")
        self.more_btn.setVisible(not menu.isEmpty())
        attach = may.may("attach")
        self.files_hint.setVisible(attach)
        offer(self.add_file_btn, may, "attach")
        self.files.setAcceptDrops(attach)

    def _fields_html(self, d: dict[str, Any]) -> str:
        def row(name: str, value: Any) -> str:
            return f"<tr><th align='left' valign='top' style='padding-right:12px;white-space:nowrap'>{esc(name)}</th>" \
                   f"<td>{value}</td></tr>"
        people = "、".join(f"{esc(m['name'])}（{esc(m['employee_no'])}）" for m in d["members"])
        points = "".join(f"<li>{esc(p)}</li>" for p in d["innovation_points"]) or "—"
        parts = [
            row(self.tr("Number"), esc(d["number"])),
            row(self.tr("Category"), esc(d["category_label"])),
            row(self.tr("Status"), esc(label(STATUSES, d["status"]))),
            row(self.tr("Studio"), esc(d["studio"] or "—")),
            row(self.tr("Proposer and co-authors"), people or "—"),
            row(self.tr("Background"), esc(d["background"]) or "—"),
            row(self.tr("Solution"), esc(d["solution"]) or "—"),
            row(self.tr("Innovation points"), f"<ol style='margin:0'>{points}</ol>" if d["innovation_points"] else "—"),
            row(self.tr("Implementation"), esc(d["implementation"]) or "—"),
            row(self.tr("Indicators"), esc(d["indicators"]) or "—"),
            row(self.tr("Expected benefit"), self.tr("%1 yuan/year").replace("%1", fmt.money(d["expected_benefit"]))
                if d["expected_benefit"] is not None else "—"),
            row(self.tr("Measured benefit"), self.tr("%1 yuan/year").replace("%1", fmt.money(d["measured_benefit"]))
                if d["measured_benefit"] is not None else "—"),
            row(self.tr("Basis of the benefit"), esc(d["benefit_basis"]) or "—"),
            row(self.tr("Investment"), fmt.money(d["investment"]) if d["investment"] is not None else "—"),
            row(self.tr("Social benefit"), esc(d["social_benefit"]) or "—"),
            row(self.tr("Promotion"), esc(d["promotion"]) or "—"),
            row(self.tr("Tags"), esc("、".join(d["tags"])) or "—"),
            row(self.tr("Patents"), esc("；".join(" ".join(str(v) for v in p.values()) for p in d["patents"])) or "—"),
            row(self.tr("Awards"), esc("；".join(" ".join(str(v) for v in a.values()) for a in d["awards"])) or "—"),
            row(self.tr("Confidentiality"), esc(label(CONFIDENTIALITY, d["confidentiality"]))),
            row(self.tr("Created"), esc(fmt.datetime(d["created_at"]))),
            row(self.tr("Updated"), esc(fmt.datetime(d["updated_at"]))),
        ]
        return "<table cellspacing='4'>" + "".join(parts) + "</table>"

    def _render_files(self, d: dict[str, Any]) -> None:
        self.files.clear()
        style = self.style()
        for a in d["attachments"]:
            icon = style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)
            if a["mime"].startswith("image/"):
                try:
                    pix = QPixmap(str(attachments.path_of(self.ctx.bank, a["id"])))
                    if not pix.isNull():
                        icon = QIcon(pix.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio,
                                                Qt.TransformationMode.SmoothTransformation))
                except IdeaBankError:
                    pass
            item = QListWidgetItem(icon, a["name"])
            item.setToolTip(f"{a['name']}\n{a['mime']} · {fmt.integer(a['size'])} B")
            item.setData(Qt.ItemDataRole.UserRole, a["id"])
            self.files.addItem(item)
        self.tabs.setTabText(1, self.tr("Attachments (%n)", "", len(d["attachments"])))

    def _render_comments(self, d: dict[str, Any]) -> None:
        self.comments.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for c in d["comments"]:
            parent = items.get(c["parent_id"]) if c["parent_id"] else None
            item = QTreeWidgetItem([f"{c['author'] or '?'} · {fmt.datetime(c['at'])}\n{c['body']}"])
            item.setData(0, Qt.ItemDataRole.UserRole, c["id"])
            item.setData(0, Qt.ItemDataRole.UserRole + 1, c["author"])
            (parent.addChild(item) if parent else self.comments.addTopLevelItem(item))
            items[c["id"]] = item
        self.comments.expandAll()
        self.tabs.setTabText(2, self.tr("Discussion (%n)", "", len(d["comments"])))
        self.reply_label.setText("")
        try:  # ranked for this project: its studio and its recent participants first
            self.comment_box.set_people(mentions.candidates(self.ctx.bank, self.ctx.actor, self.project_id))
        except IdeaBankError:
            self.comment_box.set_people([])

    def _render_reviews(self, d: dict[str, Any]) -> None:
        if not d["reviews"]:
            none_yet = self.tr("No reviews yet.")
            self.reviews.setHtml(f"<p>{esc(none_yet)}</p>")
            return
        total_t, reason_t, note_t = self.tr("Total"), self.tr("Reason"), self.tr("Private note")
        out = []
        for r in d["reviews"]:
            decision = {"adopt": self.tr("Adopted"), "reject": self.tr("Not adopted")}.get(r["decision"] or "",
                                                                                         self.tr("Scores only"))
            scores = "、".join(f"{label(RUBRIC, k)} {v:g}" for k, v in (r["scores"] or {}).items())
            out.append(f"<p><b>{esc(r['reviewer'])}</b> · {esc(fmt.datetime(r['at']))} · <b>{esc(decision)}</b>"
                       + (f" · {esc(total_t)} {r['total']:g}" if r["total"] is not None else "")
                       + (f"<br>{esc(scores)}" if scores else "")
                       + (f"<br>{esc(reason_t)}：{esc(r['reason'])}" if r["reason"] else "")
                       + (f"<br><i>{esc(note_t)}：{esc(r['private_note'])}</i>" if r.get("private_note")
                          else "") + "</p>")
        self.reviews.setHtml("".join(out))

    def _render_history(self, d: dict[str, Any]) -> None:
        rows = list(reversed(d["history"]))
        self.history.setRowCount(len(rows))
        for i, h in enumerate(rows):  # words from the core (app/core/history.py), not the stored codes
            for col, text in enumerate((fmt.datetime(h["at"]), h["who"] or "", h["what"], h["change"])):
                item = QTableWidgetItem(str(text))
                item.setToolTip(str(text))
                self.history.setItem(i, col, item)
        self.history.resizeColumnsToContents()
        self.history.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    # -- actions -------------------------------------------------------------------------------
    def _toggle_vote(self) -> None:
        bank, actor, pid = self.ctx.bank, self.ctx.actor, self.project_id
        if pid is None:  # no project shown: its buttons are hidden
            return
        if self.data and self.data["voted"]:
            self.ctx.write(lambda: discussion.unvote(bank, actor, pid), parent=self)
        else:
            self.ctx.write(lambda: discussion.vote(bank, actor, pid), parent=self)

    def _move(self, action: str) -> None:
        bank, actor, pid = self.ctx.bank, self.ctx.actor, self.project_id
        if pid is None:  # no project shown: its buttons are hidden
            return
        self.ctx.write(lambda: projects.move(bank, actor, pid, action), parent=self)

    def _undo_merge(self) -> None:
        bank, actor, pid = self.ctx.bank, self.ctx.actor, self.project_id
        if pid is None:  # no project shown: its buttons are hidden
            return
        self.ctx.write(lambda: projects.undo_merge(bank, actor, pid), parent=self)

    def _confirm_kiosk(self) -> None:
        bank, actor, pid = self.ctx.bank, self.ctx.actor, self.project_id
        if pid is None:  # no project shown: its buttons are hidden
            return
        self.ctx.write(lambda: auth.confirm_kiosk(bank, actor, pid), parent=self)

    def _choose_reply(self, item: QTreeWidgetItem) -> None:
        self._reply_to = item.data(0, Qt.ItemDataRole.UserRole)
        who = item.data(0, Qt.ItemDataRole.UserRole + 1) or ""
        self.reply_label.setText(self.tr("Replying to %1 (click elsewhere in the list to change)").replace("%1", who))

    def _send_comment(self) -> None:
        body = self.comment_box.text().strip()
        if not body or not self.project_id:
            return
        bank, actor, pid, parent = self.ctx.bank, self.ctx.actor, self.project_id, self._reply_to
        self.comment_box.setEnabled(False)

        def sent(_changes: object) -> None:
            self.comment_box.clear()
            self.comment_box.setEnabled(True)

        def failed(error: BaseException) -> None:
            self.comment_box.setEnabled(True)
            self.ctx.show_error(error, self)

        self.ctx.write(lambda: discussion.comment(bank, actor, pid, body, parent_id=parent), done=sent,
                       failed=failed, parent=self)

    def add_files(self, paths: list[str]) -> None:
        bank, actor, pid = self.ctx.bank, self.ctx.actor, self.project_id
        if not pid:
            return

        def attach_all() -> Changes | None:
            changes = None
            for p in paths:
                ch = attachments.add(bank, actor, pid, Path(p))
                changes = ch if changes is None else changes | ch
            return changes
        self.ctx.write(attach_all, parent=self)

    def _pick_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        if paths:
            self.add_files(paths)

    def _open_attachment(self, item: QListWidgetItem) -> None:
        try:
            target = attachments.copy_to_open(self.ctx.bank, item.data(Qt.ItemDataRole.UserRole))
        except IdeaBankError as exc:
            self.ctx.show_error(exc, self)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
