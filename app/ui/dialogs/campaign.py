"""Set up or change a merit competition (立功竞赛, administrators): name, theme, dates, the units
taking part (each with the units below it; none ticked: every unit) and the point rules. The core
checks everything (campaigns.create/edit, clean_rules); what it refuses is said under the form."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core import campaigns, sitetime
from app.core.errors import IdeaBankError
from app.core.org import list_units
from app.core.vocab import label
from app.ui.context import UiContext

ID = Qt.ItemDataRole.UserRole


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _points(value: Any) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, campaigns.MAX_POINTS)
    box.setDecimals(1)
    box.setValue(float(value))
    return box


class CampaignDialog(QDialog):
    def __init__(self, ctx: UiContext, campaign: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.campaign = ctx, campaign
        self.saved: str | None = None
        self.setWindowTitle(self.tr("Change the campaign") if campaign else self.tr("New merit competition"))
        rules = campaign["rules"] if campaign else campaigns.clean_rules(None)
        today = sitetime.today(ctx.bank)
        self.name = QLineEdit(campaign["name"] if campaign else "")
        self.name.setMaxLength(campaigns.MAX_NAME)
        self.theme = QPlainTextEdit(campaign["theme"] if campaign else "")
        self.theme.setMaximumHeight(60)
        self.starts = QDateEdit(_qdate(dt.date.fromisoformat(campaign["starts_on"]) if campaign else today))
        self.ends = QDateEdit(_qdate(dt.date.fromisoformat(campaign["ends_on"]) if campaign
                                     else today + dt.timedelta(days=90)))
        for date_box in (self.starts, self.ends):
            date_box.setCalendarPopup(True)
            date_box.setDisplayFormat("yyyy-MM-dd")
        dates = QHBoxLayout()
        dates.addWidget(self.starts)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.ends, 1)
        self.units = QListWidget()
        self.units.setMaximumHeight(140)
        taking_part = set(campaign["unit_ids"]) if campaign else set()
        for u in list_units(ctx.bank):
            item = QListWidgetItem("　" * u["depth"] + u["name"])
            item.setData(ID, u["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if u["id"] in taking_part else Qt.CheckState.Unchecked)
            self.units.addItem(item)
        self.steps = {step: _points(rules[step]) for step in ("proposed", "adopted", "completed")}
        self.bands = QLineEdit("，".join(f"{a}={p}" for a, p in rules["benefit_bands"]))
        self.bands.setPlaceholderText(self.tr("yuan a year = points, e.g. 10000=2，100000=5"))
        self.patents = {k: _points(v) for k, v in rules["patents"].items()}
        self.awards = {k: _points(v) for k, v in rules["awards"].items()}
        self.share = QComboBox()
        for code in campaigns.SHARES:
            self.share.addItem(label(campaigns.SHARES, code), code)
        self.share.setCurrentIndex(self.share.findData(rules["share"]))
        points = QGroupBox(self.tr("Points"))
        grid = QGridLayout(points)
        row = 0
        for group, boxes, vocab in ((self.tr("Steps"), self.steps, campaigns.RULES),
                                    (self.tr("Patents"), self.patents, campaigns.PATENT_KINDS),
                                    (self.tr("Awards"), self.awards, campaigns.AWARD_LEVELS)):
            grid.addWidget(QLabel(group), row, 0)
            for col, (code, box) in enumerate(boxes.items()):
                cell = QHBoxLayout()
                cell.addWidget(QLabel(label(vocab, code)))
                cell.addWidget(box)
                grid.addLayout(cell, row + col // 3, 1 + col % 3)
            row += 1 + (len(boxes) - 1) // 3
        grid.addWidget(QLabel(self.tr("Measured benefit")), row, 0)
        grid.addWidget(self.bands, row, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("Authors")), row + 1, 0)
        grid.addWidget(self.share, row + 1, 1, 1, 3)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.tr("Dates"), dates)
        form.addRow(self.tr("Units taking part"), self.units)
        hint = QLabel(self.tr("A ticked unit takes part with every unit below it; none ticked: every unit."))
        hint.setObjectName("muted")
        form.addRow("", hint)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_btn = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(points)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def chosen_units(self) -> list[str]:
        return [self.units.item(i).data(ID) for i in range(self.units.count())
                if self.units.item(i).checkState() == Qt.CheckState.Checked]

    def rules(self) -> dict[str, Any]:
        """The rules as the form has them; clean_rules (in the core) checks them."""
        return {**{k: box.value() for k, box in self.steps.items()},
                "benefit_bands": [[a, p] for a, p in campaigns.parse_pairs(self.bands.text(),
                                                                          self.tr("Measured benefit")).items()],
                "patents": {k: box.value() for k, box in self.patents.items()},
                "awards": {k: box.value() for k, box in self.awards.items()},
                "share": self.share.currentData()}

    def save(self) -> None:
        bank, actor, existing = self.ctx.bank, self.ctx.actor, self.campaign
        name, theme, units = self.name.text(), self.theme.toPlainText(), self.chosen_units()
        starts, ends = self.starts.date().toPython(), self.ends.date().toPython()
        try:
            rules = self.rules()
        except IdeaBankError as error:  # a band written wrong
            self.error.setText(error.message)
            return
        self.save_btn.setEnabled(False)

        def failed(error: BaseException) -> None:
            self.save_btn.setEnabled(True)
            if isinstance(error, IdeaBankError):
                self.error.setText(error.message)
            else:
                self.ctx.show_error(error, self)

        def done(changes: Any) -> None:
            self.saved = changes.value
            self.accept()

        def write() -> Any:
            if existing:
                return campaigns.edit(bank, actor, existing["id"], name=name, theme=theme, starts_on=starts,
                                      ends_on=ends, units=units, rules=rules)
            return campaigns.create(bank, actor, name, starts, ends, theme=theme, units=units, rules=rules)
        self.ctx.write(write, done=done, failed=failed, parent=self, label=self.tr("Saving the campaign"))
