#!/usr/bin/python3
"""Derives the coefficients of SpecialFunctions.Erf and writes its reference table (needs mpmath).

    python3 tests/SymGrad.Runtime.Tests/Data/erf.py coefficients   # C# tables, pasted into SpecialFunctions.cs
    python3 tests/SymGrad.Runtime.Tests/Data/erf.py reference      # writes erf-reference.txt (x, erf(x), erf'(x)) next to this file

Erf is computed in two ways:
- |x| < 0.75: the Maclaurin series erf(x) = x · Σ cₙ (x²)ⁿ, cₙ = 2/√π · (−1)ⁿ / (n! (2n + 1)),
  truncated where the next term is below 2⁻⁶⁰ of the sum;
- 0.75 ≤ |x| < 6: erf(x) = 1 − e^(−x²) · erfcx(x), where erfcx(x) = e^(x²) erfc(x) is smooth and
  slowly varying; on each interval [c − ½, c + ½], c = 1.25, 2.25, …, 6.25, erfcx(c + u) is the
  Chebyshev interpolant of degree 16 in u, written in powers of u (relative error below 1e-17);
- |x| ≥ 6: erfc(x) < 2⁻⁵⁴, so erf(x) rounds to ±1.
"""
import os
import random
import struct
import sys

import mpmath as mp

mp.mp.dps = 60
HERE = os.path.dirname(os.path.abspath(__file__))

TAYLOR_TERMS = 16
DEGREE = 16
CENTERS = [1.25, 2.25, 3.25, 4.25, 5.25, 6.25]


def erfcx(x):
    return mp.exp(x * x) * mp.erfc(x)


def coefficients():
    taylor = [2 / mp.sqrt(mp.pi) * (-1) ** n / (mp.factorial(n) * (2 * n + 1)) for n in range(TAYLOR_TERMS)]
    last = mp.mpf(0.75) ** (2 * TAYLOR_TERMS) * abs(taylor[-1]) / (TAYLOR_TERMS + 1)
    assert last < mp.mpf(2) ** -60, last
    print("Taylor (c0 … c%d):" % (TAYLOR_TERMS - 1))
    print(",\n".join("        %s" % repr(float(c)) for c in taylor))
    print("erfcx (per interval, u⁰ … u¹⁶):")
    worst = 0
    for c in CENTERS:
        poly, err = mp.chebyfit(lambda u: erfcx(u + c), [-0.5, 0.5], DEGREE + 1, error=True)
        worst = max(worst, err / erfcx(c + 0.5))
        print("        " + ", ".join(repr(float(p)) for p in reversed(poly)) + ",")
    print("worst relative error of the interpolants: %s" % mp.nstr(worst, 3))


def reference():
    rng = random.Random(20261123)
    xs = {0.0, 5e-324, 2.2250738585072014e-308, 1e-300, 1e-20, 1e-8, 6.0, 5.921587195794507, 26.0, 1e300}
    for edge in [0.75, 1.75, 2.75, 3.75, 4.75, 5.75, 6.0]:
        xs.update([edge, mp.mpf(edge) - mp.mpf(2) ** -50, mp.mpf(edge) + mp.mpf(2) ** -50])
    xs.update(rng.uniform(0, 1) for _ in range(50))
    xs.update(rng.uniform(0, 6.5) for _ in range(300))
    xs.update(10 ** rng.uniform(-12, 0) for _ in range(50))
    values = {float(x) for x in xs}
    # Each value rounded to float too, so the table also checks Erf(float).
    values = sorted(values | {struct.unpack("f", struct.pack("f", x))[0] for x in values if abs(x) < 3e38})
    values = values + [-v for v in values if v > 0]
    path = os.path.join(HERE, "erf-reference.txt")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# x erf(x) erf'(x): x exactly as a double; erf(x) and erf'(x) = 2/sqrt(pi) exp(-x^2) correctly rounded to double\n")
        f.write("# (mpmath, 60 digits); written by erf.py\n")
        for x in values:
            m = mp.mpf(x)
            f.write("%r %r %r\n" % (x, float(mp.erf(m)), float(2 / mp.sqrt(mp.pi) * mp.exp(-m * m))))
    print("%d values -> %s" % (len(values), path))


if __name__ == "__main__":
    {"coefficients": coefficients, "reference": reference}[sys.argv[1]]()
