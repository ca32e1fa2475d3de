"""立功竞赛: a merit competition's leaderboards (people, teams, units, studios) for the whole campaign
or one month of it, the selected person's ledger that explains every point, and the results
exported as an .xlsx workbook or a PDF certificate list. Points count only the projects the person
signed in may see (campaign_points.py). Administrators set campaigns up here (dialogs/campaign.py)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core import campaign_points as CP
from app.core import campaigns
from app.core.errors import IdeaBankError
from app.core.permissions import could
from app.ui.context import UiContext
from app.ui.pages import QT_TRANSLATE_NOOP, Page, PageSpec, register
from app.ui.widgets.record_table import fill as _fill
from app.ui.widgets.record_table import read_only_table as _table
from app.ui.worker import alive


class CampaignsPage(Page):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._generation = 0
        self.board_rows: list[dict[str, Any]] = []
        self.ledger: dict[str, Any] | None = None
        self.campaigns: dict[str, dict[str, Any]] = {}
        self._pending: str | None = None  # a campaign just saved, chosen when the list comes back
        self.campaign = QComboBox()
        self.board = QComboBox()
        for code, text in (("people", self.tr("People")), ("teams", self.tr("Teams")), ("units", self.tr("Units")),
                           ("studios", self.tr("Studios"))):
            self.board.addItem(text, code)
        self.period = QComboBox()
        self.export_xlsx = QPushButton(self.tr("Export results…"))
        self.export_xlsx.setToolTip(self.tr("The four boards and every person's points as an .xlsx workbook"))
        self.export_pdf = QPushButton(self.tr("Certificate list…"))
        self.export_pdf.setToolTip(self.tr("The first ten places of each board as a PDF list"))
        for b in (self.export_xlsx, self.export_pdf):
            b.setVisible(could(ctx.actor, "campaign.export"))
        self.new_btn = QPushButton(self.tr("New campaign…"))
        self.edit_btn = QPushButton(self.tr("Change…"))
        self.edit_btn.setToolTip(self.tr("Dates, units taking part and point rules of this campaign"))
        for b in (self.new_btn, self.edit_btn):
            b.setVisible(could(ctx.actor, "campaign.manage"))
        self.new_btn.clicked.connect(lambda: self._set_up(None))
        self.edit_btn.clicked.connect(lambda: self._set_up(self.campaigns.get(self.campaign.currentData())))
        self.export_xlsx.clicked.connect(lambda: self._export(".xlsx"))
        self.export_pdf.clicked.connect(lambda: self._export(".pdf"))
        top = QHBoxLayout()
        for box in (self.campaign, self.board, self.period):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for text, box in ((self.tr("Campaign"), self.campaign), (self.tr("Board"), self.board),
                          (self.tr("Period"), self.period)):
            top.addWidget(QLabel(text))
            top.addWidget(box)
        top.addStretch(1)
        top.addWidget(self.new_btn)
        top.addWidget(self.edit_btn)
        top.addWidget(self.export_xlsx)
        top.addWidget(self.export_pdf)
        self.info = QLabel()
        self.info.setObjectName("muted")
        self.info.setWordWrap(True)
        self.table = _table([self.tr("Rank"), self.tr("Name"), self.tr("Points"), self.tr("Projects"),
                             self.tr("Unit")], 1)
        self.table.itemSelectionChanged.connect(self._person_selected)
        self.ledger_title = QLabel()
        self.ledger_title.setObjectName("sectionTitle")
        self.lines = _table([self.tr("Day"), self.tr("Project"), self.tr("Rule"), self.tr("Detail"),
                             self.tr("Points")], 1)
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.ledger_title)
        dl.addWidget(self.lines, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(detail)
        split.setSizes([350, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(split, 1)
        self.campaign.currentIndexChanged.connect(self._campaign_chosen)
        self.board.currentIndexChanged.connect(self.show_board)
        self.period.currentIndexChanged.connect(self.show_board)
        self._debounce = self.reload_after_changes(
            lambda ch: bool(ch.campaigns or ch.project_ids or ch.membership or ch.people or ch.teams))
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation, bank, actor = self._generation, self.ctx.bank, self.ctx.actor

        def show(found: list[dict[str, Any]]) -> None:
            if alive(self) and generation == self._generation:
                self.show_campaigns(found)
        self.ctx.reader.submit(lambda state: campaigns.list_campaigns(bank, actor), done=show,
                               failed=lambda e: self.ctx.show_error(e, self), label="campaigns")

    def show_campaigns(self, found: list[dict[str, Any]]) -> None:
        chosen, self._pending = self._pending or self.campaign.currentData(), None
        self.campaigns = {c["id"]: c for c in found}
        self.campaign.blockSignals(True)
        self.campaign.clear()
        for c in found:
            self.campaign.addItem(self.tr("{name} ({state})").replace("{name}", c["name"])
                                  .replace("{state}", c["state_label"]), c["id"])
        index = self.campaign.findData(chosen)
        self.campaign.setCurrentIndex(index if index >= 0 else 0)
        self.campaign.blockSignals(False)
        if not found:
            self.info.setText(self.tr("No merit competition yet: an administrator sets one up (New campaign…)."))
        self._campaign_chosen()

    def _campaign_chosen(self) -> None:
        cid = self.campaign.currentData()
        self.period.blockSignals(True)
        chosen = self.period.currentData()
        self.period.clear()
        self.period.addItem(self.tr("Whole campaign"), None)
        if cid:
            for name, first, last in CP.periods(self.ctx.bank, cid):
                self.period.addItem(name, (first, last))
            index = self.period.findData(chosen)
            self.period.setCurrentIndex(max(index, 0))
        self.period.blockSignals(False)
        for b in (self.export_xlsx, self.export_pdf, self.edit_btn):
            b.setEnabled(bool(cid))
        self.show_board()

    def _window(self) -> tuple[str | None, str | None]:
        return self.period.currentData() or (None, None)

    def show_board(self) -> None:
        self._generation += 1
        cid, which = self.campaign.currentData(), self.board.currentData()
        if not cid:
            _fill(self.table, [], 1)
            self._show_ledger(None)
            return
        c = self.campaigns[cid]
        self.info.setText(self.tr("{theme} {start} – {end}; {n} projects entered").replace("{theme}", c["theme"] or "")
                          .replace("{start}", c["starts_on"]).replace("{end}", c["ends_on"])
                          .replace("{n}", str(c["entries"])).strip())
        generation, bank, actor = self._generation, self.ctx.bank, self.ctx.actor
        date_from, date_to = self._window()

        def show(result: dict[str, Any]) -> None:
            if alive(self) and generation == self._generation:
                self.board_rows = result["rows"]
                named = self.tr("{name} ({no})")
                _fill(self.table, [[r["rank"], named.replace("{name}", r["name"]).replace("{no}", r["employee_no"])
                                    if which == "people" else r["name"], r["points"], r["projects"],
                                    r.get("unit") or ""] for r in result["rows"]], 1)
                self.table.setColumnHidden(4, which != "people")
                self._person_selected()
        self.ctx.reader.submit(lambda state: CP.leaderboard(bank, actor, cid, which, date_from=date_from,
                                                            date_to=date_to),
                               done=show, failed=lambda e: self.ctx.show_error(e, self), label="leaderboard")

    def _person_selected(self) -> None:
        row = self.table.currentRow()
        if self.board.currentData() != "people" or not 0 <= row < len(self.board_rows):
            self._show_ledger(None)
            return
        person, cid, generation = self.board_rows[row]["employee_no"], self.campaign.currentData(), self._generation
        bank, actor = self.ctx.bank, self.ctx.actor
        date_from, date_to = self._window()

        def show(result: dict[str, Any]) -> None:
            if alive(self) and generation == self._generation:
                self._show_ledger(result)
        self.ctx.reader.submit(lambda state: CP.ledger(bank, actor, cid, person, date_from=date_from, date_to=date_to),
                               done=show, failed=lambda e: self.ctx.show_error(e, self), label="ledger")

    def _show_ledger(self, result: dict[str, Any] | None) -> None:
        self.ledger = result
        if result is None:
            self.ledger_title.setText(self.tr("Choose a person on the people's board to see their points"))
            _fill(self.lines, [], 1)
            return
        self.ledger_title.setText(self.tr("{name}: {points} points").replace("{name}", result["name"])
                                  .replace("{points}", str(result["total"])))
        _fill(self.lines, [[x["at"], f"{x['number'] or ''} {x['title']}".strip(), x["rule_label"], x["detail"],
                            x["points"]] for x in result["lines"]], 1)

    def _set_up(self, campaign: dict[str, Any] | None) -> None:
        from app.ui.dialogs.campaign import CampaignDialog
        dlg = CampaignDialog(self.ctx, campaign, self)
        if dlg.exec() and dlg.saved:
            self._pending = dlg.saved  # the change's sig_changes reloads the list

    def _export(self, suffix: str) -> None:
        cid = self.campaign.currentData()
        if not cid:
            return
        kinds = self.tr("Excel workbooks (*.xlsx)") if suffix == ".xlsx" else self.tr("PDF files (*.pdf)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the results as"),
                                              self.campaigns[cid]["name"] + suffix, kinds)
        if not path:
            return
        path = path if path.lower().endswith(suffix) else path + suffix
        bank, actor = self.ctx.bank, self.ctx.actor
        date_from, date_to = self._window()

        def work(state: Any) -> Any:
            if suffix == ".xlsx":
                from app.core.campaign_export import export_xlsx
                return export_xlsx(bank, actor, cid, path, date_from=date_from, date_to=date_to)
            from app.dossier.certificates import certificate_list
            certificate_list(bank, actor, cid, path, date_from=date_from, date_to=date_to)
            return path

        def failed(error: BaseException) -> None:
            if isinstance(error, IdeaBankError):
                QMessageBox.warning(self, self.tr("Cannot save"), error.message)
            else:
                self.ctx.show_error(error, self)
        self.ctx.export(work, done=lambda written: self.ctx.sig_message.emit(
            self.tr("Saved {path}").replace("{path}", str(written))), failed=failed, label="campaign export")


register(PageSpec("campaigns", QT_TRANSLATE_NOOP("Pages", "Merit competitions"), CampaignsPage, order=73,
                  icon="trophy"))
