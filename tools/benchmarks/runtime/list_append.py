# list append of 10M items
import time


def work(n):
    l = []
    for i in range(n):
        l.append(i)
    return len(l)


t0 = time.perf_counter()
r = work(10000000)
t1 = time.perf_counter()
print("result", r)
print("time", t1 - t0)
