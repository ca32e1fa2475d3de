"""组织机构 / Organisation: the unit tree, the studios and the people, for administrators (all of
it) and studio leaders (their own studio and its people). Every change is a core use case on the
worker; the core checks who may, the page only hides what a person could never do.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import auth, org, people
from app.core.permissions import can, for_studio
from app.core.vocab import ROLES, label
from app.ui import fmt
from app.ui.context import UiContext
from app.ui.dialogs import org_import
from app.ui.dialogs.org import PasswordDialog, PersonDialog, RoleDialog, StudioDialog, UnitDialog
from app.ui.dialogs.studio_settings import StudioSettingsDialog
from app.ui.pages import QT_TRANSLATE_NOOP, Page, PageSpec, register
from app.ui.worker import TaskState


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    return table


def _row(buttons: list[QPushButton]) -> QHBoxLayout:
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    return row


class OrganisationPage(Page):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.admin = can(ctx.actor, "user.manage")
        self.units: list[dict[str, Any]] = []
        self.studios: list[dict[str, Any]] = []
        self.people: list[dict[str, Any]] = []
        self.locked: set[str] = set()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._units_tab(), self.tr("Units"))
        self.tabs.addTab(self._studios_tab(), self.tr("Studios"))
        self.tabs.addTab(self._people_tab(), self.tr("People"))
        if not self.admin:  # a leader: their studio and its people
            self.tabs.setTabVisible(0, False)
            self.tabs.setCurrentIndex(2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.import_action = QAction(self.tr("Import workbook…"), self)
        self.import_action.setToolTip(self.tr("Units, studios and people from one workbook (.xlsx or .csv)"))
        self.import_action.triggered.connect(self.import_workbook)
        self.template_action = QAction(self.tr("Save template…"), self)
        self.template_action.setToolTip(self.tr("The workbook to fill in WPS, Excel or LibreOffice"))
        self.template_action.triggered.connect(lambda: org_import.save_template(self.ctx, self))
        ctx.sig_changes.connect(lambda ch: self.reload() if ch.people else None)
        self.reload()

    # -- tabs --------------------------------------------------------------------------------------
    def _units_tab(self) -> QWidget:
        self.unit_tree = QTreeWidget()
        self.unit_tree.setHeaderLabels([self.tr("Unit"), self.tr("Kind"), self.tr("Code"), self.tr("People"),
                                        self.tr("Studios")])
        self.unit_tree.setAlternatingRowColors(True)
        self.unit_tree.itemDoubleClicked.connect(lambda *_: self.edit_unit())
        add, edit = QPushButton(self.tr("Add unit…")), QPushButton(self.tr("Edit or move…"))
        add.clicked.connect(self.add_unit)
        edit.clicked.connect(self.edit_unit)
        w = QWidget()
        layout = QVBoxLayout(w)
        layout.addWidget(self.unit_tree, 1)
        layout.addLayout(_row([add, edit]))
        return w

    def _studios_tab(self) -> QWidget:
        self.studio_table = _table([self.tr("Studio"), self.tr("Level"), self.tr("Unit"), self.tr("Leader"),
                                    self.tr("Members"), self.tr("Founded"), self.tr("Premises"),
                                    self.tr("Funds (yuan/yr)")])
        self.studio_table.itemDoubleClicked.connect(lambda *_: self.edit_studio())
        self.studio_table.itemSelectionChanged.connect(self._studio_buttons)
        self.add_studio_btn = QPushButton(self.tr("Add studio…"))
        self.edit_studio_btn = QPushButton(self.tr("Edit…"))
        self.settings_btn = QPushButton(self.tr("Settings…"))
        self.settings_btn.setToolTip(self.tr("Rubric, answer templates, warning thresholds and logo"))
        self.shared_btn = QPushButton(self.tr("Shared settings…"))
        self.shared_btn.setToolTip(self.tr("Answer templates and warning thresholds for studios without their own"))
        self.add_studio_btn.clicked.connect(self.add_studio)
        self.edit_studio_btn.clicked.connect(self.edit_studio)
        self.settings_btn.clicked.connect(self.studio_settings)
        self.shared_btn.clicked.connect(lambda: StudioSettingsDialog(self.ctx, None, self).exec())
        self.add_studio_btn.setVisible(self.admin)
        self.shared_btn.setVisible(self.admin)
        w = QWidget()
        layout = QVBoxLayout(w)
        layout.addWidget(self.studio_table, 1)
        layout.addLayout(_row([self.add_studio_btn, self.edit_studio_btn, self.settings_btn, self.shared_btn]))
        return w

    def _people_tab(self) -> QWidget:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find by employee number or name"))
        self.search.textChanged.connect(self._fill_people)
        self.show_inactive = QCheckBox(self.tr("Show deactivated people"))
        self.show_inactive.toggled.connect(self._fill_people)
        self.people_table = _table([self.tr("Employee number"), self.tr("Name"), self.tr("Role"), self.tr("Unit"),
                                    self.tr("Studio"), self.tr("Skill grade"), self.tr("State")])
        self.people_table.itemDoubleClicked.connect(lambda *_: self.edit_person())
        self.people_table.itemSelectionChanged.connect(self._person_buttons)
        self.add_person_btn = QPushButton(self.tr("Add person…"))
        self.edit_person_btn = QPushButton(self.tr("Edit…"))
        self.role_btn = QPushButton(self.tr("Role…"))
        self.password_btn = QPushButton(self.tr("Reset password…"))
        self.unlock_btn = QPushButton(self.tr("Unlock"))
        self.active_btn = QPushButton(self.tr("Deactivate"))
        self.join_btn = QPushButton(self.tr("Add member…"))
        self.join_btn.setToolTip(self.tr("Take a person into your studio by their employee number"))
        self.leave_btn = QPushButton(self.tr("Remove from studio"))
        self.join_btn.clicked.connect(self.add_member)
        self.leave_btn.clicked.connect(self.remove_member)
        for b in (self.join_btn, self.leave_btn):
            b.setVisible(not self.admin)  # administrators set the studio in the person's form
        self.add_person_btn.clicked.connect(self.add_person)
        self.edit_person_btn.clicked.connect(self.edit_person)
        self.role_btn.clicked.connect(self.change_role)
        self.password_btn.clicked.connect(self.reset_password)
        self.unlock_btn.clicked.connect(self.unlock)
        self.active_btn.clicked.connect(self.toggle_active)
        for b in (self.add_person_btn, self.role_btn, self.password_btn, self.unlock_btn, self.active_btn):
            b.setVisible(self.admin)  # accounts are the administrators'
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.show_inactive)
        self.people_note = QLabel()
        self.people_note.setObjectName("muted")
        w = QWidget()
        layout = QVBoxLayout(w)
        layout.addLayout(top)
        layout.addWidget(self.people_table, 1)
        layout.addWidget(self.people_note)
        layout.addLayout(_row([self.add_person_btn, self.join_btn, self.edit_person_btn, self.leave_btn,
                               self.role_btn, self.password_btn, self.unlock_btn, self.active_btn]))
        return w

    # -- reading -----------------------------------------------------------------------------------
    def reload(self) -> None:
        bank, mine = self.ctx.bank, self.ctx.actor.studio_id

        def read(_state: TaskState) -> tuple[Any, ...]:
            studios = org.list_studios(bank)
            everyone = people.list_users(bank, active=None)
            if not self.admin:  # a leader sees their own studio and its people
                studios = [s for s in studios if s["id"] == mine]
                names = {s["name"] for s in studios}
                everyone = [p for p in everyone if p["studio"] in names]
            locked = {a["employee_no"] for a in auth.locked_accounts(bank)} if self.admin else set()
            return org.list_units(bank), studios, everyone, locked
        self.ctx.reader.submit(read, done=self._show)

    def _show(self, data: tuple[Any, ...]) -> None:
        self.units, self.studios, self.people, self.locked = data
        self._fill_units()
        self._fill_studios()
        self._fill_people()

    def _fill_units(self) -> None:
        self.unit_tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for u in self.units:
            item = QTreeWidgetItem([u["name"], u["kind_label"], u["code"] or "", str(u["people"]), str(u["studios"])])
            item.setData(0, Qt.ItemDataRole.UserRole, u["id"])
            parent = items.get(u["parent_id"])
            (parent.addChild(item) if parent else self.unit_tree.addTopLevelItem(item))
            items[u["id"]] = item
        self.unit_tree.expandAll()
        for col in range(1, 5):
            self.unit_tree.resizeColumnToContents(col)
        self.unit_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _fill_studios(self) -> None:
        t = self.studio_table
        t.blockSignals(True)
        t.clearContents()
        t.setRowCount(len(self.studios))
        for i, s in enumerate(self.studios):
            leader = f"{s['leader_name']}（{s['leader']}）" if s["leader"] else ""
            values = (s["name"], s["level_label"], s["unit"] or "", leader, fmt.integer(s["members"]),
                      s["founded"] or "", s["premises"] or "", fmt.money(s["funds"]) if s["funds"] is not None else "")
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, s["id"])
                t.setItem(i, col, item)
        t.blockSignals(False)
        t.resizeColumnsToContents()
        t.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        if self.studios and t.currentRow() < 0:
            t.selectRow(0)
        self._studio_buttons()

    def _fill_people(self) -> None:
        text = self.search.text().strip().lower()
        shown = [p for p in self.people if (p["active"] or self.show_inactive.isChecked())
                 and (not text or text in p["employee_no"].lower() or text in p["name"].lower())]
        t = self.people_table
        t.blockSignals(True)  # no selection slot may look at items while they are being replaced
        t.clearContents()
        t.setRowCount(len(shown))
        for i, p in enumerate(shown):
            state = self.tr("deactivated") if not p["active"] else (self.tr("locked") if p["employee_no"] in self.locked
                                                                      else self.tr("active"))
            values = (p["employee_no"], p["name"], label(ROLES, p["role"]), p["unit"] or "", p["studio"] or "",
                      p["skill_grade"] or "", state)
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, p["employee_no"])
                if not p["active"]:
                    item.setForeground(Qt.GlobalColor.gray)
                t.setItem(i, col, item)
        t.blockSignals(False)
        t.resizeColumnsToContents()
        t.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.people_note.setText(self.tr("%n person(s) shown", "", len(shown)))
        self._person_buttons()

    # -- selection ---------------------------------------------------------------------------------
    def _selected_unit(self) -> dict[str, Any] | None:
        item = self.unit_tree.currentItem()
        uid = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        return next((u for u in self.units if u["id"] == uid), None)

    def selected_studio(self) -> dict[str, Any] | None:
        item = self.studio_table.item(self.studio_table.currentRow(), 0)
        sid = item.data(Qt.ItemDataRole.UserRole) if item else None
        return next((s for s in self.studios if s["id"] == sid), None)

    def selected_person(self) -> dict[str, Any] | None:
        item = self.people_table.item(self.people_table.currentRow(), 0)
        no = item.data(Qt.ItemDataRole.UserRole) if item else None
        return next((p for p in self.people if p["employee_no"] == no), None)

    def select_person(self, employee_no: str) -> bool:
        for row in range(self.people_table.rowCount()):
            item = self.people_table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == employee_no:
                self.tabs.setCurrentIndex(2)
                self.people_table.selectRow(row)
                return True
        return False

    def _studio_buttons(self) -> None:
        studio = self.selected_studio()
        verdicts = for_studio(self.ctx.actor, studio["id"]) if studio else None
        self.edit_studio_btn.setEnabled(bool(verdicts and (self.admin or verdicts.may("edit_profile"))))
        self.settings_btn.setEnabled(bool(verdicts and verdicts.may("configure")))

    def _person_buttons(self) -> None:
        p = self.selected_person()
        self.edit_person_btn.setEnabled(p is not None)
        for b in (self.role_btn, self.password_btn, self.active_btn):
            b.setEnabled(p is not None and p["employee_no"] != self.ctx.actor.employee_no)
        self.unlock_btn.setEnabled(p is not None and p["employee_no"] in self.locked)
        self.leave_btn.setEnabled(p is not None and p["employee_no"] != self.ctx.actor.employee_no)
        self.active_btn.setText(self.tr("Reactivate") if p and not p["active"] else self.tr("Deactivate"))

    # -- actions -----------------------------------------------------------------------------------
    def _write(self, fn: Callable[[], Any], done: Callable[[Any], None] | None = None) -> None:
        self.ctx.write(fn, parent=self, done=done)

    def add_unit(self) -> None:
        current = self._selected_unit()
        dlg = UnitDialog(self.units, None, self, default_parent=current["name"] if current else None)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            v = dlg.values()
            bank, actor = self.ctx.bank, self.ctx.actor
            self._write(lambda: org.add_unit(bank, actor, v["name"], v["kind"], parent=v["parent"], code=v["code"]))

    def edit_unit(self) -> None:
        unit = self._selected_unit()
        if unit is None:
            return
        dlg = UnitDialog(self.units, unit, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        v, bank, actor = dlg.values(), self.ctx.bank, self.ctx.actor
        name = v["name"]
        if (name, v["kind"], v["code"]) != (unit["name"], unit["kind"], unit["code"] or ""):
            self._write(lambda: org.edit_unit(bank, actor, unit["name"], name=name, kind=v["kind"], code=v["code"]))
        if v["parent"] != unit["parent"]:
            self._write(lambda: org.move_unit(bank, actor, name, v["parent"]))

    def add_studio(self) -> None:
        dlg = StudioDialog(self.units, self.people, None, parent=self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            v, bank, actor = dlg.values(), self.ctx.bank, self.ctx.actor
            self._write(lambda: org.add_studio(bank, actor, v["name"], v["level"], unit=v["unit"] or None,
                                               leader=v["leader"] or None, founded=v["founded"],
                                               premises=v["premises"], funds=v["funds"]))

    def edit_studio(self) -> None:
        studio = self.selected_studio()
        if studio is None or not self.edit_studio_btn.isEnabled():
            return
        dlg = StudioDialog(self.units, self.people, studio, admin=self.admin, parent=self)
        if dlg.exec() == QDialog.DialogCode.Accepted and dlg.changes():
            changes, bank, actor = dlg.changes(), self.ctx.bank, self.ctx.actor
            self._write(lambda: org.edit_studio(bank, actor, studio["id"], changes))

    def studio_settings(self) -> None:
        studio = self.selected_studio()
        if studio is not None:
            StudioSettingsDialog(self.ctx, studio, self).exec()

    def add_person(self) -> None:
        dlg = PersonDialog(self.units, self.studios, None, parent=self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            v, pw, bank, actor = dlg.values(), dlg.password.text(), self.ctx.bank, self.ctx.actor
            self._write(lambda: people.add_user(bank, actor, v["employee_no"], v["name"], role=v["role"],
                                                unit=v["unit"] or None, studio=v["studio"] or None,
                                                skill_grade=v["skill_grade"] or None, specialty=v["specialty"],
                                                honours=v["honours"], password=pw or None))

    def edit_person(self) -> None:
        person = self.selected_person()
        if person is None:
            return
        dlg = PersonDialog(self.units, self.studios, person, admin=self.admin, parent=self)
        if dlg.exec() == QDialog.DialogCode.Accepted and dlg.changes():
            changes, bank, actor = dlg.changes(), self.ctx.bank, self.ctx.actor
            self._write(lambda: people.edit_user(bank, actor, person["employee_no"], changes))

    def change_role(self) -> None:
        person = self.selected_person()
        if person is None:
            return
        dlg = RoleDialog(f"{person['name']}（{person['employee_no']}）", person["role"], self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            role, bank, actor = dlg.role.currentData(), self.ctx.bank, self.ctx.actor
            self._write(lambda: people.set_role(bank, actor, person["employee_no"], role))

    def reset_password(self) -> None:
        person = self.selected_person()
        if person is None:
            return
        dlg = PasswordDialog(f"{person['name']}（{person['employee_no']}）", self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            pw, bank, actor = dlg.pw1.text(), self.ctx.bank, self.ctx.actor
            self._write(lambda: people.set_password(bank, actor, person["employee_no"], pw),
                        done=lambda _c: self.ctx.sig_message.emit(self.tr("Password reset.")))

    def unlock(self) -> None:
        person = self.selected_person()
        if person is not None:
            bank, actor = self.ctx.bank, self.ctx.actor
            self._write(lambda: auth.unlock(bank, actor, person["employee_no"]))

    def toggle_active(self) -> None:
        person = self.selected_person()
        if person is None:
            return
        bank, actor, no = self.ctx.bank, self.ctx.actor, person["employee_no"]
        if not person["active"]:
            self._write(lambda: people.reactivate(bank, actor, no))
            return
        answer = QMessageBox.question(self, self.tr("Deactivate"), self.tr(
            "Deactivate %1? They can no longer sign in; their projects, reviews and points stay. "
            "You can reactivate them at any time.").replace("%1", f"{person['name']}（{no}）"))
        if answer == QMessageBox.StandardButton.Yes:
            self._write(lambda: people.deactivate(bank, actor, no))

    def add_member(self) -> None:
        from PySide6.QtWidgets import QInputDialog
        studio = self.selected_studio() or (self.studios[0] if self.studios else None)
        if studio is None:
            return
        no, ok = QInputDialog.getText(self, self.tr("Add member"),
                                      self.tr("Employee number of the person joining %1:").replace("%1", studio["name"]))
        if ok and no.strip():
            bank, actor = self.ctx.bank, self.ctx.actor
            self._write(lambda: people.edit_user(bank, actor, no.strip(), {"studio": studio["name"]}))

    def remove_member(self) -> None:
        person = self.selected_person()
        if person is not None:
            bank, actor = self.ctx.bank, self.ctx.actor
            self._write(lambda: people.edit_user(bank, actor, person["employee_no"], {"studio": ""}))

    def import_workbook(self) -> None:
        path = org_import.choose_workbook(self)
        if path is not None:
            org_import.ImportDialog(self.ctx, path, self).exec()

    def page_actions(self) -> list[QAction]:
        return [self.import_action, self.template_action] if self.admin else []


register(PageSpec("organisation", QT_TRANSLATE_NOOP("Pages", "Organisation"), OrganisationPage, order=85, icon="sitemap",
                  roles=frozenset({"admin", "leader"})))
