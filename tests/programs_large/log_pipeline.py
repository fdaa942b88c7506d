# Log processing with chained generators: a seeded log source, parsing with a regex, filters
# and enrichment stages, `yield from` for nested sources, coroutines fed with send(), and
# generators cleaned up by close() and throw().
import itertools
import json
import random
import re
from collections import Counter, defaultdict, deque
from functools import wraps
from operator import itemgetter

LINE_RE = re.compile(r"^(?P<ts>\d+) (?P<level>[A-Z]+) \[(?P<svc>[a-z]+)\] (?P<msg>.*?)(?: took=(?P<ms>\d+)ms)?$")
SERVICES = ["auth", "db", "api", "cache", "queue"]
LEVELS = ["DEBUG", "INFO", "INFO", "INFO", "WARN", "ERROR"]
MESSAGES = ["request served", "cache miss", "retrying", "connection reset", "slow query",
            "user login", "token expired", "queue full"]


class MalformedLine(ValueError):
    def __init__(self, lineno, line):
        super().__init__(f"line {lineno}: cannot parse {line[:30]!r}")
        self.lineno = lineno


def coroutine(fn):
    """Starts a generator-based coroutine so it is ready for send()."""
    @wraps(fn)
    def start(*args, **kwargs):
        gen = fn(*args, **kwargs)
        next(gen)
        return gen
    return start


def log_source(seed, count, start=1_000_000):
    rng = random.Random(seed)
    ts = start
    for i in range(count):
        ts += rng.randrange(1, 50)
        if rng.random() < 0.01:
            yield f"garbage line {i} ###"
            continue
        svc, level, msg = rng.choice(SERVICES), rng.choice(LEVELS), rng.choice(MESSAGES)
        took = f" took={rng.randrange(1, 900)}ms" if rng.random() < 0.6 else ""
        yield f"{ts} {level} [{svc}] {msg}{took}"


def several_sources(*seeds, count):
    """All lines of several sources, one source after the other."""
    for seed in seeds:
        yield from log_source(seed, count, start=seed * 10_000_000)


def parse(lines, errors):
    for lineno, line in enumerate(lines, 1):
        m = LINE_RE.match(line)
        if m is None:
            errors.append(MalformedLine(lineno, line))
            continue
        record = m.groupdict()
        record["ts"] = int(record["ts"])
        record["ms"] = int(record["ms"]) if record["ms"] else None
        yield record


def only(records, **wanted):
    return (r for r in records if all(r[k] in v for k, v in wanted.items()))


def enrich(records):
    seen = Counter()
    for r in records:
        seen[r["svc"]] += 1
        yield {**r, "n": seen[r["svc"]], "slow": (r["ms"] or 0) > 500}


def windowed(records, size):
    """Sliding windows over the records; the last window may be shorter."""
    window = deque(maxlen=size)
    for r in records:
        window.append(r)
        if len(window) == size:
            yield tuple(window)
    if 0 < len(window) < size:
        yield tuple(window)


@coroutine
def running_stats():
    """Receives numbers; answers each send() with (count, mean, max) so far."""
    count, total, biggest = 0, 0, None
    result = None
    while True:
        try:
            value = yield result
        except GeneratorExit:
            print(f"  stats closed after {count} values")
            raise
        except ValueError as e:
            print(f"  stats told about an error: {e}")
            result = None
            continue
        count += 1
        total += value
        biggest = value if biggest is None else max(biggest, value)
        result = (count, round(total / count, 3), biggest)


class Stage:
    """A named pipeline stage used as a context manager: counts what passes through."""
    active = []

    def __init__(self, name):
        self.name = name
        self.passed = 0

    def __enter__(self):
        Stage.active.append(self.name)
        return self

    def __exit__(self, exc_type, exc, tb):
        Stage.active.pop()
        print(f"  stage {self.name}: {self.passed} items{'' if exc is None else f', stopped by {exc!r}'}")
        return exc_type is KeyError

    def watch(self, items):
        for item in items:
            self.passed += 1
            yield item


def take_until(items, predicate):
    it = iter(items)
    try:
        for item in it:
            if predicate(item):
                return item
            yield item
    finally:
        print("  take_until finished")


def main():
    sample = list(itertools.islice(log_source(7, 1000), 3))
    print("\n".join(sample))
    errors = []
    records = list(parse(several_sources(1, 2, 3, count=15000), errors))
    print(f"parsed {len(records)} records, {len(errors)} malformed; first: {errors[0]}")
    print("first record:", json.dumps(records[0], sort_keys=True))

    with Stage("errors") as st:
        bad = list(st.watch(only(records, level={"ERROR", "WARN"}, svc={"db", "api"})))
    by_service = defaultdict(Counter)
    for r in bad:
        by_service[r["svc"]][r["level"]] += 1
    print("warnings/errors:", {svc: dict(sorted(c.items())) for svc, c in sorted(by_service.items())})

    enriched = enrich(records)
    slow = [r for r in enriched if r["slow"]]
    print("slow requests:", len(slow), "per service:",
          sorted(Counter(r["svc"] for r in slow).items(), key=itemgetter(1, 0), reverse=True))

    stats = running_stats()
    for r in records[:2000]:
        if r["ms"] is not None:
            last = stats.send(r["ms"])
    print("  running stats:", last)
    stats.throw(ValueError("bad sample"))
    print("  after error:", stats.send(1000))
    stats.close()

    timings = sorted(r["ms"] for r in records if r["ms"])
    n = len(timings)
    p50, p90, p99 = (timings[int(n * q)] for q in (0.5, 0.9, 0.99))
    print(f"latency n={n} p50={p50} p90={p90} p99={p99} max={timings[-1]}")

    busiest = min(windowed((r for r in records if r["level"] == "ERROR"), 20),
                  key=lambda w: (w[-1]["ts"] - w[0]["ts"], w[0]["ts"]))
    print("densest 20 errors span", busiest[-1]["ts"] - busiest[0]["ts"], "from", busiest[0]["ts"])

    groups = {svc: len(list(g)) for svc, g in itertools.groupby(sorted(r["svc"] for r in records))}
    print("records per service:", groups)
    messages = Counter(r["msg"] for r in records)
    print("top messages:", messages.most_common(3))
    unique_pairs = {(r["svc"], r["level"]) for r in records}
    print("service/level pairs:", len(unique_pairs), sorted(unique_pairs)[:4])

    gen = take_until(records, lambda r: r["ms"] == 899)
    head = [r["ts"] for r in itertools.islice(gen, 5)]
    print("head before the first 899 ms request:", head)
    gen.close()

    with Stage("lookup") as st:
        for r in st.watch(records):
            if r["level"] == "DEBUG" and r["ms"] and r["ms"] > 890:
                raise KeyError(r["ts"])
    print("stages still open:", Stage.active)

    chunks = [sum(1 for r in chunk if r["level"] == "ERROR")
              for chunk in (records[i:i + 10000] for i in range(0, len(records), 10000))]
    print("errors per 10000-record chunk:", chunks, "total", sum(chunks))
    services_at = defaultdict(set)
    for r in records:
        services_at[r["level"]].add(r["svc"])
    very_slow = {r["svc"] for r in slow if r["ms"] > 898 and r["level"] == "DEBUG"}
    print("very slow:", sorted(very_slow), "and erroring:", sorted(services_at["ERROR"] & very_slow),
          "never very slow:", sorted(set(SERVICES) - very_slow),
          "all:", sorted(services_at["DEBUG"] | {"extra"}), very_slow <= set(SERVICES))
    defaults = {"retries": 3, "timeout": 30}
    print(defaults | {"timeout": 5}, {**defaults, "verbose": True}, defaults.get("missing", "-"),
          defaults.setdefault("backoff", 2), sorted(defaults))
    squares = {k: v * v for k, v in zip("abcde", itertools.count(3))}
    evens, odds = [x for x in range(10) if x % 2 == 0], [x for x in range(10) if x % 2]
    print(squares, evens[::-1], odds[1:4], sum(x * y for x, y in zip(evens, odds)))


main()
