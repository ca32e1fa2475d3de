"""Writes the old-schema fixture databases tests/db/test_upgrade_old_schemas.py upgrades.

Run once, at the commit whose newest migration is the newest fixture's revision (0003 when this
was written): `.venv/bin/python tests/db/schemas/make_fixtures.py`. It fills a bank through the
core with rows in every table of that schema (projects at every stage, comments, votes, reviews,
teams with members and logs, open calls with applications, incubation requests with milestones,
attachments, notifications, drafts, audit), saves it as schema_<head>.sqlite, then downgrades
copies to each earlier revision. The files are kept, like Anki's old-format collections: later
code must upgrade them, not regenerate them.
"""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from alembic import command  # noqa: E402

from app.core import attachments, discussion, drafts, incubation, projects, reviews, teams  # noqa: E402
from app.core import people as P  # noqa: E402
from app.core.bank import Bank  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import make_engine, sqlite_url  # noqa: E402

START = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.timezone.utc)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(minutes=7)
        return self.now


def fill(folder: Path) -> Path:
    bank = Bank.open(folder, clock=Clock())
    admin = bank.actor()
    P.add_unit(bank, admin, "国网示范供电公司", "company")
    P.add_unit(bank, admin, "变电运维车间", "workshop", parent="国网示范供电公司")
    P.add_unit(bank, admin, "输电运检车间", "workshop", parent="国网示范供电公司")
    P.add_user(bank, admin, "L001", "王建国", role="leader", unit="变电运维车间", skill_grade="高级技师", password="leader-pass")
    P.add_studio(bank, admin, "王建国劳模创新工作室", "provincial", unit="变电运维车间", leader="L001")
    P.add_user(bank, admin, "W001", "张三", unit="变电运维车间", studio="王建国劳模创新工作室", skill_grade="技师",
               password="worker-pass")
    P.add_user(bank, admin, "W002", "李四", unit="输电运检车间", skill_grade="高级工", password="worker-pass")
    P.add_user(bank, admin, "B001", "赵六", role="base", password="base-pass")
    who = {no: bank.actor(no) for no in ("admin", "L001", "W001", "W002", "B001")}
    base = {"category": "小革新", "background": "雨天巡检时摄像头进水。", "solution": "自动开合的防雨罩。",
            "innovation_points": ["自动开合", "排水结构"], "tags": ["变电站", "巡检机器人"], "expected_benefit": "1.2万"}
    draft = projects.propose(bank, who["W001"], base | {"title": "草稿：绝缘子清扫工具"}).value
    submitted = projects.propose(bank, who["W001"], base | {"title": "已提交：防雨罩改进"}, submit=True).value
    secret = projects.propose(bank, who["W001"], base | {"title": "秘密：继保定值核对", "confidentiality": "secret"},
                              submit=True).value
    adopted = projects.propose(bank, who["W001"], base | {"title": "已采纳：红外测温支架", "co_authors": ["W002"]},
                               submit=True).value
    reviews.review(bank, who["L001"], adopted, decision="adopt", scores={"creativity": 8, "practicality": 9, "economic": 7, "social": 6,
                                                                         "promotion": 7},
                   reason="实用", private_note="内部备注")
    projects.start_review(bank, who["L001"], secret)
    discussion.comment(bank, who["W002"], submitted, "这个想法很好 @张三")
    discussion.vote(bank, who["W002"], submitted)
    discussion.vote(bank, who["L001"], adopted)
    f = folder / "现场照片.txt"
    f.write_text("雨天巡检记录", encoding="utf-8")
    attachments.add(bank, who["W001"], adopted, f)
    drafts.save(bank, who["W002"], {"title": "还没写完的想法", "category": "小建议"})
    team = teams.create_team(bank, who["L001"], "防雨罩攻关队", "tackling", leader="L001",
                             host_unit="变电运维车间", partner_units=["输电运检车间"]).value
    teams.add_member(bank, who["L001"], team, "W001", role="主创", specialty="机械设计")
    teams.add_member(bank, who["L001"], team, "W002", role="试验", specialty="试验")
    teams.link_project(bank, who["L001"], team, adopted)
    teams.log_activity(bank, who["L001"], team, "meeting", "方案讨论", "确定排水结构")
    teams.join_alliance(bank, who["W002"], "无人机巡检")
    call = teams.post_call(bank, who["L001"], "揭榜：防雨罩密封", "密封件老化", deadline="2025-06-30").value
    teams.apply_call(bank, who["W002"], call, "我做过密封试验")
    req = incubation.create(bank, who["L001"], adopted, {
        "services": ["试品加工"], "maturity": "样机", "quantity": 5, "materials": "ABS",
        "budget_lines": [{"item": "材料费", "amount": "2万"}], "target_units": ["输电运检车间"], "market": "省内",
        "ip_ownership": "公司所有", "benefit_sharing": "5%", "risks": "老化",
        "milestones": [{"title": "样机完成", "due_on": "2025-05-20"}]}).value
    incubation.move(bank, who["L001"], req, "submit")
    incubation.accept(bank, who["B001"], req)
    incubation.start(bank, who["B001"], req)
    incubation.update_milestone(bank, who["B001"], req, "样机完成", "外壳已开模", done=True)
    gone = projects.propose(bank, who["W002"], base | {"title": "要删除的草稿"}).value
    projects.delete_project(bank, who["W002"], gone)
    bank.close()
    assert draft and team
    return folder / "ideabank.sqlite"


def _tables(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def main() -> None:
    head = migrate.head_revision()
    with tempfile.TemporaryDirectory() as tmp:
        db = fill(Path(tmp) / "data")
        revision = head
        while revision is not None:
            out = HERE / f"schema_{revision}.sqlite"
            shutil.copyfile(db, out)
            with sqlite3.connect(out) as conn:
                conn.execute("PRAGMA journal_mode=DELETE")
                conn.execute("VACUUM")
            counts = _tables(out)
            empty = sorted(n for n, c in counts.items() if c == 0 and n != "alembic_version")
            print(f"{out.name}: {len(counts)} tables, {sum(counts.values())} rows; empty: {empty or 'none'}")
            revision = migrate.previous_revision(revision)
            if revision is not None:
                engine = make_engine(sqlite_url(db))
                command.downgrade(migrate.alembic_config(engine), revision)
                engine.dispose()


if __name__ == "__main__":
    main()
