# args: 25
# Recursive Fibonacci: the kind of integer code the LLVM numeric core compiles unboxed.
import sys


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


n = int(sys.argv[1]) if len(sys.argv) > 1 else 25
print(f"fib({n}) = {fib(n)}")
