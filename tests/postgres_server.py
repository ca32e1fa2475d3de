"""A real, throw-away PostgreSQL server for the hub tests.

`postgres_url` (session): starts Debian's server binaries in a temporary folder
on a free loopback port and yields
``postgresql+psycopg://postgres@127.0.0.1:PORT/ideabank_test``; stops it at the
end. `postgres_db` (per test): a fresh, empty database cloned from a template,
so tests never see each other's tables.

PostgreSQL refuses to run as root: as root the server runs as the `postgres`
system user (runuser), otherwise as the current user. The tests skip, with the
reason shown, only where no server binary is installed (or root has no
`postgres` user); any other failure to start is an error, with the server log.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

DB_NAME = "ideabank_test"
TEMPLATE_NAME = "ideabank_template"
OWNER_FILE = "owner.pid"
# Durability buys nothing in a throw-away cluster and costs seconds per test run.
FAST_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")


def find_bin_dir() -> Path | None:
    """The newest server install: $PG_BIN, Debian's /usr/lib/postgresql/N/bin, then PATH."""
    if os.environ.get("PG_BIN"):
        cand = Path(os.environ["PG_BIN"])
        return cand if (cand / "pg_ctl").exists() else None
    found = glob.glob("/usr/lib/postgresql/*/bin/pg_ctl")
    if found:
        newest = max(found, key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
        return Path(newest).parent
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).parent
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PostgresServer:
    bin_dir: Path
    run_as: str | None  # a user name to switch to (we are root), or None
    base: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="ideabank-pg-")))
    port: int = 0
    started: bool = False
    version_num: int = 0
    startup_seconds: float = 0.0

    @property
    def data(self) -> Path:
        return self.base / "data"

    @property
    def log(self) -> Path:
        return self.base / "server.log"

    def _cmd(self, tool: str, *args: str) -> list[str]:
        cmd = [str(self.bin_dir / tool), *args]
        return ["runuser", "-u", self.run_as, "--", *cmd] if self.run_as else cmd

    def _run(self, tool: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            self._cmd(tool, *args), capture_output=True, text=True, cwd=self.base,
            env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
        )

    def start(self) -> None:
        # Who owns this server: a later run stops it if this process died without teardown.
        (self.base / OWNER_FILE).write_text(str(os.getpid()))
        if self.run_as:
            pw = pwd.getpwnam(self.run_as)
            os.chown(self.base, pw.pw_uid, pw.pw_gid)
        res = self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres",
                        "-E", "UTF8", "--locale=C", "--no-sync")
        if res.returncode != 0:
            raise RuntimeError(f"initdb failed ({res.returncode}):\n{res.stdout}\n{res.stderr}")
        # The port is free when chosen but may be taken before the server binds it.
        for attempt in range(3):
            self.port = free_port()
            opts = " ".join([f"-p {self.port}", f"-k {self.base}", "-c listen_addresses=127.0.0.1",
                             *(f"-c {s}" for s in FAST_SETTINGS)])
            res = self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.log),
                            "-w", "-t", "60", "start")
            if res.returncode == 0:
                self.started = True
                return
        log = self.log.read_text(errors="replace") if self.log.exists() else "(no log)"
        raise RuntimeError(f"pg_ctl start failed ({res.returncode}):\n{res.stdout}\n{res.stderr}\n{log}")

    def stop(self) -> None:
        if self.started:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
            self.started = False
        shutil.rmtree(self.base, ignore_errors=True)

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{dbname}"

    def admin(self):
        """An autocommit connection to the maintenance database (CREATE/DROP DATABASE)."""
        import psycopg

        return psycopg.connect(host="127.0.0.1", port=self.port, user="postgres",
                               dbname="postgres", autocommit=True)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reap_orphans(bin_dir: Path, run_as: str | None) -> int:
    """Stop servers left by test runs that were killed (SIGKILL, a timeout) before teardown."""
    reaped = 0
    for base in Path(tempfile.gettempdir()).glob("ideabank-pg-*"):
        try:
            owner = int((base / OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue  # not ours, or still being set up
        if _pid_alive(owner):
            continue
        orphan = PostgresServer(bin_dir=bin_dir, run_as=run_as, base=base, started=(base / "data").exists())
        orphan._run("pg_ctl", "-D", str(orphan.data), "-m", "immediate", "-w", "stop")
        orphan.started = False
        orphan.stop()
        reaped += 1
    return reaped


def _server_or_skip() -> PostgresServer:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries not found (Debian: apt-get install postgresql); "
                    "hub tests need a real server")
    run_as = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run the server as "
                        "(PostgreSQL refuses to run as root)")
        if shutil.which("runuser") is None:
            pytest.skip("running as root and 'runuser' is missing (util-linux)")
        run_as = "postgres"
    return PostgresServer(bin_dir=bin_dir, run_as=run_as)


@pytest.fixture(scope="session")
def postgres_server():
    server = _server_or_skip()
    reap_orphans(server.bin_dir, server.run_as)
    atexit.register(server.stop)  # still stops if the session dies before teardown
    t0 = time.perf_counter()
    server.start()
    with server.admin() as conn:
        conn.execute(f"CREATE DATABASE {DB_NAME}")
        conn.execute(f"CREATE DATABASE {TEMPLATE_NAME}")
        server.version_num = int(conn.execute("SHOW server_version_num").fetchone()[0])
    server.startup_seconds = time.perf_counter() - t0
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def postgres_url(postgres_server) -> str:
    """URL of the session's database on the throw-away server (shared by every test using it)."""
    return postgres_server.url(DB_NAME)


_counter = itertools.count(1)


@contextlib.contextmanager
def new_database(server) -> Iterator[str]:
    """URL of a new, empty database on `server`, dropped when the block ends (for fixtures of any scope)."""
    name = f"ideabank_t{os.getpid()}_{next(_counter)}"
    with server.admin() as conn:
        # Nobody ever connects to the template, so cloning it never waits on a lock.
        # FILE_COPY (PostgreSQL 15+) copies a tiny database faster than WAL-logging it.
        strategy = " STRATEGY file_copy" if server.version_num >= 150000 else ""
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE_NAME}{strategy}")
    try:
        yield server.url(name)
    finally:
        with server.admin() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def postgres_db(postgres_server) -> Iterator[str]:
    """URL of a new, empty database for this test only; dropped afterwards."""
    with new_database(postgres_server) as url:
        yield url
