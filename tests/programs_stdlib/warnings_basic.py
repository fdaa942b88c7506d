# warnings (compiled Lib/warnings.py over the native _warnings): filters, catch_warnings,
# error/ignore/once/always actions, warn_explicit's report on stderr
import warnings

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.warn("first")
    warnings.warn("second", DeprecationWarning)
    warnings.warn(RuntimeWarning("an instance"))
    warnings.warn("third", category=FutureWarning, stacklevel=2)
for w in log:
    print(w.category.__name__, str(w.message), type(w.message).__name__)

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("once")
    for i in range(3):
        warnings.warn("repeated")
    warnings.warn("other")
print(len(log), [str(w.message) for w in log])

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.filterwarnings("ignore", message="skip.*")
    warnings.filterwarnings("ignore", category=UserWarning, message="also")
    warnings.warn("skip me")
    warnings.warn("SKIP ME too")
    warnings.warn("keep me")
    warnings.warn("also", UserWarning)
    warnings.warn("also", RuntimeWarning)
print([(w.category.__name__, str(w.message)) for w in log])

with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        warnings.warn("now an error")
    except UserWarning as e:
        print("raised:", type(e).__name__, e)
    try:
        warnings.warn("dep", DeprecationWarning)
    except DeprecationWarning as e:
        print("raised:", type(e).__name__, e)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    warnings.warn("silent")
print("ignored fine")

with warnings.catch_warnings():
    warnings.simplefilter("always")
    warnings.warn_explicit("explicit message", UserWarning, "somefile.py", 42)
    warnings.warn_explicit("from a module", RuntimeWarning, "pkg/mod.py", 7, module="pkg.mod")
    reg = {}
    for i in range(2):
        warnings.warn_explicit("registry", UserWarning, "r.py", 1, registry=reg)
    print(sorted(k for k in reg if k != "version"))

with warnings.catch_warnings():
    warnings.resetwarnings()
    warnings.simplefilter("default")
    reg = {}
    for i in range(3):
        warnings.warn_explicit("default once per location", UserWarning, "d.py", 3, registry=reg)

print(warnings.formatwarning("msg", UserWarning, "f.py", 10, line="x = 1"), end="")
print(warnings.formatwarning("msg", UserWarning, "f.py", 10, line=""), end="")
try:
    warnings.warn("x", category=int)
except TypeError as e:
    print(e)
try:
    warnings.simplefilter("bogus")
except AssertionError as e:
    print("AssertionError", e)
print(len(warnings.filters) > 0, warnings.defaultaction)
