#!/usr/bin/python3
"""Writes the PyTorch reference fixtures for SymGrad's optimizers and learning-rate schedulers (SPEC §5).

Run with Debian's python3 and python3-torch (apt-get install -y python3-torch), from anywhere:

    /usr/bin/python3 tests/SymGrad.Runtime.Tests/pytorch/make_optimizer_fixtures.py

It writes ../Fixtures/optimizers.json and ../Fixtures/schedulers.json. The output is deterministic
(seeded data, repr() floats, fixed key order), so a rerun with the same torch build reproduces the
files byte for byte. Non-finite numbers are the strings "NaN", "Infinity" and "-Infinity".

optimizers.json: a least-squares problem f = ½‖A·x + B·y − b‖² (+ ½‖D·z − c‖² once z exists),
x in group 0 with the case's options, y in group 1 with half the learning rate, and z added with
add_param_group after step 10 with twice the learning rate. Every case runs 30 steps with the
single-tensor (foreach=False) implementation and records x, y, z after each step. The gradients
are computed here in plain Python floats, in the order the C# tests compute them, and assigned to
p.grad, so that the fixture checks the optimizer alone and not the summation order of a BLAS.

schedulers.json: an SGD optimizer with two groups (lr 0.1 and 0.05); each case records both
learning rates after construction and after each of 40 scheduler steps. ReduceLROnPlateau steps
with the scripted metric sequence stored in the file.
"""
import json
import math
import os
import warnings

import torch

torch.set_num_threads(1)
warnings.simplefilter("ignore")  # the scheduler's "step before optimizer.step" warning is expected here

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(os.path.dirname(HERE), "Fixtures")
GENERATED_BY = "tests/SymGrad.Runtime.Tests/pytorch/make_optimizer_fixtures.py"
STEPS = 30
ADD_GROUP_AFTER = 10
EPOCHS = 40


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


def write(name, payload):
    with open(os.path.join(FIXTURES, name), "w", encoding="utf-8", newline="\n") as f:
        json.dump(enc(payload), f, indent=1, allow_nan=False)
        f.write("\n")


# ----------------------------------------------------------------------------------------------
# The least-squares problem
# ----------------------------------------------------------------------------------------------

def seeded(seed, *shape):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(*shape, generator=g, dtype=torch.float64)


def problem():
    return {
        "A": seeded(1, 8, 3).tolist(),
        "B": seeded(2, 8, 2).tolist(),
        "b": seeded(3, 8).tolist(),
        "D": seeded(4, 4, 2).tolist(),
        "c": seeded(5, 4).tolist(),
        "x0": seeded(6, 3).tolist(),
        "y0": seeded(7, 2).tolist(),
        "z0": seeded(8, 2).tolist(),
    }


def gradients(p, x, y, z):
    """∇f in plain Python floats: r = A·x + B·y − b, gx = Aᵀr, gy = Bᵀr; s = D·z − c, gz = Dᵀs (sums left to right)."""
    r = []
    for i in range(len(p["b"])):
        s = 0.0
        for j in range(len(x)):
            s += p["A"][i][j] * x[j]
        for j in range(len(y)):
            s += p["B"][i][j] * y[j]
        r.append(s - p["b"][i])
    gx = [sum_left([p["A"][i][j] * r[i] for i in range(len(r))]) for j in range(len(x))]
    gy = [sum_left([p["B"][i][j] * r[i] for i in range(len(r))]) for j in range(len(y))]
    if z is None:
        return gx, gy, None
    t = []
    for i in range(len(p["c"])):
        s = 0.0
        for j in range(len(z)):
            s += p["D"][i][j] * z[j]
        t.append(s - p["c"][i])
    gz = [sum_left([p["D"][i][j] * t[i] for i in range(len(t))]) for j in range(len(z))]
    return gx, gy, gz


def sum_left(values):
    s = 0.0
    for v in values:
        s += v
    return s


OPTIMIZERS = {
    "Sgd": torch.optim.SGD,
    "Adam": torch.optim.Adam,
    "AdamW": torch.optim.AdamW,
    "RmsProp": torch.optim.RMSprop,
    "Adagrad": torch.optim.Adagrad,
}

# (optimizer, options with torch's names); every case gets foreach=False (the single-tensor path).
OPTIMIZER_CASES = [
    ("Sgd", {"lr": 0.05}),
    ("Sgd", {"lr": 0.05, "momentum": 0.9}),
    ("Sgd", {"lr": 0.05, "momentum": 0.9, "dampening": 0.5}),
    ("Sgd", {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
    ("Sgd", {"lr": 0.05, "weight_decay": 0.1}),
    ("Sgd", {"lr": 0.01, "maximize": True}),
    ("Sgd", {"lr": 0.02, "momentum": 0.8, "nesterov": True, "weight_decay": 0.05, "maximize": True}),
    ("Adam", {"lr": 0.01}),
    ("Adam", {"lr": 0.01, "amsgrad": True}),
    ("Adam", {"lr": 0.01, "weight_decay": 0.1}),
    ("Adam", {"lr": 0.01, "maximize": True}),
    ("Adam", {"lr": 0.02, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.05, "amsgrad": True, "maximize": True}),
    ("AdamW", {"lr": 0.01}),
    ("AdamW", {"lr": 0.01, "weight_decay": 0.1, "amsgrad": True}),
    ("AdamW", {"lr": 0.01, "maximize": True}),
    ("AdamW", {"lr": 0.02, "betas": (0.8, 0.99), "eps": 1e-6}),
    ("RmsProp", {"lr": 0.01}),
    ("RmsProp", {"lr": 0.01, "alpha": 0.9, "eps": 1e-6}),
    ("RmsProp", {"lr": 0.01, "momentum": 0.5}),
    ("RmsProp", {"lr": 0.01, "centered": True}),
    ("RmsProp", {"lr": 0.01, "centered": True, "momentum": 0.5, "weight_decay": 0.1}),
    ("RmsProp", {"lr": 0.01, "maximize": True}),
    ("Adagrad", {"lr": 0.1}),
    ("Adagrad", {"lr": 0.1, "lr_decay": 0.01}),
    ("Adagrad", {"lr": 0.1, "initial_accumulator_value": 0.1}),
    ("Adagrad", {"lr": 0.1, "weight_decay": 0.1}),
    ("Adagrad", {"lr": 0.1, "eps": 1e-6, "maximize": True}),
]


def case_id(name, options):
    parts = [name] + ["{}={}".format(k, v) for k, v in options.items()]
    return " ".join(parts)


def run_case(p, name, options, dtype):
    lr = options["lr"]
    x = torch.tensor(p["x0"], dtype=dtype)
    y = torch.tensor(p["y0"], dtype=dtype)
    z = torch.tensor(p["z0"], dtype=dtype)
    opt = OPTIMIZERS[name]([{"params": [x]}, {"params": [y], "lr": lr / 2}], foreach=False, **options)
    steps = []
    for step in range(1, STEPS + 1):
        with_z = step > ADD_GROUP_AFTER
        gx, gy, gz = gradients(p, x.tolist(), y.tolist(), z.tolist() if with_z else None)
        x.grad = torch.tensor(gx, dtype=torch.float64).to(dtype)
        y.grad = torch.tensor(gy, dtype=torch.float64).to(dtype)
        if with_z:
            z.grad = torch.tensor(gz, dtype=torch.float64).to(dtype)
        opt.step()
        steps.append({"x": x.tolist(), "y": y.tolist(), "z": z.tolist() if with_z else []})
        if step == ADD_GROUP_AFTER:
            opt.add_param_group({"params": [z], "lr": lr * 2})
            if name == "Adagrad":
                # torch 1.13's Adagrad creates its state in __init__ only, so a group added later has none and
                # step() fails (KeyError 'sum'); this is the state __init__ would have created.
                opt.state[z] = {"step": torch.tensor(0.0), "sum": torch.full_like(z, options.get("initial_accumulator_value", 0))}
    return steps


def optimizer_fixtures():
    p = problem()
    cases = []
    for dtype, dname in ((torch.float64, "float64"), (torch.float32, "float32")):
        for name, options in OPTIMIZER_CASES:
            cases.append({
                "id": "{} {}".format(case_id(name, options), dname),
                "optimizer": name,
                "dtype": dname,
                "options": {k: list(v) if isinstance(v, tuple) else v for k, v in options.items()},
                "group1_lr": options["lr"] / 2,
                "added_group_lr": options["lr"] * 2,
                "steps": run_case(p, name, options, dtype),
            })
    return {
        "generated_by": GENERATED_BY,
        "torch_version": torch.__version__,
        "steps": STEPS,
        "add_group_after": ADD_GROUP_AFTER,
        "problem": p,
        "cases": cases,
    }


# ----------------------------------------------------------------------------------------------
# Schedulers
# ----------------------------------------------------------------------------------------------

SCHEDULER_CASES = [
    ("StepLR", {"step_size": 7}),
    ("StepLR", {"step_size": 3, "gamma": 0.5}),
    ("MultiStepLR", {"milestones": [5, 12, 30]}),
    ("MultiStepLR", {"milestones": [3, 8, 8, 20], "gamma": 0.7}),
    ("ExponentialLR", {"gamma": 0.9}),
    ("ExponentialLR", {"gamma": 0.97}),
    ("CosineAnnealingLR", {"T_max": 10}),
    ("CosineAnnealingLR", {"T_max": 7, "eta_min": 0.001}),
    ("CosineAnnealingLR", {"T_max": 40, "eta_min": 0.01}),
]

# ReduceLROnPlateau: a loss that falls, stalls, wobbles and falls again.
METRICS = [1.0, 0.8, 0.7, 0.65, 0.65, 0.6499, 0.65, 0.66, 0.64, 0.64,
           0.64, 0.6401, 0.6399, 0.6, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5,
           0.49995, 0.5, 0.51, 0.52, 0.4, 0.3, 0.3, 0.3, 0.3, 0.3,
           0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.2, 0.2, 0.2, 0.2]

PLATEAU_CASES = [
    {},
    {"patience": 2},
    {"patience": 2, "factor": 0.5, "cooldown": 3},
    {"patience": 1, "threshold": 0.01, "threshold_mode": "abs"},
    {"patience": 1, "threshold": 0.05, "threshold_mode": "rel", "min_lr": 0.004},
    {"patience": 1, "factor": 0.3, "min_lr": [0.01, 0.001]},
    {"mode": "max", "patience": 2},
    {"mode": "max", "patience": 1, "threshold": 0.001, "threshold_mode": "abs", "cooldown": 2},
    {"patience": 0, "factor": 0.9, "eps": 0.006},
]


def two_group_sgd():
    a = torch.zeros(2, dtype=torch.float64)
    b = torch.zeros(3, dtype=torch.float64)
    return torch.optim.SGD([{"params": [a]}, {"params": [b], "lr": 0.05}], lr=0.1)


def lrs(opt):
    return [g["lr"] for g in opt.param_groups]


def scheduler_fixtures():
    cases = []
    for name, options in SCHEDULER_CASES:
        opt = two_group_sgd()
        sched = getattr(torch.optim.lr_scheduler, name)(opt, **options)
        seq = [lrs(opt)]
        for _ in range(EPOCHS):
            opt.step()
            sched.step()
            seq.append(lrs(opt))
        cases.append({"id": case_id(name, options), "scheduler": name, "options": options, "lrs": seq})
    for options in PLATEAU_CASES:
        opt = two_group_sgd()
        sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, **options)
        seq = [lrs(opt)]
        for m in METRICS:
            opt.step()
            sched.step(m)
            seq.append(lrs(opt))
        cases.append({"id": case_id("ReduceLROnPlateau", options), "scheduler": "ReduceLROnPlateau", "options": options, "lrs": seq})
    return {
        "generated_by": GENERATED_BY,
        "torch_version": torch.__version__,
        "initial_lrs": [0.1, 0.05],
        "metrics": METRICS,
        "cases": cases,
    }


def check_adam_by_hand():
    """One Adam step written out from the paper's formulas must match torch's; a wrong setup must not write fixtures."""
    x = torch.tensor([1.0], dtype=torch.float64, requires_grad=False)
    opt = torch.optim.Adam([x], lr=0.1, foreach=False)
    x.grad = torch.tensor([2.0], dtype=torch.float64)
    opt.step()
    m = 0.1 * 2.0
    v = 0.001 * 4.0
    expected = 1.0 - 0.1 / (1 - 0.9) * m / (math.sqrt(v) / math.sqrt(1 - 0.999) + 1e-8)
    assert abs(x.item() - expected) < 1e-15, (x.item(), expected)


def main():
    check_adam_by_hand()
    write("optimizers.json", optimizer_fixtures())
    write("schedulers.json", scheduler_fixtures())


if __name__ == "__main__":
    main()
