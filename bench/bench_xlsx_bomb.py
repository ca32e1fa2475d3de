"""An .xlsx zip bomb against the sheet reader: time and peak memory to refuse it (issue 14 item 9).

    python bench/bench_xlsx_bomb.py [--gib 1.5] [--openpyxl]

Builds a workbook whose sheet unpacks to --gib GiB of identical cells (about 1.5 MB on disk for
1.5 GiB), then reads it in a child process each way and prints wall time, CPU time and peak RSS:
- `read_sheet` (app/core/sheets.py): checked before parsing, refused;
- with --openpyxl also openpyxl's read-only reader collecting the rows, as the import did before the
  check (minutes and gigabytes at full size: run it on a quiet machine).
An ordinary 20,000-row export is read too, for the cost of the check on a legitimate file.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[3])
path, how = sys.argv[1], sys.argv[2]
start, cpu = time.perf_counter(), time.process_time()
outcome = ""
try:
    if how == "read_sheet":
        from app.core.sheets import read_sheet
        from app.core.transfer_files import COLUMNS
        outcome = f"{len(read_sheet(path, COLUMNS).rows)} rows"
    else:
        from openpyxl import load_workbook
        wb = load_workbook(path, read_only=True)
        rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
        outcome = f"{len(rows)} rows"
except Exception as exc:
    outcome = "refused: " + str(exc).split("（")[0][-60:]
print(json.dumps({"wall": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "outcome": outcome}))
"""

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CONTENT_TYPES = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 f'<Override PartName="/xl/workbook.xml" ContentType="{_SML}.sheet.main+xml"/>'
                 f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_SML}.worksheet+xml"/></Types>')
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def bomb(path: Path, gib: float) -> Path:
    row = "<row>" + '<c t="n"><v>1</v></c>' * 100 + "</row>"
    block = (row * 400).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", f'<Relationships><Relationship Id="r1" Type="{REL}/officeDocument" '
                                  'Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook {NS} xmlns:r="{REL}"><sheets><sheet name="s" sheetId="1" '
                                      'r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships><Relationship Id="rId1" Type="{REL}/worksheet" '
                                                 'Target="worksheets/sheet1.xml"/></Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f"<worksheet {NS}><sheetData>".encode())
            sheet.write('<row><c t="inlineStr"><is><t>标题</t></is></c><c t="inlineStr"><is><t>分类</t></is></c></row>'
                        .encode())
            for _ in range(int(gib * 2**30 / len(block))):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
    return path


def ordinary(path: Path, rows: int) -> Path:
    from app.core.transfer_files import write_rows
    project = {"title": "绝缘子带电清扫工具", "category": "invention", "status": "adopted", "background": "背景" * 100,
               "solution": "方案" * 200, "innovation_points": ["一", "二"], "tags": ["配电"], "proposer": "3100002",
               "co_authors": ["3100003"], "expected_benefit": 12000, "created_at": "2024-05-01T00:00:00+00:00"}
    write_rows(path, [project | {"number": f"CX-2024-T-{i:06d}"} for i in range(rows)])
    return path


def measure(path: Path, how: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), how, str(ROOT)], capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gib", type=float, default=1.5)
    ap.add_argument("--openpyxl", action="store_true", help="also time openpyxl's reader (slow, gigabytes)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = {"bomb": bomb(Path(tmp) / "bomb.xlsx", args.gib), "20,000-row export": ordinary(Path(tmp) / "ok.xlsx",
                                                                                               20_000)}
        print("| file | on disk | unpacked | reader | wall s | CPU s | peak RSS MB | outcome |")
        print("|---|---|---|---|---|---|---|---|")
        for name, path in files.items():
            with zipfile.ZipFile(path) as z:
                unpacked = sum(i.file_size for i in z.infolist())
            for how in ("read_sheet", "openpyxl") if args.openpyxl or name != "bomb" else ("read_sheet",):
                m = measure(path, how)
                print(f"| {name} | {path.stat().st_size / 2**20:.1f} MB | {unpacked / 2**20:,.0f} MB | {how} | "
                      f"{m['wall']:.2f} | {m['cpu']:.2f} | {m['rss_mb']:.0f} | {m['outcome']} |")


if __name__ == "__main__":
    main()
