#!/usr/bin/python3
"""Draws the plots of one or more `tc0 sweep` outputs and prints the fitted exponents.

Usage:
  /usr/bin/python3 scripts/plot_sweep.py SWEEP.json [SWEEP2.json ...] [--labels rope,tensor]
        [--out-dir docs/img] [--prefix sweep] [--fit-from N]

Input: the JSON array `tc0 sweep -o` writes (interfaces.md "Sweep output": {"config": {...},
"stats": {"gates", "edges", "weighted_edges", "depth", ...}, "components": [...]} per
configuration) or the CSV of `--csv` (columns: the varied keys, gates, edges, weighted_edges,
depth, build_seconds). Config keys may nest ("precision": {"p": 24, "e": 8} reads as p and e);
seq_len may be written n, layers m, precision.p p.

Each file is one series, labelled by --labels, else by the config's "name" when every entry
has the same one, else by the file name. Within a series, the varied keys other than the x axis
split it into lines (e.g. one gates-vs-n line per layer count). Figures, each written only when
some line has two or more x values:

  PREFIX_gates_vs_n.png       gates vs seq_len, log-log, least-squares fit c n^k per line
  PREFIX_depth_vs_n.png       depth vs seq_len (flat for a TC0 family)
  PREFIX_depth_vs_layers.png  depth vs layers, linear, fitted slope and intercept
  PREFIX_gates_vs_p.png       gates vs p, log-log, fit c p^k

Stdout: one JSON line {"gates_vs_n": [...], "edges_vs_n", "weighted_edges_vs_n",
"depth_vs_n", "depth_vs_layers", "gates_vs_p", "png": [...]}; each fit entry carries label,
group (the other varied keys), points, x range, and exponent / coefficient / r2 (power laws,
plus exponent_upper_half: the fit over the upper half of x) or slope / intercept (lines).
Exit 2 on unreadable input.
"""
import argparse
import csv
import json
import math
import os
import sys

ALIASES = {"n": "seq_len", "m": "layers", "precision.p": "p", "precision.e": "e", "d": "d_model"}
STATS = ("gates", "edges", "weighted_edges", "depth")


class InputError(Exception):
    pass


def flatten(config, prefix=""):
    """{"precision": {"p": 8}} -> {"precision.p": 8}, with the aliases above applied."""
    out = {}
    for key, value in config.items():
        name = prefix + key
        if isinstance(value, dict):
            out.update(flatten(value, name + "."))
        else:
            out[ALIASES.get(name, name)] = value
    return out


def number(text):
    try:
        v = float(text)
    except (TypeError, ValueError):
        return text
    return int(v) if v.is_integer() else v


def read_sweep(path):
    """A list of (config dict, stats dict) from a sweep JSON array or CSV."""
    try:
        with open(path, newline="") as f:
            text = f.read()
    except OSError as exc:
        raise InputError("%s: cannot read (%s)" % (path, exc.strerror))
    points = []
    if path.lower().endswith(".csv"):
        for row in csv.DictReader(text.splitlines()):
            stats = {k: number(row[k]) for k in STATS if row.get(k) not in (None, "")}
            config = {ALIASES.get(k, k): number(v) for k, v in row.items()
                      if k not in STATS and k != "build_seconds" and v not in (None, "")}
            points.append((config, stats))
        return points
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError("%s: line %d column %d: expected the JSON array of `tc0 sweep` (%s)"
                         % (path, exc.lineno, exc.colno, exc.msg))
    if isinstance(data, dict) and isinstance(data.get("points"), list):
        data = data["points"]
    if not isinstance(data, list):
        raise InputError("%s: expected a JSON array of {\"config\": .., \"stats\": ..}" % path)
    for i, entry in enumerate(data):
        if not isinstance(entry, dict) or not isinstance(entry.get("config"), dict):
            raise InputError("%s: entry %d: expected {\"config\": {...}, \"stats\": {...}}" % (path, i))
        stats = entry.get("stats")
        if not isinstance(stats, dict):
            print("plot_sweep: %s: entry %d has no stats (skipped)" % (path, i), file=sys.stderr)
            continue
        points.append((flatten(entry["config"]), stats))
    return points


def varied_keys(points):
    keys = sorted({k for c, _ in points for k in c})
    return [k for k in keys if len({json.dumps(c.get(k), sort_keys=True) for c, _ in points}) > 1]


def label_of(path, points, given):
    if given:
        return given
    names = {c.get("name") for c, _ in points}
    if len(names) == 1 and None not in names:
        return str(names.pop())
    return os.path.splitext(os.path.basename(path))[0]


def lines_over(series, xkey, ykey):
    """For each series and each value of its other varied keys: sorted (x, y) points."""
    out = []
    for s in series:
        others = [k for k in s["varied"] if k != xkey]
        groups = {}
        for config, stats in s["points"]:
            x, y = config.get(xkey), stats.get(ykey)
            if not isinstance(x, (int, float)) or not isinstance(y, (int, float)):
                continue
            group = tuple((k, config.get(k)) for k in others)
            groups.setdefault(group, {})[x] = y
        for group, xy in groups.items():
            if len(xy) >= 2:
                pts = sorted(xy.items())
                out.append({"label": s["label"], "group": dict(group), "x": [p[0] for p in pts],
                            "y": [p[1] for p in pts]})
    return out


def least_squares(xs, ys):
    """slope, intercept, r^2 of y = slope x + intercept."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    syy = sum((y - my) ** 2 for y in ys)
    slope = sxy / sxx if sxx else 0.0
    intercept = my - slope * mx
    r2 = (sxy * sxy / (sxx * syy)) if sxx and syy else 1.0
    return slope, intercept, r2


def power_fit(xs, ys, fit_from=None):
    """y = c x^k by least squares on log-log axes (points with x >= fit_from, y > 0)."""
    pts = [(x, y) for x, y in zip(xs, ys) if x > 0 and y > 0 and (fit_from is None or x >= fit_from)]
    if len(pts) < 2:
        return None
    k, logc, r2 = least_squares([math.log(x) for x, _ in pts], [math.log(y) for _, y in pts])
    return {"exponent": k, "coefficient": math.exp(logc), "r2": r2, "fit_points": len(pts)}


def power_lines(series, xkey, ykey, fit_from):
    out = []
    for line in lines_over(series, xkey, ykey):
        fit = power_fit(line["x"], line["y"], fit_from)
        if fit is None:
            continue
        entry = {"label": line["label"], "group": line["group"], "points": len(line["x"]),
                 "x_min": line["x"][0], "x_max": line["x"][-1]}
        entry.update(fit)
        upper = [x for x in line["x"] if x >= line["x"][len(line["x"]) // 2]]
        tail = power_fit(line["x"], line["y"], upper[0]) if len(upper) >= 2 else None
        entry["exponent_upper_half"] = tail["exponent"] if tail else None
        entry["_x"], entry["_y"] = line["x"], line["y"]
        out.append(entry)
    return out


def linear_lines(series, xkey, ykey):
    out = []
    for line in lines_over(series, xkey, ykey):
        slope, intercept, r2 = least_squares(line["x"], line["y"])
        out.append({"label": line["label"], "group": line["group"], "points": len(line["x"]),
                    "x_min": line["x"][0], "x_max": line["x"][-1], "slope": slope, "intercept": intercept,
                    "r2": r2, "min": min(line["y"]), "max": max(line["y"]), "flat": min(line["y"]) == max(line["y"]),
                    "_x": line["x"], "_y": line["y"]})
    return out


def line_name(entry, many_labels):
    """The series label (when several files are drawn) and the other varied keys of the line."""
    group = ", ".join("%s=%s" % (k, v) for k, v in entry["group"].items())
    if many_labels:
        return entry["label"] + (" [%s]" % group if group else "")
    return group or entry["label"]


def draw(out_dir, prefix, fits, many_labels, xlabel_n):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    markers = "os^Dvp*h"
    dashes = ["-", "--", ":", "-."]
    series = []
    for entries in fits.values():
        for f in entries:
            if f["label"] not in series:
                series.append(f["label"])
    written = []

    def style(i, f):
        """A colour per line; a marker and a line style per input file (equal lines stay visible)."""
        s = series.index(f["label"])
        return colors[i % len(colors)], markers[s % len(markers)], dashes[s % len(dashes)]

    def finish(fig, ax, name, title, xlabel, ylabel):
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
        fig.tight_layout()
        path = os.path.join(out_dir, "%s_%s.png" % (prefix, name))
        fig.savefig(path, dpi=120)
        plt.close(fig)
        written.append(path)

    def power_plot(entries, name, title, xlabel, ylabel, sym):
        if not entries:
            return
        fig, ax = plt.subplots(figsize=(8, 5.2))
        for i, f in enumerate(entries):
            color, marker, dash = style(i, f)
            label = "%s: %.3g %s^%.2f" % (line_name(f, many_labels), f["coefficient"], sym, f["exponent"])
            if f.get("exponent_upper_half") is not None and f["points"] >= 4:
                label += " (upper half: ^%.2f)" % f["exponent_upper_half"]
            ax.plot(f["_x"], f["_y"], marker=marker, color=color, linestyle="none", label=label)
            ax.plot(f["_x"], [f["coefficient"] * x ** f["exponent"] for x in f["_x"]], color=color, linewidth=1,
                    linestyle=dash)
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        finish(fig, ax, name, title, xlabel, ylabel)

    power_plot(fits["gates_vs_n"], "gates_vs_n", "Circuit size vs sequence length (least squares on log-log)",
               xlabel_n, "gates", "n")

    if fits["depth_vs_n"]:
        fig, ax = plt.subplots(figsize=(8, 5.2))
        for i, f in enumerate(fits["depth_vs_n"]):
            color, marker, dash = style(i, f)
            span = ("flat at %d" % f["min"]) if f["flat"] else "%g..%g" % (f["min"], f["max"])
            ax.plot(f["_x"], f["_y"], marker=marker, color=color, linestyle=dash, label="%s: %s" % (line_name(f, many_labels), span))
        ax.set_xscale("log", base=2)
        ax.set_ylim(bottom=0, top=max(f["max"] for f in fits["depth_vs_n"]) * 1.25 + 1)
        finish(fig, ax, "depth_vs_n", "Depth vs sequence length (constant for a TC0 family)", xlabel_n, "depth")

    if fits["depth_vs_layers"]:
        fig, ax = plt.subplots(figsize=(8, 5.2))
        for i, f in enumerate(fits["depth_vs_layers"]):
            color, marker, dash = style(i, f)
            ax.plot(f["_x"], f["_y"], marker=marker, color=color, linestyle="none",
                    label="%s: depth = %.2f m %+.2f (r^2 %.4f)" % (line_name(f, many_labels), f["slope"],
                                                                 f["intercept"], f["r2"]))
            ax.plot(f["_x"], [f["slope"] * x + f["intercept"] for x in f["_x"]], color=color, linewidth=1,
                    linestyle=dash)
        ax.set_ylim(bottom=0)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        finish(fig, ax, "depth_vs_layers", "Depth vs layers (linear in m)", "layers m", "depth")

    power_plot(fits["gates_vs_p"], "gates_vs_p", "Circuit size vs precision p (least squares on log-log)",
               "precision p (significand bits)", "gates", "p")
    return written


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sweeps", nargs="+", metavar="SWEEP.json")
    ap.add_argument("--labels", help="comma-separated series labels, one per file")
    ap.add_argument("--out-dir", default=".")
    ap.add_argument("--prefix", default="sweep")
    ap.add_argument("--fit-from", type=float, metavar="N", help="fit power laws only on points with x >= N")
    try:
        args = ap.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    labels = args.labels.split(",") if args.labels else []
    if labels and len(labels) != len(args.sweeps):
        print("plot_sweep: --labels: expected %d labels, got %d" % (len(args.sweeps), len(labels)), file=sys.stderr)
        return 2
    try:
        series = []
        for i, path in enumerate(args.sweeps):
            points = read_sweep(path)
            series.append({"label": label_of(path, points, labels[i] if labels else None),
                           "points": points, "varied": varied_keys(points)})
    except InputError as exc:
        print("plot_sweep: %s" % exc, file=sys.stderr)
        return 2
    fits = {
        "gates_vs_n": power_lines(series, "seq_len", "gates", args.fit_from),
        "edges_vs_n": power_lines(series, "seq_len", "edges", args.fit_from),
        "weighted_edges_vs_n": power_lines(series, "seq_len", "weighted_edges", args.fit_from),
        "depth_vs_n": linear_lines(series, "seq_len", "depth"),
        "depth_vs_layers": linear_lines(series, "layers", "depth"),
        "gates_vs_p": power_lines(series, "p", "gates", args.fit_from),
    }
    os.makedirs(args.out_dir, exist_ok=True)
    png = draw(args.out_dir, args.prefix, fits, len(series) > 1, "sequence length n")
    result = {k: [{x: y for x, y in f.items() if not x.startswith("_")} for f in v] for k, v in fits.items()}
    result["png"] = png
    print(json.dumps(result))
    if not png:
        print("plot_sweep: no key varied over two or more values of seq_len, layers or p: nothing drawn",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
