#!/usr/bin/python3
"""Tests of scripts/plot_sweep.py on synthetic sweeps with known laws: the fits recover the
exponents, slopes and flat depths they were made with, and the PNG files are written. Run:

  /usr/bin/python3 -m unittest scripts/test_plot_sweep.py     (or run the file directly)
"""
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest
from contextlib import redirect_stdout

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import plot_sweep  # noqa: E402

SCRIPT = os.path.join(HERE, "plot_sweep.py")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def sweep(law, ns=(8, 16, 32, 64, 128), layers=(1, 2), name=None, depth_per_layer=40, p=None):
    """A `tc0 sweep` array: gates = law(n, m), depth = 12 + depth_per_layer m (flat in n)."""
    out = []
    for m in layers:
        for n in ns:
            config = {"seq_len": n, "layers": m, "precision": {"p": p or 11, "e": 5}}
            if name:
                config["name"] = name
            g = law(n, m)
            out.append({"config": config, "components": [],
                        "stats": {"gates": g, "edges": 3 * g, "weighted_edges": 5 * g,
                                  "depth": 12 + depth_per_layer * m}})
    return out


class PlotSweep(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.dir = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            json.dump(data, f)
        return path

    def run_main(self, *args):
        buf = io.StringIO()
        with redirect_stdout(buf):
            code = plot_sweep.main(list(args))
        self.assertEqual(code, 0)
        lines = buf.getvalue().splitlines()
        self.assertEqual(len(lines), 1)                  # one JSON line on stdout
        return json.loads(lines[0])

    def assert_png(self, path):
        with open(path, "rb") as f:
            self.assertEqual(f.read(8), PNG_MAGIC)
        self.assertGreater(os.path.getsize(path), 5000)

    def test_fit_recovers_a_known_exponent_and_files_are_written(self):
        path = self.write("rope.json", sweep(lambda n, m: 5 * n ** 2.0 * m))
        out_dir = os.path.join(self.dir, "img")
        res = self.run_main(path, "--out-dir", out_dir, "--prefix", "t")
        fits = res["gates_vs_n"]
        self.assertEqual([f["group"] for f in fits], [{"layers": 1}, {"layers": 2}])
        for f, m in zip(fits, (1, 2)):
            self.assertAlmostEqual(f["exponent"], 2.0, delta=0.01)
            self.assertAlmostEqual(f["coefficient"], 5.0 * m, delta=0.05 * m)
            self.assertAlmostEqual(f["r2"], 1.0, places=9)
            self.assertAlmostEqual(f["exponent_upper_half"], 2.0, delta=0.01)
        self.assertAlmostEqual(res["edges_vs_n"][0]["coefficient"], 15.0, delta=0.1)
        self.assertTrue(all(f["flat"] for f in res["depth_vs_n"]))
        self.assertEqual([f["min"] for f in res["depth_vs_n"]], [52, 92])
        lay = res["depth_vs_layers"]
        self.assertEqual(len(lay), 5)                    # one line per n
        for f in lay:
            self.assertAlmostEqual(f["slope"], 40.0, places=9)
            self.assertAlmostEqual(f["intercept"], 12.0, places=9)
        self.assertEqual(res["gates_vs_p"], [])           # p does not vary
        want = [os.path.join(out_dir, "t_%s.png" % k) for k in ("gates_vs_n", "depth_vs_n", "depth_vs_layers")]
        self.assertEqual(res["png"], want)
        for p in want:
            self.assert_png(p)
        self.assertFalse(os.path.exists(os.path.join(out_dir, "t_gates_vs_p.png")))

    def test_two_sweeps_tensor_beside_matrix_attention(self):
        # lower-order terms pull the fit below the leading exponent; the upper half is closer
        rope = self.write("rope.json", sweep(lambda n, m: 5 * n ** 2 + 100 * n, layers=(2,), name="rope-model"))
        tensor = self.write("tensor.json", sweep(lambda n, m: 2 * n ** 3 + 40 * n ** 2, layers=(2,)))
        res = self.run_main(rope, tensor, "--out-dir", self.dir, "--prefix", "both")
        fits = {f["label"]: f for f in res["gates_vs_n"]}
        self.assertEqual(sorted(fits), ["rope-model", "tensor"])    # config name, else file name
        self.assertTrue(1.5 < fits["rope-model"]["exponent"] < 2.0)
        self.assertTrue(2.5 < fits["tensor"]["exponent"] < 3.0)
        for label, k in (("rope-model", 2), ("tensor", 3)):
            self.assertGreater(fits[label]["exponent_upper_half"], fits[label]["exponent"])
            self.assertLess(fits[label]["exponent_upper_half"], k)
        res = self.run_main(rope, tensor, "--out-dir", self.dir, "--prefix", "tail", "--fit-from", "32",
                            "--labels", "matrix,tensor")
        self.assertEqual([f["label"] for f in res["gates_vs_n"]], ["matrix", "tensor"])
        self.assertEqual([f["fit_points"] for f in res["gates_vs_n"]], [3, 3])     # n = 32, 64, 128
        self.assertGreater(res["gates_vs_n"][1]["exponent"], fits["tensor"]["exponent"])
        self.assert_png(os.path.join(self.dir, "both_gates_vs_n.png"))

    def test_precision_sweep_varied_as_p_or_nested_and_csv(self):
        data = []
        for p in (8, 11, 16, 24, 32):
            data.append({"config": {"p": p, "seq_len": 8}, "stats": {"gates": 7 * p ** 2.5, "depth": 90}})
        res = self.run_main(self.write("p.json", data), "--out-dir", self.dir)
        self.assertAlmostEqual(res["gates_vs_p"][0]["exponent"], 2.5, delta=0.01)
        self.assertEqual(res["png"], [os.path.join(self.dir, "sweep_gates_vs_p.png")])
        nested = [{"config": {"precision": {"p": p, "e": 8}}, "stats": {"gates": 3 * p ** 2}} for p in (8, 16, 32)]
        res = self.run_main(self.write("nested.json", nested), "--out-dir", self.dir)
        self.assertAlmostEqual(res["gates_vs_p"][0]["exponent"], 2.0, delta=0.01)
        csv_path = os.path.join(self.dir, "s.csv")
        with open(csv_path, "w") as f:
            f.write("seq_len,layers,gates,edges,weighted_edges,depth,build_seconds\n")
            for n in (4, 8, 16, 32):
                f.write("%d,1,%d,%d,%d,77,0.5\n" % (n, 9 * n ** 3, 20 * n ** 3, 20 * n ** 3))
        res = self.run_main(csv_path, "--out-dir", self.dir, "--prefix", "csv")
        self.assertAlmostEqual(res["gates_vs_n"][0]["exponent"], 3.0, delta=0.01)
        self.assertEqual(res["depth_vs_n"][0]["min"], 77)

    def test_command_line_and_bad_input(self):
        path = self.write("s.json", sweep(lambda n, m: 5 * n ** 2))
        r = subprocess.run([sys.executable, SCRIPT, path, "--out-dir", self.dir], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertAlmostEqual(json.loads(r.stdout)["gates_vs_n"][0]["exponent"], 2.0, delta=0.01)
        bad = self.write("bad.json", {"config": 1})
        r = subprocess.run([sys.executable, SCRIPT, bad], capture_output=True, text=True)
        self.assertEqual((r.returncode, r.stdout), (2, ""))
        self.assertEqual(r.stderr, "plot_sweep: %s: expected a JSON array of {\"config\": .., \"stats\": ..}\n" % bad)


if __name__ == "__main__":
    unittest.main()
