# Recursive Fibonacci: the kind of integer code the LLVM numeric core compiles unboxed.


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


for n in (10, 20, 25):
    print(f"fib({n}) = {fib(n)}")
