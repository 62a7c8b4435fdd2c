#!/usr/bin/python3
"""Runs `tc0 problem NAME --sweep ...` for the NC1 problems and draws depth vs N (one line per
problem, with its fitted a*log2(N) + b) and gates vs N (log-log, with the fitted c*N^k).

Usage:
  /usr/bin/python3 scripts/problems_sweep.py [--tc0 build/tc0] [--out-dir docs/img]
        [--data-dir docs/img] [--sizes bfvp=8,16,...] [--sizes s5=...] [--check 200]
        [--only bfvp,s5] [--no-run] [--transformer SWEEP.json]

Each problem's sweep JSON (tc0-problem-sweep/1) is written to DATA_DIR/problems_NAME_sweep.json;
with --no-run the script only reads them back and draws. The figures are
OUT_DIR/problems_depth.png and OUT_DIR/problems_size.png; a Markdown table of the fits goes to
stdout (docs/results.md quotes it).

OPTIONAL: --transformer FILE adds the compiled transformer's depth at seq_len = N as a dashed
line. FILE is the output of `tc0 sweep MODEL.json --vary seq_len=8,16,... -o FILE` (an array of
{"config": {"seq_len": N, ...}, "stats": {"depth": D, ...}}); without it the plot says that the
transformer line is not drawn yet (the model compiler does not exist in this build).
"""
import argparse
import json
import math
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DEFAULT_SIZES = {
    "bfvp": [8, 16, 32, 64, 128, 256, 512, 1024],
    "afe": [8, 16, 32, 64, 128, 256, 512, 1024],
    "s5": [8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768],
    "closure": [8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768],
}
LABELS = {
    "bfvp": "bfvp (Boolean formula value)",
    "afe": "afe (arithmetic formula, Z_7)",
    "s5": "s5 (word problem of S5)",
    "closure": "closure (membership in F*)",
}
STYLE = {"bfvp": ("tab:blue", "o"), "afe": ("tab:orange", "s"), "s5": ("tab:green", "^"), "closure": ("tab:red", "D")}


def run_sweep(tc0, name, sizes, check, path):
    cmd = [tc0, "problem", name, "--sweep", ",".join(str(n) for n in sizes), "-o", path, "--quiet"]
    if check:
        cmd += ["--check", str(check)]
    print("running:", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, stdout=sys.stderr)


def load_transformer(path):
    with open(path) as f:
        data = json.load(f)
    points = []
    for entry in data:
        n = entry.get("config", {}).get("seq_len")
        depth = entry.get("stats", {}).get("depth")
        if n is not None and depth is not None:
            points.append((int(n), int(depth)))
    return sorted(points)


def fit_table(sweeps):
    lines = ["| problem | N range | depth = a log2 N + b | r^2 | gates = c N^k | r^2 | gates, upper half of N | edges = c N^k | NC1-complete |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name, s in sweeps.items():
        fit = s["fit"]
        ns = [p["size"] for p in s["points"]]
        monoid = s["problem"].get("monoid")
        hard = "yes (Buss)" if name in ("bfvp", "afe") else ("yes (S5 in the monoid)" if monoid and not monoid["solvable"]
                                                            else "no (solvable monoid)")
        tail = fit.get("gates_upper_half", {"c": 0, "k": 0, "from": 0})
        lines.append("| {} | {}..{} | a = {:.2f}, b = {:.2f} | {:.3f} | c = {:.3g}, k = {:.2f} | {:.3f} | N >= {}: k = {:.2f} | c = {:.3g}, k = {:.2f} | {} |".format(
            name, min(ns), max(ns), fit["depth"]["a"], fit["depth"]["b"], fit["depth"]["r2"], fit["gates"]["c"],
            fit["gates"]["k"], fit["gates"]["r2"], tail["from"], tail["k"], fit["edges"]["c"], fit["edges"]["k"], hard))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tc0", default=os.path.join(REPO, "build", "tc0"))
    ap.add_argument("--out-dir", default=os.path.join(REPO, "docs", "img"))
    ap.add_argument("--data-dir", default=os.path.join(REPO, "docs", "img"))
    ap.add_argument("--sizes", action="append", default=[], help="NAME=8,16,32 (repeatable)")
    ap.add_argument("--only", default="bfvp,afe,s5,closure")
    ap.add_argument("--check", type=int, default=200, help="random instances simulated per size (0: none)")
    ap.add_argument("--no-run", action="store_true", help="draw from existing sweep JSON files")
    ap.add_argument("--transformer", help="OPTIONAL: `tc0 sweep` JSON of the compiled transformer over seq_len")
    args = ap.parse_args()

    sizes = dict(DEFAULT_SIZES)
    for item in args.sizes:
        name, _, values = item.partition("=")
        sizes[name] = [int(v) for v in values.split(",") if v]
    names = [n for n in args.only.split(",") if n]
    os.makedirs(args.out_dir, exist_ok=True)
    os.makedirs(args.data_dir, exist_ok=True)

    sweeps = {}
    for name in names:
        path = os.path.join(args.data_dir, "problems_%s_sweep.json" % name)
        if not args.no_run:
            run_sweep(args.tc0, name, sizes[name], args.check, path)
        with open(path) as f:
            sweeps[name] = json.load(f)

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 5.2))
    for name, s in sweeps.items():
        color, marker = STYLE.get(name, ("black", "x"))
        ns = [p["size"] for p in s["points"]]
        ds = [p["depth"] for p in s["points"]]
        a, b = s["fit"]["depth"]["a"], s["fit"]["depth"]["b"]
        ax.plot(ns, ds, marker=marker, color=color, linestyle="none", label="%s: %.1f log2 N %+.1f" % (LABELS.get(name, name), a, b))
        xs = [2 ** (math.log2(min(ns)) + i * (math.log2(max(ns)) - math.log2(min(ns))) / 50) for i in range(51)]
        ax.plot(xs, [a * math.log2(x) + b for x in xs], color=color, linewidth=1)
    if args.transformer:
        pts = load_transformer(args.transformer)
        if pts:
            ax.plot([p[0] for p in pts], [p[1] for p in pts], color="black", linestyle="--", marker="x",
                    label="compiled transformer (depth at seq_len = N)")
    else:
        ax.text(0.98, 0.62, "compiled transformer: not drawn yet\n(optional input --transformer SWEEP.json;\n"
                "a TC0 family: flat depth at seq_len = N)", transform=ax.transAxes, va="top", ha="right", fontsize=8,
                color="dimgray")
    ax.set_xscale("log", base=2)
    ax.set_xlabel("N (tokens per instance)")
    ax.set_ylabel("circuit depth (gates on the longest path)")
    ax.set_title("Log-depth circuits for NC1-complete problems (exp weights)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    depth_png = os.path.join(args.out_dir, "problems_depth.png")
    fig.savefig(depth_png, dpi=120)

    fig, ax = plt.subplots(figsize=(8, 5.2))
    for name, s in sweeps.items():
        color, marker = STYLE.get(name, ("black", "x"))
        ns = [p["size"] for p in s["points"]]
        gs = [p["gates"] for p in s["points"]]
        c, k = s["fit"]["gates"]["c"], s["fit"]["gates"]["k"]
        tail = s["fit"].get("gates_upper_half")
        label = "%s: %.3g N^%.2f" % (name, c, k)
        if tail:
            label += " (N >= %d: N^%.2f)" % (tail["from"], tail["k"])
        ax.plot(ns, gs, marker=marker, color=color, linestyle="none", label=label)
        ax.plot(ns, [c * n ** k for n in ns], color=color, linewidth=1, alpha=0.5)
        if tail:
            upper = [n for n in ns if n >= tail["from"]]
            ax.plot(upper, [tail["c"] * n ** tail["k"] for n in upper], color=color, linewidth=1.5, linestyle=":")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("N (tokens per instance)")
    ax.set_ylabel("gates")
    ax.set_title("Size of the problem circuits (solid: fit over all N, dotted: upper half)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    size_png = os.path.join(args.out_dir, "problems_size.png")
    fig.savefig(size_png, dpi=120)

    print(fit_table(sweeps))
    print("\nwrote %s and %s" % (depth_png, size_png), file=sys.stderr)


if __name__ == "__main__":
    main()
