"""The open idea bank: one database (SQLite file or PostgreSQL hub) plus its data folder.

Use cases take a Bank and an Actor. `write()` is one transaction per use case: everything in it
commits together or not at all.
"""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.core import blobstore  # noqa: F401  (a hub's write sessions store new files in the database)
from app.core.actor import Actor
from app.core.errors import NotFound, StorageError
from app.core.i18n import t
from app.core.paths import DB_FILE, default_data_dir
from db import migrate
from db.base import new_id, utcnow
from db.engine import make_engine, sqlite_url, writer
from db.models import Setting, User

Clock = Callable[[], dt.datetime]
ADMIN_MADE = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)  # the same row everywhere: the same times

LOCAL_ADMIN = "admin"  # employee number of the local administrator created on first start
# The local administrator has the same id on every site, so the sites of one organisation that
# synchronise share one administrator account instead of two rows fighting over "admin".
LOCAL_ADMIN_ID = "00000000-0000-7000-8000-00000000ad01"


class Bank:
    def __init__(self, engine: Engine, data_dir: Path, clock: Clock = utcnow) -> None:
        self.engine = engine
        self.data_dir = data_dir
        self.clock = clock
        self._read = sessionmaker(engine, expire_on_commit=False)
        # Write sessions stamp the change sequence and clocks (db/sequence.py) with this bank's
        # time and site id.
        self._write = sessionmaker(writer(engine), expire_on_commit=False, info={"sync": self})
        self._site_id: str | None = None
        self.backup_made: Path | None = None

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, data_dir: Path | str | None = None, db_url: str | None = None, *,
             clock: Clock = utcnow, create: bool = True) -> Bank:
        """Open (and on first use create) the bank; migrations run after a backup of the file."""
        folder = Path(data_dir).expanduser() if data_dir else default_data_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(t("无法创建数据文件夹 {path}：{err}。请用 --data-dir 指定一个可写的文件夹。",
                                 "Cannot create the data folder {path}: {err}. Pass --data-dir with a writable folder.",
                                 path=folder, err=exc.strerror or exc)) from exc
        if not os.access(folder, os.W_OK):
            raise StorageError(t("数据文件夹 {path} 不可写。请检查权限，或用 --data-dir 指定其他文件夹。",
                                 "The data folder {path} is not writable. Check its permissions or pass --data-dir.",
                                 path=folder))
        db_path = folder / DB_FILE
        if db_url is None and not create and not db_path.exists():
            raise StorageError(t("{path} 中还没有数据库。请先运行 `ideabank init`。",
                                 "There is no database in {path} yet. Run `ideabank init` first.", path=folder))
        url = db_url or sqlite_url(db_path)
        try:
            engine = make_engine(url)
            bank = cls(engine, folder, clock)
            _check_not_newer(engine)
            bank.backup_made = migrate.upgrade(engine, folder / "backups")
            bank._bootstrap()
        except (OperationalError, DBAPIError, sqlite3.DatabaseError) as exc:
            raise StorageError(t("无法打开数据库 {url}：{err}", "Cannot open the database {url}: {err}",
                                 url=_safe_url(url), err=str(getattr(exc, "orig", exc)).splitlines()[0])) from exc
        return bank

    def close(self) -> None:
        if self.engine.dialect.name == "sqlite":
            # Keeps the planner's statistics current (new indexes, bulk loads); cheap when nothing changed.
            try:
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA optimize")
            except (OperationalError, DBAPIError):
                pass  # a read-only or busy database: statistics can wait for the next close
        self.engine.dispose()

    def _bootstrap(self) -> None:
        """Give a new store its site id and a local administrator. Checked with a read first, so an
        ordinary start takes no write lock."""
        with self.session() as s:
            if s.get(Setting, "site_id") and s.scalar(select(User.id).where(User.employee_no == LOCAL_ADMIN)):
                return
        with self.write() as s:
            site = s.get(Setting, "site_id")
            if site is None:
                site = Setting(key="site_id", value=new_id())
                s.add(site)
            if s.scalar(select(User.id).where(User.employee_no == LOCAL_ADMIN)) is None:
                s.add(User(id=LOCAL_ADMIN_ID, employee_no=LOCAL_ADMIN, name=t("管理员", "Administrator"), role="admin",
                           site_id=site.value, created_at=ADMIN_MADE, updated_at=ADMIN_MADE))

    # -- sessions ------------------------------------------------------------------------------
    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session (no writes are committed)."""
        with self._read() as s:
            yield s

    @contextmanager
    def write(self, *, stamp: bool = True) -> Iterator[Session]:
        """One transaction: commits when the block ends, rolls back on any exception.

        It takes the next change number when it begins (db/sequence.py); `stamp=False` is for
        bookkeeping that changes no synchronised row (a consumer's cursor), so that it does not
        itself count as a change."""
        with self._write() as s, s.begin():
            s.info["stamp"] = stamp
            yield s

    # -- identity ------------------------------------------------------------------------------
    @property
    def site_id(self) -> str:
        if self._site_id is None:
            with self.session() as s:
                row = s.get(Setting, "site_id")
            if row is None:
                return ""  # not made yet: the bootstrap's own first write
            self._site_id = row.value
        return self._site_id

    @property
    def site_code(self) -> str:
        """A short code of this site, used in human-readable project numbers."""
        return self.site_id.replace("-", "")[-4:].upper() or "0000"

    def actor(self, employee_no: str = LOCAL_ADMIN) -> Actor:
        with self.session() as s:
            user = s.scalar(select(User).where(User.employee_no == employee_no))
            if user is None or not user.active:
                raise NotFound(t("没有工号为 {no} 的在职用户。", "No active user with employee number {no}.",
                                 no=employee_no))
            return Actor.of(user)

    def now(self) -> dt.datetime:
        return self.clock()

    def setting(self, key: str, default: object = None) -> object:
        with self.session() as s:
            row = s.get(Setting, key)
            return row.value if row else default


def _check_not_newer(engine: Engine) -> None:
    current = migrate.current_revision(engine)
    if current is not None and not migrate.is_known(current):
        raise StorageError(t("数据库版本 {cur} 比本程序（{head}）新，请升级创新智慧库。",
                             "The database (schema {cur}) is newer than this program ({head}); upgrade Idea Bank.",
                             cur=current, head=migrate.head_revision()))


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url
    return make_url(url).render_as_string(hide_password=True)
