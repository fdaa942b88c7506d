# json as CPython's Lib/json (compiled from its .pyc, over the native _json): dumps/loads options, errors with their
# positions, hooks, the decoder/encoder classes and subclassing.
import json
from collections import OrderedDict
from decimal import Decimal

data = {"name": "caf\u00e9 \u2603", "n": [1, 2.5, -3, 1e100, 10**20], "ok": True, "none": None,
        "nested": {"b": [], "a": {}}, "esc": "tab\t\"quote\" back\\slash \x01 \U0001F600"}
print(json.dumps(data))
print(json.dumps(data, ensure_ascii=False, sort_keys=True))
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps(data, indent="\t", separators=(",", ": ")))
print(json.dumps([1, [2, [3]]], indent=0))
print(json.dumps({1: "int key", 2.5: "float", True: "bool", None: "none"}))
print(json.dumps({"b": 1, "a": 2}, sort_keys=True, separators=(",", ":")))
print(json.dumps(float("inf")), json.dumps(float("-inf")), json.dumps(float("nan")))
print(json.dumps((1, 2)), json.dumps("\u20ac"), json.dumps("x" * 3, ensure_ascii=False))

for bad in [float("nan")]:
    try:
        json.dumps(bad, allow_nan=False)
    except ValueError as e:
        print("ValueError:", e)
try:
    json.dumps({(1, 2): 3})
except TypeError as e:
    print("TypeError:", e)
print(json.dumps({(1, 2): 3, "k": 1}, skipkeys=True))
try:
    json.dumps(object())
except TypeError as e:
    print("TypeError:", e)
circular = []
circular.append(circular)
try:
    json.dumps(circular)
except ValueError as e:
    print("ValueError:", e)
print(json.dumps({"d": Decimal("1.10"), "s": {3, 1}}, default=lambda o: str(o) if isinstance(o, Decimal) else sorted(o)))


class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, complex):
            return [o.real, o.imag]
        return super().default(o)


print(Enc(sort_keys=True).encode({"z": 1j, "a": 2}))
print(list(json.JSONEncoder(indent=1).iterencode({"x": [1, 2]})))

text = '{"a": [1, 2.50, -0, 1E3, 12345678901234567890], "b": "\\u00e9\\n\\ud83d\\ude00", "c": null, "d": true, "e": false}'
obj = json.loads(text)
print(obj, type(obj["a"][1]).__name__, type(obj["a"][3]).__name__)
print(json.loads(text, parse_float=Decimal, parse_int=lambda s: int(s) * 2))
print(json.loads(text, object_pairs_hook=OrderedDict))
print(json.loads('{"a": 1, "a": 2}'), json.loads(' [ ] '), json.loads('"\\/"'))
print(json.loads(b'{"bytes": 1}'), json.loads('{"x": NaN, "y": -Infinity}'))
print(json.loads('{"x": 1}', object_hook=lambda d: sorted(d.items())))
print(json.loads('1', parse_constant=str), json.loads('[Infinity]', parse_constant=str))

for bad in ['{"a" 1}', '[1, 2', '', '[1,]', '{"a": 1,}', '"abc', 'nul', '[1] x', '{1: 2}',
            '"\\x"', '"\\u12x4"', '"\\u00', '"\\ud83d\\u12"', '"bad\ncontrol"', '01', '-', '[1 2]', '\ufeff[1]']:
    try:
        print(repr(json.loads(bad)))
    except json.JSONDecodeError as e:
        print("JSONDecodeError:", e, "|", e.pos, e.lineno, e.colno, repr(e.doc[:6]))
# (a lone surrogate such as "\ud800" is left out: the runtime's strings are UTF-8, see README)
print(ascii(json.loads('"\\ud83d\\ude00 \\u00e9"')), json.loads('[-0.0, 1.5e-3, 2E+2, -12]'))
print(json.loads('"bad\ncontrol"', strict=False))

dec = json.JSONDecoder()
print(dec.raw_decode('[1, 2] tail'), dec.raw_decode('  {"a": 1}'[2:]))
print(issubclass(json.JSONDecodeError, ValueError), json.JSONDecodeError.__mro__[1].__name__)
import io
buf = io.StringIO()
json.dump({"k": [1, 2]}, buf, indent=1)
print(repr(buf.getvalue()))
print(json.load(io.StringIO('{"from": "file"}')))
print(json.dumps(OrderedDict([("z", 1), ("a", 2)])), json.dumps(list(range(3)), indent=None))
print(json.encoder.encode_basestring_ascii("\u00e9x\n"), json.decoder.scanstring('ab\\n"rest', 0))
