"""The teams page (团队): teams with members and activity log, the open-call board (揭榜挂帅), and
the maker alliance with the skills search.

Actions take optional values so tests (and scripts) can call them without dialogs; the buttons call
them with none, and a dialog asks. Labels come from the core's catalogue, Chinese first.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core import teams
from app.core.attachments import private_copy
from app.core.changes import Changes
from app.core.errors import IdeaBankError
from app.core.i18n import t
from app.core.permissions import for_studio
from app.core.vocab import SKILL_GRADES, label
from app.ui import fmt
from app.ui.context import UiContext
from app.ui.pages import QT_TRANSLATE_NOOP, Page, PageSpec, register
from app.ui.pages.alerts import banner_for
from app.ui.permits import offer

ID_ROLE = Qt.ItemDataRole.UserRole


def open_attachment(ctx: UiContext, ref: dict[str, Any]) -> None:
    try:
        path = private_copy(ctx.bank, ref["sha256"], ref.get("name") or ref["sha256"])
    except IdeaBankError as exc:
        ctx.sig_message.emit(exc.message)
        return
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[Any]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
    table.resizeColumnsToContents()
    table.horizontalHeader().setSectionResizeMode(table.columnCount() - 1, QHeaderView.ResizeMode.Stretch)



def _list_and_detail(page: QWidget, left: QLayout, right: QLayout) -> None:
    """The team and call pages' shape: a list on the left, the selected record on the right."""
    lw, rw = QWidget(), QWidget()
    lw.setLayout(left)
    rw.setLayout(right)
    split = QSplitter()
    split.addWidget(lw)
    split.addWidget(rw)
    split.setStretchFactor(1, 3)
    QVBoxLayout(page).addWidget(split)

class _Form(QDialog):
    """A small OK/Cancel form."""

    def __init__(self, title: str, rows: list[tuple[str, QWidget]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        for text, widget in rows:
            form.addRow(text, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class _Tab(QWidget):
    """Shared by the three tabs: writes on the worker, errors in the status bar and a message line."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)

    def write(self, fn: Callable[[], Changes], done_text: str, done: Callable[[Changes], None] | None = None) -> None:
        self.message.clear()

        def ok(ch: Changes) -> None:
            self.ctx.sig_message.emit(done_text)
            if done:
                done(ch)

        self.ctx.write(fn, done=ok, failed=self.failed)

    def failed(self, error: BaseException) -> None:
        if isinstance(error, IdeaBankError):
            self.message.setText(error.message)
            self.ctx.sig_message.emit(error.message)
        else:
            self.ctx.show_error(error, self)


# -- teams ----------------------------------------------------------------------------------------
class TeamsTab(_Tab):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.current: dict[str, Any] | None = None
        self.list = QListWidget()
        self.list.currentItemChanged.connect(lambda cur, _p: self.show_team(cur.data(ID_ROLE) if cur else None))
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.members = _table([t("序", "#"), t("姓名", "Name"), t("单位", "Unit"), t("专长", "Specialty"),
                               t("技能等级", "Grade"), t("角色", "Role"), t("加入", "Joined"), t("离队", "Left")])
        self.log = QListWidget()
        self.log.setWordWrap(True)
        self.log.setAlternatingRowColors(True)
        self.log.setToolTip(t("双击打开该条记录的附件", "Double-click to open the entry's attachments"))
        self.log.itemActivated.connect(self._open_entry)
        new = QPushButton(t("组建团队…", "New team…"))
        new.setObjectName("primary")
        new.clicked.connect(lambda: self.create_team())
        new.setVisible(for_studio(ctx.actor, ctx.actor.studio_id).may("create_team"))
        self.add_button = QPushButton(t("添加成员…", "Add member…"))
        self.add_button.clicked.connect(lambda: self.add_member())
        self.log_button = QPushButton(t("记录活动…", "Log activity…"))
        self.log_button.clicked.connect(lambda: self.log_activity())
        self.up_button = QPushButton(t("贡献排序上移", "Move up in contribution order"))
        self.up_button.clicked.connect(lambda: self.move_up())
        self.leave_button = QPushButton(t("登记离队", "Record as left"))
        self.leave_button.clicked.connect(lambda: self.remove_member())
        left = QVBoxLayout()
        left.addWidget(new)
        left.addWidget(self.list, 1)
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.info)
        right.addWidget(QLabel(f"<b>{t('成员（按贡献排序）', 'Members (by contribution)')}</b>"))
        right.addWidget(self.members, 2)
        right.addWidget(QLabel(f"<b>{t('活动记录', 'Activity log')}</b>"))
        right.addWidget(self.log, 1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.up_button, self.leave_button, self.log_button):
            buttons.addWidget(button)
        buttons.addStretch()
        right.addLayout(buttons)
        right.addWidget(self.message)
        _list_and_detail(self, left, right)
        self.reload()

    def reload(self) -> None:
        keep = self.current["id"] if self.current else None
        self.list.blockSignals(True)
        self.list.clear()
        for row in teams.list_teams(self.ctx.bank):
            item = QListWidgetItem(f"{row['name']}\n{row['kind_label']} · {t('{n} 人', '{n} members', n=row['members'])}"
                                   f" · {row['leader'] or '-'}")
            item.setData(ID_ROLE, row["id"])
            self.list.addItem(item)
            if row["id"] == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if keep is None and self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.show_team(keep)

    def show_team(self, team_id: str | None) -> None:
        if team_id is None:
            self.current = None
            self.heading.setText(t("还没有团队。领衔人可以组建攻关队、智囊团或工作室核心团队。",
                                   "No teams yet. Leaders can form tackling teams, think tanks or studio core teams."))
            self.info.clear()
            _fill(self.members, [])
            self.log.clear()
            for button in (self.add_button, self.up_button, self.leave_button, self.log_button):
                button.setEnabled(False)
            return
        d = self.current = teams.team_detail(self.ctx.bank, team_id)
        self.heading.setText(f"{d['name']}（{d['kind_label']}）")
        lines = [f"<b>{t('负责人', 'Leader')}</b>：{escape(d['leader_name'] or '-')}　"
                 f"<b>{t('工作室', 'Studio')}</b>：{escape(d['studio'] or '-')}",
                 f"<b>{t('牵头单位', 'Host unit')}</b>：{escape(d['host_unit'] or '-')}　"
                 f"<b>{t('协作单位', 'Partners')}</b>：{escape('、'.join(d['partner_units']) or '-')}"]
        if d["problem"]:
            lines.append(f"<b>{t('攻关问题', 'Problem')}</b>：{escape(d['problem'])}")
        if d["projects"]:
            lines.append(f"<b>{t('关联项目', 'Projects')}</b>：" +
                         "、".join(escape(f"{p['number']} {p['title']}") for p in d["projects"]))
        self.info.setText("<br>".join(lines))
        _fill(self.members, [[m["position"], m["name"], m["unit"], m["specialty"], m["skill_grade"], m["role"],
                              m["joined_on"], m["left_on"] or ""] for m in d["members"]])
        self.log.clear()
        for a in reversed(d["activities"]):
            extra = t("（{n} 个附件）", " ({n} attachments)", n=len(a["attachments"])) if a["attachments"] else ""
            item = QListWidgetItem(f"{a['date']} [{a['kind_label']}] {a['title']}{extra}\n{a['body']}".strip())
            item.setData(ID_ROLE, a["attachments"])
            self.log.addItem(item)
        may = teams.team_permissions(self.ctx.bank, self.ctx.actor, team_id)
        for button in (self.add_button, self.up_button, self.leave_button):
            offer(button, may, "manage")
        offer(self.log_button, may, "log_activity")

    def _selected_member(self) -> str | None:
        row = self.members.currentRow()
        if not self.current or row < 0:
            self.message.setText(t("请先在成员表中选一位成员。", "Select a member in the table first."))
            return None
        return self.current["members"][row]["employee_no"]

    def move_up(self) -> None:
        """Contribution order: the selected member swaps places with the one above."""
        who = self._selected_member()
        if who is None or self.current is None:  # no member is chosen without a team shown
            return
        order = [m["employee_no"] for m in self.current["members"]]
        i = order.index(who)
        if i == 0:
            return
        order[i - 1], order[i] = order[i], order[i - 1]
        bank, actor, team_id = self.ctx.bank, self.ctx.actor, self.current["id"]
        self.write(lambda: teams.reorder_members(bank, actor, team_id, order), t("贡献排序已更新。", "Order updated."),
                   done=lambda _ch: self.members.selectRow(i - 1))

    def remove_member(self) -> None:
        who = self._selected_member()
        if who is None or self.current is None:  # no member is chosen without a team shown
            return
        bank, actor, team_id = self.ctx.bank, self.ctx.actor, self.current["id"]
        self.write(lambda: teams.remove_member(bank, actor, team_id, who), t("已登记离队。", "Recorded as left."))

    def _open_entry(self, item: QListWidgetItem) -> None:
        for ref in item.data(ID_ROLE) or []:
            open_attachment(self.ctx, ref)

    def create_team(self, name: str | None = None, kind: str = "tackling", problem: str = "") -> None:
        if name is None:
            name_edit, kind_box, problem_edit = QLineEdit(), QComboBox(), QPlainTextEdit()
            for code in teams.TEAM_KINDS:
                kind_box.addItem(label(teams.TEAM_KINDS, code), code)
            form = _Form(t("组建团队", "New team"), [(t("名称", "Name"), name_edit), (t("类型", "Kind"), kind_box),
                                                      (t("攻关问题", "Problem"), problem_edit)], self)
            if form.exec() != QDialog.DialogCode.Accepted:
                return
            name, kind, problem = name_edit.text(), kind_box.currentData(), problem_edit.toPlainText()
        bank, actor = self.ctx.bank, self.ctx.actor
        self.write(lambda: teams.create_team(bank, actor, name, kind, problem=problem), t("团队已组建。", "Team formed."),
                   done=lambda ch: setattr(self, "current", {"id": ch.value}))

    def add_member(self, employee_no: str | None = None, role: str = "", specialty: str | None = None) -> None:
        if not self.current:
            return
        if employee_no is None:
            no, role_edit, spec_edit = QLineEdit(), QLineEdit(), QLineEdit()
            form = _Form(t("添加成员", "Add member"), [(t("工号", "Employee no."), no), (t("角色", "Role"), role_edit),
                                                      (t("专长（可空）", "Specialty (optional)"), spec_edit)], self)
            if form.exec() != QDialog.DialogCode.Accepted:
                return
            employee_no, role, specialty = no.text(), role_edit.text(), spec_edit.text() or None
        bank, actor, team_id = self.ctx.bank, self.ctx.actor, self.current["id"]
        self.write(lambda: teams.add_member(bank, actor, team_id, employee_no, role=role, specialty=specialty),
                   t("成员已加入。", "Member added."))

    def log_activity(self, kind: str | None = None, title: str = "", body: str = "", files: list[str] | None = None,
                     day: dt.date | None = None) -> None:
        if not self.current:
            return
        if kind is None:
            kind_box, title_edit, body_edit, date_edit = QComboBox(), QLineEdit(), QPlainTextEdit(), QDateEdit()
            for code in teams.ACTIVITY_KINDS:
                kind_box.addItem(label(teams.ACTIVITY_KINDS, code), code)
            date_edit.setCalendarPopup(True)
            date_edit.setDate(QDate(self.ctx.bank.now().date()))
            chosen: list[str] = []
            pick = QPushButton(t("添加附件…", "Attach files…"))
            pick.clicked.connect(lambda: chosen.extend(QFileDialog.getOpenFileNames(self, t("选择附件", "Choose files"))[0]))
            form = _Form(t("记录活动", "Log activity"), [(t("类型", "Kind"), kind_box), (t("标题", "Title"), title_edit),
                                                         (t("内容", "Details"), body_edit), (t("日期", "Date"), date_edit),
                                                         (t("附件", "Attachments"), pick)], self)
            if form.exec() != QDialog.DialogCode.Accepted:
                return
            kind, title, body, files = kind_box.currentData(), title_edit.text(), body_edit.toPlainText(), chosen
            day = fmt.py_date(date_edit.date())
        bank, actor, team_id = self.ctx.bank, self.ctx.actor, self.current["id"]
        self.write(lambda: teams.log_activity(bank, actor, team_id, kind, title, body, happened_on=day,
                                              files=files or []), t("活动已记录。", "Activity logged."))


# -- open calls (揭榜挂帅) ---------------------------------------------------------------------------
class CallBoard(_Tab):
    sig_selected = Signal(str)
    """(call id) shown in the detail."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.current: dict[str, Any] | None = None
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(lambda cur, _p: self.show_call(cur.data(ID_ROLE) if cur else None))
        post = QPushButton(t("发布难题…", "Post a problem…"))
        post.setObjectName("primary")
        post.clicked.connect(lambda: self.post())
        post.setVisible(ctx.can("call.post"))
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.heading.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.banner = QVBoxLayout()
        self.apps = _table([t("姓名", "Name"), t("单位", "Unit"), t("技能等级", "Grade"), t("状态", "Status"),
                            t("说明", "Statement")])
        self.apply_button = QPushButton(t("我要揭榜…", "Apply…"))
        self.apply_button.setObjectName("primary")
        self.apply_button.clicked.connect(lambda: self.apply())
        self.accept_button = QPushButton(t("接受", "Accept"))
        self.accept_button.clicked.connect(lambda: self.decide(True))
        self.decline_button = QPushButton(t("谢绝…", "Decline…"))
        self.decline_button.clicked.connect(lambda: self.decide(False))
        left = QVBoxLayout()
        left.addWidget(post)
        left.addWidget(self.list, 1)
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addLayout(self.banner)
        right.addWidget(self.problem)
        right.addWidget(QLabel(f"<b>{t('揭榜申请', 'Applications')}</b>"))
        right.addWidget(self.apps, 1)
        row = QHBoxLayout()
        for b in (self.apply_button, self.accept_button, self.decline_button):
            row.addWidget(b)
        row.addStretch()
        right.addLayout(row)
        right.addWidget(self.message)
        _list_and_detail(self, left, right)
        self.reload()

    def reload(self) -> None:
        keep = self.current["id"] if self.current else None
        self.list.blockSignals(True)
        self.list.clear()
        for c in teams.list_calls(self.ctx.bank):
            item = QListWidgetItem(f"{c['title']}\n{c['state_label']} · {t('截止', 'until')} {c['deadline'][:10]} · "
                                   f"{t('{n} 人揭榜', '{n} applied', n=c['applications'])}")
            item.setData(ID_ROLE, c["id"])
            if c["state"] != "open":
                item.setForeground(self.palette().placeholderText())
            self.list.addItem(item)
            if c["id"] == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if keep is None and self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.show_call(keep)

    def show_call(self, call_id: str | None) -> None:
        while self.banner.count():
            item = self.banner.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        if call_id is None:
            self.current = None
            self.heading.setText(t("还没有榜单。领衔人可以发布难题，职工揭榜。",
                                   "No open calls yet. Leaders post hard problems; workers apply."))
            self.problem.clear()
            _fill(self.apps, [])
            for b in (self.apply_button, self.accept_button, self.decline_button):
                b.setEnabled(False)
            return
        d = self.current = teams.call_detail(self.ctx.bank, call_id)
        self.heading.setText(f"{d['number']}  {d['title']}（{d['kind_label']}，{d['state_label']}）")
        banner = banner_for(self.ctx, call_id)
        if banner is not None:
            self.banner.addWidget(banner)
        self.problem.setText(f"{escape(d['problem'])}<br><span style='color:gray'>{t('发榜人', 'Poster')}："
                             f"{escape(d['poster'] or '-')}　{t('截止', 'Deadline')}：{d['deadline'][:10]}　"
                             f"{t('团队', 'Team')}：{escape(d['team'] or '-')}</span>")
        _fill(self.apps, [[a["name"], a["unit"], a["skill_grade"], a["status_label"], a["statement"]]
                          for a in d["application_list"]])
        me = self.ctx.actor
        may = teams.call_permissions(self.ctx.bank, me, call_id)
        applied = any(a["employee_no"] == me.employee_no for a in d["application_list"])
        offer(self.apply_button, may, "apply")
        if applied:
            self.apply_button.setEnabled(False)
            self.apply_button.setToolTip(t("你已经揭过这个榜了。", "You have already applied to this call."))
        pending = any(a["status"] == "pending" for a in d["application_list"])
        for b in (self.accept_button, self.decline_button):
            if offer(b, may, "decide") and not pending:
                b.setEnabled(False)
                b.setToolTip(t("没有待答复的申请。", "No application is waiting for an answer."))
        self.sig_selected.emit(call_id)

    def post(self, title: str | None = None, problem: str = "", deadline: dt.date | None = None,
             kind: str = "members") -> None:
        if title is None:
            title_edit, problem_edit, date_edit, kind_box = QLineEdit(), QPlainTextEdit(), QDateEdit(), QComboBox()
            date_edit.setCalendarPopup(True)
            date_edit.setDate(QDate(self.ctx.bank.now().date() + dt.timedelta(days=30)))
            for code in teams.CALL_KINDS:
                kind_box.addItem(label(teams.CALL_KINDS, code), code)
            form = _Form(t("发布难题（揭榜挂帅）", "Post a problem (open call)"),
                         [(t("难题", "Problem title"), title_edit), (t("描述", "Description"), problem_edit),
                          (t("类型", "Kind"), kind_box), (t("截止日期", "Deadline"), date_edit)], self)
            if form.exec() != QDialog.DialogCode.Accepted:
                return
            title, problem, kind = title_edit.text(), problem_edit.toPlainText(), kind_box.currentData()
            deadline = fmt.py_date(date_edit.date())
        bank, actor = self.ctx.bank, self.ctx.actor
        self.write(lambda: teams.post_call(bank, actor, title, problem, deadline=deadline, kind=kind),
                   t("榜单已发布。", "Call posted."), done=lambda ch: setattr(self, "current", {"id": ch.value}))

    def apply(self, statement: str | None = None) -> None:
        if not self.current:
            return
        if statement is None:
            statement, ok = QInputDialog.getMultiLineText(self, t("揭榜", "Apply"),
                                                          t("简短说明你的思路或专长：", "A short statement of your approach or skills:"))
            if not ok:
                return
        bank, actor, call_id = self.ctx.bank, self.ctx.actor, self.current["id"]
        self.write(lambda: teams.apply_call(bank, actor, call_id, statement),
                   t("已揭榜，发榜人会收到通知。", "Applied; the poster has been notified."))

    def decide(self, accept: bool, applicant: str | None = None, reason: str | None = None) -> None:
        if not self.current:
            return
        if applicant is None:
            row = self.apps.currentRow()
            if row < 0:
                self.message.setText(t("请先在表中选一位申请人。", "Select an applicant in the table first."))
                return
            applicant = self.current["application_list"][row]["employee_no"]
        if reason is None:
            if accept:
                reason = ""
            else:
                reason, ok = QInputDialog.getText(self, t("谢绝", "Decline"), t("说明（申请人会看到）：", "Note (the applicant sees it):"))
                if not ok:
                    return
        bank, actor, call_id = self.ctx.bank, self.ctx.actor, self.current["id"]
        self.write(lambda: teams.decide_application(bank, actor, call_id, applicant, accept, reason),
                   t("已答复，申请人会收到通知。", "Answered; the applicant has been notified."))


# -- the maker alliance and the skills search ---------------------------------------------------------
class AllianceTab(_Tab):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.specialty = QLineEdit()
        self.specialty.setPlaceholderText(t("专长，例如 继电保护", "specialty, e.g. relay protection"))
        self.grade = QComboBox()
        self.grade.addItem(t("不限等级", "Any grade"), None)
        for g in SKILL_GRADES:
            self.grade.addItem(t("{g}及以上", "{g} or above", g=g), g)
        self.unit = QLineEdit()
        self.unit.setPlaceholderText(t("单位（含下级）", "unit (and below)"))
        self.project = QLineEdit()
        self.project.setPlaceholderText(t("参与过的项目", "past project"))
        self.alliance_only = QCheckBox(t("只看创客联盟", "Alliance only"))
        search = QPushButton(t("找人", "Find"))
        search.setObjectName("primary")
        search.clicked.connect(self.search)
        join = QPushButton(t("加入创客联盟…", "Join the maker alliance…"))
        join.clicked.connect(lambda: self.join())
        form = QHBoxLayout()
        for w in (self.specialty, self.grade, self.unit, self.project, self.alliance_only, search):
            form.addWidget(w)
        self.results = _table([t("工号", "No."), t("姓名", "Name"), t("单位", "Unit"), t("技能等级", "Grade"),
                               t("专长", "Specialty"), t("联盟", "Alliance"), t("项目", "Projects"), t("团队", "Teams")])
        top = QHBoxLayout()
        heading = QLabel(t("创客联盟 · 技能检索", "Maker alliance · skills search"))
        heading.setObjectName("sectionTitle")
        top.addWidget(heading, 1)
        top.addWidget(join)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.message)
        self.search()

    def search(self) -> None:
        self.message.clear()
        try:
            rows = teams.find_people(self.ctx.bank, specialty=self.specialty.text() or None,
                                     min_grade=self.grade.currentData(), unit=self.unit.text() or None,
                                     project=self.project.text() or None, alliance_only=self.alliance_only.isChecked())
        except IdeaBankError as exc:
            self.failed(exc)
            return
        _fill(self.results, [[r["employee_no"], r["name"], r["unit"], r["skill_grade"],
                              "、".join(r["specialties"]), "✓" if r["in_alliance"] else "",
                              f"{r['project_count']}：{'、'.join(r['projects'][:3])}" if r["project_count"] else "",
                              "、".join(r["teams"])] for r in rows])

    def join(self, specialty: str | None = None) -> None:
        if specialty is None:
            specialty, ok = QInputDialog.getText(self, t("加入创客联盟", "Join the maker alliance"), t("你的专长：", "Your specialty:"))
            if not ok:
                return
        bank, actor = self.ctx.bank, self.ctx.actor
        self.write(lambda: teams.join_alliance(bank, actor, specialty), t("已加入创客联盟。", "Joined the maker alliance."))


class TeamsPage(Page):
    """团队: three tabs over the same core."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.teams_tab = TeamsTab(ctx)
        self.calls = CallBoard(ctx)
        self.alliance = AllianceTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.teams_tab, t("团队", "Teams"))
        self.tabs.addTab(self.calls, t("揭榜挂帅", "Open calls"))
        self.tabs.addTab(self.alliance, t("创客联盟", "Maker alliance"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        ctx.sig_changes.connect(self.on_changes)

    def on_changes(self, changes: Changes) -> None:
        if changes.teams or changes.people:
            self.reload()

    def reload(self) -> None:
        self.teams_tab.reload()
        self.calls.reload()

    def select_record(self, entity: str, entity_id: str) -> bool:
        if entity != "call":
            return False
        self.tabs.setCurrentWidget(self.calls)
        for i in range(self.calls.list.count()):
            if self.calls.list.item(i).data(Qt.ItemDataRole.UserRole) == entity_id:
                self.calls.list.setCurrentRow(i)
                self.calls.list.scrollToItem(self.calls.list.item(i))
                return True
        return False


register(PageSpec("teams", QT_TRANSLATE_NOOP("Pages", "Teams"), TeamsPage, order=50, entities=frozenset({"call"}), icon="users-group"))
