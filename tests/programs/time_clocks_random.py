"""Clocks and randomness as a host provides them (WASI clock_time_get, poll_oneoff, random_get):
only facts that hold on every run are printed."""
import os
import random
import time

t0, m0, p0 = time.time(), time.monotonic(), time.perf_counter()
n0 = time.monotonic_ns()
time.sleep(0.05)
slept = time.monotonic() - m0
print("sleep waited", slept >= 0.05, slept < 10)
print("perf_counter", time.perf_counter() - p0 >= 0.05, "ns clock", time.monotonic_ns() - n0 >= 50_000_000)
print("wall clock after 2023:", t0 > 1.7e9, time.time() >= t0, abs(time.time_ns() / 1e9 - time.time()) < 1)
print("process_time", time.process_time() >= 0, type(time.process_time_ns()).__name__)
print(time.gmtime(0))
print(time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(1_000_000_000)))

print("urandom", len(os.urandom(16)), len({os.urandom(8) for _ in range(20)}))
x = random.random()
print("random in [0, 1)", 0 <= x < 1, len({random.random() for _ in range(50)}))
print("SystemRandom", len({random.SystemRandom().getrandbits(64) for _ in range(10)}))
random.seed(2024)
print("seeded", random.random(), random.randint(1, 10**9), random.sample(range(100), 4))
