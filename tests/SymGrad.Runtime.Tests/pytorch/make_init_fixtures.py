#!/usr/bin/python3
"""Writes the PyTorch reference fixture for SymGrad's initializers (SPEC §5): ../Fixtures/init.json.

Run with Debian's python3 and python3-torch (apt-get install -y python3-torch), from anywhere:

    /usr/bin/python3 tests/SymGrad.Runtime.Tests/pytorch/make_init_fixtures.py

It records, for torch.nn.init of the installed torch:

- "gains": torch.nn.init.calculate_gain for every nonlinearity of its table, without a parameter and
  with the parameters that matter (leaky_relu's negative slope, ints and floats) or are ignored;
- "fans": torch.nn.init._calculate_fan_in_and_fan_out for linear (out, in) and conv-like
  (out, in, k...) shapes;
- "xavier" and "kaiming": the bound that xavier_uniform_ / kaiming_uniform_ pass to Tensor.uniform_
  and the std that xavier_normal_ / kaiming_normal_ pass to Tensor.normal_, captured by wrapping those
  two Tensor methods (so the values are the ones torch computes, not the formulas rewritten here);
  null where torch calls neither (kaiming on a zero-element tensor is a no-op);
- "rejects": shapes torch refuses, with its message.

The random values themselves are not recorded: SymGrad draws from its own seeded source, and its tests
check the distribution. The output is deterministic (no randomness is recorded, floats are written
with repr(), key order is fixed), so a rerun with the same torch build reproduces the file byte for
byte. JSON has no NaN or Infinity; none occurs here, and the writer refuses them (allow_nan=False).
"""
import json
import math
import os
import warnings

import torch
import torch.nn.init as init

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(os.path.dirname(HERE), "Fixtures", "init.json")
GENERATED_BY = "tests/SymGrad.Runtime.Tests/pytorch/make_init_fixtures.py"

warnings.simplefilter("ignore")  # kaiming's "Initializing zero-element tensors is a no-op" is expected here

NONLINEARITIES = ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
                  "conv_transpose3d", "sigmoid", "tanh", "relu", "leaky_relu", "selu"]
LEAKY_SLOPES = [0, 0.0, 0.01, 0.1, 0.2, -0.2, 1, 1.0, 3, 0.5, 5.5, 1e-8]
SHAPES = [[3, 5], [5, 3], [1, 1], [64, 784], [10, 128], [4, 3, 2, 2], [8, 6, 3], [16, 3, 5, 5],
          [6, 4, 3, 3, 3], [2, 7, 1, 1], [0, 5], [5, 0], [3, 0, 2]]
REJECT_SHAPES = [[], [5]]
GAINS = [1.0, 0.5, 5.0 / 3, math.sqrt(2.0)]
KAIMING_A = [0, 0.01, 0.2, math.sqrt(5.0)]

captured = []
_uniform = torch.Tensor.uniform_
_normal = torch.Tensor.normal_


def _recording_uniform(self, a=0.0, b=1.0, **kwargs):
    captured.append(("uniform", a, b))
    return _uniform(self, a, b, **kwargs)


def _recording_normal(self, mean=0.0, std=1.0, **kwargs):
    captured.append(("normal", mean, std))
    return _normal(self, mean, std, **kwargs)


torch.Tensor.uniform_ = _recording_uniform
torch.Tensor.normal_ = _recording_normal


def spread(init_fn, shape, **kwargs):
    """The (lower, upper) or (mean, std) torch passes to uniform_/normal_ for one call, or None."""
    del captured[:]
    init_fn(torch.empty(shape, dtype=torch.float64), **kwargs)
    if not captured:
        return None
    assert len(captured) == 1, captured
    return captured[0]


def uniform_bound(init_fn, shape, **kwargs):
    c = spread(init_fn, shape, **kwargs)
    if c is None:
        return None
    kind, lower, upper = c
    assert kind == "uniform" and lower == -upper, c
    return float(upper)


def normal_std(init_fn, shape, **kwargs):
    c = spread(init_fn, shape, **kwargs)
    if c is None:
        return None
    kind, mean, std = c
    assert kind == "normal" and mean == 0, c
    return float(std)


def gains():
    cases = []
    for nl in NONLINEARITIES:
        cases.append({"nonlinearity": nl, "param": None, "gain": float(init.calculate_gain(nl))})
        params = LEAKY_SLOPES if nl == "leaky_relu" else [0.2]
        for p in params:
            cases.append({"nonlinearity": nl, "param": p, "gain": float(init.calculate_gain(nl, p))})
    # the table of the issue, checked here so that a different torch cannot write a different table unnoticed
    table = {c["nonlinearity"]: c["gain"] for c in cases if c["param"] is None}
    assert table["linear"] == table["sigmoid"] == table["conv2d"] == 1
    assert table["tanh"] == 5.0 / 3 and table["relu"] == math.sqrt(2.0) and table["selu"] == 0.75
    assert table["leaky_relu"] == math.sqrt(2.0 / (1 + 0.01 ** 2))
    return cases


def fans():
    cases = []
    for shape in SHAPES:
        fan_in, fan_out = init._calculate_fan_in_and_fan_out(torch.empty(shape))
        cases.append({"shape": shape, "fan_in": fan_in, "fan_out": fan_out})
    return cases


def xavier():
    cases = []
    for shape in SHAPES:
        for gain in GAINS:
            cases.append({
                "shape": shape,
                "gain": gain,
                "uniform_bound": uniform_bound(init.xavier_uniform_, shape, gain=gain),
                "normal_std": normal_std(init.xavier_normal_, shape, gain=gain),
            })
    return cases


def kaiming():
    cases = []
    for shape in SHAPES:
        for mode in ["fan_in", "fan_out"]:
            for nl in ["leaky_relu", "relu", "linear", "tanh", "sigmoid", "selu", "conv2d"]:
                for a in (KAIMING_A if nl == "leaky_relu" else [0]):
                    kw = {"a": a, "mode": mode, "nonlinearity": nl}
                    cases.append({
                        "shape": shape,
                        "a": a,
                        "mode": mode,
                        "nonlinearity": nl,
                        "uniform_bound": uniform_bound(init.kaiming_uniform_, shape, **kw),
                        "normal_std": normal_std(init.kaiming_normal_, shape, **kw),
                    })
    return cases


def rejects():
    cases = []
    for shape in REJECT_SHAPES:
        for name, fn in [("xavier_uniform", init.xavier_uniform_), ("xavier_normal", init.xavier_normal_),
                         ("kaiming_uniform", init.kaiming_uniform_), ("kaiming_normal", init.kaiming_normal_)]:
            try:
                fn(torch.empty(shape))
            except ValueError as e:
                cases.append({"init": name, "shape": shape, "error": str(e)})
            else:
                raise AssertionError("torch accepted %s on %r" % (name, shape))
    return cases


def dump_line(obj):
    return json.dumps(obj, separators=(", ", ": "), allow_nan=False)


def main():
    sections = [("gains", gains()), ("fans", fans()), ("xavier", xavier()), ("kaiming", kaiming()),
                ("rejects", rejects())]
    lines = ["{",
             '  "generated_by": %s,' % dump_line(GENERATED_BY),
             '  "torch_version": %s,' % dump_line(torch.__version__)]
    for si, (key, cases) in enumerate(sections):
        lines.append("  %s: [" % json.dumps(key))
        for ci, case in enumerate(cases):
            lines.append("    " + dump_line(case) + ("," if ci + 1 < len(cases) else ""))
        lines.append("  ]" + ("," if si + 1 < len(sections) else ""))
    lines.append("}")
    with open(FIXTURE, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote %s (%s)" % (FIXTURE, ", ".join("%d %s" % (len(c), k) for k, c in sections)))


if __name__ == "__main__":
    main()
