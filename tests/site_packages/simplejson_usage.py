# slow: the first build compiles ~40-110 modules (site and stdlib)
import decimal
from collections import OrderedDict
import simplejson as json

data = {"b": [1, 2.5, None, True], "a": "text \u00e9 \u2603", "n": {"x": 1e100, "y": -0.0}}
print(json.dumps(data, sort_keys=True))
print(json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False))
print(json.loads('{"a": [1, 2, {"b": null}], "c": 1.5e3, "d": "\\u00e9"}'))
print(json.loads("1.1", use_decimal=True), json.dumps(decimal.Decimal("3.14159")), json.dumps(OrderedDict([("z", 1), ("a", 2)])))
print(json.loads('{"z": 1, "a": 2}', object_pairs_hook=OrderedDict))
print(json.dumps([1, 2], separators=(",", ":")), json.dumps("\x00\t<>&", ensure_ascii=True), json.dumps({"k": (1, 2)}, tuple_as_array=False, default=list))
try:
    json.loads('{"a": 1,}')
except json.JSONDecodeError as e:
    print("JSONDecodeError:", e.msg, e.pos, e.lineno, e.colno)
print(json.dumps(float("nan"), allow_nan=True), json.dumps({1: "int key", None: "n"}, sort_keys=False), json.dumps(10**30, bigint_as_string=True))


class P:
    def _asdict(self):
        return {"p": 1}


print(json.dumps(P(), namedtuple_as_object=True), json.JSONEncoder(iterable_as_array=True).encode(iter([1, 2])))
