"""Store benchmark: the demo generator's rate and the project list's query times.

    python bench/bench_store.py [--projects 100000] [--seed 20241124] [--repeat 30] [--fresh]

The demo database is built once with the real command (`ideabank demo`) and
kept in bench/out/ (keyed by size, seed and a hash of the migrations and demo
code, so a schema change rebuilds it); --fresh rebuilds it anyway. The list
queries are the ones the window and `ideabank project list` run
(app.core.queries), timed in this process after one warm-up call each.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BUDGET_MS = 20.0  # one page of the list at 100,000 projects (issue 2)


def code_hash() -> str:
    h = hashlib.sha256()
    files = sorted((ROOT / "db" / "migrations" / "versions").glob("*.py"))
    files += sorted((ROOT / "app" / "core").glob("demo*.py"))
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


def ideabank_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("ideabank")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "app.cli"]


def demo_bank(name: str, projects: int, seed: int) -> Path:
    """A bank built this benchmark's way (the real demo command) in bench/out/<name>-*, once per set of
    demo code and migrations. Each benchmark keeps a copy of its own: another one rebuilding its
    copy while this one measures would colour the figures."""
    folder = OUT / f"{name}-{projects}-{seed}-{code_hash()}"
    if not (folder / "demo-seconds.txt").exists():
        print(f"building demo data: {projects:,} projects (once) -> {folder}", file=sys.stderr, flush=True)
        build(folder, projects, seed)
    return folder


def build(folder: Path, projects: int, seed: int) -> float:
    """Run the real demo command into a new folder; returns wall seconds."""
    tmp = folder.with_name(folder.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    cmd = [*ideabank_cmd(), "--data-dir", str(tmp), "demo", "--projects", str(projects), "--seed", str(seed),
           "--json"]
    t0 = time.perf_counter()
    res = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)  # progress shows on stderr
    secs = time.perf_counter() - t0
    if res.returncode != 0:
        sys.exit(f"demo failed ({res.returncode}): {' '.join(cmd)}\n{res.stdout[-2000:]}")
    counts = json.loads(res.stdout)
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    (folder / "demo-seconds.txt").write_text(f"{secs:.3f}\n")
    (folder / "demo-counts.json").write_text(json.dumps(counts))
    # A 100,000-project database is ~0.5 GB: drop the ones older code built.
    for old in folder.parent.glob(f"store-{projects}-{seed}-*"):
        if old != folder and not old.name.endswith(".partial"):
            shutil.rmtree(old, ignore_errors=True)
    return secs


def timed(fn, repeat: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds per call. CPU time is what a query costs this process; on a machine
    shared with other work, wall time also counts waiting for a core."""
    fn()  # warm-up: first statement compile, page cache
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return wall, cpu


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--projects", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=20241124)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--fresh", action="store_true", help="rebuild the demo database")
    args = ap.parse_args()

    folder = OUT / f"store-{args.projects}-{args.seed}-{code_hash()}"
    if args.fresh or not (folder / "demo-seconds.txt").exists():
        print(f"building demo data: {args.projects:,} projects, seed {args.seed} -> {folder.relative_to(ROOT)}",
              flush=True)
        demo_secs = build(folder, args.projects, args.seed)
        fresh = "now"
    else:
        demo_secs = float((folder / "demo-seconds.txt").read_text())
        fresh = "cached"

    sys.path.insert(0, str(ROOT))
    from app.core import queries
    from app.core.bank import Bank
    from app.core.queries import ProjectFilter

    bank = Bank.open(folder)
    try:
        total = queries.count(bank)
        adopted = ProjectFilter(statuses=("adopted",))
        two = ProjectFilter(statuses=("submitted", "under_review"))
        ids: list[str] = []

        def load_ids():
            ids[:] = queries.list_ids(bank)

        load_ids()
        middle = ids[len(ids) // 2:len(ids) // 2 + 100]
        cases = [
            ("page: 50 rows, by updated (no filter)", lambda: queries.page(bank, limit=50)),
            ("page: 50 rows, by updated, status adopted", lambda: queries.page(bank, adopted, limit=50)),
            ("page: 50 rows, by updated, 2 statuses", lambda: queries.page(bank, two, limit=50)),
            ("page: 50 rows, by title", lambda: queries.page(bank, sort="title", descending=False, limit=50)),
            ("page 1000 (offset 49,950), by updated", lambda: queries.page(bank, limit=50, offset=49_950)),
            ("count, status adopted", lambda: queries.count(bank, adopted)),
            ("list_ids: all ids, by updated (window)", load_ids),
            ("list_ids: status adopted", lambda: queries.list_ids(bank, adopted)),
            ("rows() for 100 ids (window's lazy cache)", lambda: queries.rows(bank, middle)),
        ]
        results = [(name, timed(fn, args.repeat)) for name, fn in cases]
    finally:
        bank.close()

    print(f"\n### Store at {total:,} projects (seed {args.seed}), {args.repeat} runs each\n")
    counts_file = folder / "demo-counts.json"
    counts = json.loads(counts_file.read_text()) if counts_file.exists() else {}
    inner = counts.get("seconds")
    print("| demo generator | total time | projects/s | rows besides projects | built |")
    print("|---|---:|---:|---|---|")
    print(f"| `ideabank demo --projects {args.projects}` (wall, process start included) | {demo_secs:.1f} s | "
          f"{args.projects / demo_secs:,.0f} | "
          f"{counts.get('members', '?')} co-authors, {counts.get('votes', '?')} votes, "
          f"{counts.get('comments', '?')} comments, {counts.get('reviews', '?')} reviews | {fresh} |")
    if inner:
        print(f"| generate() itself, wall | {inner:.1f} s | {args.projects / inner:,.0f} | | |")
    if counts.get("cpu_seconds"):
        cpu = counts["cpu_seconds"]
        print(f"| generate() itself, CPU time | {cpu:.1f} s | {args.projects / cpu:,.0f} | | |")
    try:
        print(f"\nload average while measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
              f"on {os.cpu_count()} cores")
    except OSError:
        pass
    print()
    print("| query | p50 ms | p95 ms | max ms | CPU p50 ms | CPU p95 ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, (ms, cpu) in results:
        print(f"| {name} | {statistics.median(ms):.2f} | {pct(ms, 95):.2f} | {max(ms):.2f} | "
              f"{statistics.median(cpu):.2f} | {pct(cpu, 95):.2f} |")
    first_page = statistics.median(results[0][1][0])
    verdict = "within" if first_page < BUDGET_MS else "OVER"
    print(f"\nlist page p50 {first_page:.2f} ms: {verdict} the {BUDGET_MS:.0f} ms budget")
    return 0 if first_page < BUDGET_MS or args.projects < 100_000 else 1


if __name__ == "__main__":
    sys.exit(main())
