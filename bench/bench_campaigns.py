"""Merit competition benchmark: the four leaderboards and one person's ledger with every project entered.

    python bench/bench_campaigns.py [--projects 100000] [--seed 20241124] [--repeat 3]

The bank is built once the store benchmark's way (`ideabank demo`, cached in bench/out/campaigns-*),
then one campaign spanning the demo's years gets every project. Measured in process, wall and CPU
time (the reference machine is shared: CPU time is what the work costs), for an administrator (sees
everything) and a worker (secret projects of other studios left out in the same SQL): each board, and
the ledger of the person at the top of the people's board.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import bench_store  # bench/bench_store.py: the script's own folder is on sys.path

ROOT = Path(__file__).resolve().parent.parent
NAME = "基准立功竞赛"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--projects", type=int, default=100_000)
    p.add_argument("--seed", type=int, default=20241124)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    folder = bench_store.demo_bank("campaigns", args.projects, args.seed)
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import select

    from app.core import campaign_points as CP
    from app.core import campaigns
    from app.core.bank import Bank
    from db.models import Campaign, CampaignEntry, Project, User
    bank = Bank.open(folder, check_now=False)
    admin = bank.actor()
    with bank.session() as s:
        exists = s.scalar(select(Campaign.id).where(Campaign.name == NAME))
        worker = s.scalar(select(User.employee_no).where(User.role == "worker").order_by(User.employee_no).limit(1))
    if exists is None:
        cid = campaigns.create(bank, admin, NAME, "2000-01-01", "2099-12-31").value
        with bank.write() as s:  # every project, in one transaction (entering one by one is the use case's job)
            now = bank.now()
            s.add_all(CampaignEntry(campaign_id=cid, project_id=pid, entered_by=admin.id, site_id=bank.site_id,
                                    created_at=now, updated_at=now) for pid in s.scalars(select(Project.id)))
    else:
        cid = exists
    print(f"{args.projects:,} projects entered, {args.repeat} runs each; p50 wall s / p50 CPU s")
    print("Boards worked out afresh (the first look after any change), and kept (looking again, nothing changed).")
    print("| reader | what | rows | wall p50 s | CPU p50 s |\n|---|---|---:|---:|---:|")
    for who, actor in (("admin", admin), ("worker", bank.actor(worker))):
        def timed(fn):  # type: ignore[no-untyped-def]
            walls, cpus, result = [], [], None
            for _ in range(args.repeat):
                w0, c0 = time.perf_counter(), time.process_time()
                result = fn()
                walls.append(time.perf_counter() - w0)
                cpus.append(time.process_time() - c0)
            return result, statistics.median(walls), statistics.median(cpus)
        for board in CP.BOARDS:
            r, wall, cpu = timed(lambda: CP.leaderboard(bank, actor, cid, board, fresh=True))
            print(f"| {who} | board {board} | {len(r['rows'])} | {wall:.2f} | {cpu:.2f} |")
            r, wall, cpu = timed(lambda: CP.leaderboard(bank, actor, cid, board))
            print(f"| {who} | board {board}, kept | {len(r['rows'])} | {wall:.3f} | {cpu:.3f} |")
        top = CP.leaderboard(bank, actor, cid, "people")["rows"][0]["employee_no"]
        r, wall, cpu = timed(lambda: CP.ledger(bank, actor, cid, top))
        print(f"| {who} | ledger of the top person | {len(r['lines'])} | {wall:.2f} | {cpu:.2f} |")
    bank.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
