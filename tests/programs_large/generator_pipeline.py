# Generator pipelines: a chain of generator stages (source, map, filter, window, batch),
# generator expressions feeding sum/max, yield from, and a send()-driven running average.


def numbers(n):
    x = 17
    for _ in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        yield x


def scaled(it, k):
    for v in it:
        yield v % k


def evens(it):
    for v in it:
        if v % 2 == 0:
            yield v


def windows(it, size):
    buf = []
    for v in it:
        buf.append(v)
        if len(buf) == size:
            yield tuple(buf)
            del buf[0]


def batched(it, n):
    batch = []
    for v in it:
        batch.append(v)
        if len(batch) == n:
            yield batch
            batch = []
    if batch:
        yield batch


def flatten(batches):
    for b in batches:
        yield from b


def averager():
    total = 0.0
    count = 0
    avg = None
    while True:
        v = yield avg
        total += v
        count += 1
        avg = total / count


src = scaled(numbers(200000), 1000)
total = 0
peak = 0
for w in windows(evens(src), 3):
    s = w[0] + w[1] + w[2]
    total += s
    if s > peak:
        peak = s
print(total, peak)
print(sum(len(b) for b in batched(numbers(50000), 7)), max(flatten(batched(scaled(numbers(50000), 97), 5))))
print(sum(x * x for x in range(100000) if x % 3), sum(1 for v in numbers(30000) if v & 1))
avg = averager()
next(avg)
last = None
for v in scaled(numbers(40000), 100):
    last = avg.send(v)
print(f"{last:.6f}")
