import math
from math import sqrt, pi
print(sqrt(16), pi, math.floor(-2.5), math.ceil(2.1), math.factorial(20), math.gcd(12, 18), math.isqrt(99))
print(math.log(100, 10), math.log2(8), math.exp(1), math.sin(0), math.hypot(3, 4), math.inf, math.isnan(math.nan))
print(math.comb(10, 3), math.perm(5, 2), math.prod([1, 2, 3, 4]), math.fsum([0.1] * 10), sum([0.1] * 10))
try:
    math.sqrt(-1)
except ValueError as e:
    print(e)
