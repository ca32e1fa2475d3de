"""Exchange-package benchmark: export and import of N changed projects with their comments, votes
and reviews (the hub's figures are bench/bench_sync.py's).

    python bench/bench_packages.py [--projects 10000] [--seed 20241124] [--fresh]

Site A is filled once with the real demo generator (kept in bench/out/, keyed by size, seed and a
hash of the migrations, demo and sync code); each run copies it, makes an empty site B, lets the
two trust each other (B's people may see everything, so secret projects travel too), then times
`package export` at A (collect, sign, encrypt, write) and `package import` at B (decrypt, check,
apply) through app.sync.package, and the way back (B's package to A, carrying B's
acknowledgement). Wall and CPU seconds: on a shared machine wall time includes waiting for a core.
Target (issue 10): under 30 s each way for 10,000 changed projects.
"""
from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
TARGET_S = 30.0


def code_hash() -> str:
    h = hashlib.sha256()
    files = sorted((ROOT / "db" / "migrations" / "versions").glob("*.py"))
    files += sorted((ROOT / "app" / "core").glob("demo*.py")) + [ROOT / "db" / "sequence.py"]
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


def build(folder: Path, projects: int, seed: int) -> float:
    from app.core import demo
    from app.core.bank import Bank
    tmp = folder.with_name(folder.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    t0 = time.perf_counter()
    bank = Bank.open(tmp)
    try:
        demo.generate(bank, bank.actor(), projects, seed=seed)
    finally:
        bank.close()
    secs = time.perf_counter() - t0
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    for old in folder.parent.glob(f"sync-{projects}-{seed}-*"):
        if old != folder and not old.name.endswith(".partial"):
            shutil.rmtree(old, ignore_errors=True)
    return secs


def timed(fn):  # type: ignore[no-untyped-def]
    t0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - t0, time.process_time() - c0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--projects", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=20241124)
    ap.add_argument("--fresh", action="store_true", help="rebuild the demo database")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))

    from sqlalchemy import func, select

    from app.core.bank import Bank
    from app.sync import package, trust
    from db.models import Comment, Project, Review, Vote

    template = OUT / f"sync-{args.projects}-{args.seed}-{code_hash()}"
    if args.fresh or not template.exists():
        print(f"building demo data: {args.projects:,} projects, seed {args.seed}", flush=True)
        build(template, args.projects, args.seed)
    work = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        shutil.copytree(template, work / "a")
        a, b = Bank.open(work / "a"), Bank.open(work / "b")
        for src, dst in ((a, b), (b, a)):
            trust.export_key(src, work / "key")
            trust.trust(dst, dst.actor(), work / "key")
        for src, dst in ((a, b), (b, a)):
            trust.set_people(src, src.actor(), dst.site_id, [], everyone=True)
        with a.session() as s:
            counts = {m.__tablename__: s.scalar(select(func.count()).select_from(m))
                      for m in (Project, Comment, Vote, Review)}
        rows = []
        out, w, c = timed(lambda: package.export_package(a, a.actor(), work / "a-to-b.ibpkg", to=b.site_id))
        rows.append(("export A→B (collect, sign, encrypt, write)", w, c, out.records, out.size))
        inn, w, c = timed(lambda: package.import_package(b, b.actor(), work / "a-to-b.ibpkg"))
        rows.append(("import at B (decrypt, check, apply)", w, c, inn.records, inn.size))
        with b.session() as s:
            assert s.scalar(select(func.count()).select_from(Project)) == counts["projects"], "not all projects arrived"
        back, w, c = timed(lambda: package.export_package(b, b.actor(), work / "b-to-a.ibpkg", to=a.site_id))
        rows.append(("export B→A (nothing new: acknowledgement)", w, c, back.records, back.size))
        ack, w, c = timed(lambda: package.import_package(a, a.actor(), work / "b-to-a.ibpkg"))
        rows.append(("import at A", w, c, ack.records, ack.size))
        a.close(), b.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"\n### Exchange packages: {counts['projects']:,} projects, {counts['comments']:,} comments, "
          f"{counts['votes']:,} votes, {counts['reviews']:,} reviews (seed {args.seed})\n")
    print("| step | wall s | CPU s | records | package MB |")
    print("|---|---:|---:|---:|---:|")
    for name, wall, cpu, records, size in rows:
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {records:,} | {size / 1e6:.1f} |")
    worst = max(r[1] for r in rows[:2])
    print(f"\ntarget: under {TARGET_S:.0f} s each way; slowest way {worst:.1f} s wall "
          f"({'met' if worst < TARGET_S else 'MISSED'})")
    return 0 if worst < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
