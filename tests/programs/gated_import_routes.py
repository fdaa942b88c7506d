# The builtin __import__ is linked only into programs spelling it (issue 9, size): import
# statements call the importer themselves.
import math
from os import sep
m = __import__("math")
print(m is math, m.floor(2.5), sep in "/\\")
b = __import__("builtins")
print(b.__import__("os.path", fromlist=["join"]).join("a", "b"), __import__("os.path").sep == sep)
print(__import__("os", globals(), None, ["path"], 0).path is __import__("os.path", fromlist=["x"]))
