#!/usr/bin/python3
"""Tests of scripts/reference_forward.py against independent hand computations and brute-force
loops: number parsing and rounding (against numpy's float16 / float32 and exact fractions), a
1-layer d = 2 model written out by hand, attention of every kind against plain Python loops,
RoPE identities, causal masking, softmax forms, and the error bound (never exceeded by a
rounded or randomly perturbed evaluation). Run:

  /usr/bin/python3 -m unittest scripts/test_reference_forward.py     (or run the file directly)
"""
import json
import math
import os
import subprocess
import sys
import tempfile
import unittest
from fractions import Fraction

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference_forward as rf  # noqa: E402

SCRIPT = os.path.join(HERE, "reference_forward.py")


def make_model(folder, seed=1, n=3, d=4, layers=1, heads=2, k=2, p=24, e=8, scale=0.5, **keys):
    """Writes m.json, w.json (the `file` layout, values exact in (p, e)) and x.json into folder;
    returns their paths. keys go into the model JSON as they are."""
    rng = np.random.default_rng(seed)
    fmt = rf.Format(p, e)
    rand = lambda *shape: fmt.round(rng.normal(0.0, scale, shape)).tolist()
    model = {"format": "tc0-model/1", "name": "test", "seq_len": n, "d_model": d, "layers": layers,
             "heads": heads, "d_head": k, "precision": {"p": p, "e": e}, "weights": {"file": "w.json"}}
    model.update(keys)
    model.setdefault("attention", "softmax")
    hidden = (keys.get("mlp") or {}).get("hidden", 4 * d)
    attention = model["attention"]
    ln = keys.get("layer_norm", "pre")
    gamma = lambda: fmt.round(1.0 + rng.normal(0.0, 0.2, d)).tolist()
    w = {"layers": []}
    for _ in range(layers):
        names = ["wq", "wk", "wv"] + (["wk2", "wv2"] if "tensor" in attention else [])
        lay = {"attn": {x: rand(heads, d, k) for x in names}}
        lay["attn"]["wo"] = rand(heads * k, d)
        if ln != "none":
            for x in ("ln1", "ln2"):
                lay[x] = {"gamma": gamma(), "beta": rand(d)}
        lay["mlp"] = {"w1": rand(d, hidden), "b1": rand(hidden), "w2": rand(hidden, d), "b2": rand(d)}
        w["layers"].append(lay)
    if ln == "pre":
        w["final_ln"] = {"gamma": gamma(), "beta": rand(d)}
    if keys.get("readout"):
        c = keys["readout"]["classes"]
        w["readout"] = {"w": rand(d, c), "b": rand(c)}
    if keys.get("input", {}).get("kind") == "tokens":
        w["embed"] = rand(keys["input"]["vocab"], d)
        x = {"tokens": rng.integers(0, keys["input"]["vocab"], n).tolist()}
    else:
        x = {"x": rng.normal(0.0, 1.0, (n, d)).tolist()}
    paths = [os.path.join(folder, f) for f in ("m.json", "w.json", "x.json")]
    for path, obj in zip(paths, (model, w, x)):
        with open(path, "w") as f:
            json.dump(obj, f)
    return paths


def load(folder, **keys):
    """(cfg, weights, x0, fmt) of a model written by make_model."""
    m, _, x = make_model(folder, **keys)
    cfg = rf.load_model(m)
    fmt = rf.Format(cfg["p"], cfg["e"])
    w = rf.load_weights(cfg, None, fmt, {})
    return cfg, w, rf.load_input(cfg, x, w, fmt, {}), fmt


def run(cfg, w, x0, fmt, mode="reference", seed=0):
    with np.errstate(all="ignore"):
        return rf.forward(cfg, w, x0, rf.Arith(fmt, mode, seed))


class TempDir(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.dir = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()


class Numbers(unittest.TestCase):
    @np.errstate(over="ignore")
    def test_round_matches_float16_and_float32_with_subnormals_and_overflow(self):
        rng = np.random.default_rng(7)
        x = np.concatenate([rng.normal(0, 1, 2000) * 2.0 ** rng.integers(-30, 20, 2000),
                            [65519.99, 65520.0, 65536.0, 1e-8, -3e-8, 2.0 ** -25, 3 * 2.0 ** -26, 0.0, -0.0]])
        np.testing.assert_array_equal(rf.Format(11, 5).round(x), x.astype(np.float16).astype(np.float64))
        exact = [rf.Format(11, 5).round_exact(Fraction(v)) for v in x[::10]]
        np.testing.assert_array_equal(exact, x[::10].astype(np.float16).astype(np.float64))
        y = np.concatenate([rng.normal(0, 1, 2000) * 2.0 ** rng.integers(-160, 130, 2000), [3.5e38, 1e-45]])
        np.testing.assert_array_equal(rf.Format(24, 8).round(y), y.astype(np.float32).astype(np.float64))

    def test_decimal_text_is_rounded_exactly_not_through_binary64(self):
        fmt = rf.Format(2, 5)                       # grid near 1: 1, 1.5, 2
        stats = {}
        got = rf.to_format_array(["1.25", "1.25000000000000000001", "1.75", "0x1.4p+0", "-1.25", 3],
                                 (6,), fmt, "t", stats)
        # 1.25 is a tie (to even: 1); a hair above it must go up although its nearest double is 1.25
        self.assertEqual(got.tolist(), [1.0, 1.5, 2.0, 1.0, -1.0, 3.0])
        self.assertEqual(stats, {"values": 6, "inexact": 5})

    def test_exact_values_of_hex_and_decimal_tokens(self):
        self.assertEqual(rf.exact_value("0x1.8p+3", "t"), Fraction(12))
        self.assertEqual(rf.exact_value("-0x.8p-1", "t"), Fraction(-1, 4))
        self.assertEqual(rf.exact_value("1e-5", "t"), Fraction(1, 100000))
        self.assertTrue(math.copysign(1.0, rf.exact_value("-0.0", "t")) < 0)
        self.assertEqual(rf.Format(3, 4).round_exact(Fraction(1, 3)), 0.3125)    # 1.01|0101.. 2^-2: down
        self.assertEqual(rf.Format(3, 4).round_exact(Fraction(7, 10)), 0.75)     # 1.01|1001.. 2^-1: up
        self.assertEqual(rf.Format(3, 2).round_exact(Fraction(100)), math.inf)   # max finite 3.5
        with self.assertRaises(rf.InputError):
            rf.exact_value("one", "t")

    def test_hex_output_is_short_and_exact(self):
        self.assertEqual(rf.hex_of(12.0), "0x1.8p+3")
        self.assertEqual(rf.hex_of(-0.25), "-0x1p-2")
        self.assertEqual(rf.hex_of(1.0), "0x1p+0")
        for v in (math.pi, -1e-310, 3.0e300):
            self.assertEqual(float.fromhex(rf.hex_of(v)), v)


class HandComputed(TempDir):
    def test_one_layer_d2_model_against_numbers_written_by_hand(self):
        # X = [[3, 1], [0, 2]], no LN, Wq = Wk = Wv = Wo = I (one head, d_head 2), scale 1/sqrt(2):
        # scores X X^T / sqrt2 = [[10, 2], [2, 4]] / sqrt2, so row 0 puts sigmoid(8/sqrt2) on
        # itself and row 1 sigmoid(2/sqrt2) on itself. MLP (hidden 2, relu): W1 = I, b1 = (0, -1),
        # W2 = [[2, 0], [0, 1]], b2 = (0.25, 0). Readout W = [[1, 0], [0, 1]], b = (0, 1).
        model = {"format": "tc0-model/1", "seq_len": 2, "d_model": 2, "layers": 1, "heads": 1, "d_head": 2,
                 "attention": "softmax",
                 "precision": {"p": 53, "e": 11}, "layer_norm": "none", "mlp": {"hidden": 2},
                 "readout": {"classes": 2}, "weights": {"inline": {"layers": [{
                     "attn": {"wq": [[[1, 0], [0, 1]]], "wk": [[[1, 0], [0, 1]]], "wv": [[[1, 0], [0, 1]]],
                              "wo": [[1, 0], [0, 1]]},
                     "mlp": {"w1": [[1, 0], [0, 1]], "b1": [0, -1], "w2": [[2, 0], [0, 1]], "b2": [0.25, 0]}}],
                     "readout": {"w": [[1, 0], [0, 1]], "b": [0, 1]}}}}
        path = os.path.join(self.dir, "m.json")
        with open(path, "w") as f:
            json.dump(model, f)
        with open(os.path.join(self.dir, "x.json"), "w") as f:
            json.dump({"x": [[3, 1], [0, 2]]}, f)
        cfg = rf.load_model(path)
        fmt = rf.Format(53, 11)
        w = rf.load_weights(cfg, None, fmt, {})
        res = run(cfg, w, rf.load_input(cfg, os.path.join(self.dir, "x.json"), w, fmt, {}), fmt)
        s0 = 1 / (1 + math.exp(-8 / math.sqrt(2)))
        s1 = 1 / (1 + math.exp(-2 / math.sqrt(2)))
        # X + P V (V = X), then + relu(X1 W1 + b1) W2 + b2
        x1 = [[3 + 3 * s0 + 0 * (1 - s0), 1 + 1 * s0 + 2 * (1 - s0)],
              [0 + 3 * (1 - s1) + 0 * s1, 2 + 1 * (1 - s1) + 2 * s1]]
        relu = lambda v: max(v, 0.0)
        y = [[r[0] + 2 * relu(r[0]) + 0.25, r[1] + relu(r[1] - 1)] for r in x1]
        np.testing.assert_allclose(res["y"].v, y, rtol=1e-14)
        self.assertAlmostEqual(res["y"].v[0][0], 18.2187, places=4)    # 3 (3 + 3 s0) + 0.25
        self.assertEqual(res["classes"], [0, 1])     # logits y + b: (18.2, 4.0) and (2.0, 7.6)

    def test_layer_norm_of_one_row_by_hand(self):
        fmt = rf.Format(53, 11)
        cfg = {"eps": (0.5, False)}
        out = rf.layer_norm(rf.Arith(fmt), rf.Val([[1.0, 2.0, 6.0]]), {"gamma": np.array([1.0, 2.0, 0.5]),
                            "beta": np.array([0.0, 1.0, -1.0])}, cfg, "ln")
        r = 1 / math.sqrt(14 / 3 + 0.5)                 # mu = 3, c = (-2, -1, 3), var = 14/3
        np.testing.assert_allclose(out.v[0], [-2 * r, 2 * -1 * r + 1, 0.5 * 3 * r - 1], rtol=1e-15)


def loop_attention(cfg, a, w, h):
    """One head of any attention kind, written with plain Python loops over positions, pairs
    and coordinates (math.cos / math.exp), independent of the einsum code."""
    n, k = cfg["n"], cfg["k"]
    kind, rope = cfg["attention"], cfg["rope"]
    mat = lambda m: [[sum(a[i][t] * m[t][c] for t in range(len(a[0]))) for c in range(k)] for i in range(n)]
    q, kk, v = mat(w["wq"][h]), mat(w["wk"][h]), mat(w["wv"][h])

    def rot(vec, pos):
        out = list(vec)
        for j in range(k // 2):
            ia, ib = (2 * j, 2 * j + 1) if rope["pairing"] == "interleaved" else (j, j + k // 2)
            ang = pos * rope["base"] ** (-2.0 * j / k)
            out[ia] = vec[ia] * math.cos(ang) - vec[ib] * math.sin(ang)
            out[ib] = vec[ia] * math.sin(ang) + vec[ib] * math.cos(ang)
        return out

    scale = cfg["scale"][0]
    if kind in ("softmax", "rope"):
        if kind == "rope":
            q = [rot(q[i], i) for i in range(n)]
            kk = [rot(kk[j], j) for j in range(n)]
        pairs = [(j,) for j in range(n)]
        score = lambda i, pr: scale * sum(q[i][c] * kk[pr[0]][c] for c in range(k))
        value = lambda pr, c: v[pr[0]][c]
    else:
        k2, v2 = mat(w["wk2"][h]), mat(w["wv2"][h])
        if kind == "rope_tensor":
            q = [rot(q[i], i) for i in range(n)]
            kk = [rot(kk[j], j) for j in range(n)]
            k2 = [rot(k2[j], j) for j in range(n)]
        pairs = [(j1, j2) for j1 in range(n) for j2 in range(n)]
        score = lambda i, pr: scale * sum(q[i][c] * kk[pr[0]][c] * k2[pr[1]][c] for c in range(k))
        value = lambda pr, c: v[pr[0]][c] * v2[pr[1]][c]
    out = []
    for i in range(n):
        live = [pr for pr in pairs if not (cfg["causal"] and max(pr) > i)]
        ex = [math.exp(score(i, pr)) for pr in live]
        z = sum(ex)
        out.append([sum(ex[t] / z * value(pr, c) for t, pr in enumerate(live)) for c in range(k)])
    return out


class Attention(TempDir):
    def head(self, **keys):
        cfg, w, x0, fmt = load(self.dir, **keys)
        a = rf.Val(x0)
        with np.errstate(all="ignore"):
            got = rf.attention_head(rf.Arith(fmt), cfg, a, w["layers"][0]["attn"], 1, "h")
        return cfg, w, x0, got

    def test_every_kind_matches_plain_loops(self):
        kinds = [("softmax", {}), ("rope", {"pairing": "interleaved"}), ("rope", {"pairing": "half", "base": 7}),
                 ("tensor", {}), ("rope_tensor", {"pairing": "half", "base": 3})]
        for kind, rope in kinds:
            for causal in (False, True):
                with self.subTest(kind=kind, rope=rope, causal=causal):
                    cfg, w, x0, got = self.head(attention=kind, rope=rope, causal=causal, n=4, d=6, k=4,
                                                p=53, e=11, score_scale=0.7)
                    want = loop_attention(cfg, x0.tolist(), w["layers"][0]["attn"], 1)
                    np.testing.assert_allclose(got.v, want, rtol=1e-12, atol=1e-14)

    def test_rope_relative_form_equals_absolute_in_float64(self):
        for pairing in ("interleaved", "half"):
            keys = dict(attention="rope", n=5, d=4, k=4, p=53, e=11, layers=2, causal=False)
            cfg, w, x0, fmt = load(self.dir, rope={"pairing": pairing, "base": 5}, **keys)
            absolute = run(cfg, w, x0, fmt)["y"].v
            cfg, w, x0, fmt = load(self.dir, rope={"pairing": pairing, "base": 5, "form": "relative"}, **keys)
            relative = run(cfg, w, x0, fmt)["y"].v
            self.assertGreater(np.max(np.abs(absolute - relative)), 0.0)     # different op chains
            np.testing.assert_allclose(relative, absolute, rtol=1e-12, atol=1e-12)

    def test_rope_with_angle_zero_is_the_identity(self):
        fmt = rf.Format(53, 11)
        cfg = {"k": 4, "rope": {"base": 10000.0, "angles": "constant"}}
        x = rf.Val(np.array([[1.5, -2.0, 0.25, 3.0]]))
        cs, sn = rf.rope_tables(rf.Arith(fmt), cfg, np.array([0]))
        for pairing in ("interleaved", "half"):
            np.testing.assert_array_equal(rf.rotate(rf.Arith(fmt), x, cs, sn, pairing, "r").v, x.v)
        # a one-position RoPE model is the softmax model with the same weights
        keys = dict(n=1, d=4, k=4, p=53, e=11, layers=2)
        cfg, w, x0, fmt = load(self.dir, attention="rope", **keys)
        y_rope = run(cfg, w, x0, fmt)["y"].v
        cfg, w, x0, fmt = load(self.dir, attention="softmax", **keys)
        np.testing.assert_array_equal(run(cfg, w, x0, fmt)["y"].v, y_rope)

    def test_rope_rotates_each_pair_by_position_times_theta(self):
        fmt = rf.Format(53, 11)
        cfg = {"k": 4, "rope": {"base": 100.0, "angles": "constant"}}     # theta = (1, 1/10)
        cs, sn = rf.rope_tables(rf.Arith(fmt), cfg, np.array([3]))
        x = rf.Val(np.array([[1.0, 0.0, 0.0, 1.0]]))
        got = rf.rotate(rf.Arith(fmt), x, cs, sn, "interleaved", "r").v[0]
        np.testing.assert_allclose(got, [math.cos(3), math.sin(3), -math.sin(0.3), math.cos(0.3)], rtol=1e-15)
        got = rf.rotate(rf.Arith(fmt), x, cs, sn, "half", "r").v[0]     # pairs (0, 2), (1, 3)
        np.testing.assert_allclose(got, [math.cos(3), -math.sin(0.3), math.sin(3), math.cos(0.3)], rtol=1e-15)

    def test_causal_row_zero_attends_only_to_position_zero(self):
        for kind in ("softmax", "rope", "tensor", "rope_tensor"):
            cfg, w, x0, got = self.head(attention=kind, causal=True, n=4, d=4, k=2, p=53, e=11)
            wv = w["layers"][0]["attn"]["wv"][1]
            v0 = x0[0] @ wv
            want = v0 * (x0[0] @ w["layers"][0]["attn"]["wv2"][1]) if "tensor" in kind else v0
            np.testing.assert_allclose(got.v[0], want, rtol=1e-14)
            # and the whole causal model: later inputs never change earlier outputs
            cfg, w, x0, fmt = load(self.dir, attention=kind, causal=True, n=4, d=4, k=2, p=53, e=11, layers=2)
            y = run(cfg, w, x0, fmt)["y"].v
            x1 = x0.copy()
            x1[2:] += np.arange(4.0)                    # not a uniform shift, which LN removes
            y1 = run(cfg, w, x1, fmt)["y"].v
            np.testing.assert_array_equal(y1[:2], y[:2])
            self.assertTrue(np.all(y1[2:] != y[2:]))

    def test_tensor_attention_with_one_position_is_the_hadamard_product(self):
        cfg, w, x0, got = self.head(attention="tensor", n=1, d=4, k=3, p=53, e=11)
        at = w["layers"][0]["attn"]
        np.testing.assert_allclose(got.v[0], (x0[0] @ at["wv"][1]) * (x0[0] @ at["wv2"][1]), rtol=1e-15)

    def test_softmax_stable_equals_plain_in_float64(self):
        keys = dict(n=6, d=8, k=4, p=53, e=11, layers=2, scale=1.0)
        cfg, w, x0, fmt = load(self.dir, softmax="stable", **keys)
        stable = run(cfg, w, x0, fmt)["y"].v
        cfg, w, x0, fmt = load(self.dir, softmax="plain", **keys)
        plain = run(cfg, w, x0, fmt)["y"].v
        np.testing.assert_allclose(plain, stable, rtol=1e-13, atol=1e-13)

    def test_readout_ties_go_to_the_lowest_class(self):
        cfg, w, x0, fmt = load(self.dir, readout={"classes": 3}, p=53, e=11)
        w["readout"]["w"][:] = 0.0
        w["readout"]["b"][:] = [0.5, 2.0, 2.0]
        self.assertEqual(run(cfg, w, x0, fmt)["classes"], [1, 1, 1])


class Bound(TempDir):
    CONFIGS = [dict(attention="softmax"), dict(attention="rope", causal=True),
               dict(attention="rope", rope={"form": "relative", "angles": "circuit"}),
               dict(attention="tensor", causal=True, mlp={"activation": "gelu_tanh"}),
               dict(attention="rope_tensor", layer_norm="post"),
               dict(attention="softmax", softmax="plain", layer_norm="none", mlp={"activation": "none"}),
               dict(attention="rope", input={"kind": "tokens", "vocab": 5}, readout={"classes": 3})]

    def test_rounded_and_perturbed_runs_stay_within_the_rigorous_bound(self):
        checked = 0
        for i, keys in enumerate(self.CONFIGS):
            for p in (11, 16, 24):
                cfg, w, x0, fmt = load(self.dir, seed=i + p, p=p, **keys)
                ref = run(cfg, w, x0, fmt)
                e = ref["y"].e
                self.assertTrue(np.all(e > 0))
                if not np.all(np.isfinite(e)):
                    continue
                for mode, seed in [("emulate", 0)] + [("mc", s) for s in range(4)]:
                    y = run(cfg, w, x0, fmt, mode, seed)["y"].v
                    dev = np.abs(y - ref["y"].v)
                    with self.subTest(keys=keys, p=p, mode=mode, seed=seed):
                        self.assertTrue(np.all(dev <= e), "max dev/bound %g" % np.max(dev / e))
                    checked += 1
        self.assertGreater(checked, 60)

    def test_the_bound_is_first_order_in_u(self):
        # the same model (weights exact at p = 34) at p = 34 and 40: bound * 2^p agrees to 1%
        # (second-order terms and the float64 reference's own error make the rest)
        m, _, x = make_model(self.dir, seed=3, p=34, e=11, layers=2)
        scaled = []
        for p in (34, 40):
            with open(m) as f:
                model = json.load(f)
            model["precision"]["p"] = p
            with open(m, "w") as f:
                json.dump(model, f)
            cfg = rf.load_model(m)
            fmt = rf.Format(p, 11)
            w = rf.load_weights(cfg, None, fmt, {})
            scaled.append(np.max(run(cfg, w, rf.load_input(cfg, x, w, fmt, {}), fmt)["y"].e) * 2.0 ** p)
        self.assertLess(abs(scaled[0] / scaled[1] - 1), 1e-2, scaled)


class Rules(unittest.TestCase):
    """Each propagation rule against the worst corner: every input at +-its bound and every
    rounding at 1 +- u (1 +- 2u for fexp and frsqrt), enumerated by brute force."""
    FMT = rf.Format(10, 8)

    def corners(self, n):
        return [np.array(c) for c in np.ndindex(*([2] * n))]

    def check(self, got, worst):
        self.assertGreaterEqual(float(got), worst)
        self.assertLess(float(got), 3 * worst)            # and not absurdly loose on one op

    def test_mul_div_add_with_second_order_terms(self):
        u = self.FMT.u
        ar = rf.Arith(self.FMT)
        a, b = rf.Val([1.0], [0.1]), rf.Val([2.0], [0.1])
        for op, f in ((ar.mul, lambda x, y: x * y), (ar.div, lambda x, y: x / y), (ar.add, lambda x, y: x + y)):
            worst = max(abs(f(1.0 + 0.1 * (2 * c[0] - 1), 2.0 + 0.1 * (2 * c[1] - 1)) * (1 + u * (2 * c[2] - 1))
                            - f(1.0, 2.0)) for c in self.corners(3))
            self.check(op(a, b).e[0], worst)

    def test_exp_and_rsqrt_within_one_ulp(self):
        u = self.FMT.u
        ar = rf.Arith(self.FMT)
        for op, f in ((ar.exp, math.exp), (ar.rsqrt, lambda x: x ** -0.5)):
            for x, e in ((0.5, 0.0), (0.5, 0.01)):
                worst = max(abs(f(x + e * (2 * c[0] - 1)) * (1 + 2 * u * (2 * c[1] - 1)) - f(x))
                            for c in self.corners(2))
                self.check(op(rf.Val([x], [e])).e[0], worst)

    def test_fdot_rounds_once(self):
        u = self.FMT.u
        ar = rf.Arith(self.FMT)
        a, b = rf.Val([[1.0, -3.0]], [[0.01, 0.02]]), rf.Val([[2.0], [0.5]], [[0.0], [0.03]])
        worst = 0.0
        for c in self.corners(4):
            s = (1 + 0.01 * (2 * c[0] - 1)) * 2.0 + (-3 + 0.02 * (2 * c[1] - 1)) * (0.5 + 0.03 * (2 * c[2] - 1))
            worst = max(worst, abs(s * (1 + u * (2 * c[3] - 1)) - 0.5))
        self.check(ar.contract("ik,kj->ij", [a, b]).e[0][0], worst)

    def test_softmax_of_two_scores(self):
        u = self.FMT.u
        for stable in (True, False):
            ar = rf.Arith(self.FMT)
            s, e = [0.3, -0.2], [0.001, 0.002]
            got = ar.softmax(rf.Val([s], [e]), None, stable, "s").e[0]
            worst = [0.0, 0.0]
            for c in self.corners(7):
                sc = [s[j] + e[j] * (2 * c[j] - 1) for j in range(2)]
                m = max(sc)
                arg = [(x - m) * (1 + u * (2 * c[2 + j] - 1)) if stable else x for j, x in enumerate(sc)]
                ex = [math.exp(x) * (1 + 2 * u * (2 * c[4] - 1 if j == 0 else 1 - 2 * c[4])) for j, x in enumerate(arg)]
                z = sum(ex) * (1 + u * (2 * c[5] - 1))
                for j in range(2):
                    p = ex[j] / z * (1 + u * (2 * c[6] - 1))
                    worst[j] = max(worst[j], abs(p - math.exp(s[j]) / (math.exp(s[0]) + math.exp(s[1]))))
            for j in range(2):
                self.check(got[j], worst[j])

    def test_gelu_tanh_value(self):
        x = np.array([-3.0, -0.5, 0.0, 1.0, 2.5])
        got = rf.gelu_tanh(rf.Arith(rf.Format(53, 11)), rf.Val(x), "g").v
        want = [0.5 * v * (1 + math.tanh(math.sqrt(2 / math.pi) * (v + 0.044715 * v ** 3))) for v in x]
        np.testing.assert_allclose(got, want, rtol=1e-15, atol=1e-300)
        self.assertAlmostEqual(got[3], 0.8411919906082768, places=15)


class CommandLine(TempDir):
    def cli(self, *args):
        r = subprocess.run([sys.executable, SCRIPT] + list(args), capture_output=True, text=True)
        return r.returncode, r.stdout, r.stderr

    def test_compare_passes_for_a_p_bit_run_and_fails_for_a_wrong_one(self):
        m, w, x = make_model(self.dir, p=16, e=5, layers=2, d=8, n=4, attention="rope", causal=True,
                             readout={"classes": 3})
        emu = os.path.join(self.dir, "emu.json")
        code, _, err = self.cli(m, "--weights", w, "--input", x, "--emulate", "-o", emu, "--quiet")
        self.assertEqual((code, err), (0, ""))
        code, out, _ = self.cli(m, "--input", x, "--compare", emu)
        self.assertEqual(code, 0, out)
        self.assertIn("result: PASS", out)
        with open(emu) as f:
            doc = json.load(f)
        self.assertEqual(doc["engine"], "numpy-emulated-p-bit")
        self.assertEqual(len(doc["classes"]), 4)
        # a 2% error in one entry is far outside both bounds
        doc["y_hex"][1][2] = rf.hex_of(float.fromhex(doc["y_hex"][1][2]) * 1.02 + 0.01)
        bad = os.path.join(self.dir, "bad.json")
        with open(bad, "w") as f:
            json.dump(doc, f)
        code, out, _ = self.cli(m, "--input", x, "--compare", bad)
        self.assertEqual(code, 1, out)
        self.assertIn("worst entry: y[1][2]", out)
        code, out, _ = self.cli(m, "--input", x, "--compare", bad, "--bound-ulps", "64")
        self.assertEqual(code, 1, out)
        code, out, _ = self.cli(m, "--input", x, "--compare", emu, "--bound-ulps", "64")
        self.assertEqual(code, 0, out)

    def test_output_json_and_bad_input(self):
        m, w, x = make_model(self.dir)
        code, out, _ = self.cli(m, "--input", x)
        self.assertEqual(code, 0)
        doc = json.loads(out)
        self.assertEqual(doc["format"], "tc0-output/1")
        self.assertEqual(np.array(doc["y"]).shape, (3, 4))
        self.assertEqual([[float.fromhex(h) for h in row] for row in doc["y_hex"]], doc["y"])
        with open(x, "w") as f:
            json.dump({"x": [[1, 2, 3]]}, f)
        code, out, err = self.cli(m, "--input", x)
        self.assertEqual((code, out), (2, ""))
        self.assertEqual(err, "reference_forward: %s: x: expected an array of shape [3][4]\n" % x)
        with open(m) as f:
            model = json.load(f)
        model["casual"] = True
        with open(m, "w") as f:
            json.dump(model, f)
        code, _, err = self.cli(m, "--input", x)
        self.assertEqual(code, 2)
        self.assertIn("unknown key \"casual\"", err)


TC0 = os.environ.get("TC0", os.path.join(os.path.dirname(HERE), "build", "tc0"))


@unittest.skipUnless(os.access(TC0, os.X_OK), "no tc0 binary (set TC0=path/to/tc0)")
class AgainstTc0(TempDir):
    """The bundled example models (and a p = 24 copy of each) through `tc0 run --engine
    reference` with its own --dump-weights, checked by --compare (Monte Carlo bound)."""

    def test_example_models(self):
        models = os.path.join(os.path.dirname(HERE), "examples", "models")
        names = sorted(f for f in os.listdir(models) if f.endswith(".json"))
        self.assertTrue(names)
        rng = np.random.default_rng(11)
        for name in names:
            with open(os.path.join(models, name)) as f:
                model = json.load(f)
            for p, e in ((model["precision"]["p"], model["precision"]["e"]), (24, 8)):
                with self.subTest(model=name, p=p):
                    model["precision"] = {"p": p, "e": e}
                    m = os.path.join(self.dir, "m.json")
                    with open(m, "w") as f:
                        json.dump(model, f)
                    n, d = model["seq_len"], model["d_model"]
                    inp = model.get("input", {"kind": "vectors"})
                    x = {"tokens": rng.integers(0, inp["vocab"], n).tolist()} if inp["kind"] == "tokens" else \
                        {"x": rng.normal(0.0, 1.0, (n, d)).round(6).tolist()}
                    xp, wp, yp = (os.path.join(self.dir, f) for f in ("x.json", "w.json", "y.json"))
                    with open(xp, "w") as f:
                        json.dump(x, f)
                    r = subprocess.run([TC0, "run", m, "--input", xp, "--dump-weights", wp, "-o", yp, "--quiet"],
                                       capture_output=True, text=True)
                    self.assertEqual(r.returncode, 0, r.stderr)
                    r = subprocess.run([sys.executable, SCRIPT, m, "--weights", wp, "--input", xp, "--compare", yp,
                                        "--quiet"], capture_output=True, text=True)
                    self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

if __name__ == "__main__":
    unittest.main()
