# Builds and drops reference cycles in a loop; the count comes from argv (default 1M).
# Loop bodies make no Python calls (the collector must still run), and every 1000th
# iteration goes through a function.
import sys


def make_cycle(i):
    d = {"i": i}
    d["self"] = d
    return len(d)


def main(n):
    total = 0
    for i in range(n):
        a = [i]
        b = [a, "x"]
        a.append(b)
        t = ([], i)
        t[0].append(t)
        if i % 1000 == 0:
            total += make_cycle(i)
    return total


n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
print(main(n))
