"""Bad input and a bad machine: one clear line, no rebuild where none helps, nothing half-written
left behind, and no rebuild worker outliving its parent."""
from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest

from app.core import projects
from app.search import feed
from app.search.service import SearchService, SearchUnavailable

ROOT = Path(__file__).resolve().parents[2]


def propose(bank, actor, title):
    return projects.propose(bank, actor, {"title": title, "category": "invention"}).value


@pytest.fixture
def rebuilds(monkeypatch):
    calls = []
    real = feed.reindex
    monkeypatch.setattr(feed, "reindex", lambda *a, **k: calls.append(1) or real(*a, **k))
    return calls


# --- a query that is not text ------------------------------------------------------------------

@pytest.mark.parametrize("text", ["\udcff\udcfe变压器", "变压器\ud800", "\udc80"])
def test_invalid_utf8_in_a_query_is_one_line_and_no_rebuild(bank, people, rebuilds, capsys, text):
    from app.cli import main

    propose(bank, people["W001"], "变压器漏油监测")
    svc = SearchService(bank)
    svc.ensure_ready()
    before = sorted(p.name for p in svc.index_dir.iterdir())
    rebuilds.clear()
    # a terminal's invalid UTF-8 reaches Python's argv as lone surrogates
    code = main(["--data-dir", str(bank.data_dir), "search", text])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "UTF-8" in err[0]
    assert rebuilds == [] and sorted(p.name for p in svc.index_dir.iterdir()) == before
    assert svc.index.search(text).total >= 0  # the index itself never sees them
    svc.close()


# --- the index folder replaced by a file -------------------------------------------------------

@pytest.mark.parametrize("which", ["index", "search"])
def test_a_file_where_the_index_folder_was_is_moved_aside_and_the_index_rebuilt(bank, people, which, caplog):
    import shutil

    propose(bank, people["W001"], "变压器漏油监测")
    svc = SearchService(bank)
    svc.ensure_ready()
    svc.close()
    target = svc.index_dir if which == "index" else svc.index_dir.parent
    shutil.rmtree(target)
    target.write_text("someone's notes", "utf-8")
    again = SearchService(bank)
    assert [r.title for r in again.search("变压器").rows] == ["变压器漏油监测"]
    aside = list(target.parent.glob(target.name + ".not-a-folder-*"))
    assert len(aside) == 1 and aside[0].read_text("utf-8") == "someone's notes"  # kept, not deleted
    assert any("not a folder" in r.getMessage() for r in caplog.records)
    again.close()


# --- a full disk ----------------------------------------------------------------------------------

@contextlib.contextmanager
def small_disk(path: Path, kib: int):
    """A real file system of `kib` KiB at `path` (a tmpfs: needs root on Linux)."""
    path.mkdir(parents=True)
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", str(path)],
                              capture_output=True)
    except OSError:
        done = None
    if done is None or done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root on Linux)")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def fill(folder: Path) -> Path:
    """Fill the file system holding `folder`; returns the filler file."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as f:
        with contextlib.suppress(OSError):
            while True:
                f.write(b"\0" * 4096)
    return filler


def index_files(svc):
    return sorted(p.name for p in svc.index_dir.iterdir())


def test_a_full_disk_during_an_update_says_so_and_leaves_nothing_half_written(bank, people, tmp_path, rebuilds):
    w = people["W001"]
    for i in range(20):
        propose(bank, w, f"变压器漏油监测{i}")
    with small_disk(tmp_path / "disk", 2048) as disk:
        svc = SearchService(bank, index_dir=disk / "search" / "index", procs=1)
        svc.ensure_ready()
        rebuilds.clear()
        before = index_files(svc)
        filler = fill(disk)
        propose(bank, w, "断路器储能电机过热报警")
        with pytest.raises(SearchUnavailable) as err:
            svc.search("断路器")
        assert "磁盘已满" in str(err.value) and "\n" not in str(err.value)
        assert rebuilds == [] and index_files(svc) == before  # no half-written segment
        filler.unlink()
        assert [r.title for r in svc.search("断路器").rows] == ["断路器储能电机过热报警"]  # nothing lost
        svc.close()


@pytest.mark.parametrize("procs", [1, 2])
def test_a_full_disk_during_a_rebuild_leaves_the_old_index_and_no_side_folder(bank, people, tmp_path, procs):
    w = people["W001"]
    for i in range(30):
        propose(bank, w, f"变压器漏油监测{i}")
    with small_disk(tmp_path / "disk", 4096) as disk:
        svc = SearchService(bank, index_dir=disk / "search" / "index", procs=procs)
        svc.ensure_ready()
        filler = fill(disk)
        with pytest.raises(SearchUnavailable, match="磁盘已满"):
            svc.reindex()
        assert not list(svc.index_dir.parent.glob("index.*")), "a partial index.new-* was left"
        assert svc.search("变压器").total == 30  # the old index still answers
        filler.unlink()
        assert svc.reindex() == 30
        svc.close()


# --- workers die with their parent ---------------------------------------------------------------

KILLED_BUILD = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, sys.argv[2])
    from app.search.index import SearchIndex
    from app.search.schema import SearchDoc

    def docs():
        for i in range(1_000_000):  # slow on purpose: the test kills us mid-build
            if i % 100 == 0:
                time.sleep(0.05)
            yield SearchDoc(str(i), "变压器巡检%d" % i, "开关柜过热 接地线")

    SearchIndex(sys.argv[1]).rebuild(docs(), procs=2)
""")


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has exited; only its parent's wait is missing


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers through /proc")
def test_killing_a_rebuild_kills_its_worker_processes(tmp_path):
    parent = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(tmp_path / f"index-{uuid.uuid4().hex}"),
                               str(ROOT)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 120
        while len(workers := _children(parent.pid)) < 2:
            assert parent.poll() is None and time.monotonic() < deadline, "the build never started its workers"
            time.sleep(0.1)
        time.sleep(0.5)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 20
        while any(_running(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if _running(w)], "rebuild workers outlived their parent"
    finally:  # never leave a stray build behind, whatever failed
        if parent.poll() is None:
            parent.kill()
        for w in locals().get("workers", []):
            if _running(w):
                with contextlib.suppress(OSError):
                    os.kill(w, signal.SIGKILL)
