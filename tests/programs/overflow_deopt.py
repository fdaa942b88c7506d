def mul_chain(n):
    x = 1
    for i in range(n):
        x = x * 3
    return x


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def grow(a, b):
    return a * b + a


print(mul_chain(10), mul_chain(39), mul_chain(40), mul_chain(45))
print(grow(3037000499, 3037000499), grow(3037000500, 3037000500))
print(grow(-9223372036854775807, 1))
print(fib(30))
