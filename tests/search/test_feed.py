"""The index follows the database: its cursor on the change sequence, crash recovery, rebuilds,
attachments, merges, and two workstations on one PostgreSQL hub."""
import errno
import io
import zipfile

import pytest

from app.core import discussion, projects
from app.search import feed
from app.search.service import SearchService, SearchUnavailable


def propose(bank, actor, title, background="", submit=False, **more):
    data = {"title": title, "category": "invention", "background": background, **more}
    return projects.propose(bank, actor, data, submit=submit).value


def behind(bank, service):
    """How many projects changed after the index's cursor (what the next sync would index)."""
    cursor = feed.read_cursor(service.index)
    committed, _ = feed._counter(bank)
    return len(feed.changed_projects(bank, cursor.seq, committed))


@pytest.fixture
def service(bank, people):
    svc = SearchService(bank)
    yield svc
    svc.close()


def titles(page):
    return [r.title for r in page.rows]


def test_first_search_builds_the_index_then_follows_each_change(bank, people, service):
    w = people["W001"]
    pid = propose(bank, w, "油浸式变压器漏油监测装置", "变压器渗漏油难以发现")
    page = service.search("变压器")
    assert titles(page) == ["油浸式变压器漏油监测装置"]
    assert page.rows[0].snippet.spans and behind(bank, service) == 0
    projects.edit(bank, w, pid, {"title": "断路器储能电机过热报警"})
    assert titles(service.search("断路器")) == ["断路器储能电机过热报警"]
    assert titles(service.search("油浸式")) == []
    discussion.comment(bank, w, pid, "建议在110kV变电站推广")  # a draft: only its authors may comment
    assert titles(service.search("110kV")) == ["断路器储能电机过热报警"]
    assert behind(bank, service) == 0


def test_people_studio_unit_by_name_and_pinyin(bank, people, service):
    propose(bank, people["W001"], "接地线挂拆二维码管理", co_authors=["W002"])
    for q in ("zhangsan", "zs", "张三", "lisi", "工作室:王建国", "王建国劳模创新工作室", "变电运维车间"):
        assert titles(service.search(q)) == ["接地线挂拆二维码管理"], q


def test_crash_between_db_commit_and_index_update_is_repaired_on_next_start(bank, people, tmp_path):
    w = people["W001"]
    first = SearchService(bank)
    propose(bank, w, "配电房除湿改造")
    first.ensure_ready()
    assert titles(first.search("除湿")) == ["配电房除湿改造"]
    # the process "dies" after core committed and before the index update
    pid = propose(bank, w, "电缆沟防小动物封堵")
    projects.edit(bank, w, feed.docs_for_ids(bank, [pid])[0][0].id, {"background": "防火泥封堵老鼠洞"})
    assert behind(bank, first) == 1
    first.close()
    # next start: the cursor is still below those changes, and syncing repairs the index
    second = SearchService(bank)
    assert titles(second.search("防火泥")) == ["电缆沟防小动物封堵"]
    assert behind(bank, second) == 0
    second.close()


def test_queue_rows_survive_a_failed_index_update(bank, people, service, monkeypatch):
    service.ensure_ready()
    propose(bank, people["W001"], "开关柜凝露治理")

    def boom(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(service.index, "update", boom)
    with pytest.raises(SearchUnavailable, match="磁盘已满|disk is full"):
        service.sync()
    assert behind(bank, service) == 1  # not forgotten
    monkeypatch.undo()
    assert service.sync() == 1 and behind(bank, service) == 0
    assert titles(service.search("凝露")) == ["开关柜凝露治理"]


def test_garbled_index_is_rebuilt_on_open_and_nothing_is_lost(bank, people):
    w = people["W001"]
    for title in ("无人机巡检输电线路", "安全工器具智能柜", "继电保护定值核对"):
        propose(bank, w, title)
    svc = SearchService(bank)
    svc.ensure_ready()
    svc.close()
    for f in svc.index_dir.iterdir():
        f.write_bytes(b"not an index")
    again = SearchService(bank)
    assert again.needs_rebuild()
    assert titles(again.search("工器具")) == ["安全工器具智能柜"]
    assert again.index.doc_count() == 3
    again.close()


def test_delete_and_merge_leave_the_index(bank, people, service):
    w, leader = people["W001"], people["L001"]
    whole = {"solution": "贴片随温度变色。", "innovation_points": ["变色测温"], "submit": True}
    a = propose(bank, w, "变压器测温贴片改进", "测温靠人工。", **whole)  # submitted: the leader may merge them
    b = propose(bank, w, "变压器测温贴片优化", "测温靠人工。", **whole)
    c = propose(bank, w, "草稿里的变压器想法")
    assert len(service.search("测温").rows) == 2
    projects.merge(bank, leader, a, b)
    assert [r.id for r in service.search("测温").rows] == [a]
    projects.delete_project(bank, w, c)
    assert [r.id for r in service.search("变压器").rows] == [a]


def test_similar_by_id_and_by_draft_text(bank, people, service):
    w = people["W001"]
    a = propose(bank, w, "变压器油位在线监测报警", "油浸式变压器渗漏油，油位下降无人发现")
    propose(bank, w, "变压器漏油报警装置", "变压器油位传感器实时报警渗漏油")
    propose(bank, w, "安全帽佩戴识别", "摄像头识别未戴安全帽")
    sim = service.similar(project_id=a)
    assert titles(sim)[:1] == ["变压器漏油报警装置"] and a not in [r.id for r in sim.rows]
    draft = service.similar(text="我想做一个变压器漏油的报警器")
    assert titles(draft)[0] in ("变压器漏油报警装置", "变压器油位在线监测报警")


def test_reindex_reports_progress_and_cancel_keeps_the_old_index(bank, people, service):
    from app.search.index import Cancelled
    from app.search.schema import SearchDoc

    for i in range(3):
        propose(bank, people["W001"], f"巡检机器人改进{i}")
    seen = []
    assert service.reindex(progress=lambda done, total: seen.append((done, total))) == 3
    assert seen[-2:] == [(3, 0), (3, 3)]  # all handed over, the index being written (no measure), done
    docs = list(feed.iter_all_docs(bank)) + [SearchDoc(f"x{i}", "填充") for i in range(600)]
    with pytest.raises(Cancelled):
        service.index.rebuild(docs, cancel=lambda: True)
    assert service.search("巡检机器人").total == 3
    assert service.search("填充").total == 0


def _docx(text):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml",
                   '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                   f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>")
    return buf.getvalue()


def _pdf(text):
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, text)
    c.save()
    return buf.getvalue()


def test_attachment_text_is_searched(bank, people, service, tmp_path):
    from app.core import attachments

    w = people["W001"]
    pid = propose(bank, w, "附件测试项目")
    files = {"说明.txt": "六氟化硫泄漏检测".encode("gb18030"), "方案.docx": _docx("紫外成像定位电晕"),
             "report.pdf": _pdf("Partial discharge UHF sensor")}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        attachments.add(bank, w, pid, tmp_path / name)
    service.sync()  # an attachment's row is numbered like its project's: no rebuild needed
    for q in ("六氟化硫", "紫外成像", "UHF", "discharge"):
        assert [r.id for r in service.search(q).rows] == [pid], q


def test_a_writer_held_elsewhere_never_surfaces_as_an_error(bank, people, service, monkeypatch):
    from whoosh import index as whoosh_index

    import app.search.index as index_module

    service.ensure_ready()
    monkeypatch.setattr(index_module, "WRITE_TIMEOUT", 0.2)
    other = whoosh_index.open_dir(str(service.index_dir)).writer()  # another process's writer
    try:
        propose(bank, people["W001"], "避雷器计数器远传")
        assert service.sync() == 0 and behind(bank, service) == 1  # waits, gives up quietly, keeps the cursor
        assert service.search("断路器").total == 0       # searching still works meanwhile
    finally:
        other.cancel()
    assert service.sync() == 1 and behind(bank, service) == 0
    assert titles(service.search("避雷器")) == ["避雷器计数器远传"]


def test_an_index_without_a_cursor_or_of_another_database_is_rebuilt(bank, people, tmp_path):
    from app.core.bank import Bank

    propose(bank, people["W001"], "主变冷却器控制回路改造")
    svc = SearchService(bank)
    svc.ensure_ready()
    svc.close()
    (svc.index_dir / feed.CURSOR_FILE).unlink()  # e.g. an index made by a version with the queue
    again = SearchService(bank)
    assert titles(again.search("冷却器")) == ["主变冷却器控制回路改造"]
    assert feed.read_cursor(again.index).database == bank.site_id
    again.close()
    # the same index folder used over another database: its cursor means nothing there
    other = Bank.open(tmp_path / "other")
    try:
        foreign = SearchService(other, index_dir=svc.index_dir)
        assert foreign.search("冷却器").total == 0
        assert feed.read_cursor(foreign.index).database == other.site_id
        foreign.close()
    finally:
        other.close()


def test_the_cursor_is_recorded_in_the_database_for_pruning(bank, people, service):
    from db.models import Project, SyncCursor

    pid = propose(bank, people["W001"], "绝缘子清扫机器人")
    service.ensure_ready()
    cursor = feed.read_cursor(service.index)
    with bank.session() as s:
        row = s.get(SyncCursor, f"index:{cursor.index_id}")
        assert row is not None and s.get(Project, pid).seq <= row.seq == cursor.seq


@pytest.mark.postgres
def test_two_workstations_on_one_hub_both_find_each_others_changes(postgres_db, tmp_path, clock):
    """Each workstation has its own data folder and index over the shared database; a reader
    deletes nothing, so a change made on either is found on both, at once."""
    import time

    from app.core import people as P
    from app.core.bank import Bank

    a_bank = Bank.open(tmp_path / "a", postgres_db, clock=clock)
    b_bank = Bank.open(tmp_path / "b", postgres_db, clock=clock)
    a, b = SearchService(a_bank), SearchService(b_bank)
    try:
        admin = a_bank.actor()
        P.add_user(a_bank, admin, "W9", "周八")
        a_worker, b_worker = a_bank.actor("W9"), b_bank.actor("W9")
        assert a.search("避雷器").total == 0 and b.search("避雷器").total == 0  # both indexes built
        pid_a = propose(a_bank, a_worker, "避雷器在线监测")
        began = time.perf_counter()
        assert titles(b.search("避雷器")) == ["避雷器在线监测"]
        assert time.perf_counter() - began < 1.0
        assert titles(a.search("避雷器")) == ["避雷器在线监测"]
        pid_b = propose(b_bank, b_worker, "避雷器放电计数器")
        discussion.comment(b_bank, b_worker, pid_a, "建议加装泄漏电流表")
        assert {r.id for r in a.search("避雷器").rows} == {pid_a, pid_b}
        assert [r.id for r in a.search("泄漏电流表").rows] == [pid_a]
        assert {r.id for r in b.search("避雷器").rows} == {pid_a, pid_b}
        projects.delete_project(a_bank, a_worker, pid_a)
        assert [r.id for r in b.search("避雷器").rows] == [pid_b]
    finally:
        a.close()
        b.close()
        a_bank.close()
        b_bank.close()


def _index_files(service):
    return {f.name: f.stat().st_mtime_ns for f in service.index_dir.iterdir()}


def test_a_bug_in_a_query_is_reported_and_the_index_left_alone(bank, people, service, monkeypatch, caplog):
    """A TypeError injected in the top-k path used to count as corruption: three queries, three
    full rebuilds, each ending in "reindex"."""
    from app.search import topk
    from app.search.service import SearchFailed

    propose(bank, people["W001"], "变压器漏油监测")
    service.ensure_ready()
    before = _index_files(service)
    rebuilds = []
    real_reindex = feed.reindex
    monkeypatch.setattr(feed, "reindex", lambda *a, **k: rebuilds.append(1) or real_reindex(*a, **k))

    def broken(*a, **k):
        raise TypeError("injected")

    monkeypatch.setattr(topk, "top", broken)
    for _ in range(3):
        with pytest.raises(SearchFailed) as err:
            service.search("变压器 漏油")
        assert "TypeError: injected" in str(err.value) and "\n" not in str(err.value)
    assert rebuilds == [] and _index_files(service) == before
    logged = [r for r in caplog.records if r.exc_info and "search failed" in r.getMessage()]
    assert len(logged) == 3 and logged[0].exc_info[0] is TypeError  # with its traceback
    monkeypatch.setattr(topk, "top", lambda *a, **k: None)  # the fallback path still answers
    assert titles(service.search("变压器 漏油")) == ["变压器漏油监测"]


def test_damage_found_during_a_query_rebuilds_once(bank, people, service, monkeypatch):
    import zlib

    from whoosh.codec import whoosh3

    propose(bank, people["W001"], "变压器漏油监测")
    service.ensure_ready()
    rebuilds = []
    real_reindex = feed.reindex
    monkeypatch.setattr(feed, "reindex", lambda *a, **k: rebuilds.append(1) or real_reindex(*a, **k))
    real_read = whoosh3.W3LeafMatcher._read_data
    failures = [1]

    def garbled(self):
        if failures:
            failures.pop()
            raise zlib.error("Error -3 while decompressing data: incorrect data check")
        return real_read(self)

    monkeypatch.setattr(whoosh3.W3LeafMatcher, "_read_data", garbled)
    assert titles(service.search("变压器")) == ["变压器漏油监测"]
    assert rebuilds == [1]


def test_cli_prints_one_line_for_a_bug_and_does_not_rebuild(bank, people, monkeypatch, capsys):
    from app.cli import main
    from app.search import topk

    propose(bank, people["W001"], "变压器漏油监测")
    SearchService(bank).ensure_ready()
    rebuilds = []
    monkeypatch.setattr(feed, "reindex", lambda *a, **k: rebuilds.append(1))
    monkeypatch.setattr(topk, "top", lambda *a, **k: 1 / 0)
    code = main(["--data-dir", str(bank.data_dir), "search", "变压器"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and err[-1].startswith("ideabank: ") and "ZeroDivisionError" in err[-1]
    assert rebuilds == []
