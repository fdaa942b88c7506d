# sort of 1M floats (pseudo-random values built before timing)
import time


def make(n):
    x = 12345
    out = []
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        out.append(x / 2147483648.0)
    return out


def work(vals):
    s = sorted(vals)
    vals.sort()
    return s[0] + s[-1] + vals[len(vals) // 2]


vals = make(1000000)
t0 = time.perf_counter()
r = work(vals)
t1 = time.perf_counter()
print("result", r)
print("time", t1 - t0)
