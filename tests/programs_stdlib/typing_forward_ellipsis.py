# String annotations with `...` (packaging's NamedTuple fields `"tuple[int, ...]"`): typing's
# ForwardRef compiles them at once, and eval() of them gives Ellipsis
import typing
from typing import NamedTuple

class Version(NamedTuple):
    epoch: int
    release: "tuple[int, ...]"
    extra: "typing.Optional[tuple[str, ...]]" = None

v = Version(1, (2, 3))
print(v, Version._fields, Version.__annotations__["release"])
print(eval("..."), eval("(1, ...)"), eval("x[...]", {"x": {Ellipsis: 5}}), eval("x[1, ...]", {"x": {(1, Ellipsis): 6}}))
