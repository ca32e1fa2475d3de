"""The idea board (创意看板): the studio's projects as cards in a kanban by stage, for its leaders.

The columns and cards are the incubation board's (RequestColumn, CardDelegate) carrying projects.
Dragging a card asks the lifecycle for the action between the two stages and runs it through the
core on the write worker; the card moves only when the core agrees, otherwise it stays where it
was and the status bar says why. Adopting or not adopting is a review: the drag opens the review
form instead of deciding silently, and cancelling it leaves the card where it was.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QListWidgetItem, QVBoxLayout, QWidget

from app.core import board, choices, projects, queries
from app.core.changes import Changes
from app.core.errors import IdeaBankError
from app.core.i18n import t
from app.core.lifecycle import TRANSITIONS, actions_from, project_action_between
from app.core.permissions import roles_for
from app.core.vocab import STATUSES, label
from app.ui.context import UiContext
from app.ui.pages import QT_TRANSLATE_NOOP, Page, PageSpec, register
from app.ui.pages.incubation import CARD_ROLE, ID_ROLE, CardDelegate, RequestColumn, board_lanes

REVIEWED = frozenset({"adopt", "not_adopt"})  # decided in the review form, with scores and a reason
COLOURS = {"submitted": "#3b82f6", "under_review": "#8b5cf6", "adopted": "#0ea5e9", "in_progress": "#f59e0b",
           "completed": "#10b981", "incubating": "#14b8a6", "promoted": "#059669", "not_adopted": "#ef4444"}


class ProjectCardDelegate(CardDelegate):
    colours = COLOURS


class ProjectColumn(RequestColumn):
    mime = "application/x-ideabank-project"
    delegate = ProjectCardDelegate

    def __init__(self, status: str, parent: QWidget | None = None) -> None:
        super().__init__(status, parent)
        self.setMinimumWidth(128)  # eight stages side by side on a 1366-pixel laptop


class IdeaBoard(Page):
    sig_refused = Signal(str)
    """A move was refused or cancelled; the text says why (also sent to the status bar)."""
    sig_moved = Signal(str, str)
    """(project id, new status) after the core accepted a move."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.projects: dict[str, dict[str, Any]] = {}
        # Opens the review form for a drag to adopted / not adopted; True once a review was sent.
        # Tests replace it to answer without a modal dialog.
        self.ask_review: Callable[[str], bool] = self._ask_review

        title = QLabel(self.tr("Idea board"))
        title.setObjectName("sectionTitle")
        hint = QLabel(self.tr("Drag a card to another stage to take that step; a move that is not allowed snaps "
                              "back and the status bar says why. Double-click a card to open the project."))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        self.studio = QComboBox()
        self.studio.setObjectName("studioFilter")
        self.studio.addItem(self.tr("All studios"), None)
        for sid, name in choices.studios(ctx.bank):
            self.studio.addItem(name, sid)
        self.studio.setCurrentIndex(max(0, self.studio.findData(board.default_studio(ctx.actor))))
        # A leader's board is their own studio's; administrators choose.
        self.studio.setVisible(ctx.actor.role == "admin")
        self.studio.currentIndexChanged.connect(self.reload)
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(hint, 1)
        top.addWidget(self.studio)

        scroller, self.columns, self.headers = board_lanes(self, board.COLUMNS, ProjectColumn)
        for col in self.columns.values():
            col.itemDoubleClicked.connect(lambda item: self.sig_open_record.emit("project", item.data(ID_ROLE)))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(scroller, 1)
        ctx.sig_changes.connect(self.on_changes)
        self.reload()

    # -- data ----------------------------------------------------------------------------------
    def on_changes(self, changes: Changes) -> None:
        if changes.membership or changes.project_ids:
            self.reload()

    def reload(self) -> None:
        rows, totals = board.cards(self.ctx.bank, self.ctx.actor, self.studio.currentData())
        self.projects = {r["id"]: r for r in rows}
        for status, col in self.columns.items():
            col.clear()
            in_col = [r for r in rows if r["status"] == status]
            shown = f"{len(in_col)}/{totals[status]}" if totals[status] > len(in_col) else str(totals[status])
            self.headers[status].setText(f"<b>{label(STATUSES, status)}</b> ({shown})")
            if totals[status] > len(in_col):
                self.headers[status].setToolTip(self.tr("The %1 longest in this stage; the list shows them all.")
                                                .replace("%1", str(len(in_col))))
            for r in in_col:
                item = QListWidgetItem()
                item.setData(ID_ROLE, r["id"])
                age = self.age(r["days"])
                item.setData(CARD_ROLE, r | {"line1": r["proposer"], "line2": age})
                item.setToolTip(f"{r['number']}\n{r['title']}\n{r['proposer']}\n{age}")
                col.addItem(item)

    def age(self, days: int) -> str:
        return self.tr("Entered today") if days == 0 else self.tr("%n day(s) in stage", "", days)

    def column_of(self, project_id: str) -> str | None:
        for status, col in self.columns.items():
            if any(col.item(i).data(ID_ROLE) == project_id for i in range(col.count())):
                return status
        return None

    def select_record(self, entity: str, entity_id: str) -> bool:
        status = self.column_of(entity_id) if entity == "project" else None
        if status is None:
            return False
        col = self.columns[status]
        row = next(i for i in range(col.count()) if col.item(i).data(ID_ROLE) == entity_id)
        col.setCurrentRow(row)
        col.scrollToItem(col.item(row))
        col.setFocus()
        return True

    def current_project_id(self) -> str | None:
        for col in self.columns.values():
            if col.hasFocus() and col.currentItem() is not None:
                return col.currentItem().data(ID_ROLE)
        return None

    # -- moving ----------------------------------------------------------------------------------
    def _highlight_targets(self, project_id: str | None) -> None:
        """While a card is dragged, mark the stages it may go to."""
        source = self.projects.get(project_id or "", {}).get("status")
        for status, header in self.headers.items():
            ok = source is not None and project_action_between(source, status) is not None
            header.setStyleSheet("background:#d1fae5; color:#064e3b; border-radius:4px;" if ok else "")

    def refuse(self, reason: str) -> None:
        self.message.setText(reason)
        self.ctx.sig_message.emit(reason)
        self.sig_refused.emit(reason)

    def request_move(self, project_id: str, target: str) -> None:
        """A card was dropped on `target`: take the lifecycle action between the stages if there is one."""
        p = self.projects.get(project_id)
        if p is None or p["status"] == target:
            return
        self.message.clear()
        action = project_action_between(p["status"], target)
        if action is None:
            here, there = label(STATUSES, p["status"]), label(STATUSES, target)
            nexts = "、".join(label(STATUSES, TRANSITIONS[a].target) for a in actions_from(p["status"])
                             if TRANSITIONS[a].target in board.COLUMNS)
            why = self.tr("A project cannot go from “%1” straight to “%2”.").replace("%1", here).replace("%2", there)
            self.refuse(why + " " + (self.tr("Its next stage can be: %1.").replace("%1", nexts) if nexts
                                     else self.tr("It has no next stage.")))
            return
        if action in REVIEWED:
            self.review(project_id, action)
            return
        bank, actor = self.ctx.bank, self.ctx.actor

        def done(ch: Changes) -> None:
            self.sig_moved.emit(project_id, ch.value)
            self.ctx.sig_message.emit(self.tr("The project is now “%1”.").replace("%1", label(STATUSES, ch.value)))

        tr = TRANSITIONS[action]
        self.ctx.write(lambda: projects.move(bank, actor, project_id, action), done=done, failed=self._failed,
                       label=t(tr.zh, tr.en))

    def review(self, project_id: str, action: str) -> None:
        """Adopting or not adopting: the core says whether this person may, then the review form decides."""
        may = queries.project_permissions(self.ctx.bank, self.ctx.actor, project_id)
        if not may.may(action):
            self.refuse(may.why(action))
            return
        if self.ask_review(project_id):
            self.reload()
            status = self.projects.get(project_id, {}).get("status")
            if status is not None:
                self.sig_moved.emit(project_id, status)
        else:
            self.refuse(self.tr("Review cancelled: the card stays where it was."))

    def _ask_review(self, project_id: str) -> bool:
        from app.ui.dialogs.review import ReviewDialog
        dialog = ReviewDialog(self.ctx, project_id, parent=self.window())
        return bool(dialog.exec())

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, IdeaBankError):
            self.refuse(error.message)
        else:
            self.ctx.show_error(error, self)


register(PageSpec("idea_board", QT_TRANSLATE_NOOP("Pages", "Idea board"), IdeaBoard, order=32,
                  roles=roles_for("project.review"), icon="layout-kanban"))
