# str concatenation (+=) and join
import time


def work(n):
    s = ""
    for i in range(n):
        s += "ab"
    parts = []
    for i in range(n):
        parts.append(str(i))
    j = ",".join(parts)
    return len(s) + len(j)


t0 = time.perf_counter()
r = work(1000000)
t1 = time.perf_counter()
print("result", r)
print("time", t1 - t0)
