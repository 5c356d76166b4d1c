#!/usr/bin/env python3
"""Paired, interleaved timing of two commands: A B B A A B … so that a
change in the machine's load (other users compiling) hits both alike.
Prints each command's median and min wall time and the median and
quartiles of the per-pair ratio A/B. Whole-process wall time, like
hyperfine, but without its shell (the commands are exec'd directly).

Usage: paired.py PAIRS NAME_A NAME_B -- CMD_A... -- CMD_B...
"""
import statistics
import subprocess
import sys
import time


def run(cmd):
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main():
    pairs, name_a, name_b = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    rest = sys.argv[4:]
    assert rest[0] == "--"
    i = rest.index("--", 1)
    cmd_a, cmd_b = rest[1:i], rest[i + 1 :]
    for _ in range(3):  # warm-up
        run(cmd_a), run(cmd_b)
    ta, tb = [], []
    for k in range(pairs):
        if k % 2 == 0:
            a = run(cmd_a); b = run(cmd_b)
        else:
            b = run(cmd_b); a = run(cmd_a)
        ta.append(a); tb.append(b)
    ratios = sorted(a / b for a, b in zip(ta, tb))
    q = statistics.quantiles(ratios, n=4)
    ms = lambda xs: f"median {statistics.median(xs)*1e3:6.1f} ms, mean {statistics.mean(xs)*1e3:6.1f} ± {statistics.stdev(xs)*1e3:4.1f} ms, min {min(xs)*1e3:6.1f} ms"
    print(f"{name_a:<34} {ms(ta)}")
    print(f"{name_b:<34} {ms(tb)}")
    print(f"ratio {name_a} / {name_b} over {pairs} pairs: median {statistics.median(ratios):.3f}"
          f" (quartiles {q[0]:.3f} … {q[2]:.3f}); ratio of mins {min(ta)/min(tb):.3f}")


if __name__ == "__main__":
    main()
