# Data files beside a package's modules are part of the package: pkgutil.get_data reads them
# through the package's loader (the compiled program bundles them)
import pkgutil

import assets
from assets import table

print(pkgutil.get_data("assets", "greeting.txt").decode())
print(pkgutil.get_data("assets", "sub/nested.bin"))
print(len(table.load()), table.load()[:4], table.load()[-3:])
print(pkgutil.get_data("assets.table", "greeting.txt") == pkgutil.get_data("assets", "greeting.txt"))
print(pkgutil.get_data("assets.more", "inner.txt"))
try:
    pkgutil.get_data("assets", "missing.txt")
except FileNotFoundError as e:
    print(type(e).__name__, e.filename.endswith("missing.txt"))
