"""Run every benchmark in turn: `python dev.py bench [--big]`.

Default sizes keep a run to a few minutes (100k tickets); `--big` adds the 1M-ticket figures
(generating the 1M demo file once takes ~10 minutes and ~4 GB under /tmp/deskbench).
Each script prints its own figures with ratios against a baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DIR = Path("/tmp/deskbench")


def run(script: str, *args: str) -> int:
    print(f"\n##### {script} {' '.join(args)}", flush=True)
    return subprocess.call([sys.executable, str(HERE / script), *args])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--big", action="store_true", help="also measure at 1,000,000 tickets")
    args = parser.parse_args()
    sizes = ["100000", "1000000"] if args.big else ["100000"]
    codes = [run("bench_store.py", "--sizes", *sizes, "--dir", str(DIR))]
    demos = [arg for size in sizes for arg in ("--db", str(DIR / f"demo-{size}.db"))]
    codes.append(run("bench_search.py", *demos))
    codes.append(run("bench_suggest.py", *demos))
    dbs = [arg for size in sizes for arg in ("--db", str(DIR / f"demo-{size}.db"))]
    codes.append(run("bench_gui.py", *dbs))
    codes.append(run("bench_triage.py", "--size", sizes[-1], "--dir", str(DIR)))
    exchange = ["--db", str(DIR / "demo-100000.db"), "--work", str(DIR / "exchange")]
    if not args.big:  # with --big, bench_issue11 runs bench_exchange's measurements itself
        codes.append(run("bench_exchange.py", *exchange))
    codes.append(run("bench_printing.py", "--tickets", "100000"))
    chain = ["--db", str(DIR / "demo-100000.db"), "--work", str(DIR / "chain")]
    codes.append(run("bench_chain.py", *chain))
    stall = ["--big"] if args.big else []
    codes.append(run("bench_stall.py", *stall))
    codes.append(run("bench_bundle.py"))
    codes.append(run("bench_report.py", "--sizes", *sizes, "--dir", str(DIR)))
    codes.append(run("bench_problems.py"))
    size = sizes[-1]
    codes.append(run("bench_filesize.py", "--db", str(DIR / f"demo-{size}.db"), "--tickets", size))
    if args.big:  # issue 11's table, every row beside its baseline (PostgreSQL: DESK_BENCH_PG_URL)
        codes.append(run("bench_issue11.py", "--dir", str(DIR)))
    return max(codes)


if __name__ == "__main__":
    sys.exit(main())
