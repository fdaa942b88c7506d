"""Generates the expected-value tables used by the cargo tests from the running CPython.

    python3 runtime/tests/gen_expected.py     (writes runtime/tests/data/*.txt)

Each line: operands and the CPython result (repr) or `!ExcType: message`.
"""
import math
import os
import random
import struct

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
random.seed(1234)


def res(f):
    try:
        return repr(f())
    except Exception as e:  # noqa: BLE001
        return "!%s: %s" % (type(e).__name__, e)


def ints():
    base = [0, 1, -1, 2, -2, 3, -3, 7, -7, 10, 255, 256, -256, 2**31 - 1, 2**31, 2**32, -2**32,
            2**53, 2**62, 2**63 - 1, 2**63, -2**63, -2**63 - 1, 2**64, 2**64 - 1, 10**20, -10**20,
            2**100, -2**100, 3**80, -(7**70), 10**40 + 12345, 2**127 - 1, 12345678901234567890123]
    for _ in range(10):
        n = random.randint(1, 160)
        base.append(random.randint(-2**n, 2**n))
    return base


import operator as _op
OPS = {"add": _op.add, "sub": _op.sub, "mul": _op.mul, "floordiv": _op.floordiv, "mod": _op.mod,
       "truediv": _op.truediv, "and": _op.and_, "or": _op.or_, "xor": _op.xor, "lshift": _op.lshift,
       "rshift": _op.rshift, "pow": _op.pow}
CMPS = {"lt": _op.lt, "le": _op.le, "eq": _op.eq, "ne": _op.ne, "gt": _op.gt, "ge": _op.ge}


def gen_int_ops():
    vals = ints()
    lines = []
    for a in vals:
        for b in vals:
            for name, sym in OPS.items():
                if name in ("lshift", "rshift") and not (-5 <= b <= 130):
                    continue
                if name == "pow" and not (-3 <= b <= 12):
                    continue
                r = res(lambda: sym(a, b))
                lines.append("%s %d %d %s" % (name, a, b, r))
    for a in vals:
        lines.append("neg %d 0 %s" % (a, res(lambda: -a)))
        lines.append("invert %d 0 %s" % (a, res(lambda: ~a)))
        lines.append("hash %d 0 %s" % (a, res(lambda: hash(a))))
        lines.append("float %d 0 %s" % (a, res(lambda: float(a))))
        lines.append("hex %d 0 %s" % (a, res(lambda: hex(a))))
        lines.append("bin %d 0 %s" % (a, res(lambda: bin(a))))
        lines.append("oct %d 0 %s" % (a, res(lambda: oct(a))))
        lines.append("bitlen %d 0 %s" % (a, res(lambda: a.bit_length())))
        for b in vals[:20]:
            lines.append("lt %d %d %s" % (a, b, res(lambda: a < b)))
    with open(os.path.join(HERE, "int_ops.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


def floats():
    vals = [0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 1e16, 1e15, 9999999999999998.0, 1.5e16,
            123456789012345678.0, 1e22, 1e-4, 1e-5, 0.0001234, 5e-324, 2.2250738585072014e-308,
            1.7976931348623157e308, float("inf"), float("-inf"), float("nan"), 100.0, 3.14159,
            2.5, 3.5, -2.5, 1e100, 1.25e-7, 123.456, 0.5, 7.0, -7.0, 1e300]
    for _ in range(200):
        vals.append(struct.unpack("<d", struct.pack("<Q", random.getrandbits(64)))[0])
    for _ in range(100):
        vals.append(random.uniform(-1e6, 1e6))
    return vals


def gen_float_repr():
    lines = []
    for v in floats():
        bits = struct.unpack("<Q", struct.pack("<d", v))[0]
        lines.append("%016x %s" % (bits, repr(v)))
    with open(os.path.join(HERE, "float_repr.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


def gen_float_ops():
    fv = [0.0, -0.0, 1.0, -1.0, 2.5, -2.5, 7.0, -7.0, 0.1, 3.0, 1e308, float("inf"), float("-inf"),
          float("nan"), 1e-300]
    iv = [0, 1, -1, 3, -7, 2**53 + 1, 2**64, -(10**30)]
    lines = []

    def enc(x):
        if isinstance(x, float):
            return "f%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]
        return "i%d" % x

    allv = fv + iv
    for a in allv:
        for b in allv:
            if isinstance(a, int) and isinstance(b, int):
                continue
            for name, sym in OPS.items():
                if name in ("and", "or", "xor", "lshift", "rshift"):
                    continue
                if name == "pow" and (abs(a) > 1e10 if not math.isnan(a) else False) and isinstance(a, int):
                    continue
                lines.append("%s %s %s %s" % (name, enc(a), enc(b), res(lambda: sym(a, b))))
            for name, sym in CMPS.items():
                lines.append("%s %s %s %s" % (name, enc(a), enc(b), res(lambda: sym(a, b))))
    for a in fv:
        lines.append("hash %s i0 %s" % (enc(a), res(lambda: hash(a) if not math.isnan(a) else 0)))
    with open(os.path.join(HERE, "float_ops.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


def gen_format():
    cases = []
    specs_i = ["", "d", "5d", "<5", "^7", "+d", " d", "x", "#x", "X", "#o", "b", "#b", ",", "_", "08d",
               "08,d", "_x", "=+8", "*^9", "e", ".2f", "%", "c", "010_b"]
    for v in [0, 5, -5, 42, 255, 1234567, -1234567, 2**70]:
        for s in specs_i:
            if s == "c" and not (0 <= v < 0x110000):
                continue
            cases.append(("i%d" % v, s, res(lambda: format(v, s))))
    specs_f = ["", ".2f", "f", ".0f", "#.0f", "e", ".3e", "E", "g", ".3g", "G", "10.3f", "<10.2f",
               "+.1f", "%", ".1%", ",.2f", "_.3f", "010.2f", ".2", ".10", "g", "#g", "015,.2f", "z.1f",
               " .3f", "^12.4e", ".0e", ".1g", "n"]
    for v in [0.0, -0.0, 1.0, -1.5, 3.14159265, 2.675, 1234567.891, 1e-7, 1e22, 123456789.0, 0.5, 1.5,
              2.5, 1e16, float("inf"), float("nan"), -0.0001, 100.0]:
        for s in specs_f:
            cases.append(("f%016x" % struct.unpack("<Q", struct.pack("<d", v))[0], s, res(lambda: format(v, s))))
    for v in ["", "abc", "hello world"]:
        for s in ["", "10", "<10", ">10", "^10", "*^11", ".2", "10.2", "s"]:
            cases.append(("s" + v.replace(" ", "\\x20"), s, res(lambda: format(v, s))))
    with open(os.path.join(HERE, "format.txt"), "w") as f:
        for a, s, r in cases:
            f.write("%s\t%s\t%s\n" % (a, s, r))


def gen_str_repr():
    samples = ["", "a", "it's", 'say "hi"', "both ' and \"", "tab\there", "nl\n", "\x00\x01\x7f",
               "caf\u00e9", "\u2028", "\u00a0", "\u00ad", "emoji \U0001F600", "back\\slash", "\r",
               "\u0394\u03b1", "\ufeff", "\U000e0001", "\x80\x9f", "\u3000", "\u200b"]
    with open(os.path.join(HERE, "str_repr.txt"), "w") as f:
        for s in samples:
            f.write("%s\t%s\n" % (s.encode("unicode_escape").decode("ascii"), repr(s)))


def gen_complex():
    vals = [1 + 2j, -1.5 + 0.5j, 2j, -2j, complex(0.0, -0.0), complex(-0.0, 1), 3 + 0j, 1e20 + 1e-5j, 0j,
            complex(float("inf"), 1), 2, -3, 0.5, -8.0]
    lines = []

    def enc(x):
        if isinstance(x, complex):
            return "c%016x:%016x" % (struct.unpack("<Q", struct.pack("<d", x.real))[0], struct.unpack("<Q", struct.pack("<d", x.imag))[0])
        if isinstance(x, float):
            return "f%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]
        return "i%d" % x

    for a in vals:
        for b in vals:
            if not isinstance(a, complex) and not isinstance(b, complex):
                if not (name_ok := (isinstance(a, float) and a < 0 and isinstance(b, float))):
                    pass
            for name in ("add", "sub", "mul", "truediv", "pow", "eq"):
                fn = OPS.get(name) or CMPS.get(name)
                if not isinstance(a, complex) and not isinstance(b, complex) and name != "pow":
                    continue
                lines.append("%s %s %s %s" % (name, enc(a), enc(b), res(lambda: fn(a, b))))
        lines.append("repr %s i0 %s" % (enc(a), res(lambda: repr(a))))
        lines.append("abs %s i0 %s" % (enc(a), res(lambda: abs(a))))
    lines.append("pow f%016x f%016x %s" % (struct.unpack("<Q", struct.pack("<d", -8.0))[0], struct.unpack("<Q", struct.pack("<d", 1 / 3))[0], res(lambda: (-8.0) ** (1 / 3))))
    with open(os.path.join(HERE, "complex.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    gen_complex()
    os.makedirs(HERE, exist_ok=True)
    gen_int_ops()
    gen_float_repr()
    gen_float_ops()
    gen_format()
    gen_str_repr()
