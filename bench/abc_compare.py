#!/usr/bin/python3
"""Random simulation speed and memory per node, tc0 against ABC, on the same AIGER files.

For each circuit (the Bristol benchmarks in circuits/bristol/ and large generated AIGs) the AIGER
file is written once by `tc0 export`, then in one run, interleaved and repeated:
  ABC:  berkeley-abc -c "read F.aig; sim -n -m -F <frames> -W <words> -T 1000000"
        (ABC's random simulation of a combinational AIG: frames x words x 32 patterns)
  tc0:  tc0 -q simulate F.aig --random N --seed 1            (all cores: 2 here)
  tc0:  tc0 -q simulate F.aig --random N --seed 1 --threads 1
Whole-command wall times are compared (both read the same file); the simulation-only times each
tool prints (ABC "Time =", tc0 "seconds") are recorded too. Memory: ABC's own estimate for the
loaded AIG (`&r F; &ps`, "mem =") and resident-set growth of `read F`, against tc0's flat arrays
(circuit::memory_bytes, bench/circuit_memory) and its resident-set growth after loading.

Other jobs may share the machine: the load average is recorded before every measurement, and
ratios are taken between commands measured in the same run (medians over the repeats).

Usage: bench/abc_compare.py [--build DIR] [--out DIR] [--patterns N] [--repeats R] [--quick]
Writes OUT/abc_compare.json and prints a markdown table.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_average():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def run(cmd, timeout=7200):
    """Wall time and output of a command; raises if it fails."""
    start = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    wall = time.perf_counter() - start
    if p.returncode != 0:
        raise RuntimeError("command failed (%d): %s\n%s%s" % (p.returncode, " ".join(cmd), p.stdout, p.stderr))
    return wall, p.stdout, p.stderr


def max_rss_kb(cmd):
    """Peak resident set of a command, via GNU time."""
    p = subprocess.run(["/usr/bin/time", "-f", "MAXRSS %M"] + cmd, capture_output=True, text=True)
    m = re.search(r"MAXRSS (\d+)", p.stderr)
    if p.returncode != 0 or not m:
        raise RuntimeError("command failed: %s\n%s" % (" ".join(cmd), p.stderr))
    return int(m.group(1))


def aiger_ands(path):
    with open(path, "rb") as f:
        header = f.readline().split()
    return int(header[2]), int(header[5])  # inputs, ands


def find_abc():
    for name in ("berkeley-abc", "abc"):
        p = shutil.which(name)
        if p:
            return p
    sys.exit("abc_compare: berkeley-abc not found (scripts/install_deps.sh installs it)")


def prepare(args, tc0, abc):
    """(name, aig path, where it came from) for every circuit, exporting what is missing."""
    circuits = []
    bristol = os.path.join(ROOT, "circuits", "bristol")
    names = sorted(f[:-4] for f in os.listdir(bristol) if f.endswith(".txt") and not f.startswith("LICENSE"))
    if args.quick:
        names = [n for n in names if n in ("adder64", "mult64", "aes_128", "sha256")]
    for n in names:
        aig = os.path.join(args.out, n + ".aig")
        if not os.path.exists(aig):
            run([tc0, "-q", "export", os.path.join(bristol, n + ".txt"), "--format", "aiger", "-o", aig])
        circuits.append((n, aig, "Bristol " + n + ".txt"))
    gens = [("mul32", "mul --width 32"), ("sum32x64", "sum --width 32 --count 64"), ("mul64", "mul --width 64"),
            ("div6_majority", "div --width 6 --weights majority")]
    if args.quick:
        gens = gens[:2]
    for name, op in gens:
        aig = os.path.join(args.out, name + ".aig")
        if not os.path.exists(aig):
            tc = os.path.join(args.out, name + ".tc0")
            run([tc0, "gen"] + op.split() + ["-o", tc])
            run([tc0, "-q", "export", tc, "--format", "aiger", "-o", aig])
        circuits.append((name, aig, "tc0 gen " + op))
    if not args.quick:
        # ~8.4M ANDs: ABC's own array multiplier generator (tc0 gen blocks this large take minutes
        # to lower); both tools read the same AIGER file all the same.
        aig = os.path.join(args.out, "abc_mul1024.aig")
        if not os.path.exists(aig):
            blif = os.path.join(args.out, "abc_mul1024.blif")
            run([abc, "-c", "gen -m -N 1024 %s; read_blif %s; strash; write_aiger %s" % (blif, blif, aig)])
            os.remove(blif)
        circuits.append(("abc_mul1024", aig, "ABC gen -m -N 1024"))
    return circuits


def measure(args, tc0, abc, aig):
    words = 1024
    frames = args.patterns // (32 * words)
    assert frames * 32 * words == args.patterns, "patterns must be a multiple of 32768"
    abc_cmd = [abc, "-c", "read %s; sim -n -m -F %d -W %d -T 1000000" % (aig, frames, words)]
    tc0_cmd = [tc0, "-q", "simulate", aig, "--random", str(args.patterns), "--seed", "1"]
    rows = {"abc": [], "tc0": [], "tc0_1thread": [], "load": []}
    for _ in range(args.repeats):
        rows["load"].append(load_average())
        wall, out, _ = run(abc_cmd)
        if "did not assert the outputs" not in out:
            raise RuntimeError("unexpected ABC output:\n" + out)
        sim = re.findall(r"Time =\s+([\d.]+) sec", out)
        rows["abc"].append({"wall": wall, "sim": float(sim[-1]) if sim else None})
        for key, extra in (("tc0", []), ("tc0_1thread", ["--threads", "1"])):
            rows["load"].append(load_average())
            wall, out, _ = run(tc0_cmd + extra)
            j = json.loads(out)
            assert j["patterns"] == args.patterns
            rows[key].append({"wall": wall, "sim": j["seconds"], "hash": j["output_hash"]})
    med = lambda key, field: statistics.median(r[field] for r in rows[key])
    return {
        "patterns": args.patterns, "abc_frames": frames, "abc_words": words, "runs": rows,
        "abc_wall": med("abc", "wall"), "abc_sim": med("abc", "sim"),
        "tc0_wall": med("tc0", "wall"), "tc0_sim": med("tc0", "sim"),
        "tc0_1t_wall": med("tc0_1thread", "wall"), "tc0_1t_sim": med("tc0_1thread", "sim"),
        "ratio_wall": med("abc", "wall") / med("tc0", "wall"),
        "ratio_wall_1thread": med("abc", "wall") / med("tc0_1thread", "wall"),
        "load_max": max(rows["load"]),
    }


def memory(args, tc0_memory, abc, aig):
    _, ands = aiger_ands(aig)
    _, out, _ = run([abc, "-c", "&r %s; &ps" % aig])
    m = re.search(r"mem\s*=\s*([\d.]+) MB", re.sub(r"\x1b\[[0-9;]*m", "", out))
    base = max_rss_kb([abc, "-c", "quit"])
    abc_gia_rss = max_rss_kb([abc, "-c", "&r %s" % aig]) - base
    abc_ntk_rss = max_rss_kb([abc, "-c", "read %s" % aig]) - base
    _, out, _ = run([tc0_memory, aig])
    t = json.loads(out)
    return {
        "ands": ands,
        "abc_gia_mem_bytes_per_and": float(m.group(1)) * 2**20 / ands if m else None,
        "abc_gia_rss_bytes_per_and": abc_gia_rss * 1024 / ands,
        "abc_ntk_rss_bytes_per_and": abc_ntk_rss * 1024 / ands,
        "tc0_memory_bytes_per_and": t["memory_bytes"] / ands,
        "tc0_rss_bytes_per_and": (t["rss_after_load_kb"] - t["rss_before_kb"]) * 1024 / ands,
        "tc0_peak_rss_bytes_per_and": (t["peak_rss_kb"] - t["rss_before_kb"]) * 1024 / ands,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--out", default=None)
    ap.add_argument("--patterns", type=int, default=1 << 19)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="four Bristol circuits and two generated ones")
    ap.add_argument("--only", default=None, help="comma-separated circuit names")
    args = ap.parse_args()
    args.out = args.out or os.path.join(args.build, "abc_compare")
    os.makedirs(args.out, exist_ok=True)
    tc0 = os.path.join(args.build, "tc0")
    tc0_memory = os.path.join(args.build, "circuit_memory")
    abc = find_abc()
    results = []
    for name, aig, source in prepare(args, tc0, abc):
        if args.only and name not in args.only.split(","):
            continue
        inputs, ands = aiger_ands(aig)
        repeats = args.repeats if ands < 2_000_000 else 1  # the largest ones take minutes per run
        r = measure(argparse.Namespace(**{**vars(args), "repeats": repeats}), tc0, abc, aig)
        r.update({"name": name, "source": source, "inputs": inputs, "ands": ands, "repeats": repeats})
        r["memory"] = memory(args, tc0_memory, abc, aig)
        results.append(r)
        print("%-14s %9d ands  abc %8.2f s  tc0 %8.2f s (1 thread %8.2f s)  ratio %5.2f (1 thread %5.2f)  load<=%.1f"
              % (name, ands, r["abc_wall"], r["tc0_wall"], r["tc0_1t_wall"], r["ratio_wall"], r["ratio_wall_1thread"],
                 r["load_max"]), flush=True)
        with open(os.path.join(args.out, "abc_compare.json"), "w") as f:
            json.dump({"uname": os.uname().release, "cpus": os.cpu_count(), "results": results}, f, indent=1)
    print()
    print("| circuit | ANDs | ABC s (sim) | tc0 s (sim) | tc0 1 thread s (sim) | ABC / tc0 | ABC / tc0 1 thread | load |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print("| %s | %d | %.2f (%.2f) | %.2f (%.2f) | %.2f (%.2f) | %.2f | %.2f | %.1f |" % (
            r["name"], r["ands"], r["abc_wall"], r["abc_sim"] or 0, r["tc0_wall"], r["tc0_sim"], r["tc0_1t_wall"],
            r["tc0_1t_sim"], r["ratio_wall"], r["ratio_wall_1thread"], r["load_max"]))
    print()
    print("| circuit | ANDs | ABC Gia mem B/AND | ABC &r RSS B/AND | ABC read RSS B/AND | tc0 arrays B/AND | tc0 RSS B/AND |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        m = r["memory"]
        print("| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f |" % (
            r["name"], r["ands"], m["abc_gia_mem_bytes_per_and"] or 0, m["abc_gia_rss_bytes_per_and"],
            m["abc_ntk_rss_bytes_per_and"], m["tc0_memory_bytes_per_and"], m["tc0_rss_bytes_per_and"]))


if __name__ == "__main__":
    main()
