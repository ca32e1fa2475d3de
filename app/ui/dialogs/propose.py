"""Propose or edit a project: validation as you type, autosaved drafts, attachments by drag and drop,
and similar existing projects listed while typing."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QDragMoveEvent, QDropEvent, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core import attachments, auth, drafts, projects, queries
from app.core.changes import Changes
from app.core.errors import IdeaBankError
from app.core.fields import clean_project_fields, field_name, submission_problems
from app.core.i18n import language
from app.core.vocab import CATEGORIES, MAX_INNOVATION_POINTS, label
from app.ui import fmt
from app.ui.context import UiContext
from app.ui.search_box import similar
from app.ui.widgets.similar import SimilarPanel
from app.ui.worker import TaskState, alive

AUTOSAVE_MS = 3000
FORM_FIELDS = ("title", "category", "background", "solution", "innovation_points", "expected_benefit", "tags",
               "co_authors")


class DropList(QListWidget):
    """Files waiting to be attached when the project is saved."""

    sig_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptDrops(True)
        self.setMaximumHeight(90)

    def dragEnterEvent(self, e: QDragMoveEvent) -> None:
        e.acceptProposedAction() if e.mimeData().hasUrls() else e.ignore()

    dragMoveEvent = dragEnterEvent

    def dropEvent(self, e: QDropEvent) -> None:
        for url in e.mimeData().urls():
            if url.isLocalFile() and Path(url.toLocalFile()).is_file():
                self.add_path(url.toLocalFile())
        e.acceptProposedAction()

    def paintEvent(self, e: QPaintEvent) -> None:
        super().paintEvent(e)
        if self.count() == 0:  # say what the empty box is for
            from PySide6.QtGui import QPainter
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, self.toolTip())

    def add_path(self, path: str) -> None:
        if path not in self.paths():
            item = QListWidgetItem(Path(path).name)
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            self.addItem(item)
            self.sig_changed.emit()

    def paths(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())]


class ProposeDialog(QDialog):
    sig_saved = Signal(str)
    """The id of the project just proposed or saved."""

    def __init__(self, ctx: UiContext, project_id: str | None = None, *, kiosk: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.project_id = project_id
        self.kiosk = kiosk
        self.draft_id: str | None = None
        self._dirty = False
        self._touched: set[str] = set()
        self._tried = False
        self._saving = False
        self._draft_task: TaskState | None = None  # the draft save on the worker, until it answers
        self._closing = False  # a close waits for that save
        self._close_anyway = False  # the save on close failed (and said why): the next close just closes
        self.setWindowTitle(self.tr("Edit project") if project_id else self.tr("Propose an idea"))
        self.setObjectName("ProposeDialog")

        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("One line: what does the idea improve?"))
        self.category = QComboBox()
        self.category.addItem(self.tr("— choose —"), "")
        for code in CATEGORIES:
            self.category.addItem(label(CATEGORIES, code), code)
        self.background = QPlainTextEdit()
        self.background.setPlaceholderText(self.tr("What problem did you see at work?"))
        self.solution = QPlainTextEdit()
        self.solution.setPlaceholderText(self.tr("How do you solve it?"))
        for box in (self.background, self.solution):
            box.setTabChangesFocus(True)
            box.setMinimumHeight(60)
            box.setMaximumHeight(120)
        self.points = [QLineEdit() for _ in range(MAX_INNOVATION_POINTS)]
        for i, p in enumerate(self.points, 1):
            p.setPlaceholderText(self.tr("Innovation point %1").replace("%1", str(i)))
        self.benefit = QLineEdit()
        self.benefit.setPlaceholderText(self.tr("e.g. 12000 or 1.2万 (yuan per year)"))
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("Separated by commas"))
        self.co_authors = QLineEdit()
        self.co_authors.setPlaceholderText(self.tr("Employee numbers, in order of contribution"))
        self.files = DropList()
        self.files.setToolTip(self.tr("Drop photos or documents here"))
        add_file = QPushButton(self.tr("Add file…"))
        add_file.clicked.connect(self._pick_file)

        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        points_box = QWidget()
        pl = QVBoxLayout(points_box)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.setSpacing(3)
        for p in self.points:
            pl.addWidget(p)
        files_box = QWidget()
        fl = QHBoxLayout(files_box)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.addWidget(self.files, 1)
        fl.addWidget(add_file, 0, Qt.AlignmentFlag.AlignTop)
        rows = [("title", self.tr("Title *"), self.title), ("category", self.tr("Category *"), self.category),
                ("background", self.tr("Background *"), self.background),
                ("solution", self.tr("Solution *"), self.solution),
                ("innovation_points", self.tr("Innovation points * (up to 3)"), points_box),
                ("expected_benefit", self.tr("Expected benefit"), self.benefit), ("tags", self.tr("Tags"), self.tags),
                ("co_authors", self.tr("Co-authors"), self.co_authors),
                ("files", self.tr("Attachments"), files_box)]
        for key, text, widget in rows:
            holder = QWidget()
            hl = QVBoxLayout(holder)
            hl.setContentsMargins(0, 0, 0, 0)
            hl.setSpacing(1)
            hl.addWidget(widget)
            err = QLabel()
            err.setObjectName("fieldError")
            err.setWordWrap(True)
            err.hide()
            hl.addWidget(err)
            self.errors[key] = err
            form.addRow(text, holder)
        form_widget = QWidget()
        form_widget.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)

        self.similar_panel = SimilarPanel(ctx)  # read, comment on or join a similar idea, inside this form
        self.similar = self.similar_panel.list
        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(self.similar_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("muted")
        buttons = QDialogButtonBox()
        self.submit_btn = buttons.addButton(self.tr("Submit for review"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.draft_btn = buttons.addButton(self.tr("Save as draft"), QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_btn = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        if project_id:
            self.submit_btn.setText(self.tr("Save changes"))
            self.draft_btn.hide()
        if kiosk:
            self.draft_btn.hide()
        self.submit_btn.setDefault(True)
        self.submit_btn.clicked.connect(lambda: self.save(submit=not project_id))
        self.draft_btn.clicked.connect(lambda: self.save(submit=False))
        self.cancel_btn.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.saved_label, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        layout.addLayout(bottom)
        self.resize(980, 680)

        self._autosave = QTimer(self)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.autosave)
        self._autosave.start()
        self._similar_timer = QTimer(self)
        self._similar_timer.setSingleShot(True)
        self._similar_timer.setInterval(600)
        self._similar_timer.timeout.connect(self._find_similar)
        self._similar_generation = 0

        if project_id:
            self._load_project(project_id)
        self._restore_draft()
        self._connect()
        self.validate()
        self.title.setFocus()  # type at once: the required fields take seven clicks at most

    # -- data ----------------------------------------------------------------------------------
    def _connect(self) -> None:
        widgets = {"title": self.title, "benefit": self.benefit, "tags": self.tags, "co_authors": self.co_authors}
        for key, w in widgets.items():
            w.textEdited.connect(lambda _t, k=key: self._edited("expected_benefit" if k == "benefit" else k))
        for p in self.points:
            p.textEdited.connect(lambda _t: self._edited("innovation_points"))
        self.background.textChanged.connect(lambda: self._edited("background"))
        self.solution.textChanged.connect(lambda: self._edited("solution"))
        self.category.currentIndexChanged.connect(lambda _i: self._edited("category"))
        self.files.sig_changed.connect(lambda: self._edited("files"))

    def form(self) -> dict[str, Any]:
        return {"title": self.title.text(), "category": self.category.currentData() or "",
                "background": self.background.toPlainText(), "solution": self.solution.toPlainText(),
                "innovation_points": [p.text() for p in self.points], "expected_benefit": self.benefit.text(),
                "tags": self.tags.text(), "co_authors": self.co_authors.text(), "files": self.files.paths()}

    def set_form(self, f: dict[str, Any]) -> None:
        self.title.setText(f.get("title", ""))
        self.category.setCurrentIndex(max(0, self.category.findData(f.get("category", ""))))
        self.background.setPlainText(f.get("background", ""))
        self.solution.setPlainText(f.get("solution", ""))
        points = list(f.get("innovation_points") or []) + [""] * MAX_INNOVATION_POINTS
        for box, text in zip(self.points, points):
            box.setText(text)
        self.benefit.setText(str(f.get("expected_benefit") or ""))
        tags = f.get("tags", "")
        self.tags.setText("，".join(tags) if isinstance(tags, list) else str(tags))
        co = f.get("co_authors", "")
        self.co_authors.setText("，".join(co) if isinstance(co, list) else str(co))
        for p in f.get("files") or []:
            if Path(p).is_file():
                self.files.add_path(p)

    def core_data(self) -> dict[str, Any]:
        f = self.form()
        data = {k: f[k] for k in ("title", "category", "background", "solution", "expected_benefit", "tags")}
        data["innovation_points"] = [p for p in f["innovation_points"] if p.strip()]
        co = [x for x in f["co_authors"].replace("，", ",").replace("、", ",").split(",") if x.strip()]
        data["co_authors"] = [x.strip() for x in co]
        return data

    def _load_project(self, project_id: str) -> None:
        d = queries.project_detail(self.ctx.bank, self.ctx.actor, project_id)
        self._original = d
        self.set_form({"title": d["title"], "category": d["category"], "background": d["background"],
                       "solution": d["solution"], "innovation_points": d["innovation_points"],
                       "expected_benefit": "" if d["expected_benefit"] is None else f"{d['expected_benefit']:g}",
                       "tags": d["tags"], "co_authors": d["co_authors"]})

    def _restore_draft(self) -> None:
        try:
            found = drafts.latest(self.ctx.bank, self.ctx.actor, self.project_id)
        except IdeaBankError:
            return
        if found is None or not any(v for k, v in found.form.items() if k != "category"):
            return
        self.draft_id = found.id
        self.set_form(found.form)
        self._touched.update(k for k, v in found.form.items() if v)
        self.banner.setText(self.tr("Restored what you typed on %1. Nothing typed is lost: the form saves itself "
                                    "every few seconds.").replace("%1", fmt.datetime(found.saved_at)))
        self.banner.show()

    # -- validation as you type ---------------------------------------------------------------
    def _edited(self, key: str) -> None:
        self._dirty = True
        self._close_anyway = False
        self._touched.add(key)
        self.validate()
        if key in ("title", "background", "solution"):
            self._similar_timer.start()

    def problems(self) -> tuple[dict[str, str], dict[str, str]]:
        data = self.core_data()
        data.pop("co_authors")
        _clean, problems = clean_project_fields(data)
        return problems, submission_problems(_clean) if not problems.get("innovation_points") else {}

    def validate(self) -> bool:
        problems, missing = self.problems()
        submitting = not self.project_id or (getattr(self, "_original", {}) or {}).get("status") != "draft"
        shown = dict(problems)
        if submitting:
            for k, v in missing.items():
                shown.setdefault(k, v)
        for key, label_ in self.errors.items():
            msg = shown.get(key)
            visible = bool(msg) and (key in self._touched or self._tried or key in problems and key not in
                                     ("title", "category"))
            label_.setText(msg or "")
            label_.setVisible(visible)
        ok_draft = not problems
        ok_submit = ok_draft and (not submitting or not missing)
        self.draft_btn.setEnabled(ok_draft)
        self.submit_btn.setEnabled(ok_submit if not self.project_id else ok_draft)
        todo = [field_name(k) for k in shown]
        sep = "、" if language() == "zh_CN" else ", "
        self.summary.setText(self.tr("Still needed: %1").replace("%1", sep.join(todo)) if todo else
                             self.tr("Ready to submit. Your studio leader will be told."))
        self.summary.setObjectName("fieldError" if todo else "okText")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)
        return ok_submit

    # -- similar projects ----------------------------------------------------------------------
    def _find_similar(self) -> None:
        text = "\n".join([self.title.text(), self.title.text(), self.background.toPlainText(),
                          self.solution.toPlainText()]).strip()
        self._similar_generation += 1
        generation, bank = self._similar_generation, self.ctx.bank
        searcher = getattr(self.ctx, "searcher", None)
        service = searcher.service if searcher is not None and searcher.ready else None
        if service is None:
            return

        def show(found: list[tuple[str, str, str]]) -> None:
            if not alive(self.similar) or generation != self._similar_generation:
                return
            self.similar_panel.set_found([f for f in found if f[0] != self.project_id])
        self.ctx.reader.submit(lambda state: similar(bank, service, text, viewer=self.ctx.actor), done=show, label="similar")

    # -- saving --------------------------------------------------------------------------------
    def autosave(self) -> TaskState | None:
        """Keep what was typed in the drafts table (every few seconds and on close). The save runs on
        the write worker: a database another program holds locked never freezes the form. One save
        at a time (the first one creates the draft the next ones overwrite); returns the pending one."""
        if self._draft_task is not None or not self._dirty or self._saving:
            return self._draft_task
        form = self.form()
        if not any(v for k, v in form.items() if k != "category" and (v if not isinstance(v, list) else any(v))):
            return None
        bank, actor, draft_id, project_id = self.ctx.bank, self.ctx.actor, self.draft_id, self.project_id
        self._dirty = False  # typing from here on makes it dirty again

        def saved(new_id: str) -> None:
            self._draft_task = None
            self.draft_id = new_id
            self.saved_label.setText(self.tr("Draft saved %1").replace("%1", fmt.datetime(bank.now())))
            if self._closing:
                self.reject()  # the close that waited for this save goes on (saving what was typed since)

        def failed(error: BaseException) -> None:
            self._draft_task = None
            self._dirty = True
            if self._closing:  # stay open and say why; closing again closes without saving
                self._closing, self._close_anyway = False, True
                self.cancel_btn.setEnabled(True)
                self.validate()
            if isinstance(error, IdeaBankError):
                self.saved_label.setText(error.message)
            else:
                self.ctx.show_error(error, self)
        self._draft_task = self.ctx.write(
            lambda: drafts.save(bank, actor, form, draft_id=draft_id, project_id=project_id),
            done=saved, failed=failed)
        return self._draft_task

    def save(self, *, submit: bool) -> None:
        self._tried = True
        if not (self.validate() if submit else self.draft_btn.isEnabled()):
            return
        self._saving = True
        for b in (self.submit_btn, self.draft_btn):
            b.setEnabled(False)
        bank, actor, data, files = self.ctx.bank, self.ctx.actor, self.core_data(), self.files.paths()
        pid, kiosk = self.project_id, self.kiosk
        original = getattr(self, "_original", None) or {}
        original_co, proposer = list(original.get("co_authors") or []), original.get("proposer")

        def work() -> Changes:
            if pid:
                if data["co_authors"] == original_co:
                    data.pop("co_authors")
                else:  # edit takes the whole list, proposer first
                    data["co_authors"] = [proposer] + [x for x in data["co_authors"] if x != proposer]
                changes = projects.edit(bank, actor, pid, data)
            elif kiosk:
                changes = auth.propose_at_kiosk(bank, actor, data)
            else:
                changes = projects.propose(bank, actor, data, submit=submit)
            for path in files:
                changes = changes | attachments.add(bank, actor, changes.value, Path(path))
            return changes

        def done(changes: Changes) -> None:
            self._saving = False
            if self.draft_id:  # any autosave queued before this save has answered by now (one worker, in order)
                draft_id = self.draft_id
                self.ctx.write(lambda: drafts.discard(bank, actor, draft_id))
                self.draft_id = None
            self._dirty = False
            self.sig_saved.emit(changes.value)
            self.accept()

        def failed(error: BaseException) -> None:
            self._saving = False
            self.validate()
            self.ctx.show_error(error, self)
        self.ctx.write(work, done=done, failed=failed, parent=self)

    def _pick_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"), str(QSettings().value("last_dir", "")))
        for p in paths:
            self.files.add_path(p)

    def reject(self) -> None:
        """Close, but not before what was typed is saved: the last draft goes through the worker and
        the form closes when it has landed (the window keeps painting meanwhile). QDialog's
        closeEvent comes here too."""
        if not self._close_anyway and self.autosave() is not None:
            self._closing = True
            for b in (self.submit_btn, self.draft_btn, self.cancel_btn):
                b.setEnabled(False)
            self.saved_label.setText(self.tr("Saving the draft…"))
            return
        self._closing = False
        self._autosave.stop()
        super().reject()
