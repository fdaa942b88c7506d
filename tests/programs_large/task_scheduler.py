# A discrete-time task scheduler: a class hierarchy of tasks with priorities and dependencies,
# a dependency graph checked for cycles, and worker simulation driven by heapq.
import heapq
import random
from abc import ABC, abstractmethod
from collections import defaultdict, deque
from dataclasses import dataclass, field
from enum import IntEnum
from functools import total_ordering


class SchedulerError(Exception):
    """Base of the scheduler's errors."""


class CycleError(SchedulerError):
    def __init__(self, path):
        super().__init__(f"dependency cycle: {' -> '.join(str(t) for t in path)}")
        self.path = path


class UnknownTaskError(SchedulerError, KeyError):
    pass


class Priority(IntEnum):
    LOW = 3
    NORMAL = 2
    HIGH = 1
    CRITICAL = 0


def counted(fn):
    """Decorator: counts calls in a closure, readable through `fn.calls()`."""
    calls = 0

    def wrapper(*args, **kwargs):
        nonlocal calls
        calls += 1
        return fn(*args, **kwargs)

    wrapper.calls = lambda: calls
    wrapper.__name__ = fn.__name__
    return wrapper


@total_ordering
class Task(ABC):
    _next_id = 0

    def __init__(self, name, priority=Priority.NORMAL, deps=()):
        self.tid = Task._next_id
        Task._next_id += 1
        self.name = name
        self.priority = priority
        self.deps = list(deps)
        self._done_at = None

    @classmethod
    def reset_ids(cls):
        cls._next_id = 0

    @abstractmethod
    def duration(self):
        ...

    @property
    def done(self):
        return self._done_at is not None

    @property
    def done_at(self):
        return self._done_at

    @done_at.setter
    def done_at(self, t):
        if t < 0:
            raise ValueError(f"negative completion time {t}")
        self._done_at = t

    def key(self):
        return (self.priority, -self.duration(), self.tid)

    def __eq__(self, other):
        return isinstance(other, Task) and self.tid == other.tid

    def __lt__(self, other):
        return self.key() < other.key()

    def __hash__(self):
        return self.tid

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r}, {self.priority.name}, d={self.duration()})"

    def __str__(self):
        return self.name


class ComputeTask(Task):
    def __init__(self, name, work, **kwargs):
        super().__init__(name, **kwargs)
        self.work = work

    def duration(self):
        return max(1, self.work // 10)


class IOTask(Task):
    LATENCY = 3

    def __init__(self, name, size, **kwargs):
        super().__init__(name, **kwargs)
        self.size = size

    def duration(self):
        return self.LATENCY + self.size // 64


class BatchTask(ComputeTask):
    """A compute task made of parts; costs a little less than the parts run separately."""

    def __init__(self, name, parts, **kwargs):
        super().__init__(name, sum(parts), **kwargs)
        self.parts = tuple(parts)

    def duration(self):
        return max(1, super().duration() - len(self.parts) // 2)


@dataclass(order=True)
class Event:
    time: int
    worker: int
    task: Task = field(compare=False)


class Graph:
    def __init__(self, tasks):
        self.tasks = {t.name: t for t in tasks}
        self.dependents = defaultdict(list)
        for t in tasks:
            for d in t.deps:
                if d not in self.tasks:
                    raise UnknownTaskError(d)
                self.dependents[d].append(t.name)

    @property
    def order(self):
        """The topological order, computed once until the graph changes."""
        if "_order" not in self.__dict__:
            self._order = self.topo_order()
        return self._order

    def add(self, task):
        for d in task.deps:
            if d not in self.tasks:
                raise UnknownTaskError(d)
            self.dependents[d].append(task.name)
        self.tasks[task.name] = task
        if "_order" in self.__dict__:
            del self._order

    def check_acyclic(self):
        WHITE, GREY, BLACK = 0, 1, 2
        colour = dict.fromkeys(self.tasks, WHITE)
        stack = []

        def visit(name):
            colour[name] = GREY
            stack.append(name)
            for d in self.tasks[name].deps:
                if colour[d] == GREY:
                    raise CycleError(stack[stack.index(d):] + [d])
                if colour[d] == WHITE:
                    visit(d)
            stack.pop()
            colour[name] = BLACK

        for name in self.tasks:
            if colour[name] == WHITE:
                visit(name)

    def topo_order(self):
        indegree = {n: len(t.deps) for n, t in self.tasks.items()}
        ready = deque(sorted(n for n, k in indegree.items() if k == 0))
        order = []
        while ready:
            n = ready.popleft()
            order.append(n)
            for m in self.dependents[n]:
                indegree[m] -= 1
                if indegree[m] == 0:
                    ready.append(m)
        return order


class Scheduler:
    def __init__(self, tasks, workers):
        self.graph = Graph(tasks)
        self.graph.check_acyclic()
        self.workers = workers
        self.log = []

    @counted
    def pick(self, ready):
        return heapq.heappop(ready)

    def run(self):
        waiting = {n: len(t.deps) for n, t in self.graph.tasks.items()}
        ready = [t for n, t in self.graph.tasks.items() if waiting[n] == 0]
        heapq.heapify(ready)
        events, idle, now = [], list(range(self.workers)), 0
        busy_time = [0] * self.workers
        while ready or events:
            while ready and idle:
                task = self.pick(ready)
                w = idle.pop(0)
                busy_time[w] += task.duration()
                heapq.heappush(events, Event(now + task.duration(), w, task))
            ev = heapq.heappop(events)
            now = ev.time
            ev.task.done_at = now
            idle.append(ev.worker)
            idle.sort()
            self.log.append((now, ev.worker, ev.task.name))
            for m in self.graph.dependents[ev.task.name]:
                waiting[m] -= 1
                if not waiting[m]:
                    heapq.heappush(ready, self.graph.tasks[m])
        return now, busy_time


def make_tasks(rng, n):
    Task.reset_ids()
    kinds = [
        lambda i, **kw: ComputeTask(f"c{i}", rng.randrange(5, 200), **kw),
        lambda i, **kw: IOTask(f"io{i}", rng.randrange(0, 1024), **kw),
        lambda i, **kw: BatchTask(f"b{i}", [rng.randrange(1, 60) for _ in range(rng.randrange(2, 6))], **kw),
    ]
    tasks = []
    for i in range(n):
        ndeps = min(len(tasks), rng.choice((0, 0, 1, 1, 2, 3)))
        deps = sorted({rng.randrange(len(tasks)) for _ in range(ndeps)}) if tasks else []
        kw = {"priority": rng.choice(list(Priority)), "deps": [tasks[d].name for d in deps]}
        tasks.append(rng.choice(kinds)(i, **kw))
    return tasks


def summarize(tasks, makespan, busy, workers):
    by_kind = defaultdict(list)
    for t in tasks:
        by_kind[type(t).__name__].append(t.duration())
    print(f"  makespan={makespan} utilisation={sum(busy) / (makespan * workers):.3f}")
    for kind in sorted(by_kind):
        ds = by_kind[kind]
        print(f"  {kind:<12} n={len(ds):4d} total={sum(ds):6d} max={max(ds):4d}")
    prios = {p.name: sum(1 for t in tasks if t.priority == p) for p in Priority}
    print("  priorities:", prios)
    late = sorted(tasks, key=lambda t: (-t.done_at, t.tid))[:3]
    print("  last done:", [(t.name, t.done_at) for t in late])


def checksum(log):
    h = 0
    for now, w, name in log:
        for ch in name:
            h = (h * 131 + ord(ch) + now * 7 + w) % 1000000007
    return h


def main():
    rng = random.Random(2024)
    demo = [ComputeTask("fetch", 30, priority=Priority.HIGH),
            IOTask("parse", 300, deps=["fetch"]),
            BatchTask("index", [20, 30, 40], deps=["parse"]),
            ComputeTask("report", 55, priority=Priority.LOW, deps=["index", "parse"])]
    print(demo)
    s = Scheduler(demo, 2)
    print("topological:", s.graph.order)
    s.graph.add(IOTask("archive", 128, deps=["fetch"]))
    print("after adding archive:", s.graph.order)
    print("finished at", s.run()[0], s.log)
    first, *rest = s.log
    print("first:", first, "then", len(rest), "more")

    try:
        Scheduler([ComputeTask("a", 1, deps=["c"]), ComputeTask("b", 1, deps=["a"]),
                   ComputeTask("c", 1, deps=["b"])], 1)
    except CycleError as e:
        print("refused:", e, [str(t) for t in e.path])
    try:
        Scheduler([ComputeTask("a", 1, deps=["ghost"])], 1)
    except KeyError as e:
        print("refused:", type(e).__name__, e, isinstance(e, SchedulerError))
    try:
        demo[0].done_at = -5
    except ValueError as e:
        print("refused:", e)

    for n, workers in ((400, 2), (1500, 4), (3000, 8), (6000, 12)):
        tasks = make_tasks(rng, n)
        sched = Scheduler(tasks, workers)
        order = sched.graph.order
        assert len(order) == n
        makespan, busy = sched.run()
        print(f"{n} tasks on {workers} workers:")
        summarize(tasks, makespan, busy, workers)
        assert all(t.done_at >= max((sched.graph.tasks[d].done_at for d in t.deps), default=0)
                   for t in tasks)
        print("  log checksum", checksum(sched.log), "picks so far", Scheduler.pick.calls())


main()
