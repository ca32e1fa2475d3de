"""预警设置: the days after which a warning is raised, for a studio (its leader, administrators)
or as the whole site's default (administrators) — what `ideabank warnings config` sets, in the
window. A studio without its own value follows the site's; the site's follows the defaults."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QSpinBox,
                               QVBoxLayout, QWidget)

from app.core import alerts, choices
from app.core.permissions import for_studio
from app.core.vocab import STATUSES, label


class WarningSettingsDialog(QDialog):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Warning settings"))
        self.setMinimumWidth(460)
        self.scope = QComboBox()
        if for_studio(ctx.actor, None).may("configure_warnings"):
            self.scope.addItem(self.tr("The whole site (default for every studio)"), None)
        for sid, name in choices.studios(ctx.bank):
            if for_studio(ctx.actor, sid).may("configure_warnings"):
                self.scope.addItem(name, sid)
        self.unanswered = self._days()
        self.grace = self._days()
        self.stuck = {status: self._days() for status in alerts.ACTIVE_STAGES}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Settings for"), self.scope)
        form.addRow(self.tr("Requests and applications unanswered after"), self.unanswered)
        form.addRow(self.tr("Milestones overdue after their date by"), self.grace)
        stuck = QGroupBox(self.tr("A project is stuck when it stays in one stage longer than"))
        sl = QFormLayout(stuck)
        for status, box in self.stuck.items():
            sl.addRow(label(STATUSES, status), box)
        note = QLabel(self.tr("Changes apply to the warnings at once; nothing else is changed."))
        note.setObjectName("muted")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(stuck)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.scope.currentIndexChanged.connect(self.load)
        self.load()

    def _days(self) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(0, 3650)
        box.setSuffix(self.tr(" days"))
        return box

    def load(self) -> None:
        values = alerts.thresholds_for(self.ctx.bank, self.scope.currentData())
        self.unanswered.setValue(int(values["unanswered_days"]))
        self.grace.setValue(int(values["milestone_grace_days"]))
        stuck = values["stuck_days"]
        for status, box in self.stuck.items():
            box.setValue(int(stuck.get(status, alerts.DEFAULTS["stuck_days"]) if isinstance(stuck, dict) else stuck))

    def values(self) -> dict[str, Any]:
        return {"unanswered_days": self.unanswered.value(), "milestone_grace_days": self.grace.value(),
                "stuck_days": {status: box.value() for status, box in self.stuck.items()}}

    def save(self) -> None:
        if self.scope.count() == 0:
            self.reject()
            return
        bank, actor, studio, values = self.ctx.bank, self.ctx.actor, self.scope.currentData(), self.values()
        self.ctx.write(lambda: alerts.set_thresholds(bank, actor, studio, values), parent=self,
                       done=lambda _changes: self.accept())
