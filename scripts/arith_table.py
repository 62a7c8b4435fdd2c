#!/usr/bin/python3
"""Generates docs/arithmetic.md: size and depth of every integer `tc0 gen` block at several widths
in both weight regimes, measured by running the real binary (`tc0 gen` then `tc0 stats --json`).

Usage:
  /usr/bin/python3 scripts/arith_table.py [TC0] [--widths 8,16,32,64,128] [--ops add,mul,...]
                                          [--timeout 60] [--mem-gb 8] [-o docs/arithmetic.md]

TC0 defaults to build/tc0 under the repository root. Every gen and stats call runs with a CPU
time limit (--timeout, a wall-clock backstop at 3x) and an address-space limit (--mem-gb); a block that fails, times out or runs out of memory is
recorded in its table cell and the script goes on. After a timeout or an out-of-memory at some
width, the wider widths of the same block and regime are not tried (--no-skip tries them anyway).
"""
import argparse
import datetime
import json
import math
import os
import resource
import shlex
import signal
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGIMES = ("exp", "majority")

# Depth targets copied from /work/shared/spec/arithmetic.md, section "Depth targets" (the table
# "plain threshold-gate depth; best known explicit constructions"). Each entry: target text for exp
# and majority as written in the spec, and where it comes from. A target "a-b" is met by depth <= b.
# Blocks the spec table does not list carry the target their construction implies, marked so.
TARGETS = {
    "and": ("1", "1", "one gate (not in the spec table)"),
    "or": ("1", "1", "one gate (not in the spec table)"),
    "maj": ("1", "1", "one gate (not in the spec table)"),
    "thr": ("1", "1", "one gate (not in the spec table)"),
    "parity": ("2", "2-4", "spec row 'popcount, count' (parity = its low bit; lower bound 2)"),
    "popcount": ("2", "2-4", "spec row 'popcount, count'"),
    "cmp": ("2", "3", "spec rows 'x<y, x<=y' (2 / 3) and 'x==y' (2 / 2)"),
    "cmp-signed": ("2", "3", "spec rows 'x<y, x<=y' and 'x==y' (signed: sign bits complemented, free)"),
    "mux": ("2", "2", "not in the spec table; selection as in 'variable shift, rotate'"),
    "add": ("2", "3", "spec row 'x+y, x-y, -x, abs'"),
    "sub": ("2", "3", "spec row 'x+y, x-y, -x, abs'"),
    "neg": ("2", "3", "spec row 'x+y, x-y, -x, abs'"),
    "abs": ("2", "3", "spec row 'x+y, x-y, -x, abs'"),
    "shift": ("2", "2", "spec row 'variable shift, rotate'"),
    "lzc": ("2", "2", "spec row 'leading-zero count, normalize'"),
    "normalize": ("2", "2", "spec row 'leading-zero count, normalize'"),
    "sum4": ("2", "4", "spec row 'sum of k b-bit numbers'"),
    "sum16": ("2", "4", "spec row 'sum of k b-bit numbers'"),
    "mul": ("3", "5", "spec row 'x*y, x^2'"),
    "square": ("3", "5", "spec row 'x*y, x^2'"),
    "mulc": ("2", "4", "not in the spec table; x*C is a sum of shifted copies of x: row 'sum of k b-bit numbers'"),
    "prod2": ("5", "~7", "spec row 'product of k numbers, powering'"),
    "prod4": ("5", "~7", "spec row 'product of k numbers, powering'"),
    "pow4": ("5", "~7", "spec row 'product of k numbers, powering'"),
    "div": ("<= 8", "<= 10", "spec row 'x/y (quotient, remainder), 1/y'"),
    "recip": ("<= 8", "<= 10", "spec row 'x/y (quotient, remainder), 1/y'"),
    "max4": ("2-3", "3-4", "spec row 'max / argmax of k numbers'"),
    "max16": ("2-3", "3-4", "spec row 'max / argmax of k numbers'"),
}


def target_bound(text):
    """The largest depth a spec target allows: '2-3' -> 3, '<= 8' -> 8, '~7' -> 7."""
    digits = "".join(c if c.isdigit() else " " for c in text).split()
    return max(int(d) for d in digits)


def thr_weights(width):
    """A fixed example weight list for `thr`: magnitudes 1..13, every third weight negative;
    threshold = half the positive weight sum."""
    w = [(1 + (7 * i) % 13) * (-1 if i % 3 == 2 else 1) for i in range(width)]
    return w, sum(x for x in w if x > 0) // 2


def mulc_constant(width):
    """floor(2^B / sqrt 2): the first B bits of 1/sqrt(2) = 0.B504F333F9DE6484... (for B = 64 it is
    0xB504F333F9DE6484; narrower widths are that constant truncated to B bits)."""
    return math.isqrt(1 << (2 * width - 1))


# (block id, gen op, description, function width -> extra gen arguments)
BLOCKS = [
    ("and", "and", "AND of B bits", lambda b: []),
    ("or", "or", "OR of B bits", lambda b: []),
    ("maj", "maj", "majority of B bits", lambda b: []),
    ("parity", "parity", "parity of B bits", lambda b: []),
    ("popcount", "popcount", "popcount of B bits", lambda b: []),
    ("thr", "thr", "one weighted threshold of B bits (weights: scripts/arith_table.py thr_weights)",
     lambda b: ["--weights-list", ",".join(map(str, thr_weights(b)[0])), "--threshold", str(thr_weights(b)[1])]),
    ("cmp", "cmp", "compare x, y unsigned: lt, le, eq", lambda b: []),
    ("cmp-signed", "cmp", "compare x, y two's complement (--signed)", lambda b: ["--signed"]),
    ("mux", "mux", "s ? y : x", lambda b: []),
    ("add", "add", "x + y", lambda b: []),
    ("sub", "sub", "x - y mod 2^B", lambda b: []),
    ("neg", "neg", "-x mod 2^B", lambda b: []),
    ("abs", "abs", "|x| mod 2^B", lambda b: []),
    ("shift", "shift", "shl, shr, sar, rol of x by s", lambda b: []),
    ("lzc", "lzc", "leading-zero count", lambda b: []),
    ("normalize", "normalize", "x shifted left until its top bit is 1, and the shift", lambda b: []),
    ("sum4", "sum", "sum of K = 4 numbers", lambda b: ["--count", "4"]),
    ("sum16", "sum", "sum of K = 16 numbers", lambda b: ["--count", "16"]),
    ("mul", "mul", "x * y", lambda b: []),
    ("square", "square", "x^2", lambda b: []),
    ("mulc", "mulc", "x * C, C = floor(2^B / sqrt 2) (B bits of 0xB504F333F9DE6484...)",
     lambda b: ["--constant", str(mulc_constant(b))]),
    ("prod2", "prod", "product of K = 2 numbers", lambda b: ["--count", "2"]),
    ("prod4", "prod", "product of K = 4 numbers", lambda b: ["--count", "4"]),
    ("pow4", "pow", "powers x^1..x^4", lambda b: ["--count", "4"]),
    ("div", "div", "x / y: quotient and remainder", lambda b: []),
    ("recip", "recip", "floor(2^F / y), F = B (--bits B)", lambda b: ["--bits", str(b)]),
    ("max4", "max", "max and argmax of K = 4 numbers", lambda b: ["--count", "4"]),
    ("max16", "max", "max and argmax of K = 16 numbers", lambda b: ["--count", "16"]),
]


class run_result:
    def __init__(self, status, rc=None, stdout="", stderr="", seconds=0.0, cpu_seconds=0.0, max_rss_kb=0):
        self.status = status  # "ok", "timeout", "error"
        self.rc, self.stdout, self.stderr = rc, stdout, stderr
        self.seconds, self.cpu_seconds, self.max_rss_kb = seconds, cpu_seconds, max_rss_kb


def run_limited(argv, timeout, mem_bytes):
    """Runs argv in its own process group with an address-space limit and a CPU-time limit of
    `timeout` seconds (CPU time, so the verdict does not depend on the machine's load); a wall-clock
    backstop of 3 * timeout kills that group (this child only). Returns the wall and CPU (user + sys)
    times and the child's own peak RSS (wait4)."""
    cpu_limit = max(1, int(math.ceil(timeout)))

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (mem_bytes, mem_bytes))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_limit, cpu_limit + 5))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, preexec_fn=limit, start_new_session=True)
        status, rusage, timed_out = None, None, False
        while True:
            pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if pid == proc.pid:
                break
            if time.monotonic() - start > 3 * timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, rusage = os.wait4(proc.pid, 0)
                timed_out = True
                break
            time.sleep(0.02)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
        out.seek(0)
        err.seek(0)
        cpu = rusage.ru_utime + rusage.ru_stime
        rc = proc.returncode
        over_cpu = rc in (-signal.SIGXCPU, -signal.SIGKILL) and cpu >= cpu_limit - 0.5
        r = run_result("timeout" if timed_out or over_cpu else ("ok" if rc == 0 else "error"), rc,
                       out.read().decode(errors="replace"), err.read().decode(errors="replace"), seconds, cpu,
                       rusage.ru_maxrss)
        return r


def classify_failure(r):
    """The table cell for a failed run."""
    if r.status == "timeout":
        return "timeout"
    text = r.stderr.strip()
    if "is not built yet" in text:
        return "not built"
    if "out of memory" in text or "bad_alloc" in text or "std::length_error" in text:
        return "out of memory"
    if r.rc is not None and r.rc < 0:
        # A signal under the address-space limit is almost always a failed allocation.
        name = signal.Signals(-r.rc).name if -r.rc in signal.Signals._value2member_map_ else str(-r.rc)
        return "crashed (%s)" % name
    line = text.splitlines()[-1] if text else "exit %s" % r.rc
    line = line.replace("|", "/")
    return "error: " + (line[:80] + "..." if len(line) > 80 else line)


def measure(tc0, block, width, regime, tmpdir, timeout, mem_bytes):
    """One gen + stats run: a dict with the stats and the build time, or {'failure': cell}."""
    _, op, _, extra = block
    path = os.path.join(tmpdir, "tmp.tc0")
    if os.path.exists(path):
        os.remove(path)
    argv = [tc0, "gen", op, "--width", str(width), "--weights", regime] + extra(width) + ["-o", path]
    g = run_limited(argv, timeout, mem_bytes)
    if g.status != "ok":
        return {"failure": classify_failure(g), "seconds": g.seconds, "cpu_seconds": g.cpu_seconds}
    s = run_limited([tc0, "stats", path, "--json"], timeout, mem_bytes)
    if os.path.exists(path):
        os.remove(path)
    if s.status != "ok":
        return {"failure": "stats: " + classify_failure(s), "seconds": g.seconds}
    st = json.loads(s.stdout)
    return {"gates": st["gates"], "edges": st["edges"], "weighted_edges": st["weighted_edges"],
            "max_abs_weight": st["max_abs_weight"], "depth": st["depth"], "seconds": g.seconds,
            "cpu_seconds": g.cpu_seconds,
            "max_rss_mb": g.max_rss_kb / 1024.0}


def fit_exponent(points):
    """Least squares of log y = log c + k log x: returns (k, c), or None with fewer than 2 points."""
    pts = [(math.log(x), math.log(y)) for x, y in points if y > 0]
    if len(pts) < 2:
        return None
    n = len(pts)
    mx = sum(p[0] for p in pts) / n
    my = sum(p[1] for p in pts) / n
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    if sxx == 0:
        return None
    k = sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx
    return k, math.exp(my - k * mx)


def fmt_int(v):
    return "{:,}".format(v)


def fmt_weight(v):
    """Powers of two as 2^k, everything else exact (the exp limit is |w| < 2^30 = 1,073,741,824)."""
    if v >= 1024 and (v & (v - 1)) == 0:
        return "2^%d" % (v.bit_length() - 1)
    return fmt_int(v)


def fmt_seconds(s):
    return "%.2f" % s if s < 10 else "%.1f" % s


def depth_summary(results, widths, regime):
    """(text, depths set, max depth or None) of the built widths of one regime."""
    depths = [results[(w, regime)]["depth"] for w in widths if "depth" in results.get((w, regime), {})]
    if not depths:
        return None, set(), None
    ds = sorted(set(depths))
    text = str(ds[0]) if len(ds) == 1 else "%d-%d (VARIES)" % (ds[0], ds[-1])
    built = [w for w in widths if "depth" in results.get((w, regime), {})]
    if len(built) < len(widths):
        text += " (B = %s only)" % ", ".join(map(str, built))
    return text, set(ds), ds[-1]


def block_section(block, widths, results):
    bid, op, desc, extra = block
    shown = {"thr": ["--weights-list", "W", "--threshold", "T"], "mulc": ["--constant", "C"],
             "recip": ["--bits", "B"]}.get(bid, extra(8))
    example = " ".join(["tc0 gen", op, "--width B --weights R"] + shown + ["-o tmp.tc0"])
    lines = ["### %s: %s" % (bid, desc), "", "`%s`" % example, ""]
    head = ["B"]
    for r in REGIMES:
        head += ["%s gates" % r, "edges", "weighted edges", "max abs w", "depth", "build s: wall / cpu (peak RSS)"]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "---|" * len(head))
    for w in widths:
        row = [str(w)]
        for r in REGIMES:
            m = results.get((w, r))
            if m is None:
                row += ["-"] * 6
            elif "failure" in m:
                t = ("%s / %s" % (fmt_seconds(m["seconds"]), fmt_seconds(m["cpu_seconds"]))
                     if m.get("seconds") else "-")
                row += [m["failure"], "", "", "", "", t]
            else:
                row += [fmt_int(m["gates"]), fmt_int(m["edges"]), fmt_int(m["weighted_edges"]),
                        fmt_weight(m["max_abs_weight"]), str(m["depth"]),
                        "%s / %s (%.0f MB)" % (fmt_seconds(m["seconds"]), fmt_seconds(m["cpu_seconds"]),
                                               m["max_rss_mb"])]
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    for r in REGIMES:
        built = [(w, results[(w, r)]) for w in widths if "gates" in results.get((w, r), {})]
        fg = fit_exponent([(w, m["gates"]) for w, m in built])
        fe = fit_exponent([(w, m["edges"]) for w, m in built])
        if fg is None:
            lines.append("- %s: fewer than two widths built, no size fit." % r)
        else:
            lines.append("- %s: gates ~ %.3g * B^%.2f, edges ~ %.3g * B^%.2f (least squares on log-log over B = %s)."
                         % (r, fg[1], fg[0], fe[1], fe[0], ", ".join(str(w) for w, _ in built)))
        text, ds, _ = depth_summary(results, widths, r)
        if len(ds) > 1:
            per = ", ".join("%d at B = %d" % (m["depth"], w) for w, m in built)
            lines.append("- **WARNING: %s depth is NOT constant across widths (%s). A TC0 block must have the "
                         "same depth at every width (arithmetic.md).**" % (r, per))
    lines.append("")
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tc0", nargs="?", default=os.path.join(REPO, "build", "tc0"),
                    help="the tc0 binary (default: build/tc0)")
    ap.add_argument("--widths", default="8,16,32,64,128", help="comma-separated widths")
    ap.add_argument("--ops", default="", help="comma-separated gen ops or block ids (sum, sum4, cmp-signed, ...)")
    ap.add_argument("--timeout", type=float, default=60.0,
                    help="CPU seconds per gen (and per stats) call; the wall-clock backstop is 3x")
    ap.add_argument("--mem-gb", type=float, default=8.0, help="address-space limit per call, GB")
    ap.add_argument("--no-skip", action="store_true", help="try wider widths after a timeout or out of memory")
    ap.add_argument("-o", "--out", default=os.path.join(REPO, "docs", "arithmetic.md"))
    a = ap.parse_args()

    tc0 = os.path.abspath(a.tc0)
    widths = [int(w) for w in a.widths.split(",") if w]
    wanted = set(x for x in a.ops.split(",") if x)
    blocks = [b for b in BLOCKS if not wanted or b[0] in wanted or b[1] in wanted]
    unknown = wanted - set(b[0] for b in BLOCKS) - set(b[1] for b in BLOCKS)
    if unknown:
        sys.exit("arith_table.py: unknown --ops: %s" % ", ".join(sorted(unknown)))
    version = subprocess.run([tc0, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    mem_bytes = int(a.mem_gb * (1 << 30))

    all_results = {}
    load_start = os.getloadavg()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="arith_table_") as tmpdir:
        for block in blocks:
            results = {}
            for r in REGIMES:
                stopped = None
                for w in widths:
                    if stopped and not a.no_skip:
                        results[(w, r)] = {"failure": "not run (%s at B = %d)" % stopped}
                        continue
                    m = measure(tc0, block, w, r, tmpdir, a.timeout, mem_bytes)
                    results[(w, r)] = m
                    status = m.get("failure", "depth %s, %s gates" % (m.get("depth"), m.get("gates")))
                    print("%-10s %-8s B=%-4d %s (%.2f s)" % (block[0], r, w, status, m.get("seconds", 0)),
                          file=sys.stderr, flush=True)
                    if m.get("failure") in ("timeout", "out of memory") or m.get("failure", "").startswith("crashed"):
                        stopped = (m["failure"], w)
            all_results[block[0]] = results
    total = time.monotonic() - started
    load_end = os.getloadavg()

    cmd = "/usr/bin/python3 scripts/arith_table.py " + " ".join(shlex.quote(x) for x in sys.argv[1:])
    today = datetime.date.today().isoformat()
    out = []
    out.append("# Integer arithmetic blocks: size and depth")
    out.append("")
    out.append("<!-- Generated by scripts/arith_table.py; do not edit by hand. -->")
    out.append("")
    out.append(
        "What every integer `tc0 gen` block (interfaces.md, \"gen: arithmetic blocks\") costs at widths "
        "B = %s in both weight regimes: `exp` (weighted threshold gates, |w| < 2^30) and `majority` "
        "(unit weights: AND, OR, MAJ with repeated wires). Each cell is one run of `tc0 gen OP --width B "
        "--weights R ... -o tmp.tc0` followed by `tc0 stats tmp.tc0 --json`: gates, edges (sum of fan-ins), "
        "weighted edges (sum of |w|: the wire count of the equivalent unit-weight circuit), max |weight| "
        "(powers of two written 2^k; the exp regime allows up to 2^30 - 1 = 1,073,741,823), "
        "depth (gates on the longest input-output path), and the wall and CPU (user + sys) time of the gen "
        "command with its peak resident memory. A TC0 block must have the same depth at every width while its size grows "
        "polynomially (arithmetic.md); under each table are the fitted exponent k of gates ~ c * B^k "
        "(and of edges) and a warning if the depth is not constant. Each call ran with a limit of %g s of CPU time "
        "(a wall-clock backstop at 3x; CPU time keeps the verdict independent of the machine's load) and a "
        "%g GB address-space limit; a cell says `not built` (the op refuses: its block does not "
        "exist yet), `timeout`, `out of memory`, or `not run` (a narrower width of the same block already "
        "timed out or ran out of memory)." % (", ".join(map(str, widths)), a.timeout, a.mem_gb))
    out.append("")
    out.append("Regenerate (from the repository root, after building tc0):")
    out.append("")
    out.append("```")
    out.append("/usr/bin/python3 scripts/arith_table.py build/tc0      # all ops, B = 8..128, writes docs/arithmetic.md")
    out.append("/usr/bin/python3 scripts/arith_table.py build/tc0 --ops mul,sum --widths 8,16   # a subset")
    out.append("```")
    out.append("")
    out.append("This file: `%s`, binary `%s`, generated %s in %.0f s on a %d-core machine. Build times are "
               "wall times of a Release build, one call at a time, on a shared machine (load average %.1f at the "
               "start, %.1f at the end), so the wall times are noisy upper bounds; the CPU times are the steadier figure."
               % (cmd.strip(), version, today, total, os.cpu_count() or 0, load_start[0], load_end[0]))
    out.append("")

    out.append("## Summary: depth against the targets")
    out.append("")
    out.append("Depth over the widths that built; targets copied from shared/spec/arithmetic.md (\"Depth "
               "targets\"; blocks the spec table does not list are marked in the source column). A regime "
               "meets its target when every built width has the same depth and it is at most the target.")
    out.append("")
    out.append("| block | depth exp | target exp | exp | depth majority | target majority | majority | target source |")
    out.append("|---|---|---|---|---|---|---|---|")
    misses = []
    for block in blocks:
        bid = block[0]
        t_exp, t_maj, src = TARGETS[bid]
        row = [bid]
        for r, t in (("exp", t_exp), ("majority", t_maj)):
            text, ds, dmax = depth_summary(all_results[bid], widths, r)
            if text is None:
                cells = set(m.get("failure", "") for m in all_results[bid].values())
                verdict = "not built" if "not built" in cells else "n/a (no width built)"
                row += ["-", t, verdict]
                continue
            if len(ds) > 1:
                verdict = "**NOT MET (depth varies)**"
            elif dmax <= target_bound(t):
                verdict = "met"
            else:
                verdict = "**not met** (+%d)" % (dmax - target_bound(t))
            if verdict != "met":
                misses.append("%s %s" % (bid, r))
            row += [text, t, verdict]
        row.append(src)
        out.append("| " + " | ".join(row) + " |")
    out.append("")
    varies = [b[0] for b in blocks for r in REGIMES if len(depth_summary(all_results[b[0]], widths, r)[1]) > 1]
    if varies:
        out.append("**WARNING: depth varies with the width for: %s. See the block tables.**"
                   % ", ".join(sorted(set(varies))))
        out.append("")

    out.append("## Blocks")
    out.append("")
    for block in blocks:
        out += block_section(block, widths, all_results[block[0]])

    text = "\n".join(out).rstrip() + "\n"
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    tmp = a.out + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, a.out)
    print("wrote %s (%.0f s)" % (a.out, total), file=sys.stderr)


if __name__ == "__main__":
    main()
