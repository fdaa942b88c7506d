# The entry of a package tree: absolute and relative imports, packages, submodule
# attributes, __name__, module caching, `import *` with and without __all__.
import sys

import shapes
import shapes.flat
import shapes.solid.cube as cube
from shapes import flat, registry
from shapes.solid import cube as cube_again
from textutil import *
import textutil.fmt
import counter
import counter

print("main:", __name__, repr(__package__), __file__)
print(shapes.flat is flat, cube is cube_again, shapes.solid.cube is cube)
print(flat.square(3), cube.volume(2), cube.describe(2))
print(registry.names())
print(banner("done"), shout("x"))
namespace = sys.modules[__name__].__dict__
print("hidden" in namespace, "_private" in namespace, "banner" in namespace)
print(counter.loads, sys.modules["counter"] is counter)
print(sorted([k for k in sys.modules if k.startswith(("shapes", "textutil", "counter"))]))
print(shapes, shapes.solid, textutil.fmt)
print(shapes.__path__, shapes.solid.__package__, cube.__package__, counter.__package__ == "")
print(textutil.fmt.__name__, textutil.fmt.__file__, shapes.__file__)


def main():
    print("main() runs only in __main__")


if __name__ == "__main__":
    main()
