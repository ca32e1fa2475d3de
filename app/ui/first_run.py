"""The first-run wizard: a data folder, the first administrator, the organisation (a workbook, a
first unit and studio, or joining a hub), this site's name and, if wanted, demo data.

Nothing is created until Finish: every page only gathers and checks. Finish makes the folder,
opens the bank and runs one core use case (app/core/first_run.setup, or app/sync/join.join); if
that fails, what Finish made is removed again and the wizard stays open with the reason. So
cancelling at any step, or a failed finish, leaves no half-created data folder.
"""
from __future__ import annotations

import os
import shutil
import socket
import tempfile
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.core.bank import LOCAL_ADMIN, Bank
from app.core.errors import IdeaBankError
from app.core.first_run import FirstRun, problems
from app.core.instance import LOCK_FILE
from app.core.paths import DB_FILE
from app.core.people import MIN_PASSWORD
from app.core.vocab import STUDIO_LEVELS, UNIT_KINDS, label
from app.ui.worker import while_painting

P_FOLDER, P_SETUP, P_ADMIN, P_IMPORT, P_TYPE, P_HUB, P_SITE = range(7)
IMPORT, TYPE, JOIN, LATER = "import", "type", "join", "later"
_P = TypeVar("_P", bound=QWizardPage)


def _page(wizard: QWizard, page_id: int, kind: type[_P]) -> _P:
    """One of the wizard's pages, as its own class."""
    page = wizard.page(page_id)
    assert isinstance(page, kind)  # FirstRunWizard sets every page once, as it is built
    return page
DEMO_PROJECTS = 2000


def _note(text: str) -> QLabel:
    note = QLabel(text)
    note.setWordWrap(True)
    note.setObjectName("muted")
    return note


def _error() -> QLabel:
    label_ = QLabel()
    label_.setObjectName("fieldError")
    label_.setWordWrap(True)
    return label_


def folder_problem(folder: Path) -> str:
    """Why this folder cannot hold a new bank ("" when it can)."""
    if folder.exists() and not folder.is_dir():
        return QCoreApplication.translate("FirstRunWizard", "This is a file, not a folder.")
    if folder.is_dir() and (folder / DB_FILE).exists():
        return ""  # an existing bank: opened as it is
    if folder.is_dir() and any(p.name != LOCK_FILE for p in folder.iterdir()):
        return QCoreApplication.translate("FirstRunWizard", "This folder is not empty. Choose an empty or a new folder.")
    probe = folder if folder.exists() else next((p for p in folder.parents if p.exists()), None)
    if probe is None or not os.access(probe, os.W_OK):
        return QCoreApplication.translate("FirstRunWizard", "This folder cannot be written to. Choose another one.")
    return ""


class FolderPage(QWizardPage):
    def __init__(self, folder: Path, fixed: bool) -> None:
        super().__init__()
        self.setTitle(self.tr("Where to keep the data"))
        self.setSubTitle(self.tr("The database, attachments, search index and automatic backups live in one folder. "
                                 "Back it up with the rest of your documents."))
        self.path = QLineEdit(str(folder))
        self.path.setReadOnly(fixed)
        browse = QPushButton(self.tr("Browse…"))
        browse.setEnabled(not fixed)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.error = _error()

        def edited() -> None:
            self.error.clear()
            self.completeChanged.emit()
        self.path.textChanged.connect(edited)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        if fixed:
            layout.addWidget(_note(self.tr("Chosen with --data-dir or IDEABANK_HOME.")))
        layout.addWidget(self.error)
        layout.addStretch(1)

    def folder(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def _browse(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Data folder"), self.path.text())
        if name:
            self.path.setText(name)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        problem = folder_problem(self.folder())
        self.error.setText(problem)
        return not problem


class SetupPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Set up the organisation"))
        self.setSubTitle(self.tr("Units, studios and people can be changed later on the Organisation page."))
        self.choice = QButtonGroup(self)
        layout = QVBoxLayout(self)
        for key, text, hint in (
                (IMPORT, self.tr("Import a workbook of units, studios and people"),
                 self.tr("The template can be saved on the next page and filled in WPS, Excel or LibreOffice.")),
                (TYPE, self.tr("Type a first unit and studio"), self.tr("Add the rest later, one at a time or from a "
                                                                         "workbook.")),
                (JOIN, self.tr("Join a hub (the company's central database)"),
                 self.tr("The organisation and the projects you may see come from the hub; its people sign in "
                         "with their hub passwords.")),
                (LATER, self.tr("Later"), self.tr("Start with an empty organisation (or with demo data)."))):
            button = QRadioButton(text)
            button.setProperty("key", key)
            self.choice.addButton(button)
            layout.addWidget(button)
            note = _note(hint)
            note.setContentsMargins(24, 0, 0, 8)  # under the button's text, not its circle
            layout.addWidget(note)
        self.choice.buttons()[1].setChecked(True)
        layout.addStretch(1)

    def key(self) -> str:
        button = self.choice.checkedButton()
        assert button is not None  # an exclusive group, one of its buttons checked from the start
        return str(button.property("key"))

    def nextId(self) -> int:
        return P_HUB if self.key() == JOIN else P_ADMIN


class AdminPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("The first administrator"))
        self.setSubTitle(self.tr("Administrators set up units, studios and people and look after the data."))
        self.number = QLineEdit(LOCAL_ADMIN)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. 张工"))
        self.pw1, self.pw2 = QLineEdit(), QLineEdit()
        for w in (self.pw1, self.pw2):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        self.pw1.setPlaceholderText(self.tr("at least %n characters", "", MIN_PASSWORD))
        form = QFormLayout()
        form.addRow(self.tr("Employee number"), self.number)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Password"), self.pw1)
        form.addRow(self.tr("Repeat it"), self.pw2)
        self.error = _error()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_note(self.tr("With a number other than admin, the built-in account admin (which the "
                                       "ideabank command acts as) gets the same password.")))
        layout.addWidget(self.error)
        layout.addStretch(1)

    def validatePage(self) -> bool:
        if self.pw1.text() != self.pw2.text():
            self.error.setText(self.tr("The two passwords differ; type them again."))
            return False
        found = problems(FirstRun(self.number.text(), self.name.text(), self.pw1.text()))
        self.error.setText("\n".join(found))
        return not found

    def nextId(self) -> int:
        key = _page(self.wizard(), P_SETUP, SetupPage).key()
        return {IMPORT: P_IMPORT, TYPE: P_TYPE}.get(key, P_SITE)


class ImportPage(QWizardPage):
    """Choose the workbook; it is checked at once (against an empty organisation) and its report shown."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Import the workbook"))
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        choose, template = QPushButton(self.tr("Choose workbook…")), QPushButton(self.tr("Save template…"))
        choose.clicked.connect(self._choose)
        template.clicked.connect(self._template)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        row.addWidget(template)
        from app.ui.dialogs.org_import import ReportView
        self.view = ReportView()
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.ok = False
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.headline)
        layout.addWidget(self.view, 1)

    def _template(self) -> None:
        from app.core.org_template import write_template
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save template"), self.tr("people-workbook.xlsx"),
                                              self.tr("Workbooks (*.xlsx)"))
        if name:
            try:
                write_template(name if name.lower().endswith(".xlsx") else name + ".xlsx")
            except IdeaBankError as exc:
                self.headline.setText(exc.message)

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Workbook"), "", self.tr("Workbooks (*.xlsx *.csv)"))
        if name:
            self.check(Path(name))

    def check(self, path: Path) -> None:
        """A dry run in a throw-away bank: the workbook must stand on its own in a new organisation."""
        from app.core import org_import
        self.path.setText(str(path))
        self.ok = False
        with tempfile.TemporaryDirectory(prefix="ideabank-check-") as tmp:
            scratch = Bank.open(Path(tmp))
            try:
                report = org_import.import_workbook(scratch, scratch.actor(), path, dry_run=True)
            except org_import.OrgImportFailed as exc:
                report = exc.report
            except IdeaBankError as exc:
                self.headline.setText(exc.message)
                self.view.setRowCount(0)
                self.completeChanged.emit()
                return
            finally:
                scratch.close()
        self.view.show_report(report)
        self.ok = not report.errors
        self.headline.setText((self.tr("The workbook is fine.") if self.ok else
                               self.tr("Fix the rows marked in red in the workbook, then choose it again."))
                              + "\n" + report.summary())
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.ok

    def validatePage(self) -> bool:
        return self.ok

    def nextId(self) -> int:
        return P_SITE


class TypePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("A first unit and studio"))
        self.unit = QLineEdit()
        self.unit.setPlaceholderText(self.tr("e.g. 国网示范供电公司"))
        self.kind = QComboBox()
        for code in UNIT_KINDS:
            self.kind.addItem(label(UNIT_KINDS, code), code)
        self.studio = QLineEdit()
        self.studio.setPlaceholderText(self.tr("e.g. 王建国劳模创新工作室 (may stay empty)"))
        self.level = QComboBox()
        for code in STUDIO_LEVELS:
            self.level.addItem(label(STUDIO_LEVELS, code), code)
        self.level.setCurrentIndex(self.level.findData("unit"))
        form = QFormLayout()
        form.addRow(self.tr("Unit"), self.unit)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Studio"), self.studio)
        form.addRow(self.tr("Level"), self.level)
        self.error = _error()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def validatePage(self) -> bool:
        if not self.unit.text().strip():
            self.error.setText(self.tr("Enter the unit's name."))
            return False
        return True

    def nextId(self) -> int:
        return P_SITE


class HubPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Join a hub"))
        self.setSubTitle(self.tr("Ask your administrator for the hub's address; sign in with your hub account."))
        self.url = QLineEdit()
        self.url.setPlaceholderText("postgresql+psycopg://user@hub.example/ideabank")
        self.number = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Hub address"), self.url)
        form.addRow(self.tr("Employee number"), self.number)
        form.addRow(self.tr("Password"), self.password)
        self.error = _error()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def validatePage(self) -> bool:
        if not (self.url.text().strip() and self.number.text().strip()):
            self.error.setText(self.tr("Enter the hub's address and your employee number."))
            return False
        return True

    def nextId(self) -> int:
        return P_SITE


class SitePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Name this site"))
        self.setSubTitle(self.tr("The name other sites and exchange packages know this computer's bank by."))
        self.name = QLineEdit((socket.gethostname() or "")[:200])
        self.demo = QCheckBox(self.tr("Fill the bank with demo data (a power company with studios, people and "
                                      "projects) to try things out"))
        self.projects = QSpinBox()
        self.projects.setRange(100, 100_000)
        self.projects.setSingleStep(500)
        self.projects.setValue(DEMO_PROJECTS)
        self.projects.setSuffix(self.tr(" projects"))
        self.projects.setEnabled(False)
        self.demo.toggled.connect(self.projects.setEnabled)
        self.error = _error()
        # While Finish works (creating the bank, or joining a hub and fetching its data: minutes for a
        # large bank), the wizard keeps painting and says what it is doing.
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.status = QLabel()
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Site name"), self.name)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(12)
        layout.addWidget(self.demo)
        layout.addWidget(self.projects)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addWidget(self.busy)
        layout.addStretch(1)
        self.joining = False
        self.setFinalPage(True)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Create"))

    def initializePage(self) -> None:
        self.joining = _page(self.wizard(), P_SETUP, SetupPage).key() == JOIN
        self.demo.setVisible(not self.joining)  # a hub brings real data
        self.projects.setVisible(not self.joining)

    def nextId(self) -> int:
        return -1

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)  # the only wizard this page is in
        return wizard.create_bank()


class FirstRunWizard(QWizard):
    """`bank` (open) and `admin_no` once Finish succeeded; nothing on disk when cancelled."""

    def __init__(self, folder: Path, *, fixed: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Idea Bank"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.bank: Bank | None = None
        self.admin_no = ""
        self.demo_projects = 0
        for page_id, page in ((P_FOLDER, FolderPage(folder, fixed)), (P_SETUP, SetupPage()), (P_ADMIN, AdminPage()),
                              (P_IMPORT, ImportPage()), (P_TYPE, TypePage()), (P_HUB, HubPage()), (P_SITE, SitePage())):
            self.setPage(page_id, page)
        self.setStartId(P_FOLDER)
        self.resize(720, 560)

    def folder(self) -> Path:
        return _page(self, P_FOLDER, FolderPage).folder()

    def plan(self) -> FirstRun:
        admin, setup, site = _page(self, P_ADMIN, AdminPage), _page(self, P_SETUP, SetupPage).key(), _page(self, P_SITE, SitePage)
        plan = FirstRun(admin.number.text().strip(), admin.name.text(), admin.pw1.text(), site.name.text())
        if setup == IMPORT:
            plan.workbook = Path(_page(self, P_IMPORT, ImportPage).path.text())
        elif setup == TYPE:
            typed = _page(self, P_TYPE, TypePage)
            plan.unit, plan.unit_kind = typed.unit.text(), typed.kind.currentData()
            plan.studio, plan.studio_level = typed.studio.text(), typed.level.currentData()
        return plan

    def create_bank(self) -> bool:
        """Finish: make the folder and the bank, set it up; on failure remove what was made. The work
        runs on a thread while the wizard paints (joining a hub fetches its data)."""
        folder, site = self.folder(), _page(self, P_SITE, SitePage)
        if (folder / DB_FILE).exists():  # an existing bank chosen on the first page: just open it
            return self._open_existing(folder)
        made_folder = not folder.exists()
        joining = _page(self, P_SETUP, SetupPage).key() == JOIN
        hub = _page(self, P_HUB, HubPage)
        url, number, password = hub.url.text().strip(), hub.number.text().strip(), hub.password.text()
        name = site.name.text().strip() or None
        plan = None if joining else self.plan()
        opened: list[Bank] = []

        def work() -> str:
            folder.mkdir(parents=True, exist_ok=True)
            bank = Bank.open(folder)
            opened.append(bank)
            if plan is None:
                from app.sync.join import join
                join(bank, url, number, password, name=name)
                return number
            from app.core.first_run import setup
            return str(setup(bank, plan).value)

        site.error.setText("")
        site.status.setText(self.tr("Joining the hub and fetching its data (a large bank takes a few minutes)…")
                            if joining else self.tr("Creating the bank…"))
        site.busy.show()
        self.setEnabled(False)
        try:
            self.admin_no = while_painting(work)
        except IdeaBankError as exc:
            if opened:
                opened[0].close()
            _remove(folder, made_folder)
            site.error.setText(exc.message + ("\n" + "\n".join(exc.details[:8]) if exc.details else ""))
            return False
        finally:
            self.setEnabled(True)
            site.busy.hide()
            site.status.setText("")
        self.bank = opened[0]
        self.demo_projects = site.projects.value() if site.demo.isChecked() and not site.joining else 0
        return True

    def _open_existing(self, folder: Path) -> bool:
        try:
            self.bank = Bank.open(folder)
        except IdeaBankError as exc:
            _page(self, P_SITE, SitePage).error.setText(exc.message)
            return False
        return True


def _remove(folder: Path, made_folder: bool) -> None:
    """Undo a failed finish: the folder if Finish made it, else everything put into it (it was empty)."""
    if made_folder:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for child in folder.iterdir():
        shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink(missing_ok=True)


def remembered_folder() -> Path | None:
    value = QSettings().value("data_dir", "")
    return Path(str(value)) if value else None


def remember_folder(folder: Path) -> None:
    QSettings().setValue("data_dir", str(folder))


def run_demo(bank: Bank, projects: int, parent: QWidget | None = None) -> None:
    """Demo data with progress and cancel (what was made before a cancel stays, whole)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop
    from PySide6.QtWidgets import QMessageBox, QProgressDialog

    from app.core import demo
    from app.ui.worker import Worker
    worker = Worker()
    dlg = QProgressDialog(QCoreApplication.translate("FirstRunWizard", "Creating demo data…"),
                          QCoreApplication.translate("FirstRunWizard", "Cancel"), 0, projects, parent)
    dlg.setMinimumDuration(0)
    loop = QEventLoop()

    def failed(error: BaseException) -> None:
        QMessageBox.warning(parent, "", getattr(error, "message", str(error)))
        loop.quit()
    state = worker.submit(lambda st: demo.generate(bank, bank.actor(), projects,
                                                   progress=lambda d, t: st.progress(d, t),
                                                   cancel=lambda: st.cancelled),
                          done=lambda _r: loop.quit(), failed=failed)

    def show_progress(d: int, t: int, _x: str) -> None:
        dlg.setMaximum(max(t, 1))
        dlg.setValue(d)
    state.sig_progress.connect(show_progress)
    dlg.canceled.connect(state.cancel)
    loop.exec()
    dlg.close()


__all__ = ["FirstRunWizard", "folder_problem", "run_demo", "remembered_folder", "remember_folder"]
