"""The review form: the project, its comments, the rubric (weights per studio), a decision with a
reason required when not adopting, answer templates and a private note.

No adoption by accident: nothing is scored and no decision chosen when the form opens; adopting
needs every criterion scored; sending asks once more, naming the decision and the weighted total."""
from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSlider,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core import queries, reviews, studio_settings
from app.core.vocab import RUBRIC, STATUSES, label
from app.ui import fmt
from app.ui.context import UiContext

UNSCORED = -1  # a spin box at this value has no score yet


def esc(v: object) -> str:
    return html.escape("" if v is None else str(v)).replace("\n", "<br>")


class ReviewDialog(QDialog):
    sig_reviewed = Signal(str)

    def __init__(self, ctx: UiContext, project_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.project_id = project_id
        self.setObjectName("ReviewDialog")
        d = queries.project_detail(ctx.bank, ctx.actor, project_id)
        self.detail = d
        self.setWindowTitle(self.tr("Review: %1").replace("%1", d["title"]))
        self.weights = reviews.rubric_weights(ctx.bank, self._studio_id())

        summary = QTextBrowser()
        summary.setHtml(self._summary_html(d))
        comments = QTextBrowser()
        comments.setHtml(self._comments_html(d))
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(summary)
        left.addWidget(comments)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)

        rubric = QGroupBox(self.tr("Rubric (0–10 each; weights of this studio)"))
        rl = QFormLayout(rubric)
        self.scores: dict[str, QSpinBox] = {}
        for key in RUBRIC:
            if self.weights.get(key, 0) <= 0:
                continue  # the studio does not score this criterion
            spin = QSpinBox()
            spin.setRange(UNSCORED, 10)  # the lowest value means "not scored yet"
            spin.setSpecialValueText(self.tr("not scored"))
            spin.setValue(UNSCORED)
            spin.setAccessibleName(label(RUBRIC, key))
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(0, 10)
            slider.sliderMoved.connect(spin.setValue)
            slider.valueChanged.connect(lambda v, spin=spin: spin.setValue(v) if spin.value() != UNSCORED or v else None)
            spin.valueChanged.connect(lambda v, slider=slider: slider.setValue(max(v, 0)))
            spin.valueChanged.connect(self._update_total)
            spin.valueChanged.connect(self._check)
            row = QHBoxLayout()
            row.addWidget(slider, 1)
            row.addWidget(spin)
            holder = QWidget()
            holder.setLayout(row)
            row.setContentsMargins(0, 0, 0, 0)
            rl.addRow(f"{label(RUBRIC, key)} ({self.weights.get(key, 0) * 100:.0f}%)", holder)
            self.scores[key] = spin
        self.total = QLabel()
        self.total.setObjectName("sectionTitle")
        rl.addRow(self.tr("Weighted total"), self.total)

        decision = QGroupBox(self.tr("Decision"))
        dl = QVBoxLayout(decision)
        self.adopt = QRadioButton(self.tr("Adopt"))
        self.reject_ = QRadioButton(self.tr("Do not adopt (reason required)"))
        self.scores_only = QRadioButton(self.tr("Scores only, decide later"))
        self.group = QButtonGroup(self)
        for b in (self.adopt, self.reject_, self.scores_only):
            self.group.addButton(b)
            dl.addWidget(b)
        self.group.buttonToggled.connect(lambda *_: self._check())  # no decision until one is chosen
        self.template = QComboBox()
        self.template.addItem(self.tr("Answer templates…"), "")
        # The studio's own answers, else the shared ones (Organisation → studio → Settings…)
        for text in studio_settings.answer_templates(ctx.bank, self._studio_id()):
            self.template.addItem(text[:40] + ("…" if len(text) > 40 else ""), text)
        self.template.activated.connect(self._use_template)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("Reason the author will read"))
        self.reason.setMinimumHeight(70)
        self.reason.textChanged.connect(self._check)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("Private note: only reviewers see it"))
        self.note.setMaximumHeight(70)
        dl.addWidget(self.template)
        dl.addWidget(self.reason, 2)
        dl.addWidget(QLabel(self.tr("Private note")))
        dl.addWidget(self.note, 1)
        self.problem = QLabel()
        self.problem.setObjectName("fieldError")
        self.problem.setWordWrap(True)
        self.confirm_text = QLabel()  # the second step: what is about to be sent
        self.confirm_text.setObjectName("confirmText")
        self.confirm_text.setWordWrap(True)
        self.confirm_text.hide()

        buttons = QDialogButtonBox()
        self.send = buttons.addButton(self.tr("Send review"), QDialogButtonBox.ButtonRole.ActionRole)
        self.back = buttons.addButton(self.tr("Change it"), QDialogButtonBox.ButtonRole.ActionRole)
        self.back.hide()
        self.back.clicked.connect(self._unconfirm)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.send.clicked.connect(self.submit)
        buttons.rejected.connect(self.reject)
        right = QWidget()
        r = QVBoxLayout(right)
        r.setContentsMargins(0, 0, 0, 0)
        r.addWidget(rubric)
        r.addWidget(decision, 1)
        r.addWidget(self.problem)
        r.addWidget(self.confirm_text)
        r.addWidget(buttons)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.resize(1060, 680)
        self._update_total()
        self._check()

    def _studio_id(self) -> str | None:
        from app.core import choices
        names = dict((n, i) for i, n in choices.studios(self.ctx.bank))
        return names.get(self.detail.get("studio") or "")

    def _summary_html(self, d: dict[str, Any]) -> str:
        points = "".join(f"<li>{esc(p)}</li>" for p in d["innovation_points"])
        people = "、".join(esc(m["name"]) for m in d["members"])
        benefit = fmt.money(d["expected_benefit"]) if d["expected_benefit"] is not None else "—"
        t_bg, t_sol, t_pts = self.tr("Background"), self.tr("Solution"), self.tr("Innovation points")
        t_ben, t_yuan = self.tr("Expected benefit"), self.tr("yuan/year")
        return (f"<h3>{esc(d['title'])}</h3><p>{esc(d['number'])} · {esc(d['category_label'])} · "
                f"{esc(label(STATUSES, d['status']))} · {people}</p>"
                f"<p><b>{esc(t_bg)}</b><br>{esc(d['background'])}</p>"
                f"<p><b>{esc(t_sol)}</b><br>{esc(d['solution'])}</p>"
                f"<p><b>{esc(t_pts)}</b></p><ol>{points}</ol>"
                f"<p><b>{esc(t_ben)}</b>: {benefit} {esc(t_yuan)}</p>")

    def _comments_html(self, d: dict[str, Any]) -> str:
        head_t, none_t = self.tr("Comments (%n)", "", len(d["comments"])), self.tr("No comments yet.")
        head = f"<b>{esc(head_t)}</b>"
        if not d["comments"]:
            return head + f"<p>{esc(none_t)}</p>"
        return head + "".join(f"<p><b>{esc(c['author'])}</b> · {esc(fmt.datetime(c['at']))}<br>{esc(c['body'])}</p>"
                              for c in d["comments"])

    def values(self) -> dict[str, float]:
        """The criteria scored so far."""
        return {k: float(s.value()) for k, s in self.scores.items() if s.value() != UNSCORED}

    def total_text(self) -> str:
        return f"{reviews.weighted_total(self.values(), self.weights):g} / 100"

    def _update_total(self) -> None:
        self.total.setText(self.total_text())

    def decision(self) -> str | None:
        return "adopt" if self.adopt.isChecked() else "not_adopt" if self.reject_.isChecked() else None

    def _use_template(self, index: int) -> None:
        text = self.template.itemData(index)
        if text:
            self.reason.setPlainText(text)
        self.template.setCurrentIndex(0)

    def _check(self) -> bool:
        """After any change: confirm again before sending; say what is still missing."""
        self._unconfirm()
        return self._validate()

    def _validate(self) -> bool:
        """Whether the form can be sent; says what is missing."""
        decision = self.decision()
        unscored = [label(RUBRIC, k) for k, s in self.scores.items() if s.value() == UNSCORED]
        problem = ""
        if self.group.checkedButton() is None:
            problem = self.tr("Choose a decision: adopt, do not adopt, or scores only.")
        elif decision == "adopt" and unscored:
            problem = self.tr("Score every criterion before adopting; not scored yet: %1").replace(
                "%1", "、".join(unscored))
        elif decision == "not_adopt" and not self.reason.toPlainText().strip():
            problem = self.tr("Write a reason: the author will read why the idea was not adopted.")
        elif decision is None and len(unscored) == len(self.scores):
            problem = self.tr("Score at least one criterion, or choose a decision.")
        self.problem.setText(problem)
        self.send.setEnabled(not problem)
        return not problem

    def _confirmation(self) -> str:
        title, total = self.detail["title"], self.total_text()
        decision = self.decision()
        if decision == "adopt":
            text = self.tr("Adopt “%1” with a weighted total of %2? Its authors will be told.")
        elif decision == "not_adopt":
            text = self.tr("Do not adopt “%1” (weighted total %2)? Its authors will read your reason.")
        else:
            text = self.tr("Record scores for “%1” (weighted total %2) without deciding yet?")
        return text.replace("%1", title).replace("%2", total)

    def _unconfirm(self) -> None:
        if getattr(self, "confirm_text", None) is None or not self.confirm_text.isVisibleTo(self):
            return
        self.confirm_text.hide()
        self.back.hide()
        self.send.setText(self.tr("Send review"))

    def submit(self) -> None:
        """First press: say what will be sent; second press: send it."""
        if not self._validate():
            return
        if not self.confirm_text.isVisibleTo(self):
            self.confirm_text.setText(self._confirmation())
            self.confirm_text.show()
            self.back.show()
            self.send.setText({"adopt": self.tr("Confirm: adopt"), "not_adopt": self.tr("Confirm: do not adopt")}
                              .get(self.decision() or "", self.tr("Confirm: record scores")))
            return
        bank, actor, pid = self.ctx.bank, self.ctx.actor, self.project_id
        scores, decision = self.values(), self.decision()
        reason, note = self.reason.toPlainText(), self.note.toPlainText()
        self.send.setEnabled(False)

        def failed(error: BaseException) -> None:
            self.send.setEnabled(True)
            self.ctx.show_error(error, self)

        def done(_changes: object) -> None:
            self.sig_reviewed.emit(pid)
            self.accept()
        self.ctx.write(lambda: reviews.review(bank, actor, pid, scores=scores, decision=decision, reason=reason,
                                              private_note=note), done=done, failed=failed, parent=self)
