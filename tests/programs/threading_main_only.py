# threading without starting a thread: the main thread, locks, events, thread-locals,
# conditions and semaphores work under every version (3.12's _thread.daemon_threads_allowed,
# 3.13's thread handles: threading.Lock is the _thread.lock type, the main thread's handle).
import threading

t = threading.current_thread()
print(t.name, t is threading.main_thread(), t.daemon, t.is_alive(), threading.active_count())
print(threading.get_ident() == t.ident, isinstance(t.ident, int), len(threading.enumerate()),
      threading.get_native_id() > 0, threading.TIMEOUT_MAX > 0)
try:
    t.join()
except RuntimeError as e:
    print("RuntimeError", e)

lock = threading.Lock()
print(type(lock).__name__, lock.acquire(), lock.locked(), lock.acquire(False), lock.acquire(timeout=0))
lock.release()
print(lock.locked())
with lock:
    print("in", lock.locked())
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError", e)

r = threading.RLock()
with r:
    with r:
        print("rlock nested", r.acquire(blocking=False))
        r.release()
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError", e)

ev = threading.Event()
print(ev.is_set(), ev.wait(0))
ev.set()
print(ev.is_set(), ev.wait(), ev.wait(0.01))
ev.clear()
print(ev.is_set())

loc = threading.local()
loc.x = 5
print(loc.x, getattr(loc, "y", None))


class L(threading.local):
    def __init__(self, v):
        self.v = v


print(L(3).v)

c = threading.Condition()
with c:
    print(c.wait(0), c.notify_all(), c.wait_for(lambda: 7, timeout=0))

s = threading.Semaphore(2)
print(s.acquire(), s.acquire(), s.acquire(blocking=False))
s.release(2)
b = threading.BoundedSemaphore(1)
b.acquire()
b.release()
try:
    b.release()
except ValueError as e:
    print("ValueError", e)

th = threading.Thread(target=print, args=("never",), name="worker", daemon=True)
print(th.name, th.is_alive(), th.ident, th.daemon, repr(th))
try:
    th.join()
except RuntimeError as e:
    print("RuntimeError", e)
bar = threading.Barrier(1)
print(bar.parties, bar.n_waiting, bar.broken, bar.wait())


# threading.excepthook's default (_thread._excepthook): the thread's name and the traceback
# on stderr; SystemExit silent; anything but ExceptHookArgs refused
def fail():
    raise ValueError("boom")


try:
    fail()
except ValueError as e:
    hook_args = threading.ExceptHookArgs((type(e), e, e.__traceback__, threading.current_thread()))
    print(hook_args.exc_type.__name__, hook_args.thread.name, len(hook_args))
    threading.excepthook(hook_args)
threading.excepthook(threading.ExceptHookArgs((SystemExit, SystemExit(3), None, th)))
try:
    threading.excepthook((ValueError, None, None, None))
except TypeError as e:
    print("TypeError", e)
print("end")
