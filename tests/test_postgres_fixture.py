"""The throw-away PostgreSQL server really runs, and per-test databases are isolated."""

import psycopg
import pytest

pytestmark = pytest.mark.postgres


def _plain(url: str) -> str:
    # psycopg takes a libpq URL; SQLAlchemy's "+psycopg" driver suffix is not part of it.
    return url.replace("postgresql+psycopg://", "postgresql://")


def test_server_answers_select_version(postgres_url):
    assert postgres_url.startswith("postgresql+psycopg://postgres@127.0.0.1:")
    assert postgres_url.endswith("/ideabank_test")
    with psycopg.connect(_plain(postgres_url)) as conn:
        version = conn.execute("SELECT version()").fetchone()[0]
        assert version.startswith("PostgreSQL ")
        assert conn.execute("SHOW server_encoding").fetchone()[0] == "UTF8"
        # Chinese text round-trips unchanged.
        assert conn.execute("SELECT %s::text", ("创新智慧库",)).fetchone()[0] == "创新智慧库"


def _public_tables(url: str) -> list[str]:
    with psycopg.connect(_plain(url)) as conn:
        return [r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")]


# The two tests below run in either order: each starts on an empty database and leaves a table
# behind, so a database shared between tests fails whichever runs second.
@pytest.mark.parametrize("marker", ["marker_a", "marker_b"])
def test_each_test_gets_its_own_empty_database(postgres_db, postgres_url, marker):
    assert postgres_db != postgres_url
    assert _public_tables(postgres_db) == []
    with psycopg.connect(_plain(postgres_db)) as conn:
        conn.execute(f"CREATE TABLE {marker} (id int)")
        conn.execute(f"INSERT INTO {marker} VALUES (1)")
    assert _public_tables(postgres_db) == [marker]


def test_sqlalchemy_url_works(postgres_db):
    sqlalchemy = pytest.importorskip("sqlalchemy")
    engine = sqlalchemy.create_engine(postgres_db)
    try:
        with engine.connect() as conn:
            assert conn.execute(sqlalchemy.text("SELECT 1 + 1")).scalar() == 2
    finally:
        engine.dispose()


def test_a_server_left_by_a_killed_run_is_stopped_by_the_next(postgres_server):
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    from tests.postgres_server import reap_orphans

    # A test run that dies by SIGKILL never reaches teardown; its server would live on.
    child = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from tests.postgres_server import PostgresServer; "
         f"s = PostgresServer(bin_dir=Path({str(postgres_server.bin_dir)!r}), run_as={postgres_server.run_as!r}); "
         "s.start(); print(s.base, flush=True); time.sleep(600)"],
        cwd=Path(__file__).resolve().parent.parent, stdout=subprocess.PIPE, text=True,
    )
    base = Path(child.stdout.readline().strip())
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    pid_file = base / "data" / "postmaster.pid"
    assert pid_file.exists()
    postmaster = int(pid_file.read_text().split()[0])

    assert reap_orphans(postgres_server.bin_dir, postgres_server.run_as) >= 1
    assert not base.exists()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(postmaster, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        raise AssertionError(f"orphaned postmaster {postmaster} still running")
    # The live session's own server is left alone.
    assert postgres_server.base.exists()
