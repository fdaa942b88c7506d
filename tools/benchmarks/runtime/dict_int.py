# dict insert + lookup of 1M int keys
import time


def work(n):
    d = {}
    for i in range(n):
        d[i * 7] = i
    total = 0
    for i in range(n):
        total += d[i * 7]
    return total


t0 = time.perf_counter()
r = work(1000000)
t1 = time.perf_counter()
print("result", r)
print("time", t1 - t0)
