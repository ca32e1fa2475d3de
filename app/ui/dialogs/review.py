"""The review form: the project, its comments, the rubric (weights per studio), a decision with a
reason required when not adopting, answer templates and a private note."""
from __future__ import annotations

import html

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


def esc(v) -> str:  # type: ignore[no-untyped-def]
    return html.escape("" if v is None else str(v)).replace("\n", "<br>")


class ReviewDialog(QDialog):
    sig_reviewed = Signal(str)

    def __init__(self, ctx: UiContext, project_id: str, parent=None) -> None:  # type: ignore[no-untyped-def]
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
            spin.setRange(0, 10)
            spin.setValue(0)
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(0, 10)
            slider.valueChanged.connect(spin.setValue)
            spin.valueChanged.connect(slider.setValue)
            spin.valueChanged.connect(self._update_total)
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
        self.adopt.setChecked(True)
        self.group.buttonToggled.connect(lambda *_: self._check())
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

        buttons = QDialogButtonBox()
        self.send = buttons.addButton(self.tr("Send review"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.send.clicked.connect(self.submit)
        buttons.rejected.connect(self.reject)
        right = QWidget()
        r = QVBoxLayout(right)
        r.setContentsMargins(0, 0, 0, 0)
        r.addWidget(rubric)
        r.addWidget(decision, 1)
        r.addWidget(self.problem)
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

    def _summary_html(self, d) -> str:  # type: ignore[no-untyped-def]
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

    def _comments_html(self, d) -> str:  # type: ignore[no-untyped-def]
        head_t, none_t = self.tr("Comments (%n)", "", len(d["comments"])), self.tr("No comments yet.")
        head = f"<b>{esc(head_t)}</b>"
        if not d["comments"]:
            return head + f"<p>{esc(none_t)}</p>"
        return head + "".join(f"<p><b>{esc(c['author'])}</b> · {esc(fmt.datetime(c['at']))}<br>{esc(c['body'])}</p>"
                              for c in d["comments"])

    def values(self) -> dict[str, float]:
        return {k: float(s.value()) for k, s in self.scores.items()}

    def _update_total(self) -> None:
        self.total.setText(f"{reviews.weighted_total(self.values(), self.weights):g} / 100")

    def decision(self) -> str | None:
        return "adopt" if self.adopt.isChecked() else "not_adopt" if self.reject_.isChecked() else None

    def _use_template(self, index: int) -> None:
        text = self.template.itemData(index)
        if text:
            self.reason.setPlainText(text)
        self.template.setCurrentIndex(0)

    def _check(self) -> bool:
        missing = self.decision() == "not_adopt" and not self.reason.toPlainText().strip()
        self.problem.setText(self.tr("Write a reason: the author will read why the idea was not adopted.")
                             if missing else "")
        self.send.setEnabled(not missing)
        return not missing

    def submit(self) -> None:
        if not self._check():
            return
        bank, actor, pid = self.ctx.bank, self.ctx.actor, self.project_id
        scores, decision = self.values(), self.decision()
        reason, note = self.reason.toPlainText(), self.note.toPlainText()
        self.send.setEnabled(False)

        def failed(error: BaseException) -> None:
            self.send.setEnabled(True)
            self.ctx.show_error(error, self)

        def done(_changes) -> None:  # type: ignore[no-untyped-def]
            self.sig_reviewed.emit(pid)
            self.accept()
        self.ctx.write(lambda: reviews.review(bank, actor, pid, scores=scores, decision=decision, reason=reason,
                                              private_note=note), done=done, failed=failed, parent=self)
