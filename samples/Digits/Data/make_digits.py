"""Writes digits.csv from scikit-learn's copy of the UCI digits (see README.md).

Run with a Python that has scikit-learn (Debian: apt-get install python3-sklearn):
    python3 make_digits.py
"""
from sklearn.datasets import load_digits

digits = load_digits()
with open("digits.csv", "w", newline="\n") as f:
    f.write(",".join(f"p{i}" for i in range(64)) + ",label\n")
    for pixels, label in zip(digits.data, digits.target):
        f.write(",".join(str(int(v)) for v in pixels) + f",{int(label)}\n")
