"""Writes log1p-reference.txt: doubles x over the whole domain of log1p, each with ln(1 + x) correctly rounded to
double, from mpmath in 60 significant digits. VectorMathLog1PTests reads the file.

    python3 log1p-reference.py > log1p-reference.txt
"""
import random

import mpmath

mpmath.mp.dps = 60
random.seed(20251123)

points = [5e-324, 1e-310, 2.0**-60, 2.0**-54, 2.0**-53, 2.0**-30, 2.0**-29, 1e-9, 0.5, 1.0, 2.0, 1e300,
          1.7976931348623157e308, 2.0**53, 2.0**54, 2.0**53 + 2, 0.41421356237309503, 3.0, 7.0, 1023.0]
points += [-p for p in points if p < 1] + [-1 + 2.0**-53, -0.75, -0.5, -0.29289321881345254]
while len(points) < 2000:
    kind = random.randrange(6)
    if kind == 0:  # every magnitude below 1, both signs
        x = 10 ** random.uniform(-320, 0) * random.choice([1, -1])
    elif kind == 1:  # every magnitude above 1e-20
        x = 10 ** random.uniform(-20, 308)
    elif kind == 2:  # just above -1
        x = -1 + 10 ** random.uniform(-16, 0)
    elif kind == 3:  # where 1 + x is rounded and ln(1 + x) is close to x
        x = random.choice([1, -1]) * 2 ** random.uniform(-53, -10)
    elif kind == 4:
        x = random.uniform(-0.5, 1.5)
    else:  # next to 2^k - 1, where the reduction of 1 + x changes binade
        x = 2.0 ** random.randint(-3, 60) - 1 + random.uniform(-1, 1) * 2.0 ** random.randint(-60, 0)
    if x > -1:
        points.append(x)

for x in points:
    print(repr(x), repr(float(mpmath.log1p(mpmath.mpf(x)))))
