"""Install the pinned site-packages of tests/site_packages/requirements.txt into a sourceless
directory: `pip install --target DIR --no-deps --only-binary=:all:`, then `compileall -b` (a
legacy X.pyc beside each X.py) and every .py deleted, so the compiler sees bytecode only.

The directory is $PYBC2WASM_CACHE/site/<hash of the pin list and Python version>; it is made
once, under a file lock (tests run in parallel), in a scratch directory renamed into place.

    python tools/site_packages.py [REQUIREMENTS]   # prints the directory
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pybc2wasm.cache import file_lock, key_of, subdir  # noqa: E402

REQUIREMENTS = REPO / "tests" / "site_packages" / "requirements.txt"


def pins(requirements: Path = REQUIREMENTS) -> list[str]:
    lines = (ln.split("#", 1)[0].strip() for ln in requirements.read_text().splitlines())
    return [ln for ln in lines if ln]


def site_dir(requirements: Path = REQUIREMENTS, python: str = sys.executable) -> Path:
    """The sourceless site-packages directory for `requirements`, built when missing."""
    version = subprocess.run([python, "-c", "import sys; print(sys.version)"],
                             capture_output=True, text=True, check=True).stdout.strip()
    key = key_of("site-packages", 2, pins(requirements), version)[:20]
    root = subdir("site")
    final = root / key
    if (final / ".complete").exists():
        return final
    with file_lock(root / f"{key}.lock"):
        if (final / ".complete").exists():
            return final
        scratch = Path(tempfile.mkdtemp(prefix=f"{key}.", dir=root))
        try:
            install(pins(requirements), scratch, final, python)
            (scratch / ".complete").write_text("\n".join(pins(requirements)) + "\n")
            if final.exists():
                shutil.rmtree(final)
            os.rename(scratch, final)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return final


def install(requirements: list[str], target: Path, final: Path, python: str) -> None:
    """Installs into `target`; the bytecode names its files under `final` (stable unit keys)."""
    subprocess.run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    "--no-deps", "--only-binary=:all:", "--no-compile", "--target", str(target),
                    *requirements], check=True)
    for junk in list(target.glob("bin")) + list(target.rglob("__pycache__")):
        shutil.rmtree(junk, ignore_errors=True)
    subprocess.run([python, "-m", "compileall", "-b", "-q", "-d", str(final), str(target)], check=True)
    for src in target.rglob("*.py"):
        src.unlink()


if __name__ == "__main__":
    print(site_dir(Path(sys.argv[1]) if len(sys.argv) > 1 else REQUIREMENTS))
