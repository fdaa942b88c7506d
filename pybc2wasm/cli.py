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
import re
import sys
import traceback
from pathlib import Path

import click

from .diagnostics import CompileError

EXIT_COMPILE_ERROR = 2
EXIT_INTERNAL = 3
TARGET_CHOICES = ("wasm32-wasi", "native", "web")
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


def check_input(path: str, allow_dir: bool = False) -> Path:
    """The checks that need no compiler: exists, bytecode rather than source (a directory
    only where a whole program may be given)."""
    p = Path(path)
    if not p.exists():
        raise Fail(f"error: no such file or directory: {path}", EXIT_COMPILE_ERROR)
    if p.is_dir():
        if not allow_dir:
            raise Fail(f"error: {path} is a directory; give it alone to compile the program "
                       f"it holds", EXIT_COMPILE_ERROR)
        return p
    if p.suffix == ".py":
        raise Fail(
            f"error: {path} is Python source; pybc2wasm compiles bytecode (.pyc). Make one with "
            f"`python -m py_compile {path}` (writes __pycache__/{p.stem}.cpython-311.pyc) or "
            f"`python -c \"import py_compile; py_compile.compile('{path}', cfile='{p.stem}.pyc')\"` "
            f"(a whole directory: `python -m compileall -b DIR`)",
            EXIT_COMPILE_ERROR)
    return p


def load_inputs(inputs: list[str], entry: str | None, profile: dict | None = None):
    """The Program for the command line's inputs: one .pyc file alone, a directory, or
    several .pyc files (see `project.py` for names and the entry). `profile`: a profile
    (docs/profile.md), checked against these modules."""
    paths = [check_input(i, allow_dir=len(inputs) == 1) for i in inputs]
    if not paths:
        raise Fail("error: no input: give a .pyc file, several, or a directory", EXIT_COMPILE_ERROR)
    if len(paths) == 1 and paths[0].is_file() and entry is None and profile is None:
        return load_program(paths[0])
    from . import project
    from .pipeline import compile_project
    if paths[0].is_dir():
        proj = project.from_directory(paths[0], entry)
    else:
        proj = project.from_files(paths, entry)
    parts = None
    if profile is not None:
        from .profile import check
        parts = check(profile, proj.entry, {f.name: f.path for f in proj.modules if f.path is not None})
    if len(paths) == 1 and paths[0].is_file() and entry is None:
        from .pipeline import compile_pyc
        return compile_pyc(paths[0], (parts or {}).get(proj.entry))
    return compile_project(proj, parts)


def load_program(path: Path):
    from .pipeline import compile_pyc
    return compile_pyc(path)


def default_output(src: Path, target: str) -> Path:
    stem = src.resolve().name.split(".")[0]  # hello.cpython-311.pyc -> hello; DIR -> DIR
    return Path(stem + {"wasm32-wasi": ".wasm", "web": "-web"}.get(target, ""))


# ------------------------------------------------------------------------------------------

@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pybc2wasm", prog_name="pybc2wasm")
def main():
    """pybc2wasm: compile CPython 3.11-3.14 bytecode (.pyc) to WebAssembly (wasm32-wasi) modules
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


def graph_options(fn):
    """The options that shape the module graph and the build (compile and run)."""
    decorators = [
        click.option("--path", "paths", metavar="DIR", multiple=True,
                     help="Search DIR for imported modules (repeatable), after the inputs' own "
                          "directories and before the standard library and site-packages."),
        click.option("--python", metavar="PATH",
                     help="The Python installation whose stdlib and site-packages imports are "
                          "compiled from (its sys.path). Default: this interpreter when it is the "
                          "bytecode's version, else pythonX.Y on PATH."),
        click.option("--include", metavar="MODULE", multiple=True,
                     help="Also compile MODULE (repeatable): for imports no analysis can see, "
                          "e.g. __import__(name) with a computed name."),
        click.option("--exclude", metavar="MODULE", multiple=True,
                     help="Leave MODULE and its submodules out (repeatable); importing it raises "
                          "ModuleNotFoundError at run time."),
        click.option("--report", metavar="FILE.json",
                     help="Write a JSON build report: every module, where it came from (compiled "
                          "from which .pyc, native, excluded, unresolved), its importers, its code "
                          "size and compile time."),
        click.option("-j", "--jobs", type=int, default=0, metavar="N",
                     help="Compile up to N modules in parallel (default: the number of cores)."),
    ]
    for d in reversed(decorators):
        fn = d(fn)
    return fn


def build_options(paths, python, include, exclude, report, jobs, quiet, optimize_size=False):
    from .driver import BuildOptions
    return BuildOptions(paths=[Path(p) for p in paths], include=list(include),
                        exclude=list(exclude), python=python, jobs=jobs,
                        report=Path(report) if report else None, quiet=quiet,
                        optimize_size=optimize_size)


def load_graph_inputs(inputs: list[str], entry: str | None, opts):
    paths = [check_input(i, allow_dir=len(inputs) == 1) for i in inputs]
    if not paths:
        raise Fail("error: no input: give a .pyc file, several, or a directory", EXIT_COMPILE_ERROR)
    from .driver import load_graph
    return load_graph(paths, entry, opts)


ENTRY_HELP = ("The module to run as __main__ when the input is several modules (dotted, e.g. "
              "pkg.main; a package runs its __main__ module). Default: the module named "
              "__main__, else the only module.")


@main.command()
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True)
@click.option("-o", "--output", metavar="PATH",
              help="Where to write. Default: FILE.wasm (native: FILE, web: the directory FILE-web) "
                   "in the current directory; "
                   "with --emit: stdout ('-' also means stdout).")
@click.option("--target", type=click.Choice(TARGET_CHOICES), default="wasm32-wasi", show_default=True,
              help="wasm32-wasi: a WASI command module (run it with wasmtime, node, ...); "
                   "native: an executable for this machine; web: a directory with that wasm "
                   "module, index.html and its loader pybc2wasm-web.js (serve it over HTTP, "
                   "e.g. `python3 -m http.server` in it).")
@click.option("--emit", type=click.Choice(EMIT_CHOICES),
              help="Write an intermediate form as text instead of building: tir (typed IR after "
                   "the passes), llvm (LLVM IR of the numeric core), rust (the printed Rust source).")
@click.option("--entry", metavar="MODULE", help=ENTRY_HELP)
@graph_options
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary on stderr (warnings still).")
@click.option("--optimize-size", is_flag=True,
              help="Build for size: the runtime and every module at opt-level z (cached apart "
                   "from the default build), whole-program LTO at the link, then binaryen's "
                   "wasm-opt -Oz (skipped with a warning when not installed). Hello world is "
                   "about 40% smaller; string- and regex-heavy code runs up to about 2x slower.")
@click.option("--profile-run", is_flag=True,
              help="Profile-guided speculation: first build the program natively with its own "
                   "modules instrumented, run it (with --profile-args; its stdout and stderr go "
                   "to stderr), then compile using the types it saw (docs/profile.md).")
@click.option("--profile-args", metavar="ARGS", default="",
              help="The command line of the profiling run, one shell-quoted string (or give "
                   "it last, after `--`).")
@click.option("--profile-out", metavar="FILE.json", help="Write the profiling run's profile to FILE.json.")
@click.option("--profile", "profile_file", metavar="FILE.json",
              help="Compile with a profile recorded earlier (--profile-run --profile-out); one "
                   "recorded from another program or from changed .pyc files is refused.")
@click.option("--hot-libraries", is_flag=True,
              help="wasm: build the standard library's and site-packages' modules for speed, as "
                   "the program's own modules are (by default they are built for size there: "
                   "refcounting, global loads and the other fast paths are calls, not inline code; "
                   "native builds always build them for speed).")
@guarded
def compile(inputs, output, target, emit, entry, paths, python, include, exclude, report, jobs, quiet,
            optimize_size, hot_libraries, profile_run, profile_args, profile_out, profile_file):
    """Compile a program into one .wasm module (or a native executable).

    INPUT is one FILE.pyc, several .pyc files (top-level modules named by their file
    names, importing each other), or one directory holding a program's bytecode:
    `python -m compileall -b DIR` writes NAME.pyc beside each NAME.py (delete the sources
    if you like; they are never read), and __pycache__/NAME.cpython-311.pyc files work too.
    In a directory, PKG/__init__.pyc makes PKG a package (a directory of modules without
    one is a namespace package) and PKG/SUB/MOD.pyc is module PKG.SUB.MOD. Every module is
    compiled in; imports between them (absolute and relative) behave as in CPython.

    Imports are followed: every module the program's bytecode imports is found along the
    inputs' directories, --path, then the standard library and site-packages of the Python
    installation of the bytecode's version (--python), and compiled from its .pyc, except
    where CPython itself has a C module: those come from pybc2wasm's runtime. Unresolved
    imports are warnings (the import may be optional) and raise ModuleNotFoundError at run
    time. Each module is compiled once and cached; independent modules build in parallel.

    The entry runs as __main__: like `python DIR` when it is DIR/__main__.pyc, like
    `python -m PKG.MOD` for --entry PKG.MOD (its package is imported first), like
    `python FILE.pyc` for files.

    \b
    Examples:
      pybc2wasm compile hello.pyc -o hello.wasm
      pybc2wasm compile hello.pyc --target native -o hello
      pybc2wasm compile hello.pyc --target web -o site/   # site/index.html runs it
      pybc2wasm compile hello.pyc --emit tir          # print the TIR
      pybc2wasm compile app/ -o app.wasm              # runs app/__main__.pyc
      pybc2wasm compile app/ --entry tool.cli         # runs app/tool/cli.pyc as __main__
      pybc2wasm compile main.pyc util.pyc             # main imports util
    """
    if profile_run and profile_file:
        raise Fail("error: give either --profile-run or --profile FILE, not both", EXIT_COMPILE_ERROR)
    if (profile_args or profile_out) and not profile_run:
        raise Fail("error: --profile-args and --profile-out go with --profile-run", EXIT_COMPILE_ERROR)
    profile = None
    if profile_file:
        from .profile import load
        profile = load(Path(profile_file))
    if profile_run:
        import shlex

        from .profile import record, write
        run_args = shlex.split(profile_args)
        if "--" in sys.argv[1:]:
            # click gives what follows `--` as more INPUTs: it is the profiling run's command line
            after = sys.argv[len(sys.argv) - sys.argv[::-1].index("--"):]
            if after and list(inputs[-len(after):]) == after:
                inputs, run_args = inputs[:-len(after)], run_args + after
        popts = build_options(paths, python, include, exclude, None, jobs, quiet)
        profile = record(load_graph_inputs(list(inputs), entry, popts), popts, run_args)
        if profile_out:
            write(profile, Path(profile_out))
    if not emit:
        from .driver import build_graph_program
        opts = build_options(paths, python, include, exclude, report, jobs, quiet, optimize_size)
        opts.hot_libraries = hot_libraries
        graph = load_graph_inputs(list(inputs), entry, opts)
        if profile is not None:
            from .profile import check, own_modules
            opts.pgo = check(profile, graph.entry, own_modules(graph))
        first = Path(inputs[0])
        if len(inputs) > 1:
            first = Path(graph.entry.rpartition(".")[2])
        out = Path(output) if output else default_output(first, target)
        if target == "web":
            from .web import site_wasm_name, write_site
            if out.exists() and not out.is_dir():
                raise Fail(f"error: --target web writes a directory, and {out} is a file",
                           EXIT_COMPILE_ERROR)
            argv0 = Path(inputs[0]).resolve().name
            built = build_graph_program(graph, "wasm32-wasi", None, opts,
                                        label=str(out / site_wasm_name(argv0)))
            write_site(built, out, argv0)
            return
        build_graph_program(graph, target, out, opts)
        return
    program = load_inputs(list(inputs), entry, profile)
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


@main.command(context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False})
@click.option("--host", type=click.Choice(HOST_CHOICES), default="wasmtime", show_default=True,
              help="wasmtime: the embedded wasmtime; node: Node >= 20's node:wasi; "
                   "native: build and run a native executable instead of wasm.")
@click.option("--timeout", type=float, metavar="SECONDS", help="Stop the program after this long.")
@click.option("--max-memory", metavar="SIZE", callback=lambda c, p, v: _parse_size(v),
              help="Limit the program's memory (e.g. 512M, 2G; wasmtime: its linear memory, "
                   "native: its address space). Allocations that the runtime can report "
                   "raise MemoryError; others end it with status 134 after its output is "
                   "flushed. Not supported by the node host.")
@click.option("--entry", metavar="MODULE", help=ENTRY_HELP)
@click.option("--with", "extra", metavar="MOD.pyc", multiple=True,
              help="Another module of the program (repeatable): INPUT and these are compiled "
                   "together, as `compile INPUT MOD.pyc ...` does.")
@graph_options
@click.option("-v", "--verbose", is_flag=True, help="Show build progress and the build summary on stderr.")
@click.argument("pyc", metavar="INPUT")
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@guarded
def run(host, timeout, max_memory, entry, extra, paths, python, include, exclude, report, jobs, verbose, pyc, args):
    """Compile INPUT (cached) and run it, passing ARGS as sys.argv[1:].

    INPUT is a FILE.pyc or a directory holding a program's bytecode (see `compile --help`
    for directories and the entry). stdin, stdout and stderr are the program's; the exit
    status is the program's (134 after a wasm trap). Options for pybc2wasm go before
    INPUT; everything after it belongs to the program.

    \b
    Examples:
      pybc2wasm run fib.pyc 30
      pybc2wasm run --host node fib.pyc 30
      pybc2wasm run app/ --verbose                   # app/__main__.pyc gets --verbose
      pybc2wasm run --entry tool.cli app/ x y
      pybc2wasm run --with util.pyc main.pyc
    """
    from . import runner
    from .driver import build_graph_program
    opts = build_options(paths, python, include, exclude, report, jobs, not verbose)
    graph = load_graph_inputs([pyc, *extra], entry, opts)
    target = "native" if host == "native" else "wasm32-wasi"
    built = build_graph_program(graph, target, None, opts)
    limits = {"max_memory": max_memory} if max_memory else {}
    status = runner.run(built, host, [pyc, *args], timeout=timeout, **limits)
    sys.exit(status)


def _parse_size(text: str | None) -> int | None:
    """Bytes from '1048576', '512K', '64M', '2G' (powers of 1024)."""
    if text is None:
        return None
    m = re.fullmatch(r"\s*(\d+)\s*([KMG]?)i?B?\s*", text, re.IGNORECASE)
    if not m or int(m.group(1)) == 0:
        raise click.BadParameter(f"{text!r} is not a size such as 1048576, 512K, 64M or 2G")
    return int(m.group(1)) * 1024 ** " KMG".index((m.group(2) or " ").upper())


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


from . import cli_cache, cli_reports  # noqa: E402,F401  (register `cache`, `opcodes`, `sweep`)

if __name__ == "__main__":
    main(prog_name="pybc2wasm")
