"""pybc2wasm: CPython bytecode to WebAssembly and native code.

In a source checkout the subpackages (`pybc2wasm.backends`, `.tir`, `.runtime`, ...) are the
checkout's top-level folders. An editable install maps them to the checkout it was installed
from; putting this checkout's root on the package path first makes a second checkout (a git
worktree run with the first one's virtualenv) use its own folders, not the other's.
"""
from pathlib import Path as _Path

_root = _Path(__file__).resolve().parent.parent
if (_root / "pyproject.toml").is_file() and (_root / "backends" / "__init__.py").is_file():
    __path__.append(str(_root))  # noqa: F821 (a package's __path__)
del _Path, _root
