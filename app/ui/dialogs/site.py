"""This site's identity (name, id, code, key fingerprints) and the sites it trusts.

Trusting a key file shows its fingerprints first and asks the person to compare them with the
other site (telephone, in person): the file alone cannot prove who made it. Writes run on the
worker; the dialog refreshes when they are done.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import IdeaBankError
from app.sync import identity, package, trust
from app.sync.identity import PublicIdentity
from app.sync.visibility import EVERYONE
from app.ui.context import UiContext
from app.ui.worker import TaskState, alive

# What the dialog shows: this site, and each trusted site with its package cursor and who there sees secrets.
_Loaded = tuple[PublicIdentity, list[tuple[PublicIdentity, package.Cursor, list[str] | None]]]

KEY_FILTER = "*.ibkey *.json"


class SiteDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.me: PublicIdentity | None = None
        self.sites: list[PublicIdentity] = []
        self.setWindowTitle(self.tr("Site identity"))
        self.setMinimumWidth(760)

        mine = QGroupBox(self.tr("This site"))
        form = QFormLayout(mine)
        self.name = QLineEdit()
        self.name.setMaxLength(identity.MAX_NAME)
        self.save_name = QPushButton(self.tr("Rename"))
        self.save_name.clicked.connect(self._rename)
        row = QHBoxLayout()
        row.addWidget(self.name, 1)
        row.addWidget(self.save_name)
        form.addRow(self.tr("Name"), row)
        self.site_id, self.code = QLabel(), QLabel()
        self.sign_fp, self.kx_fp = QLabel(), QLabel()
        for label in (self.site_id, self.code, self.sign_fp, self.kx_fp):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (self.sign_fp, self.kx_fp):
            label.setStyleSheet("font-family: monospace")
        form.addRow(self.tr("Id"), self.site_id)
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Signing key fingerprint"), self.sign_fp)
        form.addRow(self.tr("Encryption key fingerprint"), self.kx_fp)
        self.export_key = QPushButton(self.tr("Save my key file…"))
        self.export_key.setToolTip(self.tr("A file with this site's public keys, to carry to another site"))
        self.export_key.clicked.connect(self._export_key)
        form.addRow("", self.export_key)

        others = QGroupBox(self.tr("Trusted sites"))
        box = QVBoxLayout(others)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Code"), self.tr("Signing key fingerprint"),
                                              self.tr("Acknowledged"), self.tr("Received"), self.tr("Secret projects")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection)
        box.addWidget(self.table)
        self.empty = QLabel(self.tr("No site is trusted yet. Bring the other site's key file and trust it."))
        self.empty.setWordWrap(True)
        box.addWidget(self.empty)
        buttons = QHBoxLayout()
        self.trust_button = QPushButton(self.tr("Trust a key file…"))
        self.trust_button.clicked.connect(self._trust)
        self.untrust_button = QPushButton(self.tr("Stop trusting"))
        self.untrust_button.clicked.connect(self._untrust)
        self.secret_button = QPushButton(self.tr("Secret projects…"))
        self.secret_button.setToolTip(self.tr("Whether this site's packages carry secret projects"))
        self.secret_button.clicked.connect(self._secret)
        buttons.addWidget(self.trust_button)
        buttons.addWidget(self.untrust_button)
        buttons.addWidget(self.secret_button)
        buttons.addStretch(1)
        box.addLayout(buttons)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(mine)
        layout.addWidget(others, 1)
        layout.addWidget(close)
        manage = ctx.can("site.manage")
        for w in (self.save_name, self.trust_button, self.untrust_button, self.secret_button):
            w.setVisible(manage)
        self.name.setReadOnly(not manage)
        self.untrust_button.setEnabled(False)
        self.secret_button.setEnabled(False)
        self.refresh()

    # -- showing -------------------------------------------------------------------------------
    def refresh(self) -> None:
        bank = self.ctx.bank

        def load(state: TaskState) -> _Loaded:
            me = identity.public_identity(bank)  # makes the keys on first use
            return me, [(s, package.cursor(bank, s.site_id), trust.people(bank, s.site_id))
                        for s in trust.trusted_sites(bank)]

        self.ctx.run(load, done=self._show, failed=lambda e: self.ctx.show_error(e, self))

    def _show(self, result: _Loaded) -> None:
        if not alive(self):
            return
        self.me, rows = result
        self.sites = [s for s, _, _ in rows]
        self.people = [p for _, _, p in rows]
        self.name.setText(self.me.name)
        self.site_id.setText(self.me.site_id)
        self.code.setText(self.me.code)
        self.sign_fp.setText(self.me.sign_fingerprint)
        self.kx_fp.setText(self.me.kx_fingerprint)
        self.table.setRowCount(len(rows))
        for r, (site, cur, people) in enumerate(rows):
            for c, value in enumerate((site.name, site.code, site.sign_fingerprint, str(cur.acked),
                                       str(cur.received_up_to), self._people_text(people))):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self._selection()

    def _people_text(self, people: list[str] | None) -> str:
        if not people:
            return self.tr("none")
        if EVERYONE in people:
            return self.tr("all")
        return self.tr("%n people", "", len(people))

    def _selection(self) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        self.untrust_button.setEnabled(chosen)
        self.secret_button.setEnabled(chosen)

    # -- actions -------------------------------------------------------------------------------
    def _after(self, message: str) -> Callable[[object], None]:
        def done(_result: object) -> None:
            self.ctx.sig_message.emit(message)
            if alive(self):
                self.refresh()
        return done

    def _rename(self) -> None:
        name = self.name.text()
        self.ctx.run(lambda state: identity.rename(self.ctx.bank, self.ctx.actor, name),
                     done=self._after(self.tr("Site renamed.")), failed=lambda e: self.ctx.show_error(e, self))

    def _export_key(self) -> None:
        if self.me is None:
            return
        suggested = str(Path.home() / f"ideabank-site-{self.me.code}.ibkey")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save my key file"), suggested,
                                              self.tr("Site key files (%1)").replace("%1", KEY_FILTER))
        if not path:
            return
        fp = self.me.sign_fingerprint

        def done(_site: object) -> None:
            QMessageBox.information(self, self.tr("Key file saved"), self.tr(
                "Saved %1.\n\nCarry it to the other site. Before they trust it, read this signing fingerprint to "
                "them by telephone or in person:\n\n%2").replace("%1", path).replace("%2", fp))
        self.ctx.run(lambda state: trust.export_key(self.ctx.bank, Path(path)), done=done,
                     failed=lambda e: self.ctx.show_error(e, self))

    def _trust(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Trust a key file"), str(Path.home()),
                                              self.tr("Site key files (%1)").replace("%1", KEY_FILTER))
        if path:
            self.trust_file(Path(path))

    def trust_file(self, path: Path, *, confirm: bool = True) -> None:
        """Check the file, show its fingerprints, and trust it once the person confirms."""
        try:
            data = path.read_bytes()[:trust.MAX_KEY_FILE + 1]
            site = trust.read_key_document(data)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Cannot do that"), str(exc))
            return
        except IdeaBankError as exc:
            self.ctx.show_error(exc, self)
            return
        known = trust.trusted(self.ctx.bank, site.site_id)
        replace = known is not None and (known.sign_key, known.kx_key) != (site.sign_key, site.kx_key)
        question = self.tr(
            "Site: %1 (%2)\nSigning key fingerprint: %3\nEncryption key fingerprint: %4\n\n"
            "Compare the signing fingerprint with the other site by telephone or in person. Trust this site?")
        if replace:
            question = self.tr("This site is already trusted with OTHER keys. Replace them only if the site told you "
                               "it made new keys.") + "\n\n" + question
        question = (question.replace("%1", site.name).replace("%2", site.code)
                    .replace("%3", site.sign_fingerprint).replace("%4", site.kx_fingerprint))
        if confirm and QMessageBox.question(self, self.tr("Trust a site"), question) != QMessageBox.StandardButton.Yes:
            return
        self.ctx.run(lambda state: trust.trust(self.ctx.bank, self.ctx.actor, path, replace=replace),
                     done=self._after(self.tr("Site %1 is trusted.").replace("%1", site.name)),
                     failed=lambda e: self.ctx.show_error(e, self))

    def _secret(self) -> None:
        """All secret projects, or none, for the selected site (particular people: `ideabank site people`)."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        row = rows[0].row()
        site, everyone = self.sites[row], EVERYONE in (self.people[row] or [])
        if everyone:
            question = self.tr("Stop sending secret projects to %1?")
        else:
            question = self.tr("Is %1 run by an administrator who may see every project? Its packages will then "
                               "carry secret projects too (encrypted for that site only).")
        if QMessageBox.question(self, self.tr("Secret projects"), question.replace("%1", site.name)) \
                != QMessageBox.StandardButton.Yes:
            return
        self.ctx.run(lambda state: trust.set_people(self.ctx.bank, self.ctx.actor, site.site_id, [],
                                                    everyone=not everyone),
                     done=self._after(self.tr("Saved.")), failed=lambda e: self.ctx.show_error(e, self))

    def _untrust(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        site = self.sites[rows[0].row()]
        if QMessageBox.question(self, self.tr("Stop trusting"), self.tr(
                "Stop trusting %1? Its packages will be refused and none will be made for it.")
                .replace("%1", site.name)) != QMessageBox.StandardButton.Yes:
            return
        self.ctx.run(lambda state: trust.untrust(self.ctx.bank, self.ctx.actor, site.site_id),
                     done=self._after(self.tr("Site %1 is no longer trusted.").replace("%1", site.name)),
                     failed=lambda e: self.ctx.show_error(e, self))
