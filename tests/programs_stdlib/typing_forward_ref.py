# typing's string annotations: ForwardRef compiles them with compile(..., 'eval') and
# get_type_hints evaluates them; a class renamed by assigning __name__ (typing.re / typing.io)
import sys
import typing
from typing import Optional, List, Dict, ForwardRef, get_type_hints

class Node:
    def link(self, other: "Node", names: "List[str]") -> "Optional[Node]":
        return None

def f(x: "int", y: Optional["Node"] = None) -> "Dict[str, int]":
    return {}

print(get_type_hints(Node.link))
print(get_type_hints(f))
r = ForwardRef("Node")
print(r, r.__forward_arg__, r == ForwardRef("Node"), Optional["Node"])
for bad in ["a b", "(a"]:
    try:
        ForwardRef(bad)
    except SyntaxError as e:
        print("SyntaxError", e)

c = compile("x + 1" if False else "len(s)", "<string>", "eval")
print(type(c).__name__, c.co_filename, c.co_name, eval(c, {"s": "abc"}), eval(c, {}, {"s": [1]}))
for args in [("1", "f", "nomode"), (1, "f", "eval")]:
    try:
        compile(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

class R:
    pass
R.__name__ = "typing.re"
print(R.__name__, R.__qualname__, R)
sys.modules[R.__name__] = R
import re
print(re.compile("a+").match("aaa").group(), "typing.re" in sys.modules, typing.re.__name__)
