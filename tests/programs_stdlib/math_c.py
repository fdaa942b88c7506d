import math

names = sorted(n for n in math.__dict__ if not n.startswith("_"))
print(len(names), names)

def show(label, f):
    try:
        v = f()
        if isinstance(v, float):
            v = round(v, 11)
        print(label, "->", repr(v))
    except Exception as e:
        print(label, "->", type(e).__name__, e)

cases = [
    ("asinh(1)", lambda: math.asinh(1)), ("acosh(2)", lambda: math.acosh(2)), ("acosh(0.5)", lambda: math.acosh(0.5)),
    ("atanh(0.5)", lambda: math.atanh(0.5)), ("atanh(1)", lambda: math.atanh(1)), ("cbrt(27)", lambda: math.cbrt(27)),
    ("cbrt(-8)", lambda: math.cbrt(-8)), ("exp2(10)", lambda: math.exp2(10)), ("exp2(5000)", lambda: math.exp2(5000)),
    ("erf(0.5)", lambda: math.erf(0.5)), ("erfc(0.5)", lambda: math.erfc(0.5)), ("erf(inf)", lambda: math.erf(math.inf)),
    ("erfc(30)", lambda: math.erfc(30)), ("gamma(5)", lambda: math.gamma(5)), ("gamma(0.5)", lambda: math.gamma(0.5)),
    ("gamma(-1.5)", lambda: math.gamma(-1.5)), ("gamma(0)", lambda: math.gamma(0)), ("gamma(-2)", lambda: math.gamma(-2)),
    ("gamma(172)", lambda: math.gamma(172)), ("gamma(25.5)", lambda: math.gamma(25.5)), ("gamma(-inf)", lambda: math.gamma(-math.inf)),
    ("gamma(1e-30)", lambda: math.gamma(1e-30)), ("gamma(-250.5)", lambda: math.gamma(-250.5)),
    ("lgamma(10)", lambda: math.lgamma(10)), ("lgamma(0.5)", lambda: math.lgamma(0.5)), ("lgamma(-0.5)", lambda: math.lgamma(-0.5)),
    ("lgamma(0)", lambda: math.lgamma(0)), ("lgamma(1)", lambda: math.lgamma(1)), ("lgamma(1e300)", lambda: math.lgamma(1e300)),
    ("remainder(10, 3)", lambda: math.remainder(10, 3)), ("remainder(11, 2)", lambda: math.remainder(11, 2)),
    ("remainder(-7.5, 2)", lambda: math.remainder(-7.5, 2)), ("remainder(1, 0)", lambda: math.remainder(1, 0)),
    ("remainder(inf, 1)", lambda: math.remainder(math.inf, 1)), ("remainder(3, inf)", lambda: math.remainder(3, math.inf)),
    ("nextafter(1, 2)", lambda: math.nextafter(1, 2)), ("nextafter(1, 0)", lambda: math.nextafter(1, 0)),
    ("nextafter(0, -1)", lambda: math.nextafter(0, -1)), ("nextafter(-0.0, 1)", lambda: math.nextafter(-0.0, 1)),
    ("nextafter(5, 5)", lambda: math.nextafter(5, 5)), ("ulp(1)", lambda: math.ulp(1.0)), ("ulp(1e300)", lambda: math.ulp(1e300)),
    ("ulp(0)", lambda: math.ulp(0.0)), ("ulp(max)", lambda: math.ulp(1.7976931348623157e308)), ("ulp(-inf)", lambda: math.ulp(-math.inf)),
    ("isqrt(10**30)", lambda: math.isqrt(10**30)), ("isqrt(-1)", lambda: math.isqrt(-1)), ("comb(10, 3)", lambda: math.comb(10, 3)),
    ("comb(3, 10)", lambda: math.comb(3, 10)), ("comb(-1, 2)", lambda: math.comb(-1, 2)), ("perm(5)", lambda: math.perm(5)),
    ("perm(5, 2)", lambda: math.perm(5, 2)), ("prod([1, 2, 3])", lambda: math.prod([1, 2, 3])),
    ("prod([], start=5)", lambda: math.prod([], start=5)), ("dist", lambda: math.dist((0, 0), (3, 4))),
    ("fsum", lambda: math.fsum([0.1] * 10)), ("gcd()", lambda: math.gcd()), ("gcd(12, 18, 27)", lambda: math.gcd(12, 18, 27)),
    ("lcm(4, 6, 10)", lambda: math.lcm(4, 6, 10)), ("lcm()", lambda: math.lcm()), ("factorial(20)", lambda: math.factorial(20)),
    ("factorial(-1)", lambda: math.factorial(-1)), ("log(8, 2)", lambda: math.log(8, 2)), ("log(0)", lambda: math.log(0)),
    ("hypot(3, 4, 12)", lambda: math.hypot(3, 4, 12)), ("sqrt(-1)", lambda: math.sqrt(-1)), ("exp(1000)", lambda: math.exp(1000)),
    ("frexp(8.0)", lambda: math.frexp(8.0)), ("ldexp(1, 10)", lambda: math.ldexp(1, 10)), ("modf(2.5)", lambda: math.modf(2.5)),
    ("fmod(7, 3)", lambda: math.fmod(7, 3)), ("copysign(1, -0.0)", lambda: math.copysign(1, -0.0)),
    ("isclose(1, 1.0000000001)", lambda: math.isclose(1, 1.0000000001)), ("trunc(-2.5)", lambda: math.trunc(-2.5)),
    ("floor(2.5)", lambda: math.floor(2.5)), ("ceil(2.1)", lambda: math.ceil(2.1)), ("pow(2, 0.5)", lambda: math.pow(2, 0.5)),
    ("tau", lambda: math.tau), ("e", lambda: math.e), ("inf", lambda: math.inf),
]
for label, f in cases:
    show(label, f)
