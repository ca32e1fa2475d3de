"""Render the main screens in both languages: `python -m app.ui.screenshots OUTDIR`.

`make screenshots` runs it under Xvfb; QT_QPA_PLATFORM=offscreen works too. A throw-away bank is
filled with demo data, then each screen is shown at 1366x768 (the plant-site laptop) and grabbed.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # imported where used, after the work-around below
    from PySide6.QtWidgets import QApplication, QWidget

    from app.core.actor import Actor
    from app.core.bank import Bank
    from app.ui.main_window import MainWindow
    from app.ui.pages import Page

SIZE = (1366, 768)  # the common plant-site laptop
WIDE = (1920, 1080)
Save = Callable[["QWidget", str], None]  # save(widget, name): grab it into OUTDIR/name.png
_P = TypeVar("_P", bound="Page")


def _page(win: MainWindow, key: str, kind: type[_P]) -> _P:
    """A page of the window, as its own class."""
    page = win.page(key)
    assert isinstance(page, kind), key  # each page shown here is one the person signed in has
    return page


def _settle(app: QApplication, rounds: int = 5) -> None:
    import time
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.02)


def _prepare(bank: Bank) -> dict[str, Any]:
    """Demo data plus a few steps that leave notices and a queue, so no screen is empty."""
    from sqlalchemy import select

    from app.core import demo, discussion, projects, reviews
    from db.models import Studio, User
    admin = bank.actor()
    demo.generate(bank, admin, 600, seed=7)
    with bank.session() as s:
        studio = s.scalars(select(Studio).where(Studio.leader_id.is_not(None)).order_by(Studio.name)).first()
        assert studio is not None  # the demo's studios have leaders
        leader_user = s.get(User, studio.leader_id)
        assert leader_user is not None
        leader_no = leader_user.employee_no
        worker_no = s.scalars(select(User.employee_no).where(User.studio_id == studio.id, User.role == "worker")
                              .order_by(User.employee_no)).first()
        assert worker_no is not None  # and workers
    leader, worker = bank.actor(leader_no), bank.actor(worker_no)
    base = {"category": "小革新", "background": "电缆沟盖板每块重约 60 公斤，两人抬运费力，曾发生砸伤手脚的情况。",
            "solution": "设计液压夹持式搬运小车，一人即可完成盖板的提起、移动和复位。",
            "innovation_points": ["液压夹持，不伤盖板", "可调轮距，适应不同沟宽", "折叠收纳，便于携带"],
            "expected_benefit": "3.6万", "tags": ["电缆沟", "安全"]}
    first = projects.propose(bank, worker, base | {"title": "电缆沟盖板省力搬运小车"}, submit=True).value
    second = projects.propose(bank, worker, base | {"title": "变电站巡检机器人防雨罩改进"}, submit=True).value
    third = projects.propose(bank, worker, base | {"title": "配电箱门锁防锈改造"}, submit=True).value
    discussion.comment(bank, leader, first, f"思路很好，建议补充实测数据。@{worker.name}")
    reviews.review(bank, leader, second, scores={"creativity": 8, "practicality": 9, "economic": 7, "social": 7,
                                                 "promotion": 8}, decision="adopt", reason="实用性强，工作室推广使用。")
    reviews.review(bank, leader, third, scores={"creativity": 4, "practicality": 5}, decision="not_adopt",
                   reason="已有非常相似的项目，欢迎加入该项目并补充经验。")
    _teams_and_incubation(bank, leader, worker, studio.name, second)
    return {"leader": leader, "worker": worker, "first": first}


def _teams_and_incubation(bank: Bank, leader: Actor, worker: Actor, studio: str, adopted: str) -> None:
    """A team, an open call with an applicant, and incubation requests at several steps, so the
    teams, incubation and warnings pages show what they are for."""
    import datetime as dt

    from sqlalchemy import select

    from app.core import incubation, teams
    from db.models import Project, User
    today = bank.now().date()
    with bank.session() as s:
        base_no = s.scalars(select(User.employee_no).where(User.role == "base").order_by(User.employee_no)).first()
        more = list(s.scalars(select(Project.id).where(Project.status == "adopted", Project.studio_id == leader.studio_id,
                                                       Project.id != adopted).order_by(Project.number).limit(2)))
    assert base_no is not None  # the demo has incubation base staff
    base = bank.actor(base_no)
    teams.create_team(bank, leader, "电缆沟盖板搬运攻关队", "tackling", studio=studio, projects=[adopted],
                      problem="盖板重、沟边不平，人工抬运易伤手脚。")
    teams.add_member(bank, leader, "电缆沟盖板搬运攻关队", worker.employee_no, role="机构设计")
    teams.post_call(bank, leader, "变电站巡检机器人雨天防护揭榜", "雨天巡检时摄像头进水，求防护方案或攻关成员。",
                    deadline=today + dt.timedelta(days=20), kind="solutions")
    call = next(c for c in teams.list_calls(bank) if c["title"] == "变电站巡检机器人雨天防护揭榜")  # the demo has others
    teams.apply_call(bank, worker, call["id"], "有防雨罩改造经验，已在两座变电站试用。")
    plan = {"services": ["试品加工", "量化生产"], "maturity": "样机", "quantity": 20, "materials": "铝合金型材、液压缸",
            "budget_lines": [{"item": "材料费", "amount": "1.5万"}, {"item": "加工费", "amount": 6000}],
            "market": "省内供电公司", "ip_ownership": "公司所有，发明人署名", "benefit_sharing": "节约额的 5% 奖励团队",
            "risks": "液压件密封老化",
            "milestones": [{"title": "样机完成", "due_on": (today - dt.timedelta(days=5)).isoformat()},
                           {"title": "小批量试用", "due_on": (today + dt.timedelta(days=60)).isoformat()}]}
    for step, pid in zip(("in_progress", "submitted", "draft"), [adopted] + more):  # all adopted projects
        rid = incubation.create(bank, leader, pid, plan).value
        if step != "draft":
            incubation.submit(bank, leader, rid)
        if step == "in_progress":
            incubation.accept(bank, base, rid)
            incubation.start(bank, base, rid)


def _trust_two_sites(bank: Bank, folder: Path) -> None:
    """Two other sites that this one trusts, for the site identity and package dialogs."""
    from app.core.bank import Bank
    from app.sync import identity, trust
    identity.rename(bank, bank.actor(), "国网示范供电公司本部")
    for name in ("高山变电站", "输电运检一班"):
        other = Bank.open(folder / name)
        identity.rename(other, other.actor(), name)
        trust.export_key(other, folder / f"{name}.ibkey")
        trust.trust(bank, bank.actor(), folder / f"{name}.ibkey")
        other.close()


def _collide(bank: Bank, folder: Path, people: dict[str, Any]) -> None:
    """Another site that changed the same project at the same time, for the conflicts page and
    the status bar's last sync."""
    from app.core import projects
    from app.core.bank import Bank
    from app.sync import changeset
    from app.sync.hub import LAST_SYNC
    from db.models import Setting
    other = Bank.open(folder / "plant-laptop")
    changeset.apply(other, changeset.collect(bank, 0, for_site=other.site_id), blob=lambda sha: None)
    leader = people["leader"]
    projects.edit(bank, leader, people["first"], {"title": "电缆沟盖板省力搬运小车（改进型）", "expected_benefit": "4万"})
    projects.edit(other, other.actor(leader.employee_no), people["first"],
                  {"title": "电缆沟盖板液压搬运小车", "expected_benefit": "5.2万"})
    for src, dst in ((other, bank), (bank, other)):
        changeset.apply(dst, changeset.collect(src, 0, for_site=dst.site_id), blob=lambda sha: None)
    other.close()
    with bank.write(stamp=False) as s:
        s.add(Setting(key=LAST_SYNC, value={"hub": other.site_id, "at": bank.now().isoformat(), "pushed": 12,
                                            "pulled": 340, "conflicts": 2, "rejected": 0}))


def _site_dialogs(bank: Bank, save: Save, lang: str) -> None:
    """Tools → Site identity… and Export package… as the administrator."""
    from app.ui.context import UiContext
    from app.ui.dialogs.package import PackageExportDialog
    from app.ui.dialogs.site import SiteDialog
    ctx = UiContext(bank, bank.actor())
    site = SiteDialog(ctx)
    site.show()
    ctx.worker.wait()
    save(site, f"site_{lang}")
    site.close()
    export = PackageExportDialog(ctx)
    export.show()
    save(export, f"package_export_{lang}")
    export.close()
    ctx.worker.wait()


def organisation_screens(bank: Bank, save: Save, suffix: str, tmp: Path) -> None:
    """Organisation page (people and studios), a studio's settings (with its and the site's unit
    targets), the workbook import's report and the first-run wizard, at 1366x768, named `<screen>_<suffix>`."""
    from openpyxl import Workbook
    from PySide6.QtWidgets import QApplication

    from app.ui.context import UiContext
    from app.ui.dialogs.org_import import ImportDialog
    from app.ui.dialogs.studio_settings import StudioSettingsDialog
    from app.ui.dialogs.unit_targets import TARGET, UnitTargetsSection
    from app.ui.first_run import P_ADMIN, P_SETUP, AdminPage, FirstRunWizard
    from app.ui.main_window import MainWindow
    from app.ui.pages.organisation import OrganisationPage
    ctx = UiContext(bank, bank.actor())
    win = MainWindow(ctx, start_search=False)
    win.resize(*SIZE)
    win.show()
    win.show_page("organisation")
    page = _page(win, "organisation", OrganisationPage)
    ctx.reader.wait()
    app = QApplication.instance()
    assert isinstance(app, QApplication)  # render() made it
    _settle(app)
    page.tabs.setCurrentIndex(2)
    page.people_table.selectRow(1)
    save(win, f"organisation_people_{suffix}")
    page.tabs.setCurrentIndex(1)
    save(win, f"organisation_studios_{suffix}")
    page.tabs.setCurrentIndex(0)
    save(win, f"organisation_units_{suffix}")
    dlg = StudioSettingsDialog(ctx, page.studios[0], win)
    dlg.show()
    save(dlg, f"studio_settings_{suffix}")
    dlg.tabs.setCurrentIndex(1)
    save(dlg, f"studio_templates_{suffix}")
    dlg.close()
    for name, studio in (("studio_targets", page.studios[0]), ("site_targets", None)):  # figures from the reader
        targets = StudioSettingsDialog(ctx, studio, win, section="targets")
        targets.show()
        section = targets.sections["targets"]
        assert isinstance(section, UnitTargetsSection)  # the section registered under "targets"
        while section.view is None:
            _settle(app, 1)
        if studio is None:  # the demo's crews with a target they are behind on
            section.behind_only.setChecked(True)
        elif section.cells:  # a target being typed: what it means by today shows at once
            section.default.setValue(1)
            section.cells[-1][TARGET].setText("3")
        save(targets, f"{name}_{suffix}")
        targets.close()
    book = tmp / f"workbook-{suffix}.xlsx"
    wb = Workbook()
    ws = wb.worksheets[0]  # the sheet a new workbook opens on (`active`, typed as possibly none)
    ws.title = "人员"
    ws.append(["工号", "姓名", "单位", "技能等级"])
    ws.append(["0012301", "周新", page.units[-1]["name"], "技师"])
    ws.append(["0012302", "吴强", "不存在的班组", "高级工"])
    ws.append(["0012303", "郑敏", page.units[-1]["name"], "大师"])
    wb.save(book)
    report = ImportDialog(ctx, book, win)
    report.show()
    ctx.worker.wait()
    save(report, f"people_import_{suffix}")
    report.close()
    win.close()
    ctx.worker.wait()
    ctx.reader.wait()
    wizard = FirstRunWizard(tmp / "新数据文件夹")
    wizard.resize(*SIZE)
    wizard.show()
    save(wizard, f"wizard_folder_{suffix}")
    wizard.next()
    save(wizard, f"wizard_setup_{suffix}")
    wizard.next()
    admin = wizard.page(P_ADMIN)
    assert isinstance(admin, AdminPage)
    admin.name.setText("张工")
    save(wizard, f"wizard_admin_{suffix}")
    assert wizard.currentId() in (P_SETUP, P_ADMIN)
    wizard.close()
    import shiboken6
    shiboken6.delete(wizard)  # at once (see app/ui/main.py first_run)


def _keep_none_alive() -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a method that returns
    nothing (300,000 QLabel.setText calls end in "Fatal Python error: none_dealloc"); this long
    screenshot run makes hundreds of thousands of such calls. Give None references to spare, as
    Python 3.12 makes it immortal. Only for this tool; reported for the program itself."""
    import ctypes
    if sys.version_info < (3, 12):
        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


def _analytics_shots(app: QApplication, win: MainWindow, save: Save, suffix: str, tabs: bool = True) -> None:
    """The analytics page (its tabs, when asked) and the studio compliance page for this year (the
    demo's period ends today), each once its figures came from the reader thread."""
    import time

    from app.ui.pages.analytics import AnalyticsPage
    from app.ui.pages.compliance import CompliancePage
    win.show_page("stats")
    page = _page(win, "stats", AnalyticsPage)
    while page.report is None or page.ctx.reader.busy or page._debounce.isActive():
        app.processEvents()
        time.sleep(0.01)
    shots = [(0, "stats"), (1, "stats_units"), (3, "stats_trend"), (4, "stats_benefit")] if tabs else [(0, "stats")]
    for index, name in shots:
        page.tabs.setCurrentIndex(index)
        save(win, f"{name}_{suffix}")
    page.tabs.setCurrentIndex(0)
    win.show_page("compliance")
    compliance = _page(win, "compliance", CompliancePage)
    year = compliance.ctx.bank.now().year
    compliance.year.setCurrentIndex(compliance.year.findData(year))
    while not compliance.entries or compliance.entries[0]["year"] != year or compliance.ctx.reader.busy \
            or not compliance.sheets:
        app.processEvents()
        time.sleep(0.01)
    save(win, f"compliance_{suffix}")
    compliance.ctx.reader.wait()


def _desk_shots(app: QApplication, win: MainWindow, save: Save, suffix: str) -> None:
    from app.ui.pages.campaigns import CampaignsPage
    from app.ui.pages.dispatch import DispatchPage
    win.show_page("dispatch")
    page = _page(win, "dispatch", DispatchPage)
    while page.task is None or page.ctx.reader.busy:
        _settle(app, 1)
    save(win, f"dispatch_{suffix}")
    win.show_page("campaigns")
    campaigns = _page(win, "campaigns", CampaignsPage)
    while campaigns.table.rowCount() == 0 or campaigns.ctx.reader.busy:
        _settle(app, 1)
    campaigns.table.selectRow(0)
    while campaigns.ledger is None or campaigns.ctx.reader.busy:
        _settle(app, 1)
    save(win, f"campaigns_{suffix}")


def _ledger_records(bank: Bank, leader: Actor) -> None:
    """A few records in the leader's studio's ledger, so the compliance page shows one kept."""
    from app.core import ledger
    assert leader.studio_id is not None  # a studio's leader
    for kind, title, day, people in (("study", "继电保护新规程学习", "2025-03-12", 18),
                                     ("activity", "创新成果交流会", "2025-06-20", 35),
                                     ("reward", "年度创新奖励", "2025-12-10", 6)):
        ledger.add_record(bank, leader, leader.studio_id, kind, title, day, participants=people)


def render(out: Path, languages: list[str]) -> list[Path]:
    _keep_none_alive()
    from app.ui.main import make_app
    app = make_app([], "zh_CN", "light")
    from PySide6.QtCore import QCoreApplication, QSettings

    from app.core.bank import Bank
    from app.ui import i18n
    from app.ui.context import UiContext
    from app.ui.dialogs.propose import ProposeDialog
    from app.ui.dialogs.review import ReviewDialog
    from app.ui.dialogs.signin import SignInDialog
    from app.ui.main_window import MainWindow
    from app.ui.pages.conflicts import ConflictsPage
    from app.ui.pages.projects import ProjectsPage

    QCoreApplication.setOrganizationName("IdeaBankScreenshots")
    tmp = Path(tempfile.mkdtemp(prefix="ideabank-shots-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    bank = Bank.open(tmp / "data")
    people = _prepare(bank)
    _ledger_records(bank, people["leader"])
    # the desk pages' task and campaign come with the demo data (app/core/demo_desk.py)
    _trust_two_sites(bank, tmp)
    _collide(bank, tmp, people)
    from app.ui.search_box import Searcher, make_service
    service = make_service(bank)
    if service is not None:
        service.ensure_ready()
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(widget: QWidget, name: str) -> None:
        _settle(app)
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        written.append(path)

    for lang in languages:
        i18n.install(app, lang)
        # sign-in
        dlg = SignInDialog(bank)
        dlg.number.setText(people["worker"].employee_no)
        dlg.show()
        save(dlg, f"signin_{lang}")
        dlg.close()
        # main window as the leader, a project selected
        ctx = UiContext(bank, people["leader"])
        win = MainWindow(ctx, start_search=False)
        win.resize(*SIZE)
        win.show()
        page = _page(win, "bank", ProjectsPage)
        page.select(people["first"])
        page.detail.tabs.setCurrentIndex(0)
        save(win, f"main_{lang}")
        page.detail.tabs.setCurrentIndex(2)
        save(win, f"discussion_{lang}")
        win.show_page("review")
        save(win, f"review_queue_{lang}")
        _analytics_shots(app, win, save, lang)
        _desk_shots(app, win, save, lang)
        for key in ("idea_board", "teams", "incubation", "warnings"):
            win.show_page(key)
            ctx.reader.wait()
            save(win, f"{key}_{lang}")
        win.show_page("studios")
        save(win, f"studios_{lang}")
        win.show_page("conflicts")
        _page(win, "conflicts", ConflictsPage).table.selectRow(0)
        save(win, f"conflicts_{lang}")
        # propose form, half filled, one field wrong
        wctx = UiContext(bank, people["worker"])
        if service is not None:
            wctx.searcher = Searcher(wctx)
            wctx.searcher.service, wctx.searcher.ready = service, True
        form = ProposeDialog(wctx)
        form.resize(*SIZE)
        form.title.setText("电缆沟盖板省力搬运小车（第二版）")
        form.category.setCurrentIndex(form.category.findData("innovation"))
        form.background.setPlainText("现有搬运小车在沟边不平时容易侧翻。")
        form.points[0].setText("加宽底盘")
        form.benefit.setText("很多")
        for key in ("title", "background", "innovation_points", "expected_benefit"):
            form._edited(key)
        form.show()
        form._find_similar()
        wctx.reader.wait()
        save(form, f"propose_{lang}")
        form._dirty = False
        form.close()
        wctx.worker.wait()
        # review form
        review = ReviewDialog(ctx, people["first"])
        review.resize(*SIZE)
        for key, v in zip(review.scores, (8, 9, 7, 6, 8)):
            review.scores[key].setValue(v)
        review.show()
        save(review, f"review_{lang}")
        review.close()
        win.close()
        ctx.worker.wait()
        # the author's inbox
        actx = UiContext(bank, people["worker"])
        awin = MainWindow(actx, start_search=False)
        awin.resize(*SIZE)
        awin.show()
        awin.show_page("inbox")
        save(awin, f"inbox_{lang}")
        awin.close()
        actx.worker.wait()
        _site_dialogs(bank, save, lang)
        organisation_screens(bank, save, lang, tmp)
    # the dark theme once, in Chinese
    from app.ui import theme
    i18n.install(app, "zh_CN")
    theme.apply(app, "dark")
    dctx = UiContext(bank, people["leader"])
    dwin = MainWindow(dctx, start_search=False)
    dwin.resize(*SIZE)
    dwin.show()
    _page(dwin, "bank", ProjectsPage).select(people["first"])
    save(dwin, "main_dark_zh_CN")
    dwin.close()
    for lang in languages:
        i18n.install(app, lang)
        organisation_screens(bank, save, f"dark_{lang}", tmp)
    for lang in languages:  # the analytics and compliance pages in the dark theme, in both languages
        i18n.install(app, lang)
        dctx = UiContext(bank, people["leader"])
        dwin = MainWindow(dctx, start_search=False)
        dwin.resize(*SIZE)
        dwin.show()
        _analytics_shots(app, dwin, save, f"dark_{lang}", tabs=False)
        dwin.show_page("idea_board")
        save(dwin, f"idea_board_dark_{lang}")
        dwin.close()
        dctx.worker.wait()
    for name in theme.THEMES:  # the main window on a full-HD screen too, both themes and languages
        theme.apply(app, name)
        for lang in languages:
            i18n.install(app, lang)
            wctx = UiContext(bank, people["leader"])
            wide = MainWindow(wctx, start_search=False)
            wide.resize(*WIDE)
            wide.show()
            _page(wide, "bank", ProjectsPage).select(people["first"])
            save(wide, f"main_1920_{name}_{lang}")
            wide.close()
            wctx.worker.wait()
    i18n.install(app, "zh_CN")
    theme.apply(app, "light")
    bank.close()
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("outdir", type=Path)
    p.add_argument("--lang", action="append", choices=["zh_CN", "en"])
    args = p.parse_args(argv)
    for path in render(args.outdir, args.lang or ["zh_CN", "en"]):
        print(path)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # Every file is written and closed: leave without the interpreter's final collection, where
    # PySide6 6.12 on Python 3.11 can abort on a miscounted True/False after this long run
    # (the same reference bug as _keep_none_alive; ideabank-gui --self-test leaves the same way).
    os._exit(code)
