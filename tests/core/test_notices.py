"""Notices and history are stored as codes and put into words when read: the same notice reads in
Chinese and in English; notices written as sentences before 0009_loop are turned into codes."""
from __future__ import annotations

import importlib.util
import shutil
import sqlite3
from pathlib import Path

from app.core import i18n, inbox, projects, reviews
from app.core.bank import Bank
from app.core.paths import DB_FILE

MIGRATION = Path(__file__).parents[2] / "db" / "migrations" / "versions" / "0009_loop.py"
FIXTURE = Path(__file__).parents[1] / "db" / "schemas" / "schema_0003.sqlite"
SCORES = {"creativity": 8, "practicality": 9, "economic": 7, "social": 6, "promotion": 7}


def _migration():
    spec = importlib.util.spec_from_file_location("m0009", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_notice_written_in_chinese_reads_in_english(bank, people, draft_data):
    draft_data = draft_data | {"title": "Rain cover"}  # a title with no Chinese in it
    pid = projects.propose(bank, people["W001"], draft_data, submit=True).value
    reviews.review(bank, people["L001"], pid, scores=SCORES, decision="not_adopt", reason="重复")
    try:
        i18n.set_language("en")
        texts = [n.message for n in inbox.notices(bank, people["W001"])]
        assert "'Rain cover': Under review → Not adopted (by 王建国). Reason: 重复" in texts
        [leader_notice] = inbox.notices(bank, people["L001"])
        assert leader_notice.message == "张三 submitted a new idea for your review: 'Rain cover'."
        history = projects_history(bank, people["W001"], pid)
        assert ("Not adopt", "Status: Under review → Not adopted") in history
        assert ("Not adopt", "Reason: 重复") in history
    finally:
        i18n.set_language("zh_CN")
    assert ("不采纳", "状态：评审中 → 未采纳") in projects_history(bank, people["W001"], pid)


def projects_history(bank, actor, pid):
    from app.core.queries import project_detail
    return [(h["what"], h["change"]) for h in project_detail(bank, actor, pid)["history"]]


def test_the_migration_reads_the_programs_old_sentences():
    parse = _migration().parse
    assert parse("“防雨罩”：评审中 → 已采纳（王建国）。理由：实用") == (
        "project_status", {"title": "防雨罩", "old": "under_review", "new": "adopted", "who": "王建国", "reason": "实用"})
    assert parse("'Cover': Submitted → Under review (by Wang)") == (
        "project_status", {"title": "Cover", "old": "submitted", "new": "under_review", "who": "Wang"})
    assert parse("孵化委托“样机”：已提交 → 已受理（赵六）")[0] == "incubation_status"
    assert parse("孵化委托“样机”里程碑“试制”有新进展：已完成") == (
        "milestone_update", {"title": "样机", "milestone": "试制", "note": "", "done": True})
    assert parse("李四 在“防雨罩”中提到了你：@张三 好") == ("mention", {"who": "李四", "title": "防雨罩", "body": "@张三 好"})
    assert parse("你对“难题”的揭榜未被接受。说明：人已够") == ("call_declined", {"title": "难题", "reason": "人已够"})
    assert parse("你的项目“甲”与“乙”重复，已由王五合并到“乙”：点赞、评论和作者已一并转入。如有异议，请联系工作室领衔人撤销合并。") == (
        "project_merged", {"m": "甲", "s": "乙", "who": "王五"})
    assert parse("你的项目“甲”与“乙”重复，已由王五合并到“丙”：点赞、评论和作者已一并转入。如有异议，请联系工作室领衔人撤销合并。") is None
    assert parse("随便写的一句话") is None


def test_old_notices_are_upgraded_to_codes(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(FIXTURE, folder / DB_FILE)
    with sqlite3.connect(folder / DB_FILE) as conn:
        old = conn.execute("SELECT count(*) FROM notifications").fetchone()[0]
    bank = Bank.open(folder)
    try:
        with sqlite3.connect(folder / DB_FILE) as conn:
            rows = conn.execute("SELECT code, message FROM notifications").fetchall()
        assert len(rows) == old and all(code for code, _ in rows), rows
        i18n.set_language("en")
        from db.models import Notification, User
        with bank.session() as s:
            stored = {n.id: n.message for n in s.query(Notification)}
            people = {s.get(User, n.user_id).employee_no for n in s.query(Notification)}
        shown = {n.id: n.message for no in people for n in inbox.notices(bank, bank.actor(no))}
        assert shown.keys() == stored.keys()
        assert all(shown[k] != stored[k] for k in stored), shown  # every one now reads in English
    finally:
        i18n.set_language("zh_CN")
        bank.close()
