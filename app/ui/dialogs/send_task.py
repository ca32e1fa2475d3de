"""一键下达 from the window: a task or notice to the units ticked in the organisation tree (ticking a
unit ticks every unit below it), a responsible person for each, a due date, the text and files.
The core checks everything (dispatch.send); what it refuses is said under the form."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import dispatch, people, sitetime
from app.core.org import list_units
from app.core.vocab import label
from app.ui.context import UiContext

ID = Qt.ItemDataRole.UserRole


class SendTaskDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sent: str | None = None
        self.setWindowTitle(self.tr("Dispatch a task"))
        self.resize(820, 640)
        self.title = QLineEdit()
        self.title.setMaxLength(200)
        self.kind = QComboBox()
        for code in dispatch.KINDS:
            self.kind.addItem(label(dispatch.KINDS, code), code)
        self.kind.setToolTip(self.tr("A task: each unit reports and you accept each summary. A notice: each unit "
                                     "confirms it has read it."))
        today = sitetime.today(ctx.bank) + dt.timedelta(days=7)
        self.due = QDateEdit(QDate(today.year, today.month, today.day))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.body = QPlainTextEdit()
        self.body.setMaximumHeight(90)
        self.files = QListWidget()
        self.files.setMaximumHeight(60)
        add_file = QPushButton(self.tr("Add file…"))
        add_file.clicked.connect(self._pick_file)
        files = QHBoxLayout()
        files.addWidget(self.files, 1)
        files.addWidget(add_file, 0, Qt.AlignmentFlag.AlignTop)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Unit"), self.tr("Responsible person")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.combos: dict[str, QComboBox] = {}
        self._fill_tree()
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Due"), self.due)
        form.addRow(self.tr("Text"), self.body)
        form.addRow(self.tr("Files"), files)
        hint = QLabel(self.tr("Tick the units (a unit ticks every unit below it) and name who answers for each."))
        hint.setObjectName("muted")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.send_btn = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.send_btn.setText(self.tr("Send"))
        buttons.accepted.connect(self.send)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _fill_tree(self) -> None:
        units = list_units(self.ctx.bank)
        staff: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
        for person in people.list_users(self.ctx.bank, active=True):
            staff[person["unit"]].append(person)
        last = dispatch.last_responsible(self.ctx.bank, [u["id"] for u in units])
        items: dict[str, QTreeWidgetItem] = {}
        for u in units:  # tree order: a parent comes before its children
            parent = items.get(u["parent_id"])
            item = QTreeWidgetItem(parent) if parent is not None else QTreeWidgetItem(self.tree)
            item.setText(0, u["name"])
            item.setData(0, ID, u["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            if parent is None:
                self.tree.addTopLevelItem(item)
            items[u["id"]] = item
            combo = QComboBox()
            combo.addItem(self.tr("(nobody yet)"), None)
            for person in staff.get(u["name"], []):
                combo.addItem(f"{person['name']}（{person['employee_no']}）", person["employee_no"])
            chosen = combo.findData(last.get(u["id"]))
            if chosen < 0 and last.get(u["id"]):  # last responsible, now in another unit
                combo.addItem(last[u["id"]], last[u["id"]])
                chosen = combo.count() - 1
            combo.setCurrentIndex(max(chosen, 0))
            self.combos[u["id"]] = combo
            self.tree.setItemWidget(item, 1, combo)
        self.tree.expandToDepth(1)
        self.items = items

    def _pick_file(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        for path in paths:
            self.files.addItem(path)

    def targets(self) -> list[tuple[str, str | None]]:
        """The ticked units with their responsible people, in tree order."""
        return [(uid, self.combos[uid].currentData()) for uid, item in self.items.items()
                if item.checkState(0) == Qt.CheckState.Checked]

    def send(self) -> None:
        bank, actor = self.ctx.bank, self.ctx.actor
        title, kind, body = self.title.text(), self.kind.currentData(), self.body.toPlainText()
        due, targets = self.due.date().toPython(), self.targets()
        files = [self.files.item(i).text() for i in range(self.files.count())]
        self.send_btn.setEnabled(False)

        def failed(error: BaseException) -> None:
            self.send_btn.setEnabled(True)
            message = getattr(error, "message", None)
            if message:
                self.error.setText(message)
            else:
                self.ctx.show_error(error, self)

        def done(changes: Any) -> None:
            self.sent = changes.value
            self.accept()
        self.ctx.write(lambda: dispatch.send(bank, actor, title, due, targets, kind=kind, body=body, files=files),
                       done=done, failed=failed, parent=self, label=self.tr("Sending the task"))
