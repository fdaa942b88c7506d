"""Shared helpers for compiler-side tests: compile Python source text the way users do."""
import importlib.util
import marshal
import py_compile
from pathlib import Path


def write_pyc(tmp_path: Path, source: str, name: str = "prog") -> Path:
    py = tmp_path / f"{name}.py"
    py.write_text(source)
    pyc = tmp_path / f"{name}.pyc"
    py_compile.compile(str(py), cfile=str(pyc), dfile=f"{name}.py", doraise=True)
    return pyc


def write_interactive_pyc(tmp_path: Path, source: str, name: str = "prog") -> Path:
    """A .pyc of `source` compiled in the interactive ('single') mode, whose expression
    statements print their value (PRINT_EXPR); py_compile cannot produce one."""
    code = compile(source, f"{name}.py", "single")
    pyc = tmp_path / f"{name}.pyc"
    header = importlib.util.MAGIC_NUMBER + b"\0" * 12   # flags 0, mtime and size unchecked
    pyc.write_bytes(header + marshal.dumps(code))
    return pyc


def build_program(inputs, entry, target: str, **options):
    """Builds a program the way `pybc2wasm compile` does (module graph, cached units, link)
    and returns the cached output's path. Quiet, one job (pytest runs tests in parallel)."""
    from pathlib import Path

    from pybc2wasm.driver import BuildOptions, build_graph_program, load_graph

    options.setdefault("jobs", 1)
    opts = BuildOptions(quiet=True, **options)
    graph = load_graph([Path(p) for p in inputs], entry, opts)
    return build_graph_program(graph, target, None, opts)


def run_in_scratch_dir(built, argv0: str, host: str, tmp: Path, timeout: float,
                       args: list[str] = ()) -> tuple[bytes, bytes, int]:
    """Runs a built program in an empty working directory of its own (preopened as `.` under
    WASI, so programs that write files can), stdin empty; returns (stdout, stderr, status)."""
    assert host in ("native", "wasmtime"), host
    import subprocess
    from pybc2wasm import runner

    work = tmp / f"work-{host}"
    work.mkdir()
    out, err = tmp / f"{host}.stdout", tmp / f"{host}.stderr"
    if host == "native":
        with open(out, "wb") as fo, open(err, "wb") as fe:
            status = subprocess.run([argv0, *args], executable=str(Path(built).resolve()), cwd=work,
                                    stdin=subprocess.DEVNULL, stdout=fo, stderr=fe,
                                    timeout=timeout).returncode
    else:
        status = runner.run_wasmtime(built, [argv0, *args], stdin=Path("/dev/null"), stdout=out,
                                     stderr=err, timeout=timeout, preopens={str(work): "."})
    return out.read_bytes(), err.read_bytes(), status
