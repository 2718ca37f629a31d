#!/usr/bin/python3
"""Writes the PyTorch reference run of the Himmelblau sample (SPEC §7): ../Fixtures/himmelblau.json.

Run with Debian's python3 and python3-torch (apt-get install -y python3-torch), from anywhere:

    /usr/bin/python3 tests/SymGrad.Runtime.Tests/pytorch/make_training_fixtures.py

It minimizes Himmelblau's function f(x, y) = (x² + y − 11)² + (x + y² − 7)² with torch.optim.Adam
(lr 1e-3, PyTorch's other defaults) for 20 000 steps from [-4, 0], in float64, the gradient from
autograd, and records the point after every 1000th step and the final point and value.

The output is deterministic (no randomness, floats written with repr(), fixed key order), so a rerun
with the same torch build reproduces the file byte for byte. Non-finite numbers would be the strings
"NaN", "Infinity", "-Infinity"; none occurs, and the writer refuses them (allow_nan=False).
"""
import json
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(os.path.dirname(HERE), "Fixtures", "himmelblau.json")
GENERATED_BY = "tests/SymGrad.Runtime.Tests/pytorch/make_training_fixtures.py"

START = [-4.0, 0.0]
LR = 1e-3
STEPS = 20000
EVERY = 1000


def himmelblau(p):
    x, y = p[0], p[1]
    return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2


def run():
    p = torch.tensor(START, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.Adam([p], lr=LR)
    checkpoints = []
    for step in range(1, STEPS + 1):
        optimizer.zero_grad()
        himmelblau(p).backward()
        optimizer.step()
        if step % EVERY == 0:
            checkpoints.append({"step": step, "point": [float(v) for v in p.detach()]})
    with torch.no_grad():
        value = float(himmelblau(p))
    return {"point": [float(v) for v in p.detach()], "value": value, "checkpoints": checkpoints}


def main():
    torch.set_num_threads(1)
    final = run()
    fixture = {
        "generated_by": GENERATED_BY,
        "torch_version": torch.__version__,
        "function": "himmelblau",
        "dtype": "float64",
        "optimizer": "Adam",
        "lr": LR,
        "start": START,
        "steps": STEPS,
        "every": EVERY,
        "checkpoints": final["checkpoints"],
        "final_point": final["point"],
        "final_value": final["value"],
    }
    with open(FIXTURE, "w", encoding="utf-8") as f:
        json.dump(fixture, f, indent=1, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
