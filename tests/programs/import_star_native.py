# `from M import *` of native modules, in the module namespace (IMPORT_STAR).
from math import *
from string import *

print(floor(2.5), sqrt(16.0), pi > 3, gcd(12, 18))
print(ascii_lowercase[:5], digits)
import sys
namespace = sys.modules[__name__].__dict__
print("floor" in namespace, "_private" in namespace, sys.modules["__main__"].__name__)
