"""一键下达: the tasks and notices a person sent or answers for, and the selected task's progress
board (one row per unit: its responsible person, state, progress, overdue in red), with the
sender's reminder, acceptance and return, and the responsible person's report; leaders and
administrators send from here (dialogs/send_task.py). What each person may do with each unit comes
from the core (dispatch.detail's `may`)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QInputDialog, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.core import dispatch
from app.core.permissions import could
from app.ui.context import UiContext
from app.ui.pages import QT_TRANSLATE_NOOP, Page, PageSpec, register
from app.ui.widgets.record_table import fill, read_only_table
from app.ui.worker import alive

OVERDUE = QColor("#dc2626")


class DispatchPage(Page):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._generation = 0
        self.tasks: list[dict[str, Any]] = []
        self.task: dict[str, Any] | None = None
        self.box = QComboBox()
        for code, text in (("all", self.tr("All my tasks")), ("sent", self.tr("Sent by me")),
                           ("mine", self.tr("For my units"))):
            self.box.addItem(text, code)
        self.status = QComboBox()
        for state, text in ((None, self.tr("Open and closed")), ("open", self.tr("Open")), ("closed", self.tr("Closed"))):
            self.status.addItem(text, state)
        self.box.currentIndexChanged.connect(self.reload)
        self.status.currentIndexChanged.connect(self.reload)
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        self.send_btn = QPushButton(self.tr("Dispatch…"))
        self.send_btn.setToolTip(self.tr("Send a task or notice to many units at once"))
        self.send_btn.setVisible(could(ctx.actor, "task.send"))
        self.send_btn.clicked.connect(self._send)
        top = QHBoxLayout()
        top.addWidget(self.box)
        top.addWidget(self.status)
        top.addWidget(self.summary, 1)
        top.addWidget(self.send_btn)
        self.list = read_only_table([self.tr("Number"), self.tr("Title"), self.tr("Kind"), self.tr("Due"),
                                     self.tr("State"), self.tr("Units"), self.tr("Accepted"), self.tr("Overdue"),
                                     self.tr("Sender")], 1)
        self.list.itemSelectionChanged.connect(self._task_selected)
        self.title = QLabel(self.tr("Choose a task above"))
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)
        self.board = read_only_table([self.tr("Unit"), self.tr("Responsible"), self.tr("State"), self.tr("Progress"),
                                      self.tr("Overdue"), self.tr("Reminders"), self.tr("Latest report")], 6)
        self.board.itemSelectionChanged.connect(self._unit_selected)
        self.remind_btn = QPushButton(self.tr("Remind…"))
        self.remind_btn.setToolTip(self.tr("Remind the selected unit, or every unit still owing a report"))
        self.accept_btn = QPushButton(self.tr("Accept"))
        self.return_btn = QPushButton(self.tr("Return…"))
        self.report_btn = QPushButton(self.tr("Report…"))
        self.report_btn.setToolTip(self.tr("Report progress or, with 100 %, the unit's summary for acceptance"))
        self.remind_btn.clicked.connect(self._remind)
        self.accept_btn.clicked.connect(self._accept)
        self.return_btn.clicked.connect(self._return)
        self.report_btn.clicked.connect(self._report)
        buttons = QHBoxLayout()
        buttons.addWidget(self.title, 1)
        for b in (self.report_btn, self.remind_btn, self.accept_btn, self.return_btn):
            buttons.addWidget(b)
        hint = QLabel(self.tr("Units behind schedule are warned, and their responsible people told."))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addLayout(buttons)
        dl.addWidget(self.board, 1)
        dl.addWidget(hint)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(detail)
        split.setSizes([250, 400])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self._debounce = self.reload_after_changes(lambda ch: bool(ch.tasks or ch.people))
        self._unit_selected()
        self.reload()

    # -- reading -------------------------------------------------------------------------------
    def reload(self) -> None:
        self._generation += 1
        generation, bank, actor = self._generation, self.ctx.bank, self.ctx.actor
        box, status = self.box.currentData(), self.status.currentData()

        def show(tasks: list[dict[str, Any]]) -> None:
            if alive(self) and generation == self._generation:
                self.show_tasks(tasks)
        self.ctx.reader.submit(lambda state: dispatch.list_tasks(bank, actor, box=box, status=status), done=show,
                               failed=lambda e: self.ctx.show_error(e, self), label="tasks")

    def show_tasks(self, tasks: list[dict[str, Any]]) -> None:
        chosen = self.task["id"] if self.task else None
        self.tasks = tasks
        fill(self.list, [[x["number"], x["title"], x["kind_label"], x["due_on"], x["status_label"], x["units"],
                          x["states"]["accepted"], x["overdue"], x["sender_name"]] for x in tasks], 1,
             [OVERDUE if x["overdue"] and x["status"] == "open" else None for x in tasks])
        late = sum(1 for x in tasks if x["overdue"] and x["status"] == "open")
        self.summary.setText(self.tr("Tasks: {n}; with units overdue: {late}").replace("{n}", str(len(tasks)))
                             .replace("{late}", str(late)))
        rows = [i for i, x in enumerate(tasks) if x["id"] == chosen]
        if rows or tasks:
            self.list.selectRow(rows[0] if rows else 0)
        self._task_selected()

    def _task_selected(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.tasks):
            self.show_board(None)
            return
        task_id, generation, bank, actor = self.tasks[row]["id"], self._generation, self.ctx.bank, self.ctx.actor

        def show(task: dict[str, Any]) -> None:
            if alive(self) and generation == self._generation:
                self.show_board(task)
        self.ctx.reader.submit(lambda state: dispatch.detail(bank, actor, task_id), done=show,
                               failed=lambda e: self.ctx.show_error(e, self), label="task")

    def show_board(self, task: dict[str, Any] | None) -> None:
        chosen = (self.current_unit() or {}).get("id")
        self.task = task
        targets = task["targets"] if task else []
        if task:
            self.title.setText(self.tr("{number} {title} — due {due}").replace("{number}", task["number"])
                               .replace("{title}", task["title"]).replace("{due}", task["due_on"]))
        else:
            self.title.setText(self.tr("Choose a task above"))
        rows = []
        for tg in targets:
            last = tg["reports"][-1] if tg["reports"] else None
            latest = last["kind_label"] if last else ""
            if last and last["note"]:
                latest = self.tr("{kind}: {note}").replace("{kind}", last["kind_label"]).replace("{note}", last["note"])
            if tg["return_reason"] and tg["state"] == "returned":
                latest = self.tr("Returned: {reason}").replace("{reason}", tg["return_reason"])
            overdue = self.tr("{n} days").replace("{n}", str(tg["days_overdue"])) if tg["overdue"] else ""
            rows.append([tg["unit"], tg["responsible_name"] or "", tg["state_label"],
                         "" if tg["progress"] is None else f"{tg['progress']} %", overdue, tg["reminders"], latest])
        fill(self.board, rows, 6, [OVERDUE if tg["overdue"] else None for tg in targets])
        chosen_rows = [i for i, tg in enumerate(targets) if tg["id"] == chosen]
        if chosen_rows:
            self.board.selectRow(chosen_rows[0])
        self._unit_selected()

    def current_unit(self) -> dict[str, Any] | None:
        row = self.board.currentRow()
        targets = self.task["targets"] if self.task else []
        return targets[row] if 0 <= row < len(targets) else None

    def _unit_selected(self) -> None:
        unit = self.current_unit()
        may = set(unit["may"]) if unit else set()
        any_remind = bool(self.task and any("remind" in tg["may"] for tg in self.task["targets"]))
        self.remind_btn.setEnabled("remind" in may if unit else any_remind)
        self.accept_btn.setEnabled("accept" in may)
        self.return_btn.setEnabled("return" in may)
        self.report_btn.setEnabled("report" in may)

    # -- acting --------------------------------------------------------------------------------
    def _write(self, fn: Any, label: str) -> None:
        self.ctx.write(fn, parent=self, label=label, done=lambda changes: self.reload())

    def _send(self) -> None:
        from app.ui.dialogs.send_task import SendTaskDialog
        dlg = SendTaskDialog(self.ctx, self)
        dlg.exec()

    def _remind(self) -> None:
        if not self.task:
            return
        note, ok = QInputDialog.getText(self, self.tr("Remind"), self.tr("A note with the reminder (may be empty):"))
        if not ok:
            return
        bank, actor, task_id, unit = self.ctx.bank, self.ctx.actor, self.task["id"], self.current_unit()
        units = [unit["unit_id"]] if unit else None
        self._write(lambda: dispatch.remind(bank, actor, task_id, units, note), "remind")

    def _accept(self) -> None:
        unit = self.current_unit()
        if unit:
            bank, actor, target = self.ctx.bank, self.ctx.actor, unit["id"]
            self._write(lambda: dispatch.accept(bank, actor, target), "accept")

    def _return(self) -> None:
        unit = self.current_unit()
        if not unit:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Return the report"),
                                          self.tr("Why is {unit}'s report returned?").replace("{unit}", unit["unit"]))
        if ok:
            bank, actor, target = self.ctx.bank, self.ctx.actor, unit["id"]
            self._write(lambda: dispatch.return_report(bank, actor, target, reason), "return")

    def _report(self) -> None:
        unit = self.current_unit()
        if not unit:
            return
        progress, ok = QInputDialog.getInt(self, self.tr("Report"), self.tr("Progress in per cent (100: the summary "
                                                                            "for acceptance):"),
                                           unit["progress"] or 0, 0, 100)
        if not ok:
            return
        note, ok = QInputDialog.getMultiLineText(self, self.tr("Report"), self.tr("What was done:"))
        if ok:
            bank, actor, target = self.ctx.bank, self.ctx.actor, unit["id"]
            self._write(lambda: dispatch.report(bank, actor, target, note=note, progress=progress,
                                                summary=progress == 100), "report")


register(PageSpec("dispatch", QT_TRANSLATE_NOOP("Pages", "Dispatched tasks"), DispatchPage, order=72,
                  icon="send"))
