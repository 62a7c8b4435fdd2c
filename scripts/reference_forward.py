#!/usr/bin/python3
"""An independent float64 forward pass of the tc0 transformer (shared/spec/semantics.md section 4),
and a check of a p-bit evaluation (`tc0 run` output) against it. docs/reference_check.md derives
the error bounds and says what they do not cover.

Usage:
  /usr/bin/python3 scripts/reference_forward.py MODEL.json [--weights WEIGHTS.json] --input X.json
        [-o OUT.json] [--compare Y.json [--check mc|rigorous | --bound-ulps K]
        [--mc-samples S] [--mc-factor C] [--mc-seed N]] [--emulate] [--quiet]

What it computes: the exact real-number function of the model, in float64. Inputs and weights
are rounded to the model's format (p, e) exactly as tc0 rounds them (from their decimal or hex
text, ties to even); the mathematical constants (1/sqrt(d_head), ln_eps, d, cos/sin of the RoPE
angles, the GELU constants) stay unrounded. The op chain is the one semantics.md fixes (fdot
with the bias as one more term, fsub/fexp/fsum/fdiv softmax, the LN chain, ...). Weights come
from --weights (the `file` layout of `tc0 run --dump-weights`) or from the model's
{"file": ..} / {"inline": ..}; random "init" weights need --weights.

Beside every value it carries a rigorous bound E on |p-bit value - reference value| under the
rounding model of semantics.md (IEEE ops and fsum/fdot: u|x| + eta; fexp, frsqrt, fsin, fcos:
1 ulp; u = 2^-p), propagated op by op. E is a worst case and grows fast with depth (it is void,
reported infinite, for most models beyond one layer at p <= 24).

Output (-o, else stdout unless --compare): {"format": "tc0-output/1", "precision", "y", "y_hex",
"classes" (with a readout), "engine", "error_bound" (E per entry of y), "bound_ulps_by_layer"
(max E / (u max|X|) after each layer), "range_notes" (overflow, void bound)}.

--compare Y.json (a `tc0 run` output; y_hex is read exactly when present) prints the max abs
error, the max error relative to max|y_ref| (also in units of u), E and the Monte Carlo spread,
then checks, exit 1 on failure:
  --check mc (default)  max|y_ref - y| <= C max(D (1 + 2^(p-53)), u max|y_ref|), D the largest
                        deviation of S runs of Monte Carlo arithmetic (every op's value times
                        1 + r u, r uniform in [-1, 1]; 2u for the 1-ulp ops), C = --mc-factor (4),
                        S = --mc-samples (8); the 2^(p-53) term is the float64 reference's own share;
  --check rigorous      |y_ref - y| <= E entrywise (fails when E is void);
  --bound-ulps K        max|y_ref - y| <= K u max|y_ref|.
Classes must agree wherever the runner-up's logit cannot reach the winner's within the same
allowance. Exit 2 on bad input (one line on stderr naming the file and key).

--emulate rounds every op of the same chain to (p, e) (float64 then round to nearest even;
fexp etc. as rounded float64 values): a stand-in p-bit engine for testing this script and the
bounds, close to but not bit-exact with tc0.
"""
import argparse
import json
import math
import os
import re
import sys
import tempfile
from fractions import Fraction

import numpy as np

U64 = 2.0 ** -53  # unit roundoff of the float64 reference itself


class InputError(Exception):
    """Bad input: the message names the file, the key and what was expected."""


# ---------------------------------------------------------------------------------------------
# Numbers: the format, exact parsing of JSON numbers and strings, rounding to (p, e)

class Format:
    """A float format (p significand bits incl. the hidden one, e exponent bits), IEEE-like."""

    def __init__(self, p, e):
        self.p, self.e = p, e
        self.bias = 2 ** (e - 1) - 1
        self.u = 2.0 ** -p                      # unit roundoff: half an ulp of 1
        # half the smallest subnormal 2^(2 - bias - p): the absolute rounding error floor
        self.eta = max(math.ldexp(1.0, 1 - self.bias - p), 5e-324) if self.bias < 1100 else 5e-324
        try:
            self.max_finite = math.ldexp(2.0 - 2.0 ** (1 - p), self.bias)
        except OverflowError:
            self.max_finite = math.inf
        # exponent of the subnormal quantum (clamped where float64 cannot reach it anyway)
        self.min_q = max(2 - self.bias - p, -1200)

    def _quantum(self, x):
        _, ex = np.frexp(x)                      # x = m 2^ex, 1/2 <= |m| < 1
        return np.maximum(ex - self.p, self.min_q)

    def round(self, x):
        """Rounds float64 values to the format, ties to even; overflow gives +-inf."""
        x = np.asarray(x, dtype=np.float64)
        finite = np.isfinite(x)
        xs = np.where(finite, x, 0.0)
        q = self._quantum(xs)
        r = np.ldexp(np.rint(np.ldexp(xs, -q)), q)
        r = np.where(np.abs(r) > self.max_finite, np.copysign(np.inf, xs), r)
        return np.where(finite, r, x)

    def is_midpoint(self, x):
        """True where a float64 value lies exactly halfway between two neighbours of the format."""
        x = np.asarray(x, dtype=np.float64)
        xs = np.where(np.isfinite(x), x, 0.0)
        s = np.ldexp(xs, -self._quantum(xs))
        return np.abs(s - np.floor(s)) == 0.5

    def round_exact(self, x):
        """Rounds an exact Fraction to the format (ties to even), returned as float64."""
        if x == 0:
            return 0.0
        a = abs(x)
        k = a.numerator.bit_length() - a.denominator.bit_length()
        ex = k + 1 if a >= Fraction(2) ** k else k          # 2^(ex-1) <= a < 2^ex
        q = max(ex - self.p, self.min_q)
        m = round(a / Fraction(2) ** q)                      # Fraction rounds half to even
        val = m * Fraction(2) ** q
        if self.max_finite != math.inf and val > Fraction(self.max_finite):
            return math.copysign(math.inf, x)
        return math.copysign(float(val), x)


_HEX = re.compile(r"^([+-]?)0x([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?\d+))?$", re.I)
_SPECIAL = {"inf": math.inf, "+inf": math.inf, "infinity": math.inf, "+infinity": math.inf,
            "-inf": -math.inf, "-infinity": -math.inf, "nan": math.nan, "+nan": math.nan, "-nan": math.nan}


def exact_value(tok, where):
    """The exact value of a JSON number (kept as its text) or a decimal / hex-float string:
    a Fraction, or a float for +-inf, NaN and -0."""
    if isinstance(tok, bool) or not isinstance(tok, (int, str)):
        raise InputError("%s: expected a number or a decimal / hex-float string, got %s" % (where, json.dumps(tok)))
    if isinstance(tok, int):
        return Fraction(tok)
    s = tok.strip().lower()
    if s in _SPECIAL:
        return _SPECIAL[s]
    m = _HEX.match(s)
    if m:
        whole, frac = m.group(2), m.group(3) or ""
        if not whole + frac:
            raise InputError("%s: expected a hex float like \"0x1.8p+3\", got \"%s\"" % (where, tok))
        v = Fraction(int(whole + frac, 16)) * Fraction(2) ** (int(m.group(4) or 0) - 4 * len(frac))
    else:
        try:
            v = Fraction(s)
        except (ValueError, ZeroDivisionError):
            raise InputError("%s: expected a number or a decimal / hex-float string, got \"%s\"" % (where, tok))
    if v == 0 and s.startswith("-"):
        return -0.0
    return -v if m and m.group(1) == "-" else v


def nearest_double(tok, where):
    """The nearest float64 to a number token (correctly rounded, as float() and float.fromhex are)."""
    if isinstance(tok, int) and not isinstance(tok, bool) and abs(tok) < 2 ** 53:
        return float(tok)
    if isinstance(tok, str):
        s = tok.strip().lower()
        if s in _SPECIAL:
            return _SPECIAL[s]
        try:
            return float.fromhex(s) if "x" in s else float(s) if _DECIMAL.match(s) else None
        except (ValueError, OverflowError):
            pass
    v = exact_value(tok, where)
    return v if isinstance(v, float) else float(v)


_DECIMAL = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$")


def to_format_array(nested, shape, fmt, where, stats):
    """A nested JSON array of number tokens, checked against `shape` (None: any length) and
    rounded to the format from the exact value of each token. stats counts inexact values."""
    def check(node, dims, path):
        if not dims:
            return
        if not isinstance(node, list) or (dims[0] is not None and len(node) != dims[0]):
            raise InputError("%s%s: expected an array of shape [%s]" % (
                where, path, "][".join("n" if x is None else str(x) for x in dims)))
        for i, child in enumerate(node):
            check(child, dims[1:], "%s[%d]" % (path, i))
    check(nested, list(shape), "")

    flat_tokens = []

    def flatten(node, path):
        if isinstance(node, list):
            for i, child in enumerate(node):
                flatten(child, "%s[%d]" % (path, i))
        else:
            flat_tokens.append((node, where + path))
    flatten(nested, "")
    doubles = np.empty(len(flat_tokens))
    for i, (tok, w) in enumerate(flat_tokens):
        d = nearest_double(tok, w)
        if d is None:
            raise InputError("%s: expected a number or a decimal / hex-float string, got %s" % (w, json.dumps(tok)))
        doubles[i] = d
    rounded = fmt.round(doubles)
    # Rounding the nearest double equals rounding the exact value unless the double is itself a
    # midpoint of the format (a format midpoint is a double, so it would be nearer); redo those
    # exactly, and every value when the format is wider than float64.
    redo = fmt.is_midpoint(doubles) | (fmt.p > 53)
    for i in np.nonzero(redo & np.isfinite(doubles))[0]:
        v = exact_value(*flat_tokens[i])
        rounded[i] = v if isinstance(v, float) else fmt.round_exact(v)
    stats["values"] = stats.get("values", 0) + len(flat_tokens)
    stats["inexact"] = stats.get("inexact", 0) + int(np.count_nonzero(
        (rounded != doubles) & np.isfinite(doubles)))
    return rounded.reshape(tuple(shape))


def to_scalar(tok, where):
    """A model constant as float64 and whether float64 holds it exactly."""
    v = exact_value(tok, where)
    if isinstance(v, float):
        return v, True
    f = float(v)
    return f, Fraction(f) == v


def hex_of(x):
    """Shortest exact hex float of a double, like tc0's y_hex ("0x1.8p+3")."""
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x == 0:
        return "-0x0p+0" if math.copysign(1.0, x) < 0 else "0x0p+0"
    h = float.hex(x)                                   # e.g. 0x1.8000000000000p+3
    mant, _, exp = h.partition("p")
    mant = mant.rstrip("0").rstrip(".")
    return "%sp%s" % (mant, exp if exp.startswith("-") else "+" + exp.lstrip("+"))


def json_number(x):
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return float(x)


# ---------------------------------------------------------------------------------------------
# Values with error bounds, and the ops of semantics.md section 4

class Val:
    """A float64 array v and a bound e on |(p-bit circuit value) - v|, entrywise."""
    __slots__ = ("v", "e")

    def __init__(self, v, e=None):
        self.v = np.asarray(v, dtype=np.float64)
        self.e = np.zeros_like(self.v) if e is None else np.broadcast_to(
            np.asarray(e, dtype=np.float64), self.v.shape).copy()

    def map(self, fn):
        """The same structural operation (slice, reshape, stack) on value and bound."""
        return Val(fn(self.v), fn(self.e))

    def __getitem__(self, idx):
        return Val(self.v[idx], self.e[idx])


def stack(vals, axis):
    return Val(np.stack([x.v for x in vals], axis), np.stack([x.e for x in vals], axis))


def concat(vals, axis):
    return Val(np.concatenate([x.v for x in vals], axis), np.concatenate([x.e for x in vals], axis))


def _einsum_terms(spec, shapes):
    """Number of products summed per output entry of an einsum (the fdot length)."""
    inputs, _, output = spec.partition("->")
    sizes = {}
    for sub, shape in zip(inputs.split(","), shapes):
        if "..." in sub:
            before, after = sub.split("...")
            letters = list(before) + list(after)
            dims = list(shape[:len(before)]) + (list(shape[len(shape) - len(after):]) if after else [])
        else:
            letters, dims = list(sub), list(shape)
        for c, n in zip(letters, dims):
            sizes[c] = max(sizes.get(c, 1), n)
    k = 1
    for c, n in sizes.items():
        if c not in output:
            k *= n
    return k


class Arith:
    """The op set of semantics.md section 4 on Vals. Each op returns the float64 value of the
    exact op on the reference inputs and the bound

        e_out = propagated (how far the exact op moves when its inputs move within their bounds)
              + local (the circuit's own rounding of this op, and this reference's float64 error).

    mode "emulate" also rounds every value to the format (a p-bit stand-in engine); mode "mc"
    multiplies every op's value by (1 + r u), r uniform in [-1, 1] (2u for the 1-ulp ops):
    Monte Carlo arithmetic, one sample of the random-rounding model per run."""

    def __init__(self, fmt, mode="reference", seed=0):
        assert mode in ("reference", "emulate", "mc")
        self.f = fmt
        self.u = fmt.u
        self.eta = fmt.eta
        self.emulate = mode == "emulate"
        self.mc = np.random.default_rng(seed) if mode == "mc" else None
        self.notes = {}

    def jitter(self, v, rel=1.0, absolute=0.0):
        """mode "mc": v (1 + r rel u) + r' absolute, fresh r, r' uniform in [-1, 1] per entry."""
        if self.mc is None:
            return v
        v = v * (1.0 + rel * self.u * self.mc.uniform(-1.0, 1.0, np.shape(v)))
        if absolute:
            v = v + absolute * self.mc.uniform(-1.0, 1.0, np.shape(v))
        return v

    # -- bookkeeping
    def _finish(self, v, e, where, rel=1.0):
        if self.emulate:
            v = self.f.round(v)
        elif rel:
            v = self.jitter(v, rel)
        e = np.where(np.isnan(e), np.inf, e)
        if not np.all(np.isfinite(e)):
            if "bound" not in self.notes:
                self.notes["bound"] = "%s: the rigorous bound becomes infinite here (the amplified error " \
                                      "reaches a divisor, an rsqrt argument or the float range); it is void " \
                                      "from here on" % where
        else:
            self._range(v, e, where)
        return Val(v, e)

    def _range(self, v, e, where):
        """Notes values that leave the format's range, where the bound does not apply."""
        if self.f.max_finite == math.inf:
            return
        if not np.all(np.isfinite(v)) or np.any(np.abs(v) > self.f.max_finite):
            self.notes.setdefault("overflow", "%s: the value overflows (p, e) = (%d, %d): the bound does not "
                                  "apply" % (where, self.f.p, self.f.e))
        elif np.any(np.abs(v) + e > self.f.max_finite):
            self.notes.setdefault("overflow", "%s: may overflow (p, e) = (%d, %d) within the bound: the bound "
                                  "does not apply" % (where, self.f.p, self.f.e))

    def _local(self, v, prop, ref, rel=1.0, ulp_floor=1.0):
        """Circuit rounding of a result whose exact value at the circuit's inputs lies within
        prop + ref of v: rel * u * |that| + ulp_floor * eta; plus the reference's float64
        error ref, counted twice (the reference's, and an emulation's own float64 step)."""
        return rel * self.u * (np.abs(v) + prop + ref) + ulp_floor * self.eta + 2.0 * ref

    def const(self, x, inexact64=False):
        """A constant of the model (exact math in float64). tc0 rounds it once to the format:
        error 0 if representable, else u|c| + eta; plus 2 ulp64 when float64 holds only an
        approximation of it (cos, 1/sqrt)."""
        v = np.asarray(x, dtype=np.float64)
        r = self.f.round(v)
        e = np.where(r == v, 0.0, self.u * np.abs(v) + self.eta)
        if np.any(inexact64):
            e = e + np.where(inexact64, 2.0 * U64 * np.abs(v), 0.0)
        if self.mc is not None:
            return Val(np.where(r == v, v, self.jitter(v)), e)
        return Val(r if self.emulate else v, e)

    # -- fdot / fsum: one rounding of the exact sum of products
    def contract(self, spec, ops, bias=None, where=""):
        """fdot (or fsum with one operand) written as an einsum: every output entry is one sum
        of exact products, rounded once (exact or window accumulation)."""
        vals = [o.v for o in ops]
        absv = [np.abs(a) for a in vals]
        v = np.einsum(spec, *vals, optimize=True)
        terms = np.einsum(spec, *absv, optimize=True)                # sum of |products|
        prop = np.zeros_like(v)
        nz = [bool(np.any(o.e)) for o in ops]
        for mask in range(1, 2 ** len(ops)):
            if any((mask >> i) & 1 and not nz[i] for i in range(len(ops))):
                continue
            # |prod(a_i + d_i) - prod(a_i)| <= sum over nonempty subsets of the d_i
            prop = prop + np.einsum(spec, *[ops[i].e if (mask >> i) & 1 else absv[i]
                                            for i in range(len(ops))], optimize=True)
        k = _einsum_terms(spec, [a.shape for a in vals])
        if bias is not None:
            v = v + bias.v
            terms = terms + np.abs(bias.v)
            prop = prop + bias.e
            k += 1
        ref = (k * U64 / (1.0 - k * U64)) * terms                    # any float64 summation order
        # window accumulation adds at most k 2^L <= (u^2/4) max|term| (docs/floats.md 4.2)
        window = 0.25 * self.u * self.u * (1.0 + self.u) * (terms + prop)
        return self._finish(v, prop + window + self._local(v, prop + window, ref), where)

    # -- elementwise IEEE ops
    def add(self, a, b, where="", negate=False):
        v = a.v - b.v if negate else a.v + b.v
        prop = a.e + b.e
        return self._finish(v, prop + self._local(v, prop, U64 * np.abs(v)), where)

    def sub(self, a, b, where=""):
        return self.add(a, b, where, negate=True)

    def mul(self, a, b, where=""):
        v = a.v * b.v
        prop = np.abs(a.v) * b.e + np.abs(b.v) * a.e + a.e * b.e
        return self._finish(v, prop + self._local(v, prop, U64 * np.abs(v)), where)

    def div(self, a, b, where=""):
        v = a.v / b.v
        room = np.abs(b.v) - b.e
        with np.errstate(divide="ignore", invalid="ignore"):
            prop = np.where(room > 0, (np.abs(b.v) * a.e + np.abs(a.v) * b.e) / (np.abs(b.v) * room), np.inf)
        return self._finish(v, prop + self._local(v, prop, U64 * np.abs(v)), where)

    def softmax(self, s, mask, stable, where=""):
        """Softmax over the last axis, op by op as semantics.md writes it (stable: fmax, fsub,
        fexp, fsum, fdiv; plain: fexp, fsum, fdiv); mask True = a causal -inf (P = 0 exactly).

        The bound uses the shift invariance of softmax instead of chaining the ops (which
        would count the error of the row max twice): every circuit step multiplies E_j by a
        factor exp(phi_j), so |ln(P_circuit_j / P_j)| <= Phi_j + max_k Phi_k + the fsum and
        fdiv roundings (docs/reference_check.md, "softmax")."""
        sv = s.v if mask is None else np.where(mask, -np.inf, s.v)
        se = s.e if mask is None else np.where(mask, 0.0, s.e)
        live = np.ones(sv.shape, bool) if mask is None else ~mask
        nterm = sv.shape[-1]
        mx = np.max(sv, axis=-1, keepdims=True)
        if stable:
            ex = np.exp(sv - mx)
        else:
            ex = np.exp(sv)
        z = np.sum(ex, axis=-1, keepdims=True)
        v = ex / z
        u, eta = self.u, self.eta
        ln2u = -np.log1p(-2.0 * u)                       # fexp: a factor in [1 - 2u, 1 + 2u]
        dmax = np.max(se, axis=-1, keepdims=True)        # the circuit's row max moves at most this
        phi = se + ln2u
        if stable:
            # fsub(S_j, M): absolute error u |S_j - M| + eta, an exp factor exp(that)
            phi = phi + u * (np.abs(np.where(live, sv - mx, 0.0)) + 2.0 * dmax) + eta
            zlow = 1.0 - 2.0 * u - 2.0 * eta             # the max entry gives fexp(0) >= 1 - 2u
        else:
            zlow = z * np.exp(-np.max(np.where(live, phi, 0.0), axis=-1, keepdims=True)) * (1.0 - 2.0 * u) - 2.0 * nterm * eta
        phi = np.where(live, phi, 0.0)
        phimax = np.max(phi, axis=-1, keepdims=True)
        lz = -np.log1p(-(u + u * u))                     # fsum rounding (with the window term)
        ld = -np.log1p(-u)                               # fdiv rounding
        with np.errstate(divide="ignore", invalid="ignore"):
            under = np.where(zlow > 0, 2.0 * nterm * eta / zlow, np.inf)   # subnormal exp outputs
            lam = phi + phimax + lz + ld + np.log1p(under)
            e = v * np.expm1(lam) + np.where(zlow > 0, 2.0 * eta / zlow, np.inf) + eta
        e = e + 2.0 * (nterm + 8) * U64 * v                 # this reference's float64 error
        e = np.where(live, e, 0.0)
        v = np.where(live, v, 0.0)
        if self.emulate:
            rnd = self.f.round
            a = np.where(live, rnd(sv - rnd(mx)) if stable else sv, 0.0)
            ex_c = np.where(live, rnd(np.exp(a)), 0.0)
            v = np.where(live, rnd(ex_c / rnd(np.sum(ex_c, axis=-1, keepdims=True))), 0.0)
        elif self.mc is not None:
            jit = self.jitter
            a = np.where(live, jit(sv - mx) if stable else sv, 0.0)
            ex_c = np.where(live, jit(np.exp(a), 2.0), 0.0)
            v = np.where(live, jit(ex_c / jit(np.sum(ex_c, axis=-1, keepdims=True))), 0.0)
        if not stable:
            self._range(np.exp(np.where(live, sv, 0.0)), 0.0, where + " (exp of a score: plain softmax)")
        return self._finish(v, e, where, rel=0.0)

    def relu(self, a, where=""):
        return self._finish(np.maximum(a.v, 0.0), a.e, where, rel=0.0)

    # -- the non-IEEE ops: within 1 ulp (<= 2u relative, 2 eta absolute below the normal range)
    def exp(self, a, where=""):
        v = np.exp(a.v)
        prop = v * np.expm1(a.e)                   # |exp(x + d) - exp(x)| <= exp(x)(e^|d| - 1)
        return self._finish(v, prop + self._local(v, prop, 8 * U64 * v, rel=2.0, ulp_floor=2.0), where, rel=2.0)

    def rsqrt(self, a, where=""):
        with np.errstate(divide="ignore", invalid="ignore"):
            v = 1.0 / np.sqrt(a.v)
            t = a.e / a.v                          # the argument may shrink to a (1 - t)
            s = np.sqrt(1.0 - t)
            prop = np.where((a.v > 0) & (t < 1), v * t / (s * (1.0 + s)), np.inf)
        return self._finish(v, prop + self._local(v, prop, 8 * U64 * np.abs(v), rel=2.0, ulp_floor=2.0), where, rel=2.0)

    def tanh(self, a, where=""):
        """tanh from fexp (semantics.md fixes no formula). Assumed: |computed - tanh(x)| <= 10u
        for the circuit's argument x, which (e^2x - 1)/(e^2x + 1) or 1 - 2/(e^2x + 1) on
        e^(-2|x|) meet (docs/reference_check.md); tanh is 1-Lipschitz and bounded by 1."""
        v = np.tanh(a.v)
        prop = np.minimum(a.e, 2.0)
        ref = 8 * U64
        if self.mc is not None:
            v = self.jitter(v, 0.0, 4.0 * self.u)       # a few roundings of a value <= 1
        return self._finish(v, prop + 10.0 * self.u + 4.0 * self.eta + 2.0 * ref, where, rel=0.0)


# ---------------------------------------------------------------------------------------------
# The model

ATTENTIONS = ("softmax", "rope", "tensor", "rope_tensor")
KNOWN_KEYS = {"format", "name", "seq_len", "d_model", "layers", "heads", "d_head", "attention", "rope",
              "causal", "score_scale", "softmax", "mlp", "layer_norm", "ln_eps", "input", "readout",
              "precision", "accumulate", "weights"}


def read_json(path, what):
    try:
        with open(path) as f:
            return json.load(f, parse_float=str)   # keep the decimal text: rounded exactly later
    except OSError as exc:
        raise InputError("%s: cannot read the %s file (%s)" % (path, what, exc.strerror))
    except json.JSONDecodeError as exc:
        raise InputError("%s: line %d column %d: expected valid JSON (%s)" % (path, exc.lineno, exc.colno, exc.msg))


def _int(model, key, path, minimum=1):
    v = model.get(key)
    if isinstance(v, bool) or not isinstance(v, int) or v < minimum:
        raise InputError("%s: key \"%s\": expected an integer >= %d, got %s" % (path, key, minimum, json.dumps(v)))
    return v


def _choice(v, key, options, path):
    if v not in options:
        raise InputError("%s: key \"%s\": expected one of %s, got %s" % (path, key, " | ".join(options), json.dumps(v)))
    return v


def load_model(path):
    """The model JSON with every default of interfaces.md filled in."""
    m = read_json(path, "model")
    if not isinstance(m, dict):
        raise InputError("%s: expected a JSON object (tc0-model/1)" % path)
    if m.get("format") != "tc0-model/1":
        raise InputError("%s: key \"format\": expected \"tc0-model/1\", got %s" % (path, json.dumps(m.get("format"))))
    unknown = sorted(set(m) - KNOWN_KEYS)
    if unknown:
        raise InputError("%s: unknown key \"%s\" (interfaces.md \"Model JSON\" lists the keys)" % (path, unknown[0]))
    for key in ("seq_len", "d_model", "layers", "heads", "d_head", "precision", "weights"):
        if key not in m:
            raise InputError("%s: missing required key \"%s\"" % (path, key))
    cfg = {"path": path, "name": m.get("name", os.path.splitext(os.path.basename(path))[0])}
    cfg["n"] = _int(m, "seq_len", path)
    cfg["d"] = _int(m, "d_model", path)
    cfg["layers"] = _int(m, "layers", path, minimum=0)
    cfg["heads"] = _int(m, "heads", path)
    cfg["k"] = _int(m, "d_head", path)
    prec = m["precision"]
    if not isinstance(prec, dict) or set(prec) != {"p", "e"} or not all(
            isinstance(prec[x], int) and not isinstance(prec[x], bool) for x in ("p", "e")):
        raise InputError("%s: key \"precision\": expected {\"p\": int, \"e\": int}" % path)
    if prec["p"] < 2 or prec["e"] < 2:
        raise InputError("%s: key \"precision\": expected p >= 2 and e >= 2" % path)
    cfg["p"], cfg["e"] = prec["p"], prec["e"]
    cfg["attention"] = _choice(m.get("attention", "rope"), "attention", ATTENTIONS, path)
    rope = dict(base=10000, pairing="interleaved", form="absolute", angles="constant")
    if m.get("rope") is not None:
        if not isinstance(m["rope"], dict) or set(m["rope"]) - set(rope):
            raise InputError("%s: key \"rope\": expected an object with keys base, pairing, form, angles" % path)
        rope.update(m["rope"])
    rope["base"] = to_scalar(rope["base"], path + ": key \"rope.base\"")[0]
    _choice(rope["pairing"], "rope.pairing", ("interleaved", "half"), path)
    _choice(rope["form"], "rope.form", ("absolute", "relative"), path)
    _choice(rope["angles"], "rope.angles", ("constant", "circuit"), path)
    cfg["rope"] = rope
    if cfg["attention"] in ("rope", "rope_tensor") and cfg["k"] % 2:
        raise InputError("%s: key \"d_head\": expected an even number for RoPE, got %d" % (path, cfg["k"]))
    if cfg["attention"] == "rope_tensor" and rope["form"] == "relative":
        # semantics.md defines rope_tensor by the rotations of positions i, j1, j2 only (as tc0
        # builds it): a trilinear score is not rotation invariant, so there is no relative form
        print("reference_forward: %s: rope.form \"relative\" has no relative variant for rope_tensor; "
              "computing the absolute rotations (semantics.md section 4)" % path, file=sys.stderr)
    causal = m.get("causal", False)
    if not isinstance(causal, bool):
        raise InputError("%s: key \"causal\": expected true or false" % path)
    cfg["causal"] = causal
    scale = m.get("score_scale", "inv_sqrt_d_head")
    if scale == "inv_sqrt_d_head":
        cfg["scale"] = (1.0 / math.sqrt(cfg["k"]), True)
    else:
        cfg["scale"] = to_scalar(scale, path + ": key \"score_scale\" (\"inv_sqrt_d_head\" or a number)")
        cfg["scale"] = (cfg["scale"][0], not cfg["scale"][1])
    cfg["softmax"] = _choice(m.get("softmax", "stable"), "softmax", ("stable", "plain"), path)
    mlp = {"hidden": 4 * cfg["d"], "activation": "relu"}
    if m.get("mlp") is not None:
        if not isinstance(m["mlp"], dict) or set(m["mlp"]) - set(mlp):
            raise InputError("%s: key \"mlp\": expected an object with keys hidden, activation" % path)
        mlp.update(m["mlp"])
    cfg["hidden"] = _int(mlp, "hidden", path + ": key \"mlp\"")
    cfg["activation"] = _choice(mlp["activation"], "mlp.activation", ("relu", "gelu_tanh", "none"), path)
    cfg["layer_norm"] = _choice(m.get("layer_norm", "pre"), "layer_norm", ("pre", "post", "none"), path)
    eps = to_scalar(m.get("ln_eps", "1e-5"), path + ": key \"ln_eps\"")
    cfg["eps"] = (eps[0], not eps[1])
    inp = m.get("input", {"kind": "vectors"})
    if not isinstance(inp, dict) or inp.get("kind") not in ("vectors", "tokens"):
        raise InputError("%s: key \"input\": expected {\"kind\": \"vectors\"} or {\"kind\": \"tokens\", \"vocab\": V}" % path)
    cfg["tokens"] = inp["kind"] == "tokens"
    cfg["vocab"] = _int(inp, "vocab", path + ": key \"input\"") if cfg["tokens"] else 0
    ro = m.get("readout")
    if ro is not None and (not isinstance(ro, dict) or set(ro) != {"classes"}):
        raise InputError("%s: key \"readout\": expected null or {\"classes\": C}" % path)
    cfg["classes"] = _int(ro, "classes", path + ": key \"readout\"") if ro is not None else 0
    acc = m.get("accumulate", "auto")
    _choice(acc, "accumulate", ("auto", "exact", "window"), path)
    cfg["accumulate"] = acc
    cfg["weights"] = m["weights"]
    return cfg


def load_weights(cfg, weights_path, fmt, stats):
    """The weight tensors by name (interfaces.md), rounded to the format, shapes checked."""
    if weights_path:
        w, where = read_json(weights_path, "weights"), weights_path
    else:
        spec = cfg["weights"]
        if isinstance(spec, dict) and "file" in spec:
            where = os.path.join(os.path.dirname(os.path.abspath(cfg["path"])), spec["file"])
            w = read_json(where, "weights")
        elif isinstance(spec, dict) and "inline" in spec:
            w, where = spec["inline"], cfg["path"] + ": weights.inline"
        else:
            raise InputError("%s: key \"weights\": random \"init\" weights: pass --weights FILE "
                             "(written by `tc0 run --dump-weights FILE`)" % cfg["path"])
    d, H, k, hid, L = cfg["d"], cfg["heads"], cfg["k"], cfg["hidden"], cfg["layers"]

    def get(obj, path, shape):
        node = obj
        for part in path:
            if isinstance(part, int):
                if not isinstance(node, list) or part >= len(node):
                    raise InputError("%s: missing tensor \"%s\"" % (where, _name(path)))
            elif not isinstance(node, dict) or part not in node:
                raise InputError("%s: missing tensor \"%s\"" % (where, _name(path)))
            node = node[part]
        return to_format_array(node, shape, fmt, "%s: %s" % (where, _name(path)), stats)

    if not isinstance(w, dict):
        raise InputError("%s: expected a JSON object with the weight tensors" % where)
    out = {"layers": []}
    if cfg["tokens"]:
        out["embed"] = get(w, ["embed"], (cfg["vocab"], d))
    for l in range(L):
        lay = {}
        if cfg["layer_norm"] != "none":
            for ln in ("ln1", "ln2"):
                lay[ln] = {x: get(w, ["layers", l, ln, x], (d,)) for x in ("gamma", "beta")}
        names = ["wq", "wk", "wv"] + (["wk2", "wv2"] if cfg["attention"] in ("tensor", "rope_tensor") else [])
        lay["attn"] = {x: get(w, ["layers", l, "attn", x], (H, d, k)) for x in names}
        lay["attn"]["wo"] = get(w, ["layers", l, "attn", "wo"], (H * k, d))
        lay["mlp"] = {"w1": get(w, ["layers", l, "mlp", "w1"], (d, hid)), "b1": get(w, ["layers", l, "mlp", "b1"], (hid,)),
                      "w2": get(w, ["layers", l, "mlp", "w2"], (hid, d)), "b2": get(w, ["layers", l, "mlp", "b2"], (d,))}
        out["layers"].append(lay)
    if cfg["layer_norm"] == "pre":
        out["final_ln"] = {x: get(w, ["final_ln", x], (d,)) for x in ("gamma", "beta")}
    if cfg["classes"]:
        out["readout"] = {"w": get(w, ["readout", "w"], (d, cfg["classes"])), "b": get(w, ["readout", "b"], (cfg["classes"],))}
    return out


def _name(path):
    s = ""
    for part in path:
        s += "[%d]" % part if isinstance(part, int) else ("." if s else "") + part
    return s


def load_input(cfg, path, weights, fmt, stats):
    """X (n x d): the rounded input vectors, or the embedding rows of the tokens."""
    x = read_json(path, "input")
    n, d = cfg["n"], cfg["d"]
    if cfg["tokens"]:
        toks = x.get("tokens") if isinstance(x, dict) else None
        if not isinstance(toks, list) or len(toks) != n or not all(
                isinstance(t, int) and not isinstance(t, bool) and 0 <= t < cfg["vocab"] for t in toks):
            raise InputError("%s: key \"tokens\": expected %d integers in [0, %d)" % (path, n, cfg["vocab"]))
        return weights["embed"][np.array(toks, dtype=np.int64)]
    if not isinstance(x, dict) or "x" not in x:
        raise InputError("%s: expected {\"x\": [[...d numbers...] x n]}" % path)
    return to_format_array(x["x"], (n, d), fmt, path + ": x", stats)


# ---------------------------------------------------------------------------------------------
# The forward pass, op by op as semantics.md section 4 writes it

def layer_norm(ar, x, ln, cfg, where):
    """mu = fsum(x)/d; c = x - mu; var = fdot(c, c)/d; r = frsqrt(var + eps); y = c r gamma + beta."""
    d = x.v.shape[-1]
    dc = ar.const(float(d))
    mu = ar.div(ar.contract("nd->n", [x], where=where + "/sum"), dc, where + "/mean")
    c = ar.sub(x, mu[:, None], where + "/center")
    var = ar.div(ar.contract("nd,nd->n", [c, c], where=where + "/sumsq"), dc, where + "/var")
    r = ar.rsqrt(ar.add(var, ar.const(cfg["eps"][0], cfg["eps"][1]), where + "/var_eps"), where + "/rsqrt")
    y = ar.mul(ar.mul(c, r[:, None], where + "/scale"), Val(ln["gamma"]), where + "/gamma")
    return ar.add(y, Val(ln["beta"]), where + "/beta")


def rope_tables(ar, cfg, positions):
    """cos and sin (as Vals) of position * theta_j, theta_j = base^(-2j/k), for an integer array
    of positions (any shape); last axis j = 0..k/2-1."""
    k, base = cfg["k"], cfg["rope"]["base"]
    theta = base ** (-2.0 * np.arange(k // 2) / k)
    pos = np.asarray(positions, dtype=np.float64)[..., None]
    ang = pos * theta
    cs, sn = ar.const(np.cos(ang), True), ar.const(np.sin(ang), True)
    for t in (cs, sn):                  # float64's own error in theta and the angle, 2 ulp64 each
        t.e = t.e + 4.0 * U64 * np.abs(ang)
    if cfg["rope"]["angles"] == "circuit":
        # Angles inside the circuit: theta rounded (u theta + eta), angle = fmul(position,
        # theta) (one more rounding), then fcos/fsin within 1 ulp of the circuit's angle.
        u, eta = ar.u, ar.eta
        dang = np.abs(pos) * ((u * theta + eta) * (1 + u)) + u * np.abs(ang) * (1 + 2 * u) + eta
        for t in (cs, sn):
            e = np.minimum(dang, 2.0) + 2 * u * (np.abs(t.v) + dang) + 2 * eta + 2 * U64 * np.abs(t.v)
            t.e = np.broadcast_to(e, t.v.shape).copy()
            if ar.emulate:
                t.v = ar.f.round(t.v)
            elif ar.mc is not None:
                t.v = t.v + t.e * ar.mc.uniform(-1.0, 1.0, t.v.shape)
    return cs, sn


def rotate(ar, x, cs, sn, pairing, where):
    """(x_a, x_b) -> (x_a cos - x_b sin, x_a sin + x_b cos), each output one fdot of length 2.
    x: (..., k); cs, sn: broadcastable to (..., k/2)."""
    k = x.v.shape[-1]
    half = k // 2
    a_idx = np.arange(0, k, 2) if pairing == "interleaved" else np.arange(half)
    b_idx = a_idx + 1 if pairing == "interleaved" else a_idx + half
    xa, xb = x[..., a_idx], x[..., b_idx]
    shape = np.broadcast_shapes(xa.v.shape, cs.v.shape)
    xa, xb = xa.map(lambda a: np.broadcast_to(a, shape)), xb.map(lambda a: np.broadcast_to(a, shape))
    cs, sn = cs.map(lambda a: np.broadcast_to(a, shape)), sn.map(lambda a: np.broadcast_to(a, shape))
    neg_sn = Val(-sn.v, sn.e)
    pair = stack([xa, xb], -1)
    out_a = ar.contract("...t,...t->...", [pair, stack([cs, neg_sn], -1)], where=where)
    out_b = ar.contract("...t,...t->...", [pair, stack([sn, cs], -1)], where=where)
    v = np.empty(shape[:-1] + (k,))
    e = np.empty_like(v)
    v[..., a_idx], v[..., b_idx] = out_a.v, out_b.v
    e[..., a_idx], e[..., b_idx] = out_a.e, out_b.e
    return Val(v, e)


def attention_head(ar, cfg, a, w, h, where):
    n = cfg["n"]
    kind, rope = cfg["attention"], cfg["rope"]
    proj = lambda name: ar.contract("nd,dk->nk", [a, Val(w[name][h])], where="%s/%s" % (where, name[1:]))
    q, key, val = proj("wq"), proj("wk"), proj("wv")
    scale = ar.const(cfg["scale"][0], cfg["scale"][1])
    pos = np.arange(n)
    causal = cfg["causal"]
    if kind in ("softmax", "rope"):
        if kind == "rope" and rope["form"] == "relative":
            # q_i R_(j-i) k_j^T: q_i turned by (i - j) theta per pair (i, j) (row-vector R), then fdot with k_j
            cs, sn = rope_tables(ar, cfg, pos[:, None] - pos[None, :])
            qr = rotate(ar, q.map(lambda x: x[:, None, :]), cs, sn, rope["pairing"], where + "/rope")
            dots = ar.contract("ijk,jk->ij", [qr, key], where=where + "/scores")
        else:
            if kind == "rope":
                cs, sn = rope_tables(ar, cfg, pos)
                q = rotate(ar, q, cs, sn, rope["pairing"], where + "/rope")
                key = rotate(ar, key, cs, sn, rope["pairing"], where + "/rope")
            dots = ar.contract("ik,jk->ij", [q, key], where=where + "/scores")
        s = ar.mul(dots, scale, where + "/scale")
        mask = (pos[None, :] > pos[:, None]) if causal else None
        pr = ar.softmax(s, mask, cfg["softmax"] == "stable", where + "/softmax")
        return ar.contract("ij,jk->ik", [pr, val], where=where + "/out")
    key2, val2 = proj("wk2"), proj("wv2")
    if kind == "rope_tensor":
        cs, sn = rope_tables(ar, cfg, pos)
        q = rotate(ar, q, cs, sn, rope["pairing"], where + "/rope")
        key = rotate(ar, key, cs, sn, rope["pairing"], where + "/rope")
        key2 = rotate(ar, key2, cs, sn, rope["pairing"], where + "/rope")
    dots = ar.contract("ic,ac,bc->iab", [q, key, key2], where=where + "/scores")
    s = ar.mul(dots, scale, where + "/scale").map(lambda x: x.reshape(n, n * n))
    mask = None
    if causal:
        i, j1, j2 = np.meshgrid(pos, pos, pos, indexing="ij")
        mask = ((j1 > i) | (j2 > i)).reshape(n, n * n)
    pr = ar.softmax(s, mask, cfg["softmax"] == "stable", where + "/softmax").map(lambda x: x.reshape(n, n, n))
    return ar.contract("iab,ac,bc->ic", [pr, val, val2], where=where + "/out")


def attention(ar, cfg, a, w, where):
    heads = [attention_head(ar, cfg, a, w, h, "%s/head%d" % (where, h)) for h in range(cfg["heads"])]
    return ar.contract("nc,cd->nd", [concat(heads, -1), Val(w["wo"])], where=where + "/wo")


def gelu_tanh(ar, x, where):
    """0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), op by op."""
    x3 = ar.mul(ar.mul(x, x, where), x, where)
    inner = ar.add(x, ar.mul(ar.const(0.044715, True), x3, where), where)
    t = ar.tanh(ar.mul(ar.const(math.sqrt(2.0 / math.pi), True), inner, where), where)
    return ar.mul(ar.mul(ar.const(0.5), x, where), ar.add(ar.const(1.0), t, where), where)


def mlp(ar, cfg, b, w, where):
    h = ar.contract("nd,dh->nh", [b, Val(w["w1"])], Val(w["b1"]), where + "/w1")
    if cfg["activation"] == "relu":
        h = ar.relu(h, where + "/relu")
    elif cfg["activation"] == "gelu_tanh":
        h = gelu_tanh(ar, h, where + "/gelu")
    return ar.contract("nh,hd->nd", [h, Val(w["w2"])], Val(w["b2"]), where + "/w2")


def forward(cfg, weights, x0, ar):
    """Returns {"y": Val, "logits": Val or None, "classes": list or None, "layers": [..]}."""
    x = Val(ar.f.round(x0) if ar.emulate else x0)
    ln = cfg["layer_norm"]
    per_layer = []
    for l, w in enumerate(weights["layers"]):
        tag = "layer%d" % l
        a = layer_norm(ar, x, w["ln1"], cfg, tag + "/ln1") if ln == "pre" else x
        x = ar.add(x, attention(ar, cfg, a, w["attn"], tag + "/attn"), tag + "/attn/residual")
        if ln == "post":
            x = layer_norm(ar, x, w["ln1"], cfg, tag + "/ln1")
        b = layer_norm(ar, x, w["ln2"], cfg, tag + "/ln2") if ln == "pre" else x
        x = ar.add(x, mlp(ar, cfg, b, w["mlp"], tag + "/mlp"), tag + "/mlp/residual")
        if ln == "post":
            x = layer_norm(ar, x, w["ln2"], cfg, tag + "/ln2")
        per_layer.append(_ulps(x, ar.u))
    y = layer_norm(ar, x, weights["final_ln"], cfg, "final_ln") if ln == "pre" else x
    out = {"y": y, "logits": None, "classes": None, "layers": per_layer}
    if cfg["classes"]:
        r = weights["readout"]
        logits = ar.contract("nd,dc->nc", [y, Val(r["w"])], Val(r["b"]), "readout")
        out["logits"] = logits
        out["classes"] = [int(c) for c in np.argmax(logits.v, axis=1)]   # lowest index on ties
    return out


def _ulps(x, u):
    """max bound in units of u * max|x| (the per-layer growth of the error bound)."""
    scale = float(np.max(np.abs(x.v))) if x.v.size else 0.0
    return float(np.max(x.e)) / (u * scale) if scale > 0 else 0.0


# ---------------------------------------------------------------------------------------------
# Comparison with a `tc0 run` output

def load_output(path, cfg):
    """y of a tc0 output JSON, from y_hex (exact) when present."""
    out = read_json(path, "output")
    if not isinstance(out, dict) or ("y_hex" not in out and "y" not in out):
        raise InputError("%s: expected a tc0-output/1 object with \"y\" / \"y_hex\"" % path)
    key = "y_hex" if "y_hex" in out else "y"
    # read as the nearest double (exact for y_hex at p <= 53)
    y = to_format_array(out[key], (cfg["n"], cfg["d"]), Format(53, 11), path + ": " + key, {})
    classes = out.get("classes")
    return y, classes


def monte_carlo(cfg, weights, x0, fmt, ref, samples, seed):
    """The largest max-entry deviation |y_mc - y_ref| over `samples` runs of the random-rounding
    model (Arith mode "mc", seeds seed, seed + 1, ...), in absolute terms."""
    worst = 0.0
    for k in range(samples):
        ar = Arith(fmt, "mc", seed + k)
        with np.errstate(all="ignore"):
            y = forward(cfg, weights, x0, ar)["y"].v
        dev = np.abs(y - ref["y"].v)
        worst = max(worst, float(np.max(np.where(np.isnan(dev), np.inf, dev))) if dev.size else 0.0)
    return worst


def compare(ref, y, classes, fmt, check, out=sys.stdout):
    """Prints the comparison; returns True when every entry is within the chosen bound.
    check: {"kind": "mc" | "ulps" | "rigorous", "mc_worst", "mc_factor", "ulps"}."""
    yr, e = ref["y"].v, ref["y"].e
    scale = float(np.max(np.abs(yr))) if yr.size else 0.0
    unit = fmt.u * scale                        # one u of the output's scale
    with np.errstate(invalid="ignore"):
        err = np.abs(yr - y)
    err = np.where(np.isnan(err), np.inf, err)
    max_err = float(np.max(err)) if err.size else 0.0
    in_u = lambda x: (x / unit) if unit > 0 else (0.0 if x == 0 else math.inf)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(err == 0, 0.0, err / e)
    print("max_abs_error: %.6g" % max_err, file=out)
    print("max_error_rel_max_abs_y: %.6g (= %.4g u; u = 2^-%d, max|y_ref| = %.6g)" % (
        max_err / scale if scale > 0 else in_u(max_err), in_u(max_err), fmt.p, scale), file=out)
    emax = float(np.max(e)) if e.size else 0.0
    if math.isfinite(emax):
        print("rigorous_bound_max: %.6g (= %.4g u max|y|); worst error / bound: %.4g" % (
            emax, in_u(emax), float(np.max(ratio)) if ratio.size else 0.0), file=out)
    else:
        print("rigorous_bound_max: void (infinite: see the range notes)", file=out)
    if check.get("mc_worst") is not None:
        print("monte_carlo_max_deviation: %.6g (= %.4g u max|y|, %d samples)" % (
            check["mc_worst"], in_u(check["mc_worst"]), check["mc_samples"]), file=out)
    if check["kind"] == "ulps":
        limit = check["ulps"] * unit
        bad = err > limit
        print("check: |y_ref - y| <= %g u max|y_ref| = %.6g" % (check["ulps"], limit), file=out)
    elif check["kind"] == "rigorous":
        bad = (err > e) | ~np.isfinite(e)
        print("check: |y_ref - y| <= rigorous bound (per entry)%s" % (
            "" if math.isfinite(emax) else ": the bound is void, nothing can be checked (use --check mc)"), file=out)
    else:
        # The float64 reference is itself a 53-bit evaluation of the same chain: its own
        # deviation is about D 2^(p-53), which matters only as p nears 53.
        spread = check["mc_worst"] * (1.0 + 2.0 ** (fmt.p - 53))
        limit = check["mc_factor"] * max(spread, unit)
        bad = err > limit
        print("check: |y_ref - y| <= %g max(monte_carlo_max_deviation (1 + 2^(p-53)), u max|y_ref|) = %.6g" % (
            check["mc_factor"], limit), file=out)
    ok = not np.any(bad)
    if not ok:
        i, j = np.unravel_index(int(np.argmax(np.where(bad, err, -1))), err.shape)
        print("worst entry: y[%d][%d] reference %.17g, compared %.17g" % (i, j, yr[i, j], y[i, j]), file=out)
    if ref["classes"] is not None and classes is not None:
        lg = ref["logits"]
        # The compared engine's logits lie within the bound around the reference's (rigorous),
        # or within the same Monte Carlo factor: a different class is an error only where
        # the runner-up cannot reach the winner.
        slack = lg.e if check["kind"] == "rigorous" else np.full(lg.e.shape, check.get("logit_slack", 0.0))
        mism = ambiguous = 0
        for i, (cr, ct) in enumerate(zip(ref["classes"], classes)):
            if cr == ct:
                continue
            if isinstance(ct, int) and 0 <= ct < lg.v.shape[1] and \
                    lg.v[i, ct] + slack[i, ct] >= lg.v[i, cr] - slack[i, cr]:
                ambiguous += 1
            else:
                mism += 1
        if len(classes) != len(ref["classes"]):
            mism += 1
        print("classes: %d positions, %d differ where the logits are within the bound, %d differ beyond it" % (
            len(ref["classes"]), ambiguous, mism), file=out)
        ok = ok and mism == 0
    print("result: %s" % ("PASS" if ok else "FAIL"), file=out)
    return ok


def run(args):
    cfg = load_model(args.model)
    fmt = Format(cfg["p"], cfg["e"])
    stats = {}
    weights = load_weights(cfg, args.weights, fmt, stats)
    x0 = load_input(cfg, args.input, weights, fmt, stats)
    if stats.get("inexact") and not args.quiet:
        print("reference_forward: %d of %d weights and inputs were not exact in (p=%d, e=%d) and were rounded"
              % (stats["inexact"], stats["values"], fmt.p, fmt.e), file=sys.stderr)
    if fmt.p > 53 and not args.quiet:
        print("reference_forward: p = %d > 53: float64 cannot hold the model's values; the check is void"
              % fmt.p, file=sys.stderr)
    ar = Arith(fmt, "emulate" if args.emulate else "reference")
    with np.errstate(all="ignore"):
        res = forward(cfg, weights, x0, ar)
    y = res["y"]
    doc = {"format": "tc0-output/1", "precision": {"p": fmt.p, "e": fmt.e},
           "y": [[json_number(v) for v in row] for row in y.v],
           "y_hex": [[hex_of(float(v)) for v in row] for row in y.v]}
    if res["classes"] is not None:
        doc["classes"] = res["classes"]
    doc["engine"] = "numpy-emulated-p-bit" if args.emulate else "numpy-float64-reference"
    doc["error_bound"] = [[json_number(v) for v in row] for row in y.e]
    doc["bound_ulps_by_layer"] = res["layers"]
    doc["range_notes"] = list(ar.notes.values())
    if not args.quiet:
        for note in ar.notes.values():
            print("reference_forward: %s" % note, file=sys.stderr)
    text = json.dumps(doc, indent=1) + "\n"
    if args.output:
        write_atomic(args.output, text)
    elif not args.compare:
        sys.stdout.write(text)
    if not args.compare:
        return 0
    yc, classes = load_output(args.compare, cfg)
    check = {"kind": "ulps" if args.bound_ulps is not None else args.check, "ulps": args.bound_ulps,
             "mc_factor": args.mc_factor, "mc_samples": args.mc_samples, "mc_worst": None}
    if args.mc_samples > 0 and not args.emulate:
        check["mc_worst"] = monte_carlo(cfg, weights, x0, fmt, res, args.mc_samples, args.mc_seed)
        # logits move about as much as y, relative to their own scale
        if res["logits"] is not None:
            ys = float(np.max(np.abs(y.v))) or 1.0
            ls = float(np.max(np.abs(res["logits"].v))) or 1.0
            spread = check["mc_worst"] * (1.0 + 2.0 ** (fmt.p - 53))
            check["logit_slack"] = args.mc_factor * max(spread, fmt.u * ys) * ls / ys
    if check["kind"] == "ulps" and res["logits"] is not None:
        check["logit_slack"] = args.bound_ulps * fmt.u * float(np.max(np.abs(res["logits"].v)))
    return 0 if compare(res, yc, classes, fmt, check) else 1


def write_atomic(path, text):
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp_", suffix=".json")
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", metavar="MODEL.json")
    ap.add_argument("--weights", metavar="WEIGHTS.json", help="weights in the `file` layout (tc0 run --dump-weights)")
    ap.add_argument("--input", required=True, metavar="X.json")
    ap.add_argument("-o", "--output", metavar="OUT.json")
    ap.add_argument("--compare", metavar="Y.json", help="a `tc0 run` output to check against the reference")
    ap.add_argument("--check", choices=("mc", "rigorous"), default="mc",
                    help="the bound --compare checks: mc (default): C times the largest deviation of "
                         "--mc-samples random-rounding runs; rigorous: the per-entry worst-case bound")
    ap.add_argument("--bound-ulps", type=float, metavar="K",
                    help="check |y_ref - y| <= K u max|y_ref| instead (u = 2^-p)")
    ap.add_argument("--mc-samples", type=int, default=8, metavar="S", help="Monte Carlo runs (default 8)")
    ap.add_argument("--mc-factor", type=float, default=4.0, metavar="C", help="Monte Carlo safety factor (default 4)")
    ap.add_argument("--mc-seed", type=int, default=1)
    ap.add_argument("--emulate", action="store_true", help="round every op to (p, e): a stand-in p-bit engine")
    ap.add_argument("--quiet", action="store_true")
    try:
        args = ap.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    if args.bound_ulps is not None and not args.compare:
        print("reference_forward: --bound-ulps needs --compare", file=sys.stderr)
        return 2
    if args.compare and args.bound_ulps is None and args.check == "mc" and (args.mc_samples < 1 or args.emulate):
        print("reference_forward: --check mc needs --mc-samples >= 1 and no --emulate", file=sys.stderr)
        return 2
    try:
        return run(args)
    except InputError as exc:
        print("reference_forward: %s" % exc, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
