#!/usr/bin/python3
"""Compile time, peak memory and size of the bundled models and of the scale target.

Each model is compiled by `tc0 compile MODEL -o OUT --report REPORT` (whole command, wall time,
and the build_seconds / peak_memory_bytes the report records); the baseline in the same run is
the word-level reference engine on one input (`tc0 run`), so the figures read as "compiling costs
X times one reference evaluation" as well as in seconds. The load average is recorded before
every measurement (other jobs may share the machine).

Targets (issue: compiler, part 7): tiny-rope (n = 8, d = 8, 2 layers, p = 8) under 10 s; n = 16,
d = 16, 1 layer, p = 11, e = 5 flat within 8 GB.

Usage: bench/compile_bench.py [--build DIR] [--out DIR] [--quick]
Writes OUT/compile_bench.json and prints a markdown table.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def scale_model(n, d, layers, p, e):
    return {"format": "tc0-model/1", "name": f"scale-n{n}-d{d}-p{p}", "seq_len": n, "d_model": d, "layers": layers,
            "heads": 2, "d_head": d // 2, "mlp": {"hidden": 2 * d, "activation": "relu"},
            "precision": {"p": p, "e": e}, "weights": {"init": "normal", "seed": 1, "scale": 0.5}}


def random_input(model):
    n, d = model["seq_len"], model["d_model"]
    if model.get("input", {}).get("kind") == "tokens":
        return {"tokens": [i % model["input"]["vocab"] for i in range(n)]}
    return {"x": [[((i * 7 + j * 3) % 11 - 5) / 4 for j in range(d)] for i in range(n)]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "bench"))
    ap.add_argument("--quick", action="store_true", help="bundled models only, no scale target")
    ap.add_argument("--max-gates", type=int, default=8_000_000,
                    help="models estimated above this are recorded with their estimate, not built")
    args = ap.parse_args()
    tc0 = os.path.join(args.build, "tc0")
    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="tc0_compile_bench_")
    models = []
    for name in ["micro-rope", "tiny-rope", "tiny-softmax", "tiny-tokens", "paper", "tiny-rope-ternary", "tiny-tensor",
                 "tiny-rope-tensor"]:
        path = os.path.join(ROOT, "examples", "models", name + ".json")
        if os.path.exists(path):
            models.append((name, path))
    if not args.quick:
        for cfg in [(16, 16, 1, 11, 5)]:
            m = scale_model(*cfg)
            path = os.path.join(work, m["name"] + ".json")
            json.dump(m, open(path, "w"))
            models.append((m["name"], path))
    rows = []
    for name, path in models:
        model = json.load(open(path))
        inp = os.path.join(work, name + ".in.json")
        json.dump(random_input(model), open(inp, "w"))
        load = os.getloadavg()[0]
        t0 = time.time()
        subprocess.run([tc0, "-q", "run", path, "--input", inp, "-o", os.path.join(work, "y.json")], check=True)
        reference_seconds = time.time() - t0
        out, rep = os.path.join(work, name + ".tc0"), os.path.join(work, name + ".report.json")
        t0 = time.time()
        r = subprocess.run([tc0, "-q", "compile", path, "-o", out, "--report", rep, "--max-gates", str(args.max_gates)],
                           capture_output=True, text=True)
        wall = time.time() - t0
        if r.returncode != 0:
            rows.append({"model": name, "error": r.stderr.strip()})
            print(f"{name}: {r.stderr.strip()}", file=sys.stderr)
            continue
        report = json.load(open(rep))
        s = report["stats"]
        rows.append({"model": name, "n": model["seq_len"], "d": model["d_model"], "layers": model["layers"],
                     "p": model["precision"]["p"], "e": model["precision"]["e"], "gates": s["gates"],
                     "edges": s["edges"], "depth": s["depth"], "compile_wall_seconds": round(wall, 2),
                     "build_seconds": round(report["build_seconds"], 2),
                     "peak_memory_mib": round(report["peak_memory_bytes"] / 2**20),
                     "file_mib": round(os.path.getsize(out) / 2**20, 1),
                     "reference_run_seconds": round(reference_seconds, 3),
                     "compile_over_reference": round(wall / max(reference_seconds, 1e-3), 1),
                     "load_average": round(load, 2)})
        os.remove(out)
    json.dump(rows, open(os.path.join(args.out, "compile_bench.json"), "w"), indent=1)
    cols = ["model", "n", "d", "layers", "p", "e", "gates", "edges", "depth", "compile_wall_seconds",
            "peak_memory_mib", "file_mib", "compile_over_reference", "load_average"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        if "error" in r:
            print(f"| {r['model']} | error: {r['error']} |")
        else:
            print("| " + " | ".join(f"{r[c]:,}" if isinstance(r[c], int) else str(r[c]) for c in cols) + " |")


if __name__ == "__main__":
    main()
