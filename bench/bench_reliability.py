"""Reliability benchmark: what the safety nets cost at 100,000 projects.

    python bench/bench_reliability.py [--projects 100000] [--seed 20241124]

Uses bench_store's demo database (built with the real `ideabank demo` when missing), copied with
the backup API into a scratch folder so nothing here changes it. Times, wall and CPU:
- opening the bank (the quick check then runs on its thread) and the first write after opening
  (which waits for the check);
- the quick check of the file on its own;
- a checked backup (source check, backup API, check of the copy, fsync, rename);
- `ideabank check` without hashing files (SQLite's integrity_check, counters, fields, the audit chain);
- a sign-in with a wrong password for a known and for an unknown employee number (argon2 both).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def timed(fn):  # type: ignore[no-untyped-def]
    t0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - t0, time.process_time() - c0, result


def main() -> int:
    import bench_store

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--projects", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=20241124)
    args = ap.parse_args()
    source = bench_store.demo_bank("store", args.projects, args.seed)

    from app.core import auth, backups, projects
    from app.core.bank import Bank
    from app.core.errors import PermissionDenied
    from app.core.integrity import check_bank
    from db.backup import backup_sqlite, quick_check

    scratch = Path(tempfile.mkdtemp(prefix="bench-reliability-"))
    try:
        data = scratch / "data"
        data.mkdir()
        backup_sqlite(source / "ideabank.sqlite", data / "ideabank.sqlite")
        size = (data / "ideabank.sqlite").stat().st_size / 2**20
        rows: list[tuple[str, float, float]] = []

        wall, cpu, bank = timed(lambda: Bank.open(data))
        rows.append(("open (check starts beside it)", wall, cpu))
        actor = bank.actor()
        wall, cpu, _ = timed(lambda: projects.propose(bank, actor, {"title": "基准测试", "category": "小建议"}))
        rows.append(("first write after open (waits for the check)", wall, cpu))
        wall, cpu, _ = timed(lambda: quick_check(data / "ideabank.sqlite"))
        rows.append(("quick check alone", wall, cpu))
        wall, cpu, _ = timed(lambda: backups.take(data, "auto"))
        rows.append(("checked backup", wall, cpu))
        wall, cpu, problems = timed(lambda: check_bank(bank, verify_files=False))
        rows.append((f"check without file hashes ({len(problems)} problems)", wall, cpu))
        for label, number in (("sign-in, known number, wrong password", "admin"),
                              ("sign-in, unknown number", "NOBODY-BENCH")):
            auth._dummy()
            with bank.write() as s:  # the local admin may have no password: give it one to compare
                from db.models import User
                user = s.query(User).filter_by(employee_no="admin").one()
                user.password_hash = user.password_hash or auth.hash_password("bench-password")

            def attempt(number: str = number) -> None:
                try:
                    auth.sign_in(bank, number, "wrong")
                except PermissionDenied:
                    pass
            wall, cpu, _ = timed(attempt)
            rows.append((label, wall, cpu))
            auth.unlock(bank, actor, number) if number == "admin" else None
        bank.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"\nReliability at {args.projects:,} projects ({size:.0f} MB)")
    print(f"{'what':<52} {'wall s':>8} {'CPU s':>8}")
    for label, wall, cpu in rows:
        print(f"{label:<52} {wall:8.2f} {cpu:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
