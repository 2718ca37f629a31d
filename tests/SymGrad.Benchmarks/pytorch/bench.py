#!/usr/bin/python3
"""Times the SymGrad performance workloads W1, W2, W4 and W5 in PyTorch, on one thread.

Run with Debian's python3 and python3-torch (apt-get install -y python3-torch):

    /usr/bin/python3 tests/SymGrad.Benchmarks/pytorch/bench.py

Same shapes, value ranges and dtypes as the BenchmarkDotNet suite. Each workload is timed two ways:
'kernels' calls the ATen forward and backward kernels directly (preallocated outputs where ATen has
an out= form), which is the least PyTorch can do for the job; 'autograd' is what a PyTorch user
writes (requires_grad, forward, backward). Every number is the median of 7 repeats of a loop long
enough to take at least 0.2 s, after warm-up.
"""
import statistics
import time

import torch
import torch.nn.functional as F

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


def main():
    torch.manual_seed(0)
    capability = next((line.split(":", 1)[1].strip() for line in torch.__config__.show().splitlines()
                       if "CPU capability" in line), "unknown")
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread, CPU capability {capability}")
    rows = w1() + w2() + w4() + w5()
    width = max(len(r[1]) for r in rows)
    print(f"{'workload':<8}  {'variant':<{width}}  {'time':>10}  unit")
    for workload, variant, value, unit in rows:
        print(f"{workload:<8}  {variant:<{width}}  {value:>10.3f}  {unit}")


if __name__ == "__main__":
    main()
