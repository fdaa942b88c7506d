# int add loop with boxed objects: values past the small-int cache, stored in a list
import time


def work(n):
    vals = []
    for v in range(1000, 5000, 1000):
        vals.append(v)
    total = 0
    for i in range(n):
        total = total + vals[i & 3] + i
    return total


t0 = time.perf_counter()
r = work(10000000)
t1 = time.perf_counter()
print("result", r)
print("time", t1 - t0)
