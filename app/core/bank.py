"""The open idea bank: one database (SQLite file or PostgreSQL hub) plus its data folder.

Use cases take a Bank and an Actor. `write()` is one transaction per use case: everything in it
commits together or not at all.
"""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, event, inspect, select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.core import (
    backups,
    blobstore,  # noqa: F401  (a hub's write sessions store new files in the database)
    fields,
    folders,
)
from app.core.actor import Actor
from app.core.errors import DamagedDatabase, NotFound, StorageError, ValidationError
from app.core.i18n import t
from app.core.paths import DB_FILE, default_data_dir
from app.core.storage_errors import is_corruption, translate
from db import engine as db_engine
from db import migrate
from db.backup import BackupError, SourceDamaged, quick_check
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
        event.listen(self._write, "before_flush", _clean_texts)
        self._site_id: str | None = None
        self.backup_made: Path | None = None
        # SQLite's quick check of the file runs beside the first reads (about 0.3 s of CPU per
        # 100 MB); every write waits for it, and a store that fails it is never written again.
        self._checked = threading.Event()
        self._checked.set()
        self._check_pending = False  # a check that was put off until the first write (check_now=False)
        self._check_lock = threading.Lock()
        self._damage: str | None = None
        self._damaged_error: DamagedDatabase | None = None
        self._damage_lock = threading.Lock()
        self.wrote = False  # a write committed: an automatic backup may be due at close
        self.storage_failed = False  # the disk or the lock failed a write: no backup at close either
        self.auto_backup: Path | None = None
        self.auto_backup_at_close = True  # the shared test fixture turns it off (a backup per test costs)
        self.auto_backup_error: StorageError | None = None
        self.read_only = False  # a read-only folder: reads only, every write refused with one line
        self.warning: str | None = None  # something to tell the person at open (a network folder allowed)

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, data_dir: Path | str | None = None, db_url: str | None = None, *,
             clock: Clock = utcnow, create: bool = True, fresh: bool = False, check_now: bool = True) -> Bank:
        """Open (and on first use create) the bank; migrations run after a backup of the file.
        A store that fails SQLite's check is moved aside (DamagedDatabase, see `verify`); with one
        moved aside earlier and none in its place, only `fresh=True` (`ideabank init`) starts anew.
        A data folder on a network share is refused (app/core/folders.py); a read-only one (a
        backup medium, a DVD) opens for reading only.

        The check runs on a thread from the moment the bank opens (`check_now`), so a window's first
        save rarely waits for it. A command that only reads passes `check_now=False`: the check guards
        writes, so it then runs at the first write, if any, instead of taking a core (a second at
        100,000 projects) from the read."""
        folder = Path(data_dir).expanduser() if data_dir else default_data_dir()
        read_only = db_url is None and folders.is_read_only(folder)
        if not read_only:
            _writable_folder(folder)
        warning = folders.check_local(folder) if db_url is None else None
        db_path = folder / DB_FILE
        if db_url is None and not db_path.exists():
            damaged = backups.damaged_stores(folder)
            if damaged and not fresh:  # moved aside at an earlier start: offer the backup again
                backup = backups.newest_sound_backup(folder)
                raise DamagedDatabase(backups.damaged_message(damaged[0], None, backup), moved_to=damaged[0],
                                      backup=backup)
            if not create or read_only:
                raise StorageError(t("{path} 中还没有数据库。请先运行 `ideabank init`。",
                                     "There is no database in {path} yet. Run `ideabank init` first.", path=folder))
        existed = db_path.exists()
        url = db_url or (read_only_url(db_path) if read_only else sqlite_url(db_path))
        try:
            engine = make_engine(url)
            bank = cls(engine, folder, clock)
            bank.read_only, bank.warning = read_only, warning
            if db_url is None and existed:
                bank._check_pending = True
                if check_now:
                    bank._start_check()
            _check_not_newer(engine)
            if read_only:
                _check_current(engine, folder)
            else:
                bank.backup_made = migrate.upgrade(engine, folder / "backups")  # checks the file first
                bank._bootstrap()
            bank.wrote = False  # a new store's site id and admin are no reason for a backup
        except SourceDamaged as exc:  # the migration's backup refused the file: the same as a failed check
            bank._damage = str(exc)
            bank._checked.set()
            bank.verify()
        except (OperationalError, DBAPIError, sqlite3.DatabaseError, BackupError) as exc:
            if db_url is None and existed and is_corruption(exc):  # damaged where opening reads: as a failed check
                bank._wait_for_check()
                bank._damage = bank._damage or str(getattr(exc, "orig", exc))
                bank.verify()
            storage = translate(exc, db_engine.BUSY_TIMEOUT_S)
            if storage is not None:
                raise storage from exc
            raise StorageError(t("无法打开数据库 {url}：{err}", "Cannot open the database {url}: {err}",
                                 url=_safe_url(url), err=str(getattr(exc, "orig", exc)).splitlines()[0])) from exc
        return bank

    def restore(self, source: Path | str) -> backups.RestoreResult:
        """Replace this bank's store with a checked copy of `source` and carry on with the restored
        one (the window signs everyone out afterwards, so every view reads it afresh)."""
        if self.db_path is None or self.read_only:
            raise StorageError(t("只能恢复本机可写文件夹中的 SQLite 数据库。",
                                 "Only a SQLite database in a writable local folder can be restored."))
        source = Path(source)
        backups.check_restorable(source)
        self.engine.dispose()
        result = backups.restore(self.data_dir, source)
        self.engine.dispose()
        self._damage, self._damaged_error, self._site_id = None, None, None
        self.backup_made = migrate.upgrade(self.engine, self.data_dir / "backups")
        self._bootstrap()
        self.wrote = False
        self._start_check()
        return result

    # -- the check at open -----------------------------------------------------------------------
    @property
    def db_path(self) -> Path | None:
        """The SQLite file of this bank (None on PostgreSQL or in memory)."""
        name = self.engine.url.database
        if self.engine.dialect.name != "sqlite" or not name or name == ":memory:":
            return None
        return Path(name.removeprefix("file:"))

    def _start_check(self) -> None:
        path = self.db_path
        if path is None:  # called only for a SQLite file (open, restore)
            raise StorageError(t("只有 SQLite 数据库文件可以检查。", "Only a SQLite database file can be checked."))
        self._check_pending = False
        self._checked.clear()

        def run() -> None:
            try:
                problem = quick_check(path)
                # A file that cannot be opened at all is not evidence of damage: opening says why.
                self._damage = None if problem and problem.startswith("unable to open") else problem
            finally:
                self._checked.set()
        threading.Thread(target=run, name="quick-check", daemon=True).start()

    def verify(self) -> None:
        """Wait for the check of the file that started at open. If it failed, the store is moved
        aside (never deleted) and DamagedDatabase offers the newest sound backup; from then on this
        Bank neither reads nor writes."""
        self._wait_for_check()
        if self._damage is None:
            return
        with self._damage_lock:
            if self._damaged_error is None:
                self.engine.dispose()
                path = self.db_path
                if path is None:  # only a SQLite file is checked (open, _start_check), so only one is damaged
                    raise StorageError(self._damage)
                movable = path.exists() and not self.read_only
                moved = backups.move_aside(path) if movable else path
                backup = backups.newest_sound_backup(self.data_dir)
                self._damaged_error = DamagedDatabase(backups.damaged_message(moved, self._damage, backup),
                                                      moved_to=moved, backup=backup)
        raise self._damaged_error

    def _wait_for_check(self) -> None:
        with self._check_lock:  # two threads writing first at once start one check
            if self._check_pending:  # opened with check_now=False: the check runs now
                self._start_check()
        self._checked.wait()

    @property
    def damaged(self) -> bool:
        return self._damaged_error is not None

    def backup_due(self) -> bool:
        """Whether closing now takes an automatic backup (so a front end can say why it pauses)."""
        if (not self.wrote or not self.auto_backup_at_close or self.damaged or self.storage_failed
                or self.read_only or self.db_path is None):
            return False
        return backups.due(self.data_dir, self._backup_every())

    def maybe_backup(self) -> Path | None:
        """An automatic rolling backup if one is due (see app/core/backups.py); None otherwise."""
        if self.db_path is None or self.damaged or self.read_only:
            return None
        self.auto_backup = backups.maybe_backup(self.data_dir, self._backup_every())
        return self.auto_backup

    def _backup_every(self) -> int:
        """Minutes between automatic backups (site setting `backup_every_minutes`; 0 turns them off)."""
        return backups.every_minutes(self.setting("backup_every_minutes", backups.DEFAULT_EVERY_MINUTES))

    def close(self) -> None:
        if self.wrote and self.auto_backup_at_close and not self.damaged and not self.storage_failed:
            try:
                self.maybe_backup()
            except StorageError as exc:  # the data is safe; the caller tells the person about the backup
                self.auto_backup_error = exc
        if self.engine.dialect.name == "sqlite" and not self.damaged:
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
        if self._damaged_error is not None:
            raise self._damaged_error
        try:
            with self._read() as s:
                yield s
        except (DBAPIError, sqlite3.Error) as exc:
            storage = translate(exc, db_engine.BUSY_TIMEOUT_S)
            if storage is None:
                raise
            raise storage from exc

    @contextmanager
    def write(self, *, stamp: bool = True, actor: Actor | None = None) -> Iterator[Session]:
        """One transaction: commits when the block ends, rolls back on any exception. A held lock,
        a full disk or an I/O error comes out as one StorageError, with nothing written. Nothing
        writes to a store that failed its check, or in a read-only folder.

        It takes the next change number when it begins (db/sequence.py); `stamp=False` is for
        bookkeeping that changes no synchronised row (a consumer's cursor), so that it does not
        itself count as a change. `actor`: who the rows it writes are by, for writes that do not
        name them through the audit trail first (bulk inserts)."""
        if self.read_only:
            raise StorageError(t("数据文件夹 {p} 是只读的（备份介质、光盘），只能查看，不能修改。",
                                 "The data folder {p} is read-only (a backup medium, a disc): it can be read, not "
                                 "changed.", p=self.data_dir))
        self.verify()
        try:
            with self._write() as s, s.begin():
                s.info["stamp"] = stamp
                if actor is not None:
                    s.info["actor_id"] = actor.id
                yield s
            self.wrote = self.wrote or stamp
        except (DBAPIError, sqlite3.Error) as exc:
            storage = translate(exc, db_engine.BUSY_TIMEOUT_S)
            if storage is None:
                raise
            self.storage_failed = True
            raise storage from exc

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

    def forget_site_id(self) -> None:
        """Read the site id again (after this site took a new one: app/sync/join.py)."""
        self._site_id = None

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


def _writable_folder(folder: Path) -> None:
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


def read_only_url(path: Path) -> str:
    """A database on a read-only medium: SQLite cannot make its -wal and -shm there, and the file
    cannot change under us, so it is opened immutable."""
    return f"sqlite:///file:{path.resolve()}?mode=ro&immutable=1&uri=true"


def _check_current(engine: Engine, folder: Path) -> None:
    if migrate.current_revision(engine) != migrate.head_revision():
        raise StorageError(t("{p} 中的数据库来自旧版本，需要升级，但文件夹是只读的。请把它复制到可写的文件夹后再打开。",
                             "The database in {p} comes from an older version and needs upgrading, but the folder "
                             "is read-only. Copy it to a writable folder and open it there.", p=folder))


def _clean_texts(session: Session, _context: object, _instances: object) -> None:
    """The text rules of app/core/fields.py on every string a write stores, whatever use case wrote
    it: NUL and invalid Unicode refused (the transaction rolls back), control characters removed."""
    dirty = session.dirty
    for obj in [*session.new, *dirty]:
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            key = attr.key
            value = state.dict.get(key)
            if not isinstance(value, (str, list, dict)):
                continue
            if obj in dirty and not state.attrs[key].history.has_changes():
                continue
            try:
                cleaned = fields.clean_stored(value)
            except ValueError as exc:
                raise ValidationError(f"{fields.field_name(key)}: {exc}") from None
            if cleaned is not value:
                setattr(obj, key, cleaned)


def _check_not_newer(engine: Engine) -> None:
    current = migrate.current_revision(engine)
    if current is not None and not migrate.is_known(current):
        raise StorageError(t("数据库版本 {cur} 比本程序（{head}）新，请升级创新智慧库。",
                             "The database (schema {cur}) is newer than this program ({head}); upgrade Idea Bank.",
                             cur=current, head=migrate.head_revision()))


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url
    return make_url(url).render_as_string(hide_password=True)
