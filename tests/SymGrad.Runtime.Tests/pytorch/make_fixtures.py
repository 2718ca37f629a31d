#!/usr/bin/python3
"""Writes the PyTorch reference fixtures for SymGrad's runtime activations and losses (SPEC §5).

Run with Debian's python3 and python3-torch (apt-get install -y python3-torch), from anywhere:

    /usr/bin/python3 tests/SymGrad.Runtime.Tests/pytorch/make_fixtures.py

It writes ../Fixtures/activations.json and ../Fixtures/losses.json next to this folder. The output
is deterministic: every random tensor comes from a torch.Generator seeded per case, floats are
written with repr() (shortest round-trip form), and key order is fixed, so a rerun with the same
torch build reproduces the files byte for byte. Before writing, the script checks the seed values of
the issue and a set of values derived by hand from the formulas, and fails loudly if torch and the
formulas disagree (a wrong setup must not produce fixtures).

JSON has no NaN or Infinity, so non-finite numbers are written as the strings "NaN", "Infinity"
and "-Infinity" (System.Text.Json reads them with JsonNumberHandling.AllowNamedFloatingPointLiterals).
float32 values are written as the exact double of the float, so a cast back to float is exact.
"""
import json
import math
import os
import sys
import warnings

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
warnings.simplefilter("ignore")  # kl_div 'mean' and size-mismatch warnings are expected here

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(os.path.dirname(HERE), "Fixtures")
GENERATED_BY = "tests/SymGrad.Runtime.Tests/pytorch/make_fixtures.py"

F64 = torch.float64
F32 = torch.float32
DTYPE_NAMES = {F64: "float64", F32: "float32", torch.int64: "int64"}


# ----------------------------------------------------------------------------------------------
# JSON encoding
# ----------------------------------------------------------------------------------------------

def enc(v):
    """A JSON-safe value: non-finite floats become the strings System.Text.Json accepts."""
    if isinstance(v, bool) or v is None or isinstance(v, (int, str)):
        return v
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return v
    if isinstance(v, dict):
        return {k: enc(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    raise TypeError(type(v))


def flat(t):
    """Row-major values of a tensor as Python floats (exact for float32) or ints."""
    return t.detach().reshape(-1).tolist()


def tensor_json(t):
    return {"dtype": DTYPE_NAMES[t.dtype], "shape": list(t.shape), "data": flat(t)}


def dump_line(obj):
    return json.dumps(enc(obj), separators=(", ", ": "), allow_nan=False)


def write_fixture(path, header, sections):
    """One case per line: small diffs when a case changes, and still one JSON document."""
    lines = ["{"]
    for k, v in header.items():
        lines.append("  %s: %s," % (json.dumps(k), dump_line(v)))
    for si, (key, cases) in enumerate(sections):
        lines.append("  %s: [" % json.dumps(key))
        for ci, case in enumerate(cases):
            lines.append("    " + dump_line(case) + ("," if ci + 1 < len(cases) else ""))
        lines.append("  ]" + ("," if si + 1 < len(sections) else ""))
    lines.append("}")
    text = "\n".join(lines) + "\n"
    json.loads(text)  # must parse
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return len(text.encode("utf-8"))


# ----------------------------------------------------------------------------------------------
# Checks
# ----------------------------------------------------------------------------------------------

CHECKS = []


def check(cond, what):
    if not cond:
        raise AssertionError("fixture check failed: " + what)
    CHECKS.append(what)


def close(a, b, tol):
    if isinstance(a, torch.Tensor):
        a = flat(a)
    if isinstance(b, torch.Tensor):
        b = flat(b)
    if not isinstance(a, list):
        a = [a]
    if not isinstance(b, list):
        b = [b]
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if math.isnan(x) or math.isnan(y):
            if not (math.isnan(x) and math.isnan(y)):
                return False
        elif math.isinf(x) or math.isinf(y):
            if x != y:
                return False
        elif abs(x - y) > tol * max(1.0, abs(y)):
            return False
    return True


# ----------------------------------------------------------------------------------------------
# Activations
# ----------------------------------------------------------------------------------------------

# (name, params in torch's argument names, function of (x, params))
ACTIVATIONS = [
    ("Sigmoid", {}, lambda x, p: torch.sigmoid(x)),
    ("Tanh", {}, lambda x, p: torch.tanh(x)),
    ("Relu", {}, lambda x, p: F.relu(x)),
    ("LeakyRelu", {"negative_slope": 0.01}, lambda x, p: F.leaky_relu(x, p["negative_slope"])),
    ("LeakyRelu", {"negative_slope": 0.2}, lambda x, p: F.leaky_relu(x, p["negative_slope"])),
    ("Elu", {"alpha": 1.0}, lambda x, p: F.elu(x, p["alpha"])),
    ("Elu", {"alpha": 0.5}, lambda x, p: F.elu(x, p["alpha"])),
    ("Selu", {}, lambda x, p: F.selu(x)),
    ("Softplus", {"beta": 1.0, "threshold": 20.0},
     lambda x, p: F.softplus(x, p["beta"], p["threshold"])),
    ("Softplus", {"beta": 2.0, "threshold": 5.0},
     lambda x, p: F.softplus(x, p["beta"], p["threshold"])),
    ("Gelu", {"approximate": "none"}, lambda x, p: F.gelu(x, approximate=p["approximate"])),
    ("Gelu", {"approximate": "tanh"}, lambda x, p: F.gelu(x, approximate=p["approximate"])),
    ("Silu", {}, lambda x, p: F.silu(x)),
    ("Mish", {}, lambda x, p: F.mish(x)),
    ("Softsign", {}, lambda x, p: F.softsign(x)),
    ("HardTanh", {"min_val": -1.0, "max_val": 1.0},
     lambda x, p: F.hardtanh(x, p["min_val"], p["max_val"])),
    ("HardTanh", {"min_val": -2.0, "max_val": 0.5},
     lambda x, p: F.hardtanh(x, p["min_val"], p["max_val"])),
    ("LogSigmoid", {}, lambda x, p: F.logsigmoid(x)),
]

# The common grid: the brief's points, the float32/float64 exp overflow and underflow edges, the
# 0.8 tanh seam of VectorMath, and signed zero; the smallest subnormal of the dtype is added per
# dtype, and 12 seeded uniform points in [-6, 6].
BASE_GRID = [
    -1000.0, -745.0, -710.0, -700.0, -104.0, -100.0, -89.0, -88.0, -50.0, -40.0, -30.0, -20.5,
    -20.0, -15.0, -10.0, -8.0, -6.0, -5.0, -4.0, -3.0, -2.0, -1.5, -1.0, -0.8, -0.5, -0.1, -1e-3,
    -1e-8, -0.0, 0.0, 1e-8, 1e-3, 0.1, 0.5, 0.8, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0,
    15.0, 20.0, 20.5, 30.0, 40.0, 50.0, 88.0, 89.0, 100.0, 104.0, 700.0, 710.0, 745.0, 1000.0,
]
NONFINITE_GRID = [float("-inf"), float("inf"), float("nan")]


def kinks(name, params):
    """Points where the activation switches branch, besides 0."""
    if name == "HardTanh":
        return [params["min_val"], params["max_val"]]
    if name == "Softplus":
        return [params["threshold"] / params["beta"]]
    return []


def grid(name, params, dtype):
    g = torch.Generator().manual_seed(1234)
    pts = torch.tensor(BASE_GRID, dtype=F64)
    rnd = torch.rand(12, generator=g, dtype=F64) * 12.0 - 6.0
    tiny = torch.nextafter(torch.zeros(1, dtype=dtype), torch.ones(1, dtype=dtype)).to(F64)
    extra = [pts, rnd, tiny, -tiny]
    for k in kinks(name, params):
        kt = torch.tensor([k], dtype=dtype)
        up = torch.nextafter(kt, torch.tensor([math.inf], dtype=dtype))
        down = torch.nextafter(kt, torch.tensor([-math.inf], dtype=dtype))
        extra.append(torch.cat([kt, up, down, kt - 1e-3, kt + 1e-3]).to(F64))
    values = flat(torch.cat(extra).to(dtype))
    seen = set()
    out = []
    for v in sorted(values, key=lambda v: (v, math.copysign(1.0, v))):
        key = (v, math.copysign(1.0, v))
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


def param_id(name, params):
    if not params:
        return name
    return "%s(%s)" % (name, ",".join("%s=%s" % (k, v) for k, v in params.items()))


def activation_case(name, params, fn, dtype, xs, finite):
    x = torch.tensor(xs, dtype=dtype, requires_grad=True)
    y = fn(x, params)
    (dydx,) = torch.autograd.grad(y.sum(), x)
    return {
        "id": "%s/%s%s" % (param_id(name, params), DTYPE_NAMES[dtype], "" if finite else "/nonfinite"),
        "name": name,
        "params": params,
        "dtype": DTYPE_NAMES[dtype],
        "finite": finite,
        "x": flat(x),
        "y": flat(y),
        "dydx": flat(dydx),
    }


def vector_inputs():
    g = torch.Generator().manual_seed(77)
    r7 = (torch.randn(7, generator=g, dtype=F64) * 3.0).tolist()
    return [
        ("len1", [0.5], True),
        ("seed", [0.2001, 0.6048, 0.0787], True),
        ("extreme", [1000.0, -1000.0, 999.0], True),
        ("equal", [2.0, 2.0, 2.0], True),
        ("random7", r7, True),
        ("spread7", [-50.0, -3.0, -0.5, 0.0, 0.25, 7.0, 49.0], True),
        ("masked", [float("-inf"), 0.0, 1.0], False),
    ]


def vector_case(name, fn, label, xs, finite, dtype, seed):
    x = torch.tensor(xs, dtype=dtype, requires_grad=True)
    y = fn(x)
    n = len(xs)
    jac = []
    for i in range(n):
        (row,) = torch.autograd.grad(y[i], x, retain_graph=True)
        jac.append(flat(row))
    gvec = rand(gen(seed), n, lo=-1.0, hi=1.0).to(dtype)
    (vjp,) = torch.autograd.grad(y, x, gvec)
    return {
        "id": "%s/%s/%s" % (name, label, DTYPE_NAMES[dtype]),
        "name": name,
        "dtype": DTYPE_NAMES[dtype],
        "finite": finite,
        "x": flat(x),
        "y": flat(y),
        "jacobian": jac,
        "g": flat(gvec),
        "vjp": flat(vjp),
    }


def make_activations():
    cases = []
    for name, params, fn in ACTIVATIONS:
        for dtype in (F64, F32):
            cases.append(activation_case(name, params, fn, dtype, grid(name, params, dtype), True))
    for name, params, fn in ACTIVATIONS:
        for dtype in (F64, F32):
            cases.append(activation_case(name, params, fn, dtype, NONFINITE_GRID, False))
    vector = []
    for vi, (label, xs, finite) in enumerate(vector_inputs()):
        for name, fn in (("Softmax", lambda x: torch.softmax(x, 0)),
                         ("LogSoftmax", lambda x: torch.log_softmax(x, 0))):
            for dtype in (F64, F32):
                vector.append(vector_case(name, fn, label, xs, finite, dtype, 500 + vi))
    check_activations(cases, vector)
    return cases, vector


def find(cases, ident):
    for c in cases:
        if c["id"] == ident:
            return c
    raise KeyError(ident)


def at(case, x, field):
    for xv, v in zip(case["x"], case[field]):
        if xv == x and math.copysign(1, xv) == math.copysign(1, x):
            return v
    raise KeyError((case["id"], x))


def check_activations(cases, vector):
    sig = find(cases, "Sigmoid/float64")
    ok = all(close(d, (1 / (1 + math.exp(-x))) * (1 - 1 / (1 + math.exp(-x))), 1e-14)
             for x, d in zip(sig["x"], sig["dydx"]) if abs(x) < 700)
    check(ok, "sigmoid' = s(1 - s) on the float64 grid")
    relu = find(cases, "Relu/float64")
    check(at(relu, 0.0, "dydx") == 0.0 and at(relu, -0.0, "dydx") == 0.0, "relu'(0) = 0")
    for slope in (0.01, 0.2):
        c = find(cases, "LeakyRelu(negative_slope=%s)/float64" % slope)
        check(at(c, 0.0, "dydx") == slope, "leaky_relu'(0) = negative_slope")
    for alpha in (1.0, 0.5):
        c = find(cases, "Elu(alpha=%s)/float64" % alpha)
        check(at(c, 0.0, "dydx") == alpha, "elu'(0) = alpha (the x <= 0 branch)")
    selu = find(cases, "Selu/float64")
    check(close(at(selu, 0.0, "dydx"), 1.0507009873554805 * 1.6732632423543772, 1e-15),
          "selu'(0) = scale * alpha (the x <= 0 branch)")
    for lo, hi in ((-1.0, 1.0), (-2.0, 0.5)):
        c = find(cases, "HardTanh(min_val=%s,max_val=%s)/float64" % (lo, hi))
        check(at(c, lo, "dydx") == 0.0 and at(c, hi, "dydx") == 0.0, "hardtanh' = 0 at both bounds")
        check(at(c, -0.5, "dydx") == 1.0, "hardtanh' = 1 inside the bounds")
    for beta, thr in ((1.0, 20.0), (2.0, 5.0)):
        c = find(cases, "Softplus(beta=%s,threshold=%s)/float64" % (beta, thr))
        t = thr / beta
        above = math.nextafter(t, math.inf)
        check(close(at(c, t, "y"), math.log1p(math.exp(beta * t)) / beta, 1e-15),
              "softplus at x*beta == threshold uses log1p(exp(beta x))/beta")
        check(close(at(c, t, "dydx"), 1 / (1 + math.exp(-beta * t)), 1e-15),
              "softplus' at x*beta == threshold is sigmoid(beta x)")
        check(at(c, above, "y") == above and at(c, above, "dydx") == 1.0,
              "softplus above the threshold is x with slope 1")
    gelu = find(cases, "Gelu(approximate=none)/float64")
    ok = all(close(d, 0.5 * (1 + math.erf(x / math.sqrt(2))) + x * math.exp(-x * x / 2) / math.sqrt(2 * math.pi), 1e-13)
             for x, d in zip(gelu["x"], gelu["dydx"]) if abs(x) < 30)
    check(ok, "gelu' = Phi(x) + x phi(x)")
    mish = find(cases, "Mish/float64")
    ok = all(close(y, x * math.tanh(math.log1p(math.exp(x))), 1e-14)
             for x, y in zip(mish["x"], mish["y"]) if abs(x) < 30)
    check(ok, "mish = x tanh(softplus(x))")
    ls = find(cases, "LogSigmoid/float64")
    check(close(at(ls, -1000.0, "y"), -1000.0, 1e-15) and close(at(ls, -1000.0, "dydx"), 1.0, 1e-15),
          "logsigmoid(-1000) = -1000 with slope 1")
    ss = find(cases, "Softsign/float64")
    check(at(ss, 0.0, "dydx") == 1.0, "softsign'(0) = 1")
    sm = find(vector, "Softmax/seed/float64")
    xs = sm["x"]
    e = [math.exp(v) for v in xs]
    s = [v / sum(e) for v in e]
    check(close(sm["y"], s, 1e-15), "softmax of the seed")
    jac = [[s[i] * ((1.0 if i == j else 0.0) - s[j]) for j in range(3)] for i in range(3)]
    check(all(close(sm["jacobian"][i], jac[i], 1e-15) for i in range(3)), "softmax Jacobian diag(s) - s s^T")
    lsm = find(vector, "LogSoftmax/extreme/float64")
    check(close(lsm["y"], [-math.log1p(math.exp(-1.0)), -2000.0 - math.log1p(math.exp(-1.0)),
                           -1.0 - math.log1p(math.exp(-1.0))], 1e-15), "log_softmax of [1000, -1000, 999]")


# ----------------------------------------------------------------------------------------------
# Losses
# ----------------------------------------------------------------------------------------------

# Tensor names that are options (never differentiated), as opposed to inputs.
OPTION_TENSORS = ("weight", "pos_weight")


def gen(seed):
    return torch.Generator().manual_seed(seed)


def randn(g, *shape, scale=1.0):
    return torch.randn(*shape, generator=g, dtype=F64) * scale


def rand(g, *shape, lo=0.0, hi=1.0):
    return torch.rand(*shape, generator=g, dtype=F64) * (hi - lo) + lo


def dyadic(t, bits=10):
    """Round to multiples of 2^-bits, so differences of recorded values are exact."""
    return torch.round(t * (1 << bits)) / (1 << bits)


def differentiable_names(call, tensors, options, fixed=()):
    """The floating inputs torch can differentiate (weights and fixed labels excluded), found by
    asking torch."""
    names = []
    for k, t in tensors.items():
        if k in OPTION_TENSORS or k in fixed or not t.is_floating_point():
            continue
        trial = {n: (v.clone().requires_grad_() if n == k else v) for n, v in tensors.items()}
        try:
            out = call(trial, dict(options, reduction="sum"))
            torch.autograd.grad(out, trial[k], allow_unused=True)
        except RuntimeError:
            continue
        names.append(k)
    return names


class LossScenario:
    def __init__(self, name, call, tensors, options, label, seed, reductions=("mean", "sum", "none"),
                 float32=False, note=None, fixed=()):
        self.name = name
        self.call = call
        self.tensors = tensors
        self.options = options
        self.label = label
        self.seed = seed
        self.reductions = reductions
        self.float32 = float32
        self.note = note
        self.fixed = fixed

    def cases(self):
        dtypes = (F64, F32) if self.float32 else (F64,)
        return [self.case(d) for d in dtypes]

    def case(self, dtype):
        tensors = {k: (t.to(dtype) if t.is_floating_point() else t) for k, t in self.tensors.items()}
        diff = differentiable_names(self.call, tensors, self.options, self.fixed)
        results = []
        for ri, reduction in enumerate(self.reductions):
            live = {k: (t.clone().requires_grad_() if k in diff else t) for k, t in tensors.items()}
            opts = dict(self.options, reduction=reduction)
            out = self.call(live, opts)
            if out.dim() == 0:
                gout = torch.ones((), dtype=dtype)
            else:
                gout = rand(gen(self.seed * 10 + ri), *out.shape, lo=-1.0, hi=1.0).to(dtype)
            grads = torch.autograd.grad(out, [live[k] for k in diff], gout, allow_unused=True)
            results.append({
                "reduction": reduction,
                "output": tensor_json(out),
                "grad_output": tensor_json(gout),
                "grads": {k: (tensor_json(g) if g is not None else None) for k, g in zip(diff, grads)},
            })
        case = {
            "id": "%s/%s/%s" % (self.name, self.label, DTYPE_NAMES[dtype]),
            "name": self.name,
            "dtype": DTYPE_NAMES[dtype],
            "seed": self.seed,
            "options": self.options,
            "inputs": {k: tensor_json(t) for k, t in tensors.items()},
            "results": results,
        }
        if self.note:
            case["note"] = self.note
        return case


def call_with(fn, positional, option_tensors=()):
    """A call of fn(*positional tensors, option tensors by keyword (or None), **options)."""
    def call(t, o):
        kw = {k: t.get(k) for k in option_tensors}
        return fn(*[t[k] for k in positional], **kw, **o)
    return call


MSE = call_with(F.mse_loss, ("input", "target"))
L1 = call_with(F.l1_loss, ("input", "target"))
SMOOTH_L1 = call_with(F.smooth_l1_loss, ("input", "target"))
HUBER = call_with(F.huber_loss, ("input", "target"))
BCE = call_with(F.binary_cross_entropy, ("input", "target"), ("weight",))
BCE_LOGITS = call_with(F.binary_cross_entropy_with_logits, ("input", "target"), ("weight", "pos_weight"))
CE = call_with(F.cross_entropy, ("input", "target"), ("weight",))
NLL = call_with(F.nll_loss, ("input", "target"), ("weight",))
KL = call_with(F.kl_div, ("input", "target"))
POISSON = call_with(F.poisson_nll_loss, ("input", "target"))
GAUSSIAN = call_with(F.gaussian_nll_loss, ("input", "target", "var"))
SOFT_MARGIN = call_with(F.soft_margin_loss, ("input", "target"))
MULTI_MARGIN = call_with(F.multi_margin_loss, ("input", "target"), ("weight",))
MULTILABEL_MARGIN = call_with(F.multilabel_margin_loss, ("input", "target"))
MULTILABEL_SOFT_MARGIN = call_with(F.multilabel_soft_margin_loss, ("input", "target"), ("weight",))
HINGE = call_with(F.hinge_embedding_loss, ("input", "target"))
MARGIN_RANKING = call_with(F.margin_ranking_loss, ("input1", "input2", "target"))
COSINE = call_with(F.cosine_embedding_loss, ("input1", "input2", "target"))
TRIPLET = call_with(F.triplet_margin_loss, ("anchor", "positive", "negative"))


def idx(values):
    return torch.tensor(values, dtype=torch.int64)


def f64(values):
    return torch.tensor(values, dtype=F64)


def signs(g, *shape):
    return torch.where(torch.rand(*shape, generator=g, dtype=F64) < 0.5, -1.0, 1.0).to(F64)


def regression_scenarios():
    out = []
    g = gen(101)
    x = randn(g, 4, 3)
    out.append(LossScenario("MseLoss", MSE, {"input": x, "target": randn(g, 4, 3)}, {}, "default", 101,
                            float32=True))
    g = gen(102)
    x = dyadic(randn(g, 4, 3))
    t = dyadic(randn(g, 4, 3))
    t[0, 1] = x[0, 1]
    t[2, 2] = x[2, 2]
    out.append(LossScenario("L1Loss", L1, {"input": x, "target": t}, {}, "default", 102, float32=True,
                            note="target equals input at [0,1] and [2,2]: the kink"))
    # Differences exactly 0, +-beta, just inside and outside, and large: dyadic values, so exact.
    for name, call, key, values, seed in (("SmoothL1Loss", SMOOTH_L1, "beta", (1.0, 0.5), 103),
                                          ("HuberLoss", HUBER, "delta", (1.0, 2.0), 104)):
        for b in values:
            g = gen(seed)
            x = dyadic(randn(g, 4, 3))
            d = f64([[0.0, b, -b], [b * 0.75, -b * 1.25, 3.0], [-4.5, 0.125, -0.0625], [b * 2, 0.5, -0.5]])
            out.append(LossScenario(name, call, {"input": x, "target": x - d}, {key: b},
                                    "%s=%s" % (key, b), seed, float32=(b == values[0]),
                                    note="input - target is exactly 0, +beta, -beta at [0,0], [0,1], [0,2]"))
    return out


def bce_scenarios():
    out = []
    g = gen(201)
    p = torch.sigmoid(randn(g, 4, 3, scale=3.0))
    p[0, 0] = 1e-7
    p[1, 1] = 1 - 1e-7
    p[2, 2] = 1e-12
    t = (rand(g, 4, 3) < 0.5).to(F64)
    t[0, 0], t[1, 1], t[2, 2] = 1.0, 0.0, 0.0
    t[3, 0], t[3, 1] = 0.3, 0.75
    w_full = rand(g, 4, 3, lo=0.5, hi=2.0)
    w_class = rand(g, 3, lo=0.5, hi=2.0)
    base = {"input": p, "target": t}
    out.append(LossScenario("BinaryCrossEntropy", BCE, base, {}, "default", 201, float32=True))
    out.append(LossScenario("BinaryCrossEntropy", BCE, dict(base, weight=w_full), {}, "weight", 201,
                            float32=True))
    out.append(LossScenario("BinaryCrossEntropy", BCE, dict(base, weight=w_class), {}, "weight_per_class", 201,
                            note="weight of shape [C] broadcast over rows"))
    # Probabilities exactly 0 and 1: torch clamps each log at -100, and the gradient divides by
    # max(p (1 - p), 1e-12).
    pe = f64([[0.0, 1.0, 0.0, 1.0], [1e-20, 1 - 1e-16, 0.5, 1e-300]])
    te = f64([[0.0, 1.0, 1.0, 0.0], [1.0, 0.0, 1.0, 1.0]])
    out.append(LossScenario("BinaryCrossEntropy", BCE, {"input": pe, "target": te}, {}, "edges", 202,
                            note="log clamped at -100; grad = (p - t) / max(p (1 - p), 1e-12f) (the float 1e-12, 9.999999960041972e-13)"))
    seed_p = torch.sigmoid(f64([[1.0, 2.0], [2.0, 2.0], [3.0, 4.0], [4.0, 5.0]]))
    seed_t = f64([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    out.append(LossScenario("BinaryCrossEntropy", BCE, {"input": seed_p, "target": seed_t}, {}, "issue_seed", 203,
                            note="issue 4 seed: input = sigmoid([[1,2],[2,2],[3,4],[4,5]]), mean 1.4732"))

    g = gen(211)
    z = randn(g, 4, 3, scale=4.0)
    z[0, 0], z[0, 1], z[1, 0], z[1, 1], z[2, 0] = 100.0, -100.0, 30.0, -30.0, 0.0
    t = (rand(g, 4, 3) < 0.5).to(F64)
    t[0, 0], t[0, 1], t[1, 0], t[1, 1] = 0.0, 1.0, 0.0, 1.0  # the wrong side at +-100
    t[3, 2] = 0.4
    w = rand(g, 4, 3, lo=0.5, hi=2.0)
    pw = rand(g, 3, lo=0.5, hi=3.0)
    base = {"input": z, "target": t}
    out.append(LossScenario("BinaryCrossEntropyWithLogits", BCE_LOGITS, base, {}, "default", 211, float32=True))
    out.append(LossScenario("BinaryCrossEntropyWithLogits", BCE_LOGITS, dict(base, weight=w), {}, "weight", 211))
    out.append(LossScenario("BinaryCrossEntropyWithLogits", BCE_LOGITS, dict(base, pos_weight=pw), {},
                            "pos_weight", 211, note="pos_weight of shape [C] broadcast over rows"))
    out.append(LossScenario("BinaryCrossEntropyWithLogits", BCE_LOGITS, dict(base, weight=w, pos_weight=pw), {},
                            "weight_pos_weight", 211, float32=True))
    return out


def ce_scenarios():
    out = []
    g = gen(301)
    x = randn(g, 5, 4, scale=2.0)
    t = idx([0, 3, 2, 1, 2])
    t_m100 = idx([0, -100, 2, -100, 1])
    t_all2 = idx([2, 2, 2, 2, 2])
    w = rand(g, 4, lo=0.25, hi=2.0)
    def ce(label, target, weight=None, ignore_index=-100, label_smoothing=0.0, f32=False, note=None):
        tensors = {"input": x, "target": target}
        if weight is not None:
            tensors["weight"] = weight
        opts = {"ignore_index": ignore_index, "label_smoothing": label_smoothing}
        out.append(LossScenario("CrossEntropy", CE, tensors, opts, label, 301, float32=f32, note=note))

    ce("default", t, f32=True)
    ce("weight", t, weight=w)
    ce("ignore_index=-100", t_m100, note="targets -100 at rows 1 and 3 are ignored")
    ce("ignore_index=2", t, ignore_index=2, note="targets equal to 2 (rows 2 and 4) are ignored")
    ce("label_smoothing=0.1", t, label_smoothing=0.1)
    ce("weight,ignore_index=2", t, weight=w, ignore_index=2)
    ce("weight,label_smoothing=0.1", t, weight=w, label_smoothing=0.1)
    ce("ignore_index=2,label_smoothing=0.1", t, ignore_index=2, label_smoothing=0.1,
       note="ignored rows get no smoothing term either; mean divides both terms by the non-ignored count")
    ce("ignore_index=-100,label_smoothing=0.1", t_m100, label_smoothing=0.1)
    ce("weight,ignore_index=2,label_smoothing=0.1", t, weight=w, ignore_index=2, label_smoothing=0.1, f32=True)
    ce("all_ignored", t_all2, ignore_index=2, note="mean of nothing: 0/0 = NaN")
    ce("all_ignored,label_smoothing=0.1", t_all2, ignore_index=2, label_smoothing=0.1)
    ce("all_ignored,weight", t_all2, weight=w, ignore_index=2)

    sx = f64([[1.0, 2.0], [1.0, 3.0], [1.0, 3.0]])
    st = idx([0, 1, 1])
    out.append(LossScenario("CrossEntropy", CE, {"input": sx, "target": st},
                            {"ignore_index": -100, "label_smoothing": 0.0}, "issue_seed", 302,
                            note="issue 4 seed: none [1.3133, 0.1269, 0.1269], sum 1.5671, mean 0.5224"))
    out.append(LossScenario("CrossEntropy", CE, {"input": sx, "target": st, "weight": f64([1.0, 2.0])},
                            {"ignore_index": -100, "label_smoothing": 0.0}, "issue_seed,weight", 302,
                            note="issue 4 seed: weight [1, 2], mean 0.3642"))

    g = gen(311)
    px = randn(g, 4, 5, scale=2.0)
    pt = torch.softmax(randn(g, 4, 5, scale=1.5), 1)
    pt[3] = f64([0.0, 0.0, 1.0, 0.0, 0.0])  # one-hot row
    pw = rand(g, 5, lo=0.25, hi=2.0)
    note = "probability targets (same shape as input); ignore_index does not apply"
    for label, weight, ls, f32 in (("probs", None, 0.0, True), ("probs,label_smoothing=0.1", None, 0.1, False),
                                   ("probs,weight", pw, 0.0, False),
                                   ("probs,weight,label_smoothing=0.1", pw, 0.1, False)):
        tensors = {"input": px, "target": pt}
        if weight is not None:
            tensors["weight"] = weight
        out.append(LossScenario("CrossEntropy", CE, tensors, {"ignore_index": -100, "label_smoothing": ls},
                                label, 311, float32=f32, note=note))

    g = gen(321)
    lx = torch.log_softmax(randn(g, 5, 4, scale=2.0), 1)
    nw = rand(g, 4, lo=0.25, hi=2.0)
    for label, target, weight, ii, f32 in (("default", t, None, -100, True), ("weight", t, nw, -100, False),
                                           ("ignore_index=-100", t_m100, None, -100, False),
                                           ("weight,ignore_index=2", t, nw, 2, False),
                                           ("all_ignored", t_all2, None, 2, False)):
        tensors = {"input": lx, "target": target}
        if weight is not None:
            tensors["weight"] = weight
        out.append(LossScenario("NllLoss", NLL, tensors, {"ignore_index": ii}, label, 321, float32=f32))
    return out


def divergence_scenarios():
    out = []
    red4 = ("mean", "sum", "none", "batchmean")
    g = gen(401)
    inp = torch.log_softmax(randn(g, 4, 5), 1)
    tp = torch.softmax(randn(g, 4, 5), 1)
    tl = torch.log_softmax(randn(g, 4, 5), 1)
    out.append(LossScenario("KlDivLoss", KL, {"input": inp, "target": tp}, {"log_target": False}, "probs", 401,
                            reductions=red4, float32=True))
    out.append(LossScenario("KlDivLoss", KL, {"input": inp, "target": tl}, {"log_target": True}, "log_target", 401,
                            reductions=red4, float32=True))
    tz = tp.clone()
    tz[0, 1] = 0.0
    out.append(LossScenario("KlDivLoss", KL, {"input": inp, "target": tz}, {"log_target": False}, "zero_target", 401,
                            reductions=red4, note="target 0 contributes 0 (xlogy); its target gradient is not finite"))

    g = gen(411)
    counts = f64([[0, 1, 2, 5], [3, 0, 1, 7], [1, 1, 0, 2]])
    li = randn(g, 3, 4)
    pi = rand(g, 3, 4, lo=0.05, hi=3.0)
    pi[0, 0] = 1e-10  # where eps matters
    pi[1, 1] = 1e-10
    for label, inputs, log_input, full, eps, f32 in (
            ("log_input", li, True, False, 1e-8, True), ("log_input,full", li, True, True, 1e-8, False),
            ("rate", pi, False, False, 1e-8, True), ("rate,full", pi, False, True, 1e-8, False),
            ("rate,eps=0.5", pi, False, False, 0.5, False)):
        out.append(LossScenario("PoissonNllLoss", POISSON, {"input": inputs, "target": counts},
                                {"log_input": log_input, "full": full, "eps": eps}, label, 411, float32=f32,
                                note="full adds the Stirling term only where target > 1"))

    g = gen(421)
    gi = randn(g, 4, 3)
    gt = randn(g, 4, 3)
    ve = rand(g, 4, 3, lo=0.1, hi=2.0)
    ve[1, 2] = 1e-8  # below eps: clamped
    vc = rand(g, 4, 1, lo=0.1, hi=2.0)
    vn = rand(g, 4, lo=0.1, hi=2.0)
    gnote = "var < eps is clamped to eps under no_grad: the var gradient passes through the clamp"
    for label, var, full, eps, f32 in (("var_elementwise", ve, False, 1e-6, True),
                                       ("var_elementwise,full", ve, True, 1e-6, False),
                                       ("var_elementwise,eps=0.5", ve, False, 0.5, False),
                                       ("var_Nx1", vc, False, 1e-6, True), ("var_Nx1,full", vc, True, 1e-6, False),
                                       ("var_N", vn, False, 1e-6, False)):
        out.append(LossScenario("GaussianNllLoss", GAUSSIAN, {"input": gi, "target": gt, "var": var},
                                {"full": full, "eps": eps}, label, 421, float32=f32, note=gnote))
    return out


def margin_scenarios():
    out = []
    g = gen(501)
    x = randn(g, 4, 3, scale=2.0)
    x[0, 0], x[0, 1] = 50.0, -50.0
    y = signs(g, 4, 3)
    y[0, 0], y[0, 1] = -1.0, -1.0
    out.append(LossScenario("SoftMarginLoss", SOFT_MARGIN, {"input": x, "target": y}, {}, "default", 501,
                            float32=True))

    g = gen(511)
    x = dyadic(randn(g, 5, 4))
    x[4] = f64([0.5, 1.5, -0.25, 0.5])
    t = idx([0, 3, 2, 1, 1])
    w = rand(g, 4, lo=0.25, hi=2.0)
    for label, p, margin, weight, f32 in (("p=1,margin=1", 1, 1.0, None, True), ("p=2,margin=1", 2, 1.0, None, False),
                                          ("p=1,margin=0.5,weight", 1, 0.5, w, False),
                                          ("p=2,margin=0.5,weight", 2, 0.5, w, False),
                                          ("p=1,margin=1,weight", 1, 1.0, w, False),
                                          ("p=2,margin=1,weight", 2, 1.0, w, False)):
        tensors = {"input": x, "target": t}
        if weight is not None:
            tensors["weight"] = weight
        out.append(LossScenario("MultiMarginLoss", MULTI_MARGIN, tensors, {"p": p, "margin": margin}, label, 511,
                                float32=f32,
                                note="row 4 with margin 1 has margin - x[y] + x[0] exactly 0 (the kink); "
                                     "weight[y] multiplies the p-th power"))

    g = gen(521)
    x = randn(g, 4, 5)
    t = idx([[3, 0, -1, 1, 4], [1, -1, 0, 0, 0], [0, 1, 2, 3, 4], [-1, 2, 3, 0, 0]])
    out.append(LossScenario("MultiLabelMarginLoss", MULTILABEL_MARGIN, {"input": x, "target": t}, {}, "default", 521,
                            float32=True,
                            note="each target row lists class indices up to the first -1; row 2 names every class "
                                 "(loss 0), row 3 none (loss 0)"))

    g = gen(531)
    x = randn(g, 4, 5, scale=2.0)
    t = (rand(g, 4, 5) < 0.5).to(F64)
    t[3, 4] = 0.25
    w = rand(g, 5, lo=0.25, hi=2.0)
    out.append(LossScenario("MultiLabelSoftMarginLoss", MULTILABEL_SOFT_MARGIN, {"input": x, "target": t}, {},
                            "default", 531, float32=True))
    out.append(LossScenario("MultiLabelSoftMarginLoss", MULTILABEL_SOFT_MARGIN,
                            {"input": x, "target": t, "weight": w}, {}, "weight", 531))

    g = gen(541)
    for margin, f32 in ((1.0, True), (2.0, False)):
        x = dyadic(randn(g, 4, 3, scale=1.5))
        y = signs(g, 4, 3)
        x[0, 0], y[0, 0] = margin, -1.0  # the kink margin - x = 0
        out.append(LossScenario("HingeEmbeddingLoss", HINGE, {"input": x, "target": y}, {"margin": margin},
                                "margin=%s" % margin, 541, float32=f32,
                                note="[0,0] sits on the kink (target -1, input == margin)"))

    g = gen(551)
    a = dyadic(randn(g, 5))
    b = dyadic(randn(g, 5))
    y = signs(g, 5)
    for margin, f32 in ((0.0, True), (0.5, False)):
        bb = b.clone()
        bb[0] = a[0] - margin  # target 1: margin - (a - b) == 0, the kink
        yy = y.clone()
        yy[0] = 1.0
        out.append(LossScenario("MarginRankingLoss", MARGIN_RANKING, {"input1": a, "input2": bb, "target": yy},
                                {"margin": margin}, "margin=%s" % margin, 551, float32=f32,
                                note="element 0 sits on the kink", fixed=("target",)))

    g = gen(561)
    a = randn(g, 4, 3)
    b = randn(g, 4, 3)
    b[3] = a[3] * 2.0  # cos = 1
    y = signs(g, 4)
    y[3] = -1.0
    for margin, f32 in ((0.0, True), (0.5, False)):
        out.append(LossScenario("CosineEmbeddingLoss", COSINE, {"input1": a, "input2": b, "target": y},
                                {"margin": margin}, "margin=%s" % margin, 561, float32=f32))
    bz = b.clone()
    bz[1] = 0.0
    out.append(LossScenario("CosineEmbeddingLoss", COSINE, {"input1": a, "input2": bz, "target": y}, {"margin": 0.0},
                            "zero_vector", 561, note="input2 row 1 is zero: cos = 0 (|x|^2 + 1e-12 under the root)"))

    g = gen(571)
    an = randn(g, 4, 3)
    po = an + randn(g, 4, 3, scale=0.5)
    ne = an + randn(g, 4, 3, scale=1.5)
    ne[3] = an[3] + 3.0  # far: loss 0
    for label, margin, p, eps, swap, f32 in (("default", 1.0, 2.0, 1e-6, False, True),
                                             ("margin=0.5,swap", 0.5, 2.0, 1e-6, True, False),
                                             ("p=1", 1.0, 1.0, 1e-6, False, False),
                                             ("eps=1e-3", 1.0, 2.0, 1e-3, False, False),
                                             ("margin=0.5,p=1,eps=1e-3,swap", 0.5, 1.0, 1e-3, True, False),
                                             ("p=3", 1.0, 3.0, 1e-6, False, False)):
        out.append(LossScenario("TripletMarginLoss", TRIPLET, {"anchor": an, "positive": po, "negative": ne},
                                {"margin": margin, "p": p, "eps": eps, "swap": swap}, label, 571, float32=f32,
                                note="distance = ||x1 - x2 + eps||_p (eps added to every difference)"))
    return out


def reject(name, call, tensors, options):
    try:
        call(tensors, dict(options, reduction="mean"))
    except (RuntimeError, ValueError, IndexError) as e:
        return {
            "name": name,
            "options": options,
            "inputs": {k: tensor_json(t) for k, t in tensors.items()},
            "error_type": type(e).__name__,
            "error": str(e).strip(),
        }
    raise AssertionError("torch accepted the bad input for " + name)


def make_rejects():
    x = f64([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]])
    p = f64([[0.25, 0.5, 0.75], [0.1, 0.9, 0.5]])
    out = [
        reject("MseLoss", MSE, {"input": x, "target": f64([[1.0, 2.0], [3.0, 4.0]])}, {}),
        reject("BinaryCrossEntropy", BCE, {"input": p, "target": f64([[1.0], [0.0]])}, {}),
        reject("BinaryCrossEntropyWithLogits", BCE_LOGITS, {"input": x, "target": f64([1.0, 0.0, 1.0])}, {}),
        reject("CrossEntropy", CE, {"input": x, "target": idx([0, 1, 2])},
               {"ignore_index": -100, "label_smoothing": 0.0}),
        reject("CrossEntropy", CE, {"input": x, "target": idx([0, 3])}, {"ignore_index": -100, "label_smoothing": 0.0}),
        reject("CrossEntropy", CE, {"input": x, "target": idx([0, -1])}, {"ignore_index": -100, "label_smoothing": 0.0}),
        reject("CrossEntropy", CE, {"input": x, "target": idx([0, 3])}, {"ignore_index": 1, "label_smoothing": 0.1}),
        reject("CrossEntropy", CE, {"input": x, "target": f64([[0.5, 0.5], [0.0, 1.0]])},
               {"ignore_index": -100, "label_smoothing": 0.0}),
        reject("NllLoss", NLL, {"input": x, "target": idx([3, 0])}, {"ignore_index": -100}),
        reject("MultiMarginLoss", MULTI_MARGIN, {"input": x, "target": idx([0, 3])}, {"p": 1, "margin": 1.0}),
        reject("BinaryCrossEntropy", BCE, {"input": f64([[0.5, 1.5]]), "target": f64([[1.0, 0.0]])}, {}),
        reject("BinaryCrossEntropy", BCE, {"input": f64([[-0.25, 0.5]]), "target": f64([[1.0, 0.0]])}, {}),
        reject("GaussianNllLoss", GAUSSIAN, {"input": x, "target": x * 0.5, "var": f64([[1.0, -0.5, 1.0], [1.0, 1.0, 1.0]])},
               {"full": False, "eps": 1e-6}),
        reject("GaussianNllLoss", GAUSSIAN, {"input": x, "target": x * 0.5, "var": f64([[1.0, 1.0], [1.0, 1.0]])},
               {"full": False, "eps": 1e-6}),
    ]
    return out


# ----------------------------------------------------------------------------------------------
# Hand-derived references for the loss checks
# ----------------------------------------------------------------------------------------------

def logsumexp(row):
    m = max(row)
    return m + math.log(sum(math.exp(v - m) for v in row))


def ce_reference(x, t, weight, ignore_index, ls, reduction):
    """cross_entropy with class-index targets, written out from the torch 1.13 definition."""
    c = len(x[0])
    w = weight or [1.0] * c
    nll, smooth, wsum = [], [], 0.0
    for i in range(len(x)):
        lp = [v - logsumexp(x[i]) for v in x[i]]
        if t[i] == ignore_index:
            nll.append(0.0)
            smooth.append(0.0)
            continue
        nll.append(-w[t[i]] * lp[t[i]])
        smooth.append(-sum(w[k] * lp[k] for k in range(c)))
        wsum += w[t[i]]
    if reduction == "none":
        return [(1 - ls) * a + ls / c * b for a, b in zip(nll, smooth)]
    if reduction == "sum":
        return (1 - ls) * sum(nll) + ls / c * sum(smooth)
    # Both terms divide by the weight of the rows not ignored (their count without weights).
    nll_mean = sum(nll) / wsum if wsum else math.nan
    smooth_mean = sum(smooth) / wsum if wsum else math.nan
    if ls == 0.0:
        return nll_mean
    return (1 - ls) * nll_mean + ls / c * smooth_mean


def result(case, reduction):
    for r in case["results"]:
        if r["reduction"] == reduction:
            return r
    raise KeyError(reduction)


def out_values(case, reduction):
    return result(case, reduction)["output"]["data"]


def check_losses(cases):
    byid = {c["id"]: c for c in cases}
    seed = byid["CrossEntropy/issue_seed/float64"]
    check(close(out_values(seed, "none"), [1.3133, 0.1269, 0.1269], 1e-4), "issue seed CE none")
    check(close(out_values(seed, "sum"), 1.5671, 1e-4), "issue seed CE sum")
    check(close(out_values(seed, "mean"), 0.5224, 1e-4), "issue seed CE mean")
    check(close(out_values(byid["CrossEntropy/issue_seed,weight/float64"], "mean"), 0.3642, 1e-4),
          "issue seed CE weight mean")
    check(close(out_values(byid["BinaryCrossEntropy/issue_seed/float64"], "mean"), 1.4732, 1e-4),
          "issue seed BCE mean")

    for c in cases:
        if c["name"] != "CrossEntropy" or c["dtype"] != "float64" or c["inputs"]["target"]["dtype"] != "int64":
            continue
        shp = c["inputs"]["input"]["shape"]
        xd = c["inputs"]["input"]["data"]
        x = [xd[i * shp[1]:(i + 1) * shp[1]] for i in range(shp[0])]
        t = c["inputs"]["target"]["data"]
        w = c["inputs"]["weight"]["data"] if "weight" in c["inputs"] else None
        for red in ("mean", "sum", "none"):
            ref = ce_reference(x, t, w, c["options"]["ignore_index"], c["options"]["label_smoothing"], red)
            check(close(out_values(c, red), ref, 1e-12), "CE reference %s %s" % (c["id"], red))

    mm = byid["MultiMarginLoss/p=2,margin=0.5,weight/float64"]
    x = mm["inputs"]["input"]["data"]
    t = mm["inputs"]["target"]["data"]
    w = mm["inputs"]["weight"]["data"]
    ref = []
    for i in range(5):
        row = x[i * 4:(i + 1) * 4]
        s = sum(max(0.0, 0.5 - row[t[i]] + row[k]) ** 2 * w[t[i]] for k in range(4) if k != t[i])
        ref.append(s / 4)
    check(close(out_values(mm, "none"), ref, 1e-14), "multi_margin: weight[y] * max(0, m - x[y] + x[i])^p / C")
    mm1 = byid["MultiMarginLoss/p=1,margin=1/float64"]
    g = result(mm1, "sum")["grads"]["input"]["data"]
    check(g[4 * 4 + 0] == 0.0, "multi_margin: no gradient at the kink z == 0")

    tr = byid["TripletMarginLoss/margin=0.5,p=1,eps=1e-3,swap/float64"]
    a, p, n = (tr["inputs"][k]["data"] for k in ("anchor", "positive", "negative"))

    def dist(u, v, i):
        return sum(abs(u[i * 3 + j] - v[i * 3 + j] + 1e-3) for j in range(3))
    ref = [max(0.0, dist(a, p, i) - min(dist(a, n, i), dist(p, n, i)) + 0.5) for i in range(4)]
    check(close(out_values(tr, "none"), ref, 1e-14), "triplet: ||x1 - x2 + eps||_p with swap = min(d(a,n), d(p,n))")

    for lbl in ("probs", "log_target"):
        kl = byid["KlDivLoss/%s/float64" % lbl]
        s = out_values(kl, "sum")[0]
        check(close(out_values(kl, "batchmean"), s / 4, 1e-15), "kl_div batchmean = sum / N")
        check(close(out_values(kl, "mean"), s / 20, 1e-15), "kl_div mean = sum / numel")

    gn = byid["GaussianNllLoss/var_elementwise,full/float64"]
    xi, ti, vi = (gn["inputs"][k]["data"] for k in ("input", "target", "var"))
    ref = [0.5 * (math.log(max(v, 1e-6)) + (a - b) ** 2 / max(v, 1e-6)) + 0.5 * math.log(2 * math.pi)
           for a, b, v in zip(xi, ti, vi)]
    check(close(out_values(gn, "none"), ref, 1e-14), "gaussian_nll with full and the eps clamp")
    gv = result(gn, "none")["grads"]["var"]["data"]
    go = result(gn, "none")["grad_output"]["data"]
    k = 1 * 3 + 2
    dv = 0.5 * (1 / 1e-6 - (xi[k] - ti[k]) ** 2 / 1e-12) * go[k]
    check(close(gv[k], dv, 1e-12), "gaussian_nll var gradient at a clamped var is d/dvar at eps")

    po = byid["PoissonNllLoss/rate,full/float64"]
    xi, ti = po["inputs"]["input"]["data"], po["inputs"]["target"]["data"]
    ref = [a - b * math.log(a + 1e-8) + ((b * math.log(b) - b + 0.5 * math.log(2 * math.pi * b)) if b > 1 else 0.0)
           for a, b in zip(xi, ti)]
    check(close(out_values(po, "none"), ref, 1e-14), "poisson_nll rate form with Stirling term for target > 1")

    be = byid["BinaryCrossEntropy/edges/float64"]
    r = result(be, "none")
    check(out_values(be, "none")[2] == 100.0, "bce(p=0, t=1) = 100 (log clamped at -100)")
    eps32 = flat(torch.tensor([1e-12], dtype=F32))[0]  # ATen's EPSILON is the float 1e-12, also for double
    check(close(r["grads"]["input"]["data"][2], -r["grad_output"]["data"][2] / eps32, 1e-15),
          "bce'(p=0, t=1) = -1/float32(1e-12)")

    for m in (0.0, 0.5):
        mr = byid["MarginRankingLoss/margin=%s/float64" % m]
        r = result(mr, "none")
        check(out_values(mr, "none")[0] == 0.0, "margin_ranking kink value 0")
        CHECKS.append("margin_ranking kink gradient recorded: %r" % r["grads"]["input1"]["data"][0])

    bl = byid["BinaryCrossEntropyWithLogits/weight_pos_weight/float64"]
    z, t, w, pw = (bl["inputs"][k]["data"] for k in ("input", "target", "weight", "pos_weight"))

    def log_sigmoid(v):
        return -math.log1p(math.exp(-v)) if v > 0 else v - math.log1p(math.exp(v))
    ref = [-w[i] * (pw[i % 3] * t[i] * log_sigmoid(z[i]) + (1 - t[i]) * log_sigmoid(-z[i])) for i in range(12)]
    check(close(out_values(bl, "none"), ref, 1e-14), "bce_with_logits: -w (pw t log s(z) + (1 - t) log s(-z))")

    for lbl in ("probs,weight", "probs,weight,label_smoothing=0.1"):
        cp = byid["CrossEntropy/%s/float64" % lbl]
        check(close(out_values(cp, "mean"), out_values(cp, "sum")[0] / 4, 1e-15),
              "cross_entropy with probability targets and weight: mean = sum / N (not / weight sum)")

    hl = byid["HuberLoss/delta=2.0/float64"]
    d = [a - b for a, b in zip(hl["inputs"]["input"]["data"], hl["inputs"]["target"]["data"])]
    ref = [0.5 * v * v if abs(v) < 2 else 2 * (abs(v) - 0.5 * 2) for v in d]
    check(close(out_values(hl, "none"), ref, 1e-15), "huber with delta 2")
    sl = byid["SmoothL1Loss/beta=0.5/float64"]
    d = [a - b for a, b in zip(sl["inputs"]["input"]["data"], sl["inputs"]["target"]["data"])]
    ref = [0.5 * v * v / 0.5 if abs(v) < 0.5 else abs(v) - 0.25 for v in d]
    check(close(out_values(sl, "none"), ref, 1e-15), "smooth_l1 with beta 0.5")


def make_losses():
    scenarios = regression_scenarios() + bce_scenarios() + ce_scenarios() + divergence_scenarios() + \
        margin_scenarios()
    cases = []
    for s in scenarios:
        cases.extend(s.cases())
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    check_losses(cases)
    return cases, make_rejects()


def main():
    os.makedirs(FIXTURES, exist_ok=True)
    header = {"torch": torch.__version__, "generated_by": GENERATED_BY}
    act, vec = make_activations()
    losses, rejects = make_losses()
    n1 = write_fixture(os.path.join(FIXTURES, "activations.json"), header,
                       [("activations", act), ("vector", vec)])
    header = dict(header, grads="grads[k] = d(sum(output * grad_output))/d inputs[k]: the VJP of output "
                                "with grad_output (1 for a scalar output)")
    n2 = write_fixture(os.path.join(FIXTURES, "losses.json"), header, [("cases", losses), ("rejects", rejects)])
    print("activations.json: %d cases + %d vector cases, %d bytes" % (len(act), len(vec), n1))
    print("losses.json: %d cases, %d rejects, %d bytes" % (len(losses), len(rejects), n2))
    print("%d checks passed (torch %s)" % (len(CHECKS), torch.__version__))
    return 0


if __name__ == "__main__":
    sys.exit(main())
