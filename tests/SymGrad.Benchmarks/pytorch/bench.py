#!/usr/bin/python3
"""Times the SymGrad performance workloads W1 to W5 in PyTorch, on one thread.

Needs Debian's python3 and python3-torch (1.13), and for the OpenBLAS runs libopenblas0-serial:

    apt-get install -y python3-torch libopenblas0-serial

Debian's torch calls whatever BLAS the libblas.so.3 alternative points to, so which one ran depends on the
machine: the reference BLAS of libblas3 while it is alone, OpenBLAS once an OpenBLAS package is installed
(its alternative has the higher priority). Pick one for a run with LD_LIBRARY_PATH, which changes nothing
on the system, from the repository root:

    # reference BLAS (netlib, libblas3)
    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/blas:/usr/lib/x86_64-linux-gnu/lapack \
        /usr/bin/python3 tests/SymGrad.Benchmarks/pytorch/bench.py
    # OpenBLAS, single-threaded build (libopenblas0-serial)
    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-serial \
        /usr/bin/python3 tests/SymGrad.Benchmarks/pytorch/bench.py

Name workloads to run only those (bench.py W3, bench.py W1 W2); without names all run. The header line
says which BLAS this process really used: the file defining the sgemm_ that torch's libblas.so.3 resolves
to, after a matmul, and OpenBLAS's build string and thread count when it is OpenBLAS. Only W3's matrix
products go through BLAS; W1, W2, W4 and W5 do not, so they should not move with it.

Same shapes, value ranges and dtypes as the BenchmarkDotNet suite. Each workload is timed two ways:
'kernels' calls the ATen forward and backward kernels directly (preallocated outputs where ATen has
an out= form), which is the least PyTorch can do for the job; 'autograd' is what a PyTorch user
writes (requires_grad, forward, backward). Every number is the median of 7 repeats of a loop long
enough to take at least 0.2 s, after warm-up (W4: median of 3 whole runs).

W3 is one training step of a small MLP with plain SGD (lr 0.05, no momentum), float32, softmax
cross-entropy (mean) on labels drawn uniformly from the classes, images uniform in [0, 1), seed 0:
small 64-32-10 with tanh, batch 32; large 784-128-10 with relu, batch 64. 'autograd' is
nn.Sequential(nn.Linear, nn.Tanh/nn.ReLU, nn.Linear) with torch.optim.SGD, a step being
optimizer.zero_grad(); F.cross_entropy(model(x), y).backward(); optimizer.step() (in 1.13 zero_grad
zeroes the gradients in place rather than setting them to None). 'kernels' is the same step by hand
under no_grad, with nn.Linear's weight layout: addmm forward, W2's softmax and NLL kernels, mm and sum
backward into preallocated gradients, add_ updates. Before timing, both take one step from the same
parameters and must agree, and the loss must go down.
"""
import ctypes
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

torch.set_num_threads(1)
aten = torch.ops.aten

N = 1 << 20          # W1 elements
BATCH = 256          # W2 batch
REPEATS = 7
MIN_SECONDS = 0.2


def seconds_per_call(fn):
    """Median seconds per call of fn()."""
    for _ in range(3):
        fn()
    loops = 1
    while True:
        start = time.perf_counter()
        for _ in range(loops):
            fn()
        if time.perf_counter() - start >= MIN_SECONDS:
            break
        loops *= 2
    samples = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        for _ in range(loops):
            fn()
        samples.append((time.perf_counter() - start) / loops)
    return statistics.median(samples)


def uniform(shape, low, high, dtype=torch.float32):
    return torch.empty(shape, dtype=dtype).uniform_(low, high)


def w1():
    """y = f(x) and dx = g·f'(x) over 2^20 floats; ns per element."""
    x = uniform(N, -8, 8)
    g = uniform(N, -1, 1)
    y = torch.empty_like(x)
    dx = torch.empty_like(x)

    def kernels_sigmoid():
        torch.sigmoid(x, out=y)
        aten.sigmoid_backward.grad_input(g, y, grad_input=dx)

    def kernels_tanh():
        torch.tanh(x, out=y)
        aten.tanh_backward.grad_input(g, y, grad_input=dx)

    def kernels_softplus():
        torch._C._nn.softplus(x, 1, 20, out=y)
        aten.softplus_backward.grad_input(g, x, 1, 20, grad_input=dx)

    leaf = x.clone().requires_grad_()

    def autograd(f):
        def run():
            f(leaf).backward(g)
            leaf.grad = None
        return run

    rows = []
    for name, kernels, f in (("sigmoid", kernels_sigmoid, torch.sigmoid),
                             ("tanh", kernels_tanh, torch.tanh),
                             ("softplus", kernels_softplus, F.softplus)):
        rows.append(("W1", f"{name}, kernels", seconds_per_call(kernels) * 1e9 / N, "ns/element"))
        rows.append(("W1", f"{name}, autograd", seconds_per_call(autograd(f)) * 1e9 / N, "ns/element"))
    return rows


def w2():
    """Softmax cross-entropy loss and dlogits, batch 256, integer targets, mean; µs per call."""
    rows = []
    for classes in (10, 1000):
        logits = uniform((BATCH, classes), -5, 5)
        targets = torch.randint(0, classes, (BATCH,))
        one = torch.ones(())

        def kernels():
            log_probs = torch._log_softmax(logits, 1, False)
            loss, total_weight = aten.nll_loss_forward(log_probs, targets, None, 1, -100)
            grad_log_probs = aten.nll_loss_backward(one, log_probs, targets, None, 1, -100, total_weight)
            return loss, aten._log_softmax_backward_data(grad_log_probs, log_probs, 1, torch.float32)

        leaf = logits.clone().requires_grad_()

        def autograd():
            F.cross_entropy(leaf, targets).backward()
            leaf.grad = None

        rows.append(("W2", f"{classes} classes, kernels", seconds_per_call(kernels) * 1e6, "µs/call"))
        rows.append(("W2", f"{classes} classes, autograd", seconds_per_call(autograd) * 1e6, "µs/call"))
    return rows


def w3():
    """One MLP training step with plain SGD (lr 0.05), float32, softmax cross-entropy (mean); µs per step.

    small: 64-32-10, tanh, batch 32; large: 784-128-10, relu, batch 64. 'autograd' is what a PyTorch
    user writes: nn.Sequential(Linear, Tanh/ReLU, Linear), torch.optim.SGD, and per step zero_grad,
    F.cross_entropy, backward, step. 'kernels' is the same step by hand under no_grad: addmm forward,
    the ATen softmax/NLL kernels of W2, mm/sum backward into preallocated gradients, add_ updates.
    """
    lr = 0.05
    rows = []
    for name, inputs, hidden, classes, batch, activation in (
            ("64-32-10 tanh, batch 32", 64, 32, 10, 32, nn.Tanh),
            ("784-128-10 relu, batch 64", 784, 128, 10, 64, nn.ReLU)):
        torch.manual_seed(0)
        x = torch.rand(batch, inputs)                       # images, uniform [0, 1)
        y = torch.randint(0, classes, (batch,))             # labels
        model = nn.Sequential(nn.Linear(inputs, hidden), activation(), nn.Linear(hidden, classes))
        optimizer = torch.optim.SGD(model.parameters(), lr=lr)

        def autograd():
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            optimizer.step()

        # The same step by hand, on a copy of the parameters; every intermediate preallocated.
        w1, b1, w2, b2 = (p.detach().clone() for p in model.parameters())
        gw1, gb1, gw2, gb2 = (torch.empty_like(p) for p in (w1, b1, w2, b2))
        z1 = torch.empty(batch, hidden)
        h = torch.empty(batch, hidden)
        dh = torch.empty(batch, hidden)
        dz1 = torch.empty(batch, hidden)
        logits = torch.empty(batch, classes)
        log_probs = torch.empty(batch, classes)
        dlog_probs = torch.empty(batch, classes)
        dlogits = torch.empty(batch, classes)
        loss, total_weight = torch.empty(()), torch.empty(())
        one = torch.ones(())
        tanh = activation is nn.Tanh

        @torch.no_grad()
        def kernels():
            torch.addmm(b1, x, w1.t(), out=z1)
            if tanh:
                torch.tanh(z1, out=h)
            else:
                torch.clamp_min(z1, 0, out=h)
            torch.addmm(b2, h, w2.t(), out=logits)
            aten._log_softmax.out(logits, 1, False, out=log_probs)
            aten.nll_loss_forward.output(log_probs, y, None, 1, -100, output=loss, total_weight=total_weight)
            aten.nll_loss_backward.grad_input(one, log_probs, y, None, 1, -100, total_weight, grad_input=dlog_probs)
            aten._log_softmax_backward_data.out(dlog_probs, log_probs, 1, torch.float32, out=dlogits)
            torch.mm(dlogits.t(), h, out=gw2)
            torch.sum(dlogits, 0, out=gb2)
            torch.mm(dlogits, w2, out=dh)
            if tanh:
                aten.tanh_backward.grad_input(dh, h, grad_input=dz1)
            else:
                aten.threshold_backward.grad_input(dh, h, 0, grad_input=dz1)
            torch.mm(dz1.t(), x, out=gw1)
            torch.sum(dz1, 0, out=gb1)
            for p, g in ((w1, gw1), (b1, gb1), (w2, gw2), (b2, gb2)):
                p.add_(g, alpha=-lr)

        # Both ways take the same step from the same parameters, and the loss goes down.
        before = F.cross_entropy(model(x), y).item()
        autograd()
        kernels()
        assert abs(loss.item() - before) < 1e-5, (loss.item(), before)
        for p, q in zip(model.parameters(), (w1, b1, w2, b2)):
            assert torch.allclose(p.detach(), q, rtol=1e-5, atol=1e-6), name
        assert F.cross_entropy(model(x), y).item() < before

        rows.append(("W3", f"{name}, kernels", seconds_per_call(kernels) * 1e6, "µs/step"))
        rows.append(("W3", f"{name}, autograd", seconds_per_call(autograd) * 1e6, "µs/step"))
    return rows


def w5():
    """Gradient of f(x, y) = sigmoid(x·y) + tanh(x)·y at one point, float64; ns per call."""
    x = torch.tensor(0.7, dtype=torch.float64, requires_grad=True)
    y = torch.tensor(-1.3, dtype=torch.float64, requires_grad=True)

    def f(a, b):
        return torch.sigmoid(a * b) + torch.tanh(a) * b

    def gradient():
        return torch.autograd.grad(f(x, y), (x, y))

    xs, ys = x.detach(), y.detach()

    def value_only():
        return f(xs, ys)

    return [("W5", "gradient, autograd", seconds_per_call(gradient) * 1e9, "ns/call"),
            ("W5", "f alone, no grad", seconds_per_call(value_only) * 1e9, "ns/call")]


def w4():
    """Himmelblau with torch.optim.Adam (lr 1e-3), 20 000 steps from (-4, 0), float64 and float32; ms per run."""
    rows = []
    for dtype, name in ((torch.float64, "float64"), (torch.float32, "float32")):
        def run():
            p = torch.tensor([-4.0, 0.0], dtype=dtype, requires_grad=True)
            optimizer = torch.optim.Adam([p], lr=1e-3)
            for _ in range(20_000):
                optimizer.zero_grad()
                x, y = p[0], p[1]
                loss = (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2
                loss.backward()
                optimizer.step()
            return p

        end = run()
        assert abs(end[0].item() + 3.779310) < 1e-3 and abs(end[1].item() + 3.283186) < 1e-3, end
        samples = []
        for _ in range(3):
            start = time.perf_counter()
            run()
            samples.append(time.perf_counter() - start)
        rows.append(("W4", f"{name}, Adam 20 000 steps", statistics.median(samples) * 1e3, "ms/run"))
    return rows


class _DlInfo(ctypes.Structure):
    _fields_ = [("dli_fname", ctypes.c_char_p), ("dli_fbase", ctypes.c_void_p),
                ("dli_sname", ctypes.c_char_p), ("dli_saddr", ctypes.c_void_p)]


def blas_in_use():
    """Which BLAS this process really uses: the file that defines the sgemm_ torch's libblas.so.3 resolves to,
    as read after a matmul, with OpenBLAS's own build string when that is the one."""
    a = torch.ones(8, 8)
    a @ a
    mapped = {line.split()[-1] for line in open("/proc/self/maps")
              if "blas" in line.rsplit("/", 1)[-1] or "lapack" in line.rsplit("/", 1)[-1]}
    libc = ctypes.CDLL("libc.so.6")
    info = _DlInfo()
    sgemm = ctypes.cast(ctypes.CDLL("libblas.so.3").sgemm_, ctypes.c_void_p)
    found = libc.dladdr(sgemm, ctypes.byref(info))
    where = os.path.realpath(info.dli_fname.decode()) if found else "unknown"
    text = f"BLAS: sgemm_ from {where}"
    if any("libopenblas" in path for path in mapped):
        openblas = ctypes.CDLL("libopenblas.so.0")
        openblas.openblas_get_config.restype = ctypes.c_char_p
        text += (f" ({openblas.openblas_get_config().decode().strip()},"
                 f" {openblas.openblas_get_num_threads()} thread)")
    return text


WORKLOADS = {"W1": w1, "W2": w2, "W3": w3, "W4": w4, "W5": w5}


def main():
    chosen = [name.upper() for name in sys.argv[1:]] or list(WORKLOADS)
    unknown = [name for name in chosen if name not in WORKLOADS]
    if unknown:
        sys.exit(f"unknown workload {', '.join(unknown)}; choose from {', '.join(WORKLOADS)}")
    torch.manual_seed(0)
    capability = next((line.split(":", 1)[1].strip() for line in torch.__config__.show().splitlines()
                       if "CPU capability" in line), "unknown")
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread, CPU capability {capability}, "
          f"{blas_in_use()}")
    rows = [row for name in WORKLOADS if name in chosen for row in WORKLOADS[name]()]
    width = max(len(r[1]) for r in rows)
    print(f"{'workload':<8}  {'variant':<{width}}  {'time':>10}  unit")
    for workload, variant, value, unit in rows:
        print(f"{workload:<8}  {variant:<{width}}  {value:>10.3f}  {unit}")


if __name__ == "__main__":
    main()
