# importlib.metadata over a distribution whose *.dist-info sits beside its package (bundled
# with the package: METADATA and entry_points.txt): version(), metadata(), entry_points()
# with a group, loading an entry point, and PackageNotFoundError for an unknown name.
import importlib.metadata as md

import greetpkg

print(greetpkg.__version__, md.version("greetpkg"), md.version("GreetPkg"))
meta = md.metadata("greetpkg")
print(meta["Name"], meta["Summary"], meta.get_all("Requires-Dist"))
eps = md.entry_points(group="greetpkg.styles")
print(sorted(ep.name for ep in eps))
for ep in sorted(eps, key=lambda e: e.name):
    print(ep.name, ep.value, ep.load()("Hi"))
scripts = md.entry_points(group="console_scripts")
greet = [ep for ep in scripts if ep.name == "greet"]
print(greet[0].value, greet[0].load()("you"))
print(md.distribution("greetpkg").metadata["Version"], md.distribution("greetpkg").name)
try:
    md.version("no-such-distribution-here")
except md.PackageNotFoundError as e:
    print("PackageNotFoundError", e)
