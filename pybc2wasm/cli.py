"""The `pybc2wasm` command (also `python -m pybc2wasm`).

Exit statuses of pybc2wasm itself:
  0  success (for `run`: the program's own status is passed through instead)
  1  `doctor`: a required piece is missing
  2  the input cannot be compiled (one line `error: ...` on stderr), or a usage error
  3  internal error: a bug in pybc2wasm (generated code rejected by rustc, runtime build failed,
     an unexpected exception), or a required tool is missing (see `pybc2wasm doctor`)

More subcommands (`opcodes`, `sweep`) are added to the `main` group by their own modules.
"""
from __future__ import annotations

import functools
import os
import sys
import traceback
from pathlib import Path

import click

from .diagnostics import CompileError

EXIT_COMPILE_ERROR = 2
EXIT_INTERNAL = 3
TARGET_CHOICES = ("wasm32-wasi", "native")
EMIT_CHOICES = ("tir", "llvm", "rust")
HOST_CHOICES = ("wasmtime", "node", "native")


class Fail(Exception):
    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def _err(msg: str) -> None:
    click.echo(msg, err=True)


def guarded(fn):
    """Turn every failure into a short message on stderr and an exit status, never a traceback
    (set PYBC2WASM_TRACEBACK=1 to see one for internal errors)."""
    from .link import LinkError
    from .runner import RunError
    from .runtime_build import RuntimeBuildError
    from .toolchain import ToolchainError

    @functools.wraps(fn)
    def wrapper(*a, **kw):
        try:
            return fn(*a, **kw)
        except Fail as e:
            _err(str(e))
            sys.exit(e.status)
        except CompileError as e:
            _err(f"error: {_one_line(str(e))}")
            sys.exit(EXIT_COMPILE_ERROR)
        except ToolchainError as e:
            _err(f"error: {e}\n(see `pybc2wasm doctor`)")
            sys.exit(EXIT_INTERNAL)
        except (LinkError, RuntimeBuildError) as e:
            _err(str(e))
            sys.exit(EXIT_INTERNAL)
        except RunError as e:
            _err(f"error: {e}")
            sys.exit(EXIT_INTERNAL)
        except NotImplementedError as e:
            _maybe_traceback()
            where = _last_frame()
            _err(f"internal error: not implemented yet{': ' + str(e) if str(e) else ''} ({where})")
            sys.exit(EXIT_INTERNAL)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as e:
            _maybe_traceback()
            _err(f"internal error: {type(e).__name__}: {e} ({_last_frame()}); this is a bug in "
                 f"pybc2wasm (set PYBC2WASM_TRACEBACK=1 for the traceback)")
            sys.exit(EXIT_INTERNAL)
    return wrapper


def _one_line(s: str) -> str:
    return " ".join(s.split("\n")).strip()


def _maybe_traceback() -> None:
    if os.environ.get("PYBC2WASM_TRACEBACK"):
        traceback.print_exc()


def _last_frame() -> str:
    tb = sys.exc_info()[2]
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    if last is None:
        return "?"
    co = last.tb_frame.f_code
    return f"{Path(co.co_filename).name}:{last.tb_lineno} in {co.co_name}"


def check_input(path: str) -> Path:
    """The checks that need no compiler: exists, a file, bytecode rather than source."""
    p = Path(path)
    if not p.exists():
        raise Fail(f"error: no such file: {path}", EXIT_COMPILE_ERROR)
    if p.is_dir():
        raise Fail(f"error: {path} is a directory; compiling a whole package is not supported yet "
                   f"(give one .pyc file)", EXIT_COMPILE_ERROR)
    if p.suffix == ".py":
        raise Fail(
            f"error: {path} is Python source; pybc2wasm compiles bytecode (.pyc). Make one with "
            f"`python -m py_compile {path}` (writes __pycache__/{p.stem}.cpython-311.pyc) or "
            f"`python -c \"import py_compile; py_compile.compile('{path}', cfile='{p.stem}.pyc')\"`",
            EXIT_COMPILE_ERROR)
    return p


def load_program(path: Path):
    from .pipeline import compile_pyc
    return compile_pyc(path)


def default_output(src: Path, target: str) -> Path:
    stem = src.name.split(".")[0]  # hello.cpython-311.pyc -> hello
    return Path(stem + (".wasm" if target == "wasm32-wasi" else ""))


# ------------------------------------------------------------------------------------------

@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pybc2wasm", prog_name="pybc2wasm")
def main():
    """pybc2wasm: compile CPython 3.11 bytecode (.pyc) to WebAssembly (wasm32-wasi) modules
    and native executables. The .py source is never needed.

    \b
    Quick start:
      python -m py_compile hello.py          # -> __pycache__/hello.cpython-311.pyc
      pybc2wasm run __pycache__/hello.cpython-311.pyc
      pybc2wasm compile __pycache__/hello.cpython-311.pyc -o hello.wasm
      pybc2wasm doctor                       # which toolchain pieces were found

    \b
    Exit status: 2 if the input cannot be compiled (one `error:` line on stderr),
    3 for internal errors or a missing toolchain; `run` passes the program's status through.
    Built artifacts are cached in $PYBC2WASM_CACHE (default ~/.cache/pybc2wasm).
    """


@main.command()
@click.argument("pyc", metavar="FILE.pyc")
@click.option("-o", "--output", metavar="PATH",
              help="Where to write. Default: FILE.wasm (native: FILE) in the current directory; "
                   "with --emit: stdout ('-' also means stdout).")
@click.option("--target", type=click.Choice(TARGET_CHOICES), default="wasm32-wasi", show_default=True,
              help="wasm32-wasi: a WASI command module (run it with wasmtime, node, ...); "
                   "native: an executable for this machine.")
@click.option("--emit", type=click.Choice(EMIT_CHOICES),
              help="Write an intermediate form as text instead of building: tir (typed IR after "
                   "the passes), llvm (LLVM IR of the numeric core), rust (the printed Rust source).")
@guarded
def compile(pyc, output, target, emit):
    """Compile FILE.pyc into a .wasm module (or a native executable).

    \b
    Examples:
      pybc2wasm compile hello.pyc -o hello.wasm
      pybc2wasm compile hello.pyc --target native -o hello
      pybc2wasm compile hello.pyc --emit tir          # print the TIR
    """
    src = check_input(pyc)
    program = load_program(src)
    if emit:
        if emit == "tir":
            text = program.tir_text()
        elif emit == "rust":
            text = program.rust_source()
        else:
            text = program.llvm_ir()
            if text is None:
                text = "; this module has no LLVM numeric core (everything is in the Rust part)\n"
        if output in (None, "-"):
            click.echo(text, nl=not text.endswith("\n"))
        else:
            Path(output).write_text(text)
        return
    from . import link
    out = Path(output) if output else default_output(src, target)
    link.build(program, target, out)


@main.command(context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False})
@click.option("--host", type=click.Choice(HOST_CHOICES), default="wasmtime", show_default=True,
              help="wasmtime: the embedded wasmtime; node: Node >= 20's node:wasi; "
                   "native: build and run a native executable instead of wasm.")
@click.option("--timeout", type=float, metavar="SECONDS", help="Stop the program after this long.")
@click.argument("pyc", metavar="FILE.pyc")
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@guarded
def run(host, timeout, pyc, args):
    """Compile FILE.pyc (cached) and run it, passing ARGS as sys.argv[1:].

    stdin, stdout and stderr are the program's; the exit status is the program's
    (134 after a wasm trap). Options for pybc2wasm go before FILE.pyc; everything after
    it belongs to the program.

    \b
    Examples:
      pybc2wasm run fib.pyc 30
      pybc2wasm run --host node fib.pyc 30
    """
    src = check_input(pyc)
    program = load_program(src)
    from . import link, runner
    target = "native" if host == "native" else "wasm32-wasi"
    built = link.build(program, target)
    status = runner.run(built, host, [pyc, *args], timeout=timeout)
    sys.exit(status)


@main.command()
def doctor():
    """Show which toolchain pieces were found (exit 1 if a required one is missing).

    Looks for: llvmlite with the WebAssembly target, a rustc with a wasm32-wasi std
    ($PYBC2WASM_RUSTC, rustc on PATH, /usr/bin/rustc, rustup toolchains), a rustc for native
    builds ($PYBC2WASM_HOST_RUSTC, rustc on PATH, /usr/bin/rustc), a wasm linker (rust-lld or
    wasm-ld), cc, the wasmtime Python package and (optional) Node >= 20.
    """
    from .toolchain import doctor as run_doctor
    sys.exit(run_doctor())


from . import cli_reports  # noqa: E402,F401  (registers `opcodes` and `sweep` on `main`)

if __name__ == "__main__":
    main(prog_name="pybc2wasm")
