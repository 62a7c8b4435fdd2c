#!/usr/bin/python3
"""Sizes, depths, build times and a gate-level check of the float blocks that round one exact
integer (fdiv, fsqrt, fexp, frsqrt, fsin, fcos) over formats and regimes: the sweep that is too
slow for the test suite (binary32, the majority regime at binary16). Each point runs
`tc0 gen OP --p P --e E --weights R --stats`, then `tc0 verify` (exhaustive up to 16 input bits,
else --random vectors against the word-level soft float). Prints a Markdown table.

usage: bench/float_blocks_sweep.py [--tc0 build/tc0] [--ops fexp,frsqrt] [--formats 8:5,11:5,24:8]
                                   [--regimes exp,majority] [--random 512]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time


def number(text, key):
    m = re.search(r"^\s*" + key + r":?\s+([\d,]+)", text, re.M)
    return int(m.group(1).replace(",", "")) if m else None


def run_point(tc0, op, p, e, regime, vectors, workdir):
    path = os.path.join(workdir, f"{op}_{p}_{e}_{regime}.tc0")
    start = time.time()
    gen = subprocess.run([tc0, "gen", op, "--p", str(p), "--e", str(e), "--weights", regime, "-o", path, "--stats"],
                         capture_output=True, text=True)
    build = time.time() - start
    if gen.returncode != 0:
        return {"error": gen.stderr.strip().splitlines()[-1] if gen.stderr.strip() else "gen failed"}
    row = {"gates": number(gen.stdout, "gates"), "edges": number(gen.stdout, "edges"),
           "depth": number(gen.stdout, "depth"), "build": build}
    start = time.time()
    ver = subprocess.run([tc0, "verify", path, "--random", str(vectors)], capture_output=True, text=True)
    row["verify"] = time.time() - start
    row["vectors"] = number(ver.stdout, "vectors")
    row["mismatches"] = number(ver.stdout, "mismatches") if ver.returncode in (0, 1) else None
    if row["mismatches"] is None:
        row["error"] = (ver.stderr.strip().splitlines() or ["verify failed"])[-1]
    os.remove(path)
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tc0", default="build/tc0")
    ap.add_argument("--ops", default="fdiv,fsqrt,fexp,frsqrt,fsin,fcos")
    ap.add_argument("--formats", default="8:5,11:5,16:8,24:8")
    ap.add_argument("--regimes", default="exp,majority")
    ap.add_argument("--random", type=int, default=512)
    args = ap.parse_args()
    formats = [tuple(int(v) for v in f.split(":")) for f in args.formats.split(",")]
    print("| op | format | regime | gates | edges | depth | build s | vectors | mismatches | verify s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    failed = False
    with tempfile.TemporaryDirectory() as workdir:
        for op in args.ops.split(","):
            for p, e in formats:
                for regime in args.regimes.split(","):
                    r = run_point(args.tc0, op, p, e, regime, args.random, workdir)
                    if "error" in r and "gates" not in r:
                        print(f"| {op} | ({p},{e}) | {regime} | {r['error']} | | | | | | |", flush=True)
                        continue
                    mism = r.get("mismatches")
                    failed |= mism != 0
                    print(f"| {op} | ({p},{e}) | {regime} | {r['gates']:,} | {r['edges']:,} | {r['depth']} | "
                          f"{r['build']:.1f} | {r.get('vectors')} | {mism if mism is not None else r.get('error')} | "
                          f"{r['verify']:.1f} |", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
