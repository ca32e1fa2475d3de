"""The Organisation page's forms: a unit, a studio, a person, a new password.

Each form only gathers values; the page runs the core's use case on the worker, and a refusal
(a name taken, a leader of another studio) comes back as the core's own sentence. Fields a person
may not change are shown but not editable, so a leader sees their studio's details whole.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.people import MIN_PASSWORD
from app.core.vocab import ROLES, SKILL_GRADES, STUDIO_LEVELS, UNIT_KINDS, label


class _Form(QDialog):
    """A form with OK/Cancel and a line for what is still wrong."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def problem(self) -> str:
        """What must be fixed before OK (empty: nothing)."""
        return ""

    def _accept(self) -> None:
        text = self.problem()
        self.error.setText(text)
        if not text:
            self.accept()


def _combo(items: list[tuple[str, Any]], current: Any = None) -> QComboBox:
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    if current is not None:
        box.setCurrentIndex(max(0, box.findData(current)))
    return box


def _none(_widget: QWidget) -> str:
    return QCoreApplication.translate("OrgForms", "(none)")


class UnitDialog(_Form):
    """A new unit, or one to rename, re-kind, re-code or move."""

    def __init__(self, units: list[dict[str, Any]], unit: dict[str, Any] | None = None, parent: QWidget | None = None,
                 default_parent: str | None = None) -> None:
        super().__init__(self.tr("Edit unit") if unit else self.tr("Add unit"), parent)
        self.unit = unit
        self.name = QLineEdit(unit["name"] if unit else "")
        self.kind = _combo([(label(UNIT_KINDS, k), k) for k in UNIT_KINDS], unit["kind"] if unit else "crew")
        below = _below(units, unit["id"]) if unit else set()
        self.parent_unit = _combo([(self.tr("(top level)"), "")] + [("　" * u["depth"] + u["name"], u["name"])
                                                                     for u in units if u["id"] not in below],
                                  (unit["parent"] or "") if unit else (default_parent or ""))
        self.code = QLineEdit((unit or {}).get("code") or "")
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("Kind"), self.kind)
        self.form.addRow(self.tr("Belongs to"), self.parent_unit)
        self.form.addRow(self.tr("Code"), self.code)

    def problem(self) -> str:
        return "" if self.name.text().strip() else self.tr("Enter the unit's name.")

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text().strip(), "kind": self.kind.currentData(),
                "parent": self.parent_unit.currentData() or None, "code": self.code.text().strip()}


def _below(units: list[dict[str, Any]], unit_id: str) -> set[str]:
    """The unit and every unit below it (not offered as its new parent)."""
    found, todo = {unit_id}, [unit_id]
    while todo:
        current = todo.pop()
        for u in units:
            if u["parent_id"] == current and u["id"] not in found:
                found.add(u["id"])
                todo.append(u["id"])
    return found


class StudioDialog(_Form):
    """A new studio (admins), or a studio's details: admins all, its leader founded and premises."""

    def __init__(self, units: list[dict[str, Any]], people: list[dict[str, Any]], studio: dict[str, Any] | None = None,
                 *, admin: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit studio") if studio else self.tr("Add studio"), parent)
        s = studio or {}
        self.studio = studio
        self.name = QLineEdit(s.get("name", ""))
        self.level = _combo([(label(STUDIO_LEVELS, k), k) for k in STUDIO_LEVELS], s.get("level", "unit"))
        self.unit = _combo([(_none(self), "")] + [("　" * u["depth"] + u["name"], u["name"]) for u in units],
                           s.get("unit") or "")
        self.leader = _combo([(_none(self), "")] + [(f"{p['name']}（{p['employee_no']}）", p["employee_no"])
                                                    for p in people if p["active"]], s.get("leader") or "")
        self.known = QCheckBox(self.tr("Known"))
        self.founded = QDateEdit()
        self.founded.setCalendarPopup(True)
        self.founded.setDisplayFormat("yyyy-MM-dd")
        when = dt.date.fromisoformat(s["founded"]) if s.get("founded") else None
        self.founded.setDate(QDate(when.year, when.month, when.day) if when else QDate.currentDate())
        self.known.setChecked(when is not None)
        self.founded.setEnabled(when is not None)
        self.known.toggled.connect(self.founded.setEnabled)
        self.premises = QLineEdit(s.get("premises") or "")
        self.premises.setPlaceholderText(self.tr("e.g. second floor of the substation workshop, 120 m²"))
        self.funds = QLineEdit("" if s.get("funds") is None else f"{s['funds']:.0f}")
        self.funds.setPlaceholderText(self.tr("yuan per year, e.g. 50000 or 5万"))
        founded = QHBoxLayout()
        founded.addWidget(self.known)
        founded.addWidget(self.founded, 1)
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("Level"), self.level)
        self.form.addRow(self.tr("Unit"), self.unit)
        self.form.addRow(self.tr("Leader"), self.leader)
        self.form.addRow(self.tr("Founded"), founded)
        self.form.addRow(self.tr("Premises"), self.premises)
        self.form.addRow(self.tr("Funds"), self.funds)
        for widget in (self.name, self.level, self.unit, self.leader, self.funds):
            widget.setEnabled(admin)
        if not admin:
            self.error.setText(self.tr("As the studio's leader you change its founding date and premises; "
                                       "an administrator changes the rest."))

    def problem(self) -> str:
        return "" if self.name.text().strip() else self.tr("Enter the studio's name.")

    def values(self) -> dict[str, Any]:
        d = self.founded.date()
        return {"name": self.name.text().strip(), "level": self.level.currentData(), "unit": self.unit.currentData(),
                "leader": self.leader.currentData(),
                "founded": dt.date(d.year(), d.month(), d.day()) if self.known.isChecked() else None,
                "premises": self.premises.text().strip(), "funds": self.funds.text().strip()}

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the studio as it was (all of them for a new studio)."""
        new = self.values()
        if self.studio is None:
            return new
        old = {"name": self.studio["name"], "level": self.studio["level"], "unit": self.studio["unit"] or "",
               "leader": self.studio["leader"] or "",
               "founded": dt.date.fromisoformat(self.studio["founded"]) if self.studio["founded"] else None,
               "premises": self.studio["premises"] or "",
               "funds": "" if self.studio["funds"] is None else f"{self.studio['funds']:.0f}"}
        return {k: v for k, v in new.items() if v != old[k]}


class PersonDialog(_Form):
    """A new person (admins), or a person's details: admins everything, their studio's leader the
    skill grade, specialty and honours."""

    def __init__(self, units: list[dict[str, Any]], studios: list[dict[str, Any]], person: dict[str, Any] | None = None,
                 *, admin: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit person") if person else self.tr("Add person"), parent)
        p = person or {}
        self.person = person
        self.number = QLineEdit(p.get("employee_no", ""))
        self.number.setPlaceholderText(self.tr("e.g. 0012001"))
        self.name = QLineEdit(p.get("name", ""))
        self.unit = _combo([(_none(self), "")] + [("　" * u["depth"] + u["name"], u["name"]) for u in units],
                           p.get("unit") or "")
        self.studio = _combo([(_none(self), "")] + [(s["name"], s["name"]) for s in studios], p.get("studio") or "")
        self.role = _combo([(label(ROLES, r), r) for r in ROLES], p.get("role", "worker"))
        self.grade = _combo([(_none(self), "")] + [(g, g) for g in SKILL_GRADES], p.get("skill_grade") or "")
        self.specialty = QLineEdit(p.get("specialty") or "")
        self.honours = QPlainTextEdit("\n".join(p.get("honours") or []))
        self.honours.setPlaceholderText(self.tr("One honour per line, e.g. 全国劳动模范"))
        self.honours.setMaximumHeight(80)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Leave empty: they choose one at their first sign-in"))
        self.form.addRow(self.tr("Employee number"), self.number)
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("Unit"), self.unit)
        self.form.addRow(self.tr("Studio"), self.studio)
        self.form.addRow(self.tr("Role"), self.role)
        self.form.addRow(self.tr("Skill grade"), self.grade)
        self.form.addRow(self.tr("Specialty"), self.specialty)
        self.form.addRow(self.tr("Honours"), self.honours)
        if person is None:
            self.form.addRow(self.tr("Password"), self.password)
        else:
            self.role.setEnabled(False)  # roles change through "Role…", which checks the last administrator
            self.role.setToolTip(self.tr("Change the role with the Role… button"))
        for widget in (self.number, self.name, self.unit, self.studio):
            widget.setEnabled(admin)

    def problem(self) -> str:
        if not self.number.text().strip():
            return self.tr("Enter the employee number.")
        if not self.name.text().strip():
            return self.tr("Enter the name.")
        return ""

    def values(self) -> dict[str, Any]:
        return {"employee_no": self.number.text().strip(), "name": self.name.text().strip(),
                "unit": self.unit.currentData(), "studio": self.studio.currentData(), "role": self.role.currentData(),
                "skill_grade": self.grade.currentData(), "specialty": self.specialty.text().strip(),
                "honours": [h.strip() for h in self.honours.toPlainText().splitlines() if h.strip()]}

    def changes(self) -> dict[str, Any]:
        """Fields that differ from the person as they were (edit_user's names), role left out."""
        new = self.values()
        del new["role"]
        p = self.person or {}
        old = {"employee_no": p.get("employee_no"), "name": p.get("name"), "unit": p.get("unit") or "",
               "studio": p.get("studio") or "", "skill_grade": p.get("skill_grade") or "",
               "specialty": p.get("specialty") or "", "honours": list(p.get("honours") or [])}
        return {k: v for k, v in new.items() if v != old[k]}


class PasswordDialog(_Form):
    """An administrator sets a new password for someone (a reset; it also lifts a lockout)."""

    def __init__(self, who: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Reset password"), parent)
        intro = QLabel(self.tr("A new password for %1. Tell it to them in person; they can change it after "
                               "signing in.").replace("%1", who))
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.pw1, self.pw2 = QLineEdit(), QLineEdit()
        for w in (self.pw1, self.pw2):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(self.tr("New password"), self.pw1)
        self.form.addRow(self.tr("Repeat it"), self.pw2)

    def problem(self) -> str:
        if len(self.pw1.text()) < MIN_PASSWORD:
            return self.tr("A password needs at least %n characters.", "", MIN_PASSWORD)
        if self.pw1.text() != self.pw2.text():
            return self.tr("The two passwords differ; type them again.")
        return ""


class RoleDialog(_Form):
    def __init__(self, who: str, role: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Change role"), parent)
        self.role = _combo([(label(ROLES, r), r) for r in ROLES], role)
        self.form.addRow(QLabel(who))
        self.form.addRow(self.tr("Role"), self.role)
