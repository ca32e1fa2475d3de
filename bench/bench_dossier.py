"""Dossier benchmark: text-only dossiers per second (issue 6 asks for at least 5 on this machine).

    python bench/bench_dossier.py [--projects 300] [--batch 60] [--seed 20241124]

Rows:
- render only: DossierData built in memory (app.dossier.demo), laid out to PDF bytes;
- gather + render: one PDF file per project from a demo bank, as `ideabank dossier --batch` does;
- combined: the same projects into one PDF;
- 20k-character field: one dossier whose implementation section is 20,000 characters;
- annual report: the whole bank's report with its charts.
The demo bank is made in a temporary folder with the app's own demo generator.
"""
from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_PER_SECOND = 5.0


def timed(fn, repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--projects", type=int, default=300, help="demo projects in the bank")
    ap.add_argument("--batch", type=int, default=60, help="dossiers per batch row")
    ap.add_argument("--seed", type=int, default=20241124)
    args = ap.parse_args()

    from app.core import demo as demo_data
    from app.core.bank import Bank
    from app.dossier.demo import sample_dossier
    from app.dossier.export import BatchFilter, batch_ids, export_batch
    from app.dossier.fonts import find_cjk_font, glyph_router
    from app.dossier.render import render_dossier
    from app.dossier.report import annual_report

    load_before = f"{os.getloadavg()[0]:.2f}"
    t0 = time.perf_counter()
    font = find_cjk_font()
    glyph_router()
    font_s = time.perf_counter() - t0

    rows: list[tuple[str, int, float, float, str]] = []  # (what, n, wall seconds, CPU seconds, note)
    cpu = time.process_time

    render_dossier(sample_dossier(0), io.BytesIO())  # warm-up: first subset, imports
    c0 = cpu()
    per = timed(lambda: render_dossier(sample_dossier(1), io.BytesIO()), repeat=args.batch)
    rows.append(("render only (in memory)", len(per), sum(per), cpu() - c0,
                 f"median {statistics.median(per) * 1000:.0f} ms"))

    with tempfile.TemporaryDirectory() as tmp:
        bank = Bank.open(Path(tmp) / "data")
        admin = bank.actor()
        demo_data.generate(bank, admin, args.projects, seed=args.seed)
        ids = batch_ids(bank, admin, BatchFilter())[: args.batch]
        f = BatchFilter()

        # Same projects as the ids above: the filter is the whole bank, cut at --batch by cancelling.
        def cancel_after(n):
            count = iter(range(n + 1))
            return lambda: next(count) >= n

        out = Path(tmp) / "each"
        c0, t0 = cpu(), time.perf_counter()
        result = export_batch(bank, admin, f, out, cancelled=cancel_after(len(ids)))
        each_s = time.perf_counter() - t0
        rows.append(("gather + render, one PDF each", len(result.files), each_s, cpu() - c0,
                     f"{result.pages / max(len(result.files), 1):.1f} pages each"))

        combined = Path(tmp) / "all.pdf"
        from app.dossier.gather import gather_many
        from app.dossier.render import render_combined
        c0, t0 = cpu(), time.perf_counter()
        items = list(gather_many(bank, admin, ids))
        pages = render_combined(items, combined).pages
        comb_s = time.perf_counter() - t0
        rows.append(("gather + render, one combined PDF", len(items), comb_s, cpu() - c0, f"{pages} pages"))

        big = sample_dossier(2)
        # One paragraph, no line breaks, full of characters that must be escaped (R&D <b>).
        big.implementation = "".join(f"第{n}段：巡检数据显示油位在{n}时波动，R&D<b>分析</b>原因并调整告警阈值。"
                                     for n in range(700))[:20000]
        c0 = cpu()
        per_big = timed(lambda: render_dossier(big, io.BytesIO()), repeat=3)
        rows.append(("one dossier with a 20,000-char field (escapes, no line breaks)", 3, sum(per_big),
                     cpu() - c0,
                     f"median {statistics.median(per_big) * 1000:.0f} ms"))

        c0, t0 = cpu(), time.perf_counter()
        report_pages = annual_report(bank, admin, studio=None, year=None, target=Path(tmp) / "report.pdf")
        rows.append((f"annual report, {args.projects} projects", 1, time.perf_counter() - t0, cpu() - c0,
                     f"{report_pages} pages, 4 charts"))
        bank.close()

    print(f"font: {font.path} (subfont {font.subfont_index}), loaded in {font_s * 1000:.0f} ms")
    print()
    print("| what | n | wall s | per second (wall) | CPU s | per second (CPU) | note |")
    print("|---|---|---|---|---|---|---|")
    for what, n, secs, cpu_s, note in rows:
        print(f"| {what} | {n} | {secs:.2f} | {n / secs:.1f} | {cpu_s:.2f} | {n / cpu_s:.1f} | {note} |")
    rate = rows[1][1] / rows[1][2]
    print()
    print(f"load average before/after: {load_before} / {os.getloadavg()[0]:.2f} "
          "(other processes on 2 cores stretch the wall times; the CPU columns do not move)")
    print(f"text-only dossiers per second (gather + render, files, wall): {rate:.1f} "
          f"({'meets' if rate >= TARGET_PER_SECOND else 'MISSES'} the target of {TARGET_PER_SECOND:.0f}/s)")
    return 0 if rate >= TARGET_PER_SECOND else 1


if __name__ == "__main__":
    sys.exit(main())
