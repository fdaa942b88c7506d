# Numeric functions in several modules (each may get an unboxed LLVM clone; function ids
# are shared across the program) calling each other through module attributes.
import fastfib
from mathy import series
from mathy.series import fib as series_fib


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print(fib(20), fastfib.fib(20), series_fib(20), series.total(100))
print(fastfib.fib(95), series.harmonic(10))
