# threading, queue and sched compiled over the native _thread (locks, _set_sentinel,
# stack_size; no thread can start under WASI), and sys.excepthook
import _thread
import queue
import sched
import sys
import threading

print(threading.current_thread().name, threading.main_thread() is threading.current_thread())
print(threading.active_count(), threading.get_ident() == _thread.get_ident())
lock = threading.Lock()
with lock:
    print(lock.locked())
print(lock.locked(), lock.acquire(blocking=False), lock.acquire(blocking=False))
rl = threading.RLock()
with rl:
    with rl:
        print('reentrant')
ev = threading.Event()
print(ev.is_set(), ev.wait(0))
ev.set()
print(ev.is_set(), ev.wait(0))
cond = threading.Condition()
with cond:
    print(cond.wait(0))
q = queue.Queue()
for i in range(3):
    q.put(i)
print(q.get(), q.qsize(), q.empty(), q.full())
lq = queue.LifoQueue()
lq.put(1)
lq.put(2)
print(lq.get())
pq = queue.PriorityQueue()
pq.put((2, 'b'))
pq.put((1, 'a'))
print(pq.get())
try:
    queue.Queue().get_nowait()
except queue.Empty:
    print('empty')
s = sched.scheduler()
print(s.empty(), s.queue)
print(_thread.stack_size(), type(_thread._set_sentinel()).__name__)
sys.excepthook(ValueError, ValueError('reported'), None)
print(sys.excepthook is sys.__excepthook__ or sys.excepthook == sys.__excepthook__)
