"""A studio's settings in one dialog: rubric weights, answer templates, warning thresholds, unit
targets, logo.

Sections plug in: a feature adds one with `register(SectionSpec(...))` (the per-unit targets of
unit_targets.py, registered at the end) and this dialog shows it as a tab. A section loads its
values, says whether the person changed them, checks what was typed, and hands back the core write
that saves them; each section saves in its own transaction, audited by the core. Opened for no
studio (the site), only sections that have a site-wide value are shown (shared answer templates,
warning thresholds, unit targets), for administrators.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core import alerts, org, reviews, studio_settings
from app.core.changes import Changes
from app.core.errors import IdeaBankError
from app.core.vocab import RUBRIC, STATUSES, label
from app.ui.context import UiContext
from app.ui.i18n import QT_TRANSLATE_NOOP


class Section(QWidget):
    """One tab of the dialog."""

    def __init__(self, ctx: UiContext, studio: dict[str, Any] | None, parent: QWidget | None = None, *,
                 section: str | None = None) -> None:
        """`section`: the key of the tab to open at (the warnings page opens at "thresholds")."""
        super().__init__(parent)
        self.ctx, self.studio = ctx, studio

    @property
    def studio_name(self) -> str | None:
        return self.studio["name"] if self.studio else None

    def changed(self) -> bool:
        return False

    def validate(self) -> None:
        """Raise the core's refusal (an IdeaBankError) of what was typed, before anything is saved."""

    def save(self) -> Callable[[], Changes]:
        """The core write that stores this section's values."""
        raise NotImplementedError


@dataclass
class SectionSpec:
    key: str
    title: str  # English source, context "StudioSettings"
    factory: Callable[..., Section]  # factory(ctx, studio or None) -> Section
    order: int = 100
    site: bool = False  # also shown for the whole site (no studio)


_SECTIONS: dict[str, SectionSpec] = {}


def register(spec: SectionSpec) -> None:
    _SECTIONS[spec.key] = spec


def sections(site: bool) -> list[SectionSpec]:
    return sorted((s for s in _SECTIONS.values() if s.site or not site), key=lambda s: s.order)


class RubricSection(Section):
    """Weights of the five criteria (创新性 … 推广价值); 0 leaves a criterion out."""

    def __init__(self, ctx: UiContext, studio: dict[str, Any] | None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, studio, parent)
        self.loaded = reviews.rubric_weights(ctx.bank, studio["id"] if studio else None)
        total = sum(self.loaded.values()) or 1.0
        self.spins: dict[str, QSpinBox] = {}
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)  # the dialog is wide
        for key in RUBRIC:
            spin = QSpinBox()
            spin.setRange(0, 100)
            spin.setSuffix(" %")
            spin.setValue(round(self.loaded.get(key, 0) / total * 100))
            spin.valueChanged.connect(self._sum)
            self.spins[key] = spin
            form.addRow(label(RUBRIC, key), spin)
        self.total = QLabel()
        form.addRow(self.tr("Together"), self.total)
        note = QLabel(self.tr("A review's total is the weighted score out of 100; weights are shares of the "
                              "whole, so they need not add up to exactly 100. A weight of 0 leaves the "
                              "criterion out."))
        note.setObjectName("muted")
        note.setWordWrap(True)
        form.addRow(note)
        self._start = self.values()
        self._sum()

    def values(self) -> dict[str, int]:
        return {k: s.value() for k, s in self.spins.items()}

    def _sum(self) -> None:
        self.total.setText(f"{sum(self.values().values())} %")

    def changed(self) -> bool:
        return self.values() != self._start

    def save(self) -> Callable[[], Changes]:
        bank, actor, name, weights = self.ctx.bank, self.ctx.actor, self.studio_name, self.values()
        assert name is not None  # a studio's own section: not shown for the whole site
        return lambda: studio_settings.set_rubric(bank, actor, name, weights)


class TemplatesSection(Section):
    """The answers a reviewer starts a reason from: editable in place, added, removed, reordered."""

    def __init__(self, ctx: UiContext, studio: dict[str, Any] | None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, studio, parent)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        for text in studio_settings.answer_templates(ctx.bank, studio["id"] if studio else None):
            self._add(text)
        self._start = self.values()
        add, remove = QPushButton(self.tr("Add")), QPushButton(self.tr("Remove"))
        add.clicked.connect(lambda: self.list.editItem(self._add(self.tr("Thank you! "))))
        remove.clicked.connect(lambda: self.list.takeItem(self.list.currentRow()))
        hint = QLabel(self.tr("Double-click an answer to change it; drag to reorder.") + " " +
                      (self.tr("These are this studio's own; with none, its reviewers use the shared ones.")
                       if studio else self.tr("These are shared by every studio that has none of its own.")))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)

    def _add(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.addItem(item)
        return item

    def values(self) -> list[str]:
        return [self.list.item(i).text().strip() for i in range(self.list.count()) if self.list.item(i).text().strip()]

    def changed(self) -> bool:
        return self.values() != self._start

    def save(self) -> Callable[[], Changes]:
        bank, actor, name, texts = self.ctx.bank, self.ctx.actor, self.studio_name, self.values()
        return lambda: studio_settings.set_answer_templates(bank, actor, name, texts)


class ThresholdsSection(Section):
    """The days after which warnings are raised (预警阈值); the targets below which a unit is warned
    have a tab of their own (unit_targets.py)."""

    NAMES = {"unanswered_days": QT_TRANSLATE_NOOP("ThresholdsSection", "Unanswered request or application after"),
             "milestone_grace_days": QT_TRANSLATE_NOOP("ThresholdsSection", "Overdue milestone after its due date +"),
             "task_warn_days": QT_TRANSLATE_NOOP("ThresholdsSection", "Dispatched task warned this long before it "
                                                                     "is due")}
    SITE_ONLY = ("task_warn_days",)  # a dispatched task belongs to no studio: the site's value counts

    def __init__(self, ctx: UiContext, studio: dict[str, Any] | None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, studio, parent)
        values = alerts.thresholds_for(ctx.bank, studio["id"] if studio else None)
        self.spins: dict[str, QSpinBox] = {}
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)  # the dialog is wide
        for key, name in self.NAMES.items():
            if studio is not None and key in self.SITE_ONLY:
                continue
            self.spins[key] = self._spin(int(values[key]))
            form.addRow(QCoreApplication.translate("ThresholdsSection", name), self.spins[key])
        stuck = values["stuck_days"]
        form.addRow(QLabel(self.tr("A project is stuck after this many days in one stage:")))
        for status in alerts.ACTIVE_STAGES:
            days = stuck.get(status, alerts.DEFAULTS["stuck_days"]) if isinstance(stuck, dict) else stuck
            self.spins[f"stuck:{status}"] = self._spin(int(days))
            form.addRow("　" + label(STATUSES, status), self.spins[f"stuck:{status}"])
        self._start = self.values()

    def _spin(self, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, 3650)
        spin.setSuffix(self.tr(" days"))
        spin.setValue(value)
        return spin

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: s.value() for k, s in self.spins.items() if not k.startswith("stuck:")}
        out["stuck_days"] = {k.split(":", 1)[1]: s.value() for k, s in self.spins.items() if k.startswith("stuck:")}
        return out

    def changed(self) -> bool:
        return self.values() != self._start

    def save(self) -> Callable[[], Changes]:
        bank, actor, name, values = self.ctx.bank, self.ctx.actor, self.studio_name, self.values()
        return lambda: alerts.set_thresholds(bank, actor, name, values)


class LogoSection(Section):
    """The studio's logo on its dossiers."""

    def __init__(self, ctx: UiContext, studio: dict[str, Any] | None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, studio, parent)
        self.chosen: Path | None = None
        self.removed = False
        self.preview = QLabel()
        self.preview.setFixedSize(160, 160)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setObjectName("logoPreview")
        choose, remove = QPushButton(self.tr("Choose picture…")), QPushButton(self.tr("Remove"))
        choose.clicked.connect(self._choose)
        remove.clicked.connect(self._remove)
        hint = QLabel(self.tr("A PNG or JPEG picture (up to 5 MB), printed at the top of the studio's dossiers."))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        buttons = QVBoxLayout()
        buttons.addWidget(choose)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.preview)
        row.addLayout(buttons)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addStretch(1)
        self._show(org.logo_path(ctx.bank, studio.get("logo")) if studio else None)

    def _show(self, path: Path | None) -> None:
        pixmap = QPixmap(str(path)) if path else QPixmap()
        if pixmap.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("No logo"))
        else:
            self.preview.setPixmap(pixmap.scaled(150, 150, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Studio logo"), "",
                                              self.tr("Pictures (*.png *.jpg *.jpeg)"))
        if name:
            self.chosen, self.removed = Path(name), False
            self._show(self.chosen)

    def _remove(self) -> None:
        self.chosen, self.removed = None, True
        self._show(None)

    def changed(self) -> bool:
        return self.chosen is not None or (self.removed and bool(self.studio and self.studio.get("logo")))

    def save(self) -> Callable[[], Changes]:
        bank, actor, name, path = self.ctx.bank, self.ctx.actor, self.studio_name, self.chosen
        assert name is not None  # a studio's own section: not shown for the whole site
        return lambda: org.set_logo(bank, actor, name, path)


register(SectionSpec("rubric", QT_TRANSLATE_NOOP("StudioSettings", "Rubric"), RubricSection, order=10))
register(SectionSpec("templates", QT_TRANSLATE_NOOP("StudioSettings", "Answer templates"), TemplatesSection,
                     order=20, site=True))
register(SectionSpec("thresholds", QT_TRANSLATE_NOOP("StudioSettings", "Warnings"), ThresholdsSection, order=30,
                     site=True))
register(SectionSpec("logo", QT_TRANSLATE_NOOP("StudioSettings", "Logo"), LogoSection, order=40))


class StudioSettingsDialog(QDialog):
    def __init__(self, ctx: UiContext, studio: dict[str, Any] | None, parent: QWidget | None = None, *,
                 section: str | None = None) -> None:
        """`section`: the key of the tab to open at (the warnings page opens at "thresholds")."""
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Settings of %1").replace("%1", studio["name"]) if studio
                            else self.tr("Shared settings of all studios"))
        self.tabs = QTabWidget()
        self.sections: dict[str, Section] = {}
        for spec in sections(site=studio is None):
            page = spec.factory(ctx, studio)
            self.sections[spec.key] = page
            self.tabs.addTab(page, QCoreApplication.translate("StudioSettings", spec.title))
        if section in self.sections:
            self.tabs.setCurrentWidget(self.sections[section])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.resize(820, 560)  # the unit targets table has eight columns

    def save(self) -> None:
        """Each changed section saves in its own transaction, one after the other on the worker, once
        every one has checked what was typed; a refusal stops there and keeps the dialog open with
        what was typed."""
        changed = [s for s in self.sections.values() if s.changed()]
        for section in changed:  # a refusal before any section is saved changes nothing
            try:
                section.validate()
            except IdeaBankError as error:
                self.tabs.setCurrentWidget(section)
                self.ctx.show_error(error, self)
                return
        pending = [s.save() for s in changed]
        if not pending:
            self.accept()
            return
        self.buttons.setEnabled(False)

        def next_one(_changes: Any = None) -> None:
            if not pending:
                self.accept()
                return
            self.ctx.write(pending.pop(0), done=next_one, parent=self, failed=failed)

        def failed(error: BaseException) -> None:
            self.buttons.setEnabled(True)
            self.ctx.show_error(error, self)
        next_one()


def _register_unit_targets() -> None:
    from app.ui.dialogs.unit_targets import UnitTargetsSection  # it builds on Section, above
    register(SectionSpec("targets", QT_TRANSLATE_NOOP("StudioSettings", "Unit targets"), UnitTargetsSection,
                         order=35, site=True))


_register_unit_targets()
