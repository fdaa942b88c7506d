# dict insert + lookup of 1M str keys (keys built before timing)
import time


def make_keys(n):
    return ["k" + str(i) for i in range(n)]


def work(keys):
    d = {}
    for i in range(len(keys)):
        d[keys[i]] = i
    total = 0
    for k in keys:
        total += d[k]
    return total


keys = make_keys(1000000)
t0 = time.perf_counter()
r = work(keys)
t1 = time.perf_counter()
print("result", r)
print("time", t1 - t0)
