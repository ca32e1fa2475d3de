"""A fixed data set for the analytics tests, with a timeline whose figures are computed by hand.

People (tests/conftest.py make_people): L001 leads studio A (王建国劳模创新工作室, unit 变电运维车间) where
W001 works; L002 leads studio B (输电工作室, unit 输电运检车间) where W002 works outside any studio.

Day 0 is 2025-03-01 09:00 UTC (17:00 in Shanghai). Projects, all proposed on day 0:

| project | by (co-author) | studio | category | expected | path (day of each step) | measured | investment |
|---|---|---|---|---|---|---|---|
| P1 | W001 | A | innovation | 12,000 | submit 0, review 2, adopt 5, work 15, complete 45 | 20,000 | 5,000 |
| P2 | W001 (W002) | A | suggestion | 3,000 | submit 0, review 2, not adopted 5 | – | – |
| P3 | W002 | B | innovation | 50,000 | submit 0, review 3, adopt 7, work 27, complete 87, incubate 97, promote 127 | 40,000 | 10,000 |
| P4 | W002 | – | suggestion | 7,000 | a draft | – | – |
| P5 secret | W001 | A | invention | 1,000,000 | submit 0, review 3, adopt 7, work 17, complete 87 | 500,000 | 100,000 |

With `secret=False`, P5 is never made: a viewer who may not see P5 must get exactly the figures of
that bank.
"""
from __future__ import annotations

import datetime as dt

from app.core import projects

DAY0_ISO = "2025-03-01T09:00:00+00:00"

BASE = {"background": "现场作业中存在的问题。", "solution": "改进的办法。", "innovation_points": ["一", "二"]}


def build(bank, people, clock, *, secret: bool = True) -> dict[str, str]:
    admin, l1, l2, w1, w2 = (people[k] for k in ("admin", "L001", "L002", "W001", "W002"))
    ids = {
        "P1": projects.propose(bank, w1, BASE | {"title": "P1 防雨罩改进", "category": "小革新",
                                                 "expected_benefit": 12000}, submit=True).value,
        "P2": projects.propose(bank, w1, BASE | {"title": "P2 巡视路线建议", "category": "小建议", "expected_benefit": 3000,
                                                 "co_authors": ["W002"]}, submit=True).value,
        "P3": projects.propose(bank, w2, BASE | {"title": "P3 导线除冰装置", "category": "小革新", "expected_benefit": 50000,
                                                 "studio": "输电工作室"}, submit=True).value,
        "P4": projects.propose(bank, w2, BASE | {"title": "P4 草稿", "category": "小建议", "expected_benefit": 7000}).value,
    }
    if secret:
        ids["P5"] = projects.propose(bank, w1, BASE | {"title": "P5 保密的继电保护装置", "category": "小发明",
                                                       "expected_benefit": 1_000_000, "confidentiality": "秘密"},
                                     submit=True).value
    steps = [
        (2, l1, "P1", "start_review"), (2, l1, "P2", "start_review"),
        (3, l2, "P3", "start_review"), (3, l1, "P5", "start_review"),
        (5, l1, "P1", "adopt"), (5, l1, "P2", "not_adopt"),
        (7, l2, "P3", "adopt"), (7, l1, "P5", "adopt"),
        (15, w1, "P1", "start_work"), (17, w1, "P5", "start_work"), (27, w2, "P3", "start_work"),
        (45, l1, "P1", "complete"), (87, l2, "P3", "complete"), (87, l1, "P5", "complete"),
        (97, l2, "P3", "incubate"), (127, admin, "P3", "promote"),
    ]
    start = clock.now
    for day, who, key, action in steps:
        if key not in ids:
            continue
        clock.now = start + dt.timedelta(days=day)
        projects.move(bank, who, ids[key], action, reason="重复" if action == "not_adopt" else None)
    for key, who, measured, investment in (("P1", l1, 20000, 5000), ("P3", l2, 40000, 10000),
                                           ("P5", l1, 500_000, 100_000)):
        if key in ids:
            projects.edit(bank, who, ids[key], {"measured_benefit": measured, "investment": investment})
    return ids
