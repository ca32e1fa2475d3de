"""A process for tests/core/test_kill.py to kill with SIGKILL at a random moment.

    python -m tests.kill_worker edits DATA SEED     # writes forever, printing each committed change
    python -m tests.kill_worker import DATA FILE    # one big import (all or nothing)
    python -m tests.kill_worker reindex DATA        # rebuilds the search index

A line is printed only after its transaction committed, so every line the parent read names a
change that must be there after the kill.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

from app.core import discussion, projects
from app.core.bank import Bank
from app.core.errors import IdeaBankError

PEOPLE = ("W001", "W002", "L001")


def edits(bank: Bank, seed: int) -> None:
    rng = random.Random(seed)
    actors = {no: bank.actor(no) for no in PEOPLE}
    mine: list[str] = []
    i = 0
    while True:
        i += 1
        kind = rng.choice(("propose", "propose", "edit", "comment", "vote"))
        if kind != "propose" and not mine:
            kind = "propose"
        try:
            if kind == "propose":
                title = f"K{seed}-{i} 断电自恢复装置"
                pid = projects.propose(bank, actors["W001"], {
                    "title": title, "category": "小革新", "background": "背景" * rng.randint(1, 200),
                    "solution": "方案", "innovation_points": ["一"]}).value
                mine.append(pid)
                print(f"propose {pid} {title}", flush=True)
            elif kind == "edit":
                pid = rng.choice(mine)
                title = f"E{seed}-{i} 改进版"
                projects.edit(bank, actors["W001"], pid, {"title": title})
                print(f"edit {pid} {title}", flush=True)
            elif kind == "comment":
                pid = rng.choice(mine)
                cid = discussion.comment(bank, actors[rng.choice(PEOPLE)], pid, f"评论 {i}").value
                print(f"comment {cid} {pid}", flush=True)
            else:
                pid = rng.choice(mine)
                who = rng.choice(PEOPLE)
                discussion.vote(bank, actors[who], pid)
                print(f"vote {pid} {who}", flush=True)
        except IdeaBankError:
            continue  # already voted, and the like: nothing was written


def main(argv: list[str]) -> int:
    mode, data = argv[0], Path(argv[1])
    bank = Bank.open(data)
    print("open", flush=True)
    if mode == "edits":
        edits(bank, int(argv[2]))
    elif mode == "import":
        from app.core import transfer
        report = transfer.import_projects(bank, bank.actor(), Path(argv[2]))
        print(f"imported {report.imported}", flush=True)
    elif mode == "reindex":
        from app.search.service import SearchService
        print(f"indexed {SearchService(bank).reindex()}", flush=True)
    bank.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
