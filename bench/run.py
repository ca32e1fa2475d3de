"""Run the benchmarks: every bench/bench_*.py (or, with --soak, bench/soak_*.py)
as its own process, so one script's imports, caches and memory never colour
another's figures. Each script prints its own table; this prints which ran.

    python bench/run.py                 all bench_*.py
    python bench/run.py list demo       those whose name contains "list" or "demo"
    python bench/run.py --soak          all soak_*.py (long; not in CI)
    python bench/run.py --list          names only
    python bench/run.py NAME -- ARGS    ARGS go to every selected script
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent


def discover(prefix: str) -> list[Path]:
    return sorted(BENCH_DIR.glob(f"{prefix}_*.py"))


def short(script: Path, prefix: str) -> str:
    return script.stem.removeprefix(prefix + "_")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    passthrough: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, passthrough = argv[:cut], argv[cut + 1:]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="run only scripts whose name contains one of these")
    parser.add_argument("--soak", action="store_true", help="run bench/soak_*.py instead")
    parser.add_argument("--list", action="store_true", help="print the script names and exit")
    args = parser.parse_args(argv)

    prefix = "soak" if args.soak else "bench"
    scripts = discover(prefix)
    if args.names:
        scripts = [s for s in scripts if any(n in s.stem for n in args.names)]
    if args.list:
        for s in scripts:
            print(short(s, prefix))
        return 0
    if not scripts:
        wanted = f" matching {args.names}" if args.names else ""
        print(f"no bench/{prefix}_*.py scripts{wanted}; available: "
              f"{', '.join(short(s, prefix) for s in discover(prefix)) or 'none'}")
        # Asking for a name that is not there is a mistake; an empty folder is not.
        return 2 if args.names else 0

    # Scripts import the app as `app`/`db`; the root on the path makes that work
    # from a plain checkout too, not only from the editable install.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    results: list[tuple[str, int, float]] = []
    for script in scripts:
        name = short(script, prefix)
        print(f"\n=== {prefix} {name} ({script.relative_to(ROOT)}) ===", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.call([sys.executable, str(script), *passthrough], cwd=ROOT, env=env)
        results.append((name, rc, time.perf_counter() - t0))

    width = max(len("script"), *(len(n) for n, _, _ in results))
    print(f"\n=== summary: {len(results)} {prefix} script(s) ===")
    print(f"{'script':<{width}}  {'result':<8}  {'wall s':>8}")
    for name, rc, secs in results:
        status = "ok" if rc == 0 else f"exit {rc}"
        print(f"{name:<{width}}  {status:<8}  {secs:8.1f}")
    return 1 if any(rc for _, rc, _ in results) else 0


if __name__ == "__main__":
    sys.exit(main())
