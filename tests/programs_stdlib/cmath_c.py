import cmath

def r(z):
    if isinstance(z, complex):
        return complex(round(z.real, 11), round(z.imag, 11))
    if isinstance(z, float):
        return round(z, 11)
    if isinstance(z, tuple):
        return tuple(r(x) for x in z)
    return z

points = [complex(0.5, 0.25), complex(-1.5, 2), complex(3, -4), complex(0, 1), complex(-0.3, -0.7), complex(1, 0),
          complex(2, 0), complex(-2, 0), complex(0.9, 0.1), complex(1e-310, 1e-310), complex(1e300, 1e300), complex(0, 0)]
funcs = ["sqrt", "exp", "log", "log10", "asin", "acos", "atan", "asinh", "acosh", "atanh", "sin", "cos", "tan",
         "sinh", "cosh", "tanh", "phase", "polar", "isfinite", "isinf", "isnan"]
for name in funcs:
    f = getattr(cmath, name)
    out = []
    for z in points:
        try:
            out.append(r(f(z)))
        except Exception as e:
            out.append(type(e).__name__ + ": " + str(e))
    print(name, out)
for args in [(2, 0.5), (1, cmath.pi), (0, 1), (3, 0)]:
    print("rect", args, r(cmath.rect(*args)))
print(r(cmath.log(complex(8, 0), 2)), r(cmath.log(100, 10)), r(cmath.sqrt(-4)), r(cmath.exp(1)), r(cmath.phase(-1)))
for f in [lambda: cmath.sqrt("x"), lambda: cmath.log(0), lambda: cmath.atanh(1), lambda: cmath.exp(complex(1000, 1)),
          lambda: cmath.cosh(complex(1000, 1)), lambda: cmath.sqrt(), lambda: cmath.rect(1, cmath.inf),
          lambda: cmath.isclose(complex(1, 1), complex(1, 1.0000000001)), lambda: cmath.isclose(1, 2, abs_tol=-1)]:
    try:
        print(r(f()))
    except Exception as e:
        print(type(e).__name__, e)
print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.infj, cmath.nanj)
class C:
    def __complex__(self):
        return complex(1, 2)
print(r(cmath.sqrt(C())), r(cmath.exp(True)))
