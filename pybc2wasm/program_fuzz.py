"""Random small Python programs for differential fuzzing of the whole compiler.

`generate(rng, cases)` writes a module of independent *cases*: each is a function built from
typed random statements (ints including big ones, floats, strings, lists, dicts, branches,
loops, try/except/finally, closures, generators, classes with methods) that returns a value;
the module's main loop prints each case's result or the exception it raised. Variables are
tracked by type so most expressions are well-typed, but errors are welcome too: division by
zero, bad indexes, missing keys, overflow and the like exercise the exception paths.

Everything printed is deterministic under CPython: no addresses, no hash-order-dependent
iteration (sets and dicts of strings are never iterated), no time. `run_differential`
compiles a generated program with CPython to a .pyc, runs CPython and the compiled program,
and returns what differs; `reduce_cases` shrinks a mismatching program to the cases that
still mismatch. Used by tests/test_program_fuzz.py (bounded) and tools/fuzz_programs.py.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

TYPES = ("int", "float", "str", "bool", "list", "dict")
SMALL_INTS = (0, 1, 2, 3, 5, 7, 10, 16, 100, -1, -3, 255, 256, 1000)
BIG_INTS = ("2 ** 64", "-(2 ** 63)", "10 ** 20 + 7", "(1 << 100) - 1", "3 ** 45", "-(10 ** 30)")
FLOATS = ("0.5", "1.25", "-2.75", "3.0", "1e-05", "1e+300", "0.1", "-0.0", "2.5e10", "7.0")
WORDS = ("'a'", "'bc'", "''", "'xyz'", "'Hello'", "'a b c'", "'42'", "'é'", "'-'")
FORMAT_SPECS = ("'x'", "'b'", "','", "'>8'", "'+'", "'08.2f'", "'e'")
ERRORS = "(ZeroDivisionError, IndexError, KeyError, ValueError, TypeError, OverflowError)"


@dataclass
class Scope:
    vars: dict[str, str] = field(default_factory=dict)   # name -> type
    readonly: set[str] = field(default_factory=set)     # loop counters: never reassigned
    counter: list[int] = field(default_factory=lambda: [0])

    def fresh(self, prefix: str = "v") -> str:
        self.counter[0] += 1
        return f"{prefix}{self.counter[0]}"

    def child(self) -> "Scope":
        return Scope(dict(self.vars), set(self.readonly), self.counter)

    def of_type(self, ty: str) -> list[str]:
        return [n for n, t in self.vars.items() if t == ty]


class Generator:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def pick(self, seq):
        return self.rng.choice(seq)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    # ------------------------------------------------------------ expressions
    def expr(self, ty: str, scope: Scope, depth: int = 0) -> str:
        names = scope.of_type(ty)
        if names and self.chance(0.45):
            return self.pick(names)
        if depth >= 3 or self.chance(0.25):
            return self.literal(ty)
        return getattr(self, f"expr_{ty}")(scope, depth + 1)

    def literal(self, ty: str) -> str:
        if ty == "int":
            return self.pick(BIG_INTS) if self.chance(0.15) else str(self.pick(SMALL_INTS))
        if ty == "float":
            return self.pick(FLOATS)
        if ty == "str":
            return self.pick(WORDS)
        if ty == "bool":
            return self.pick(("True", "False"))
        if ty == "list":
            return "[" + ", ".join(self.literal("int") for _ in range(self.rng.randint(0, 4))) + "]"
        return "{" + ", ".join(f"{self.pick(WORDS)}: {self.literal('int')}"
                               for _ in range(self.rng.randint(0, 3))) + "}"

    def expr_int(self, scope: Scope, d: int) -> str:
        e = lambda: self.expr("int", scope, d)  # noqa: E731
        forms = [
            lambda: f"({e()} {self.pick(['+', '-', '*', '//', '%', '&', '|', '^'])} {e()})",
            lambda: f"({e()} ** {self.rng.randint(0, 5)})",
            lambda: f"({e()} << {self.rng.randint(0, 70)})",
            lambda: f"({e()} >> {self.rng.randint(0, 5)})",
            lambda: f"(-{e()})",
            lambda: f"len({self.expr('str', scope, d)})",
            lambda: f"len({self.expr('list', scope, d)})",
            lambda: f"abs({e()})",
            lambda: f"{self.pick(['min', 'max'])}({e()}, {e()})",
            lambda: f"sum({self.expr('list', scope, d)})",
            lambda: f"({e()} if {self.expr('bool', scope, d)} else {e()})",
            lambda: f"int({self.expr('float', scope, d)})",
            lambda: f"{self.expr('dict', scope, d)}.get({self.expr('str', scope, d)}, {e()})",
            lambda: f"{self.expr('list', scope, d)}[{e()}]",
            lambda: f"round({self.expr('float', scope, d)})",
            lambda: f"hash({e()})",
        ]
        return self.pick(forms)()

    def expr_float(self, scope: Scope, d: int) -> str:
        e = lambda: self.expr("float", scope, d)  # noqa: E731
        forms = [
            lambda: f"({e()} {self.pick(['+', '-', '*', '/'])} {e()})",
            lambda: f"({self.expr('int', scope, d)} / {self.expr('int', scope, d)})",
            lambda: f"float({self.expr('int', scope, d)})",
            lambda: f"round({e()}, {self.rng.randint(-2, 4)})",
            lambda: f"abs({e()})",
            lambda: f"({e()} % {e()})",
            lambda: f"({e()} ** {self.rng.randint(0, 3)})",
        ]
        return self.pick(forms)()

    def expr_str(self, scope: Scope, d: int) -> str:
        e = lambda: self.expr("str", scope, d)  # noqa: E731
        forms = [
            lambda: f"({e()} + {e()})",
            lambda: f"({e()} * {self.rng.randint(0, 4)})",
            lambda: f"str({self.expr(self.pick(['int', 'float', 'bool', 'list']), scope, d)})",
            lambda: f"repr({self.expr(self.pick(['str', 'float', 'dict']), scope, d)})",
            lambda: self.fstring(scope),
            lambda: f"{e()}.{self.pick(['upper', 'lower', 'strip', 'title', 'swapcase'])}()",
            lambda: f"{e()}[{self.rng.randint(-3, 3)}:{self.rng.randint(-3, 5)}]",
            lambda: f"'/'.join({e()})",
            lambda: f"{e()}.replace({self.pick(WORDS)}, {self.pick(WORDS)})",
            lambda: f"{e()}[{self.expr('int', scope, d)}]",
            lambda: self.format_call(scope, d),
        ]
        return self.pick(forms)()

    def fstring(self, scope: Scope) -> str:
        """An f-string over names and number literals only: 3.11 forbids the string's own
        quote inside its replacement fields."""
        def simple(ty: str) -> str:
            names = scope.of_type(ty)
            return self.pick(names) if names and self.chance(0.7) else self.literal(ty)
        parts = [f"{{{simple('int')}}}", f"{{{simple('float')}:.3f}}", f"{{{simple('int')}!r:>6}}"]
        strs = scope.of_type("str")
        if strs:
            parts.append(f"{{{self.pick(strs)}!r}}")
        self.rng.shuffle(parts)
        return "f'" + "-".join(parts) + "'"

    def format_call(self, scope: Scope, d: int) -> str:
        spec = self.pick(FORMAT_SPECS)
        ty = "float" if spec in ("'08.2f'", "'e'") else "int"
        return f"format({self.expr(ty, scope, d)}, {spec})"

    def expr_bool(self, scope: Scope, d: int) -> str:
        ty = self.pick(["int", "float", "str"])
        forms = [
            lambda: f"({self.expr(ty, scope, d)} {self.pick(['<', '<=', '==', '!=', '>', '>='])} {self.expr(ty, scope, d)})",
            lambda: f"(not {self.expr('bool', scope, d)})",
            lambda: f"({self.expr('bool', scope, d)} {self.pick(['and', 'or'])} {self.expr('bool', scope, d)})",
            lambda: f"({self.expr('int', scope, d)} in {self.expr('list', scope, d)})",
            lambda: f"({self.expr('str', scope, d)} in {self.expr('dict', scope, d)})",
            lambda: f"bool({self.expr(self.pick(TYPES), scope, d)})",
            lambda: f"{self.expr('str', scope, d)}.startswith({self.pick(WORDS)})",
        ]
        return self.pick(forms)()

    def expr_list(self, scope: Scope, d: int) -> str:
        e = lambda: self.expr("list", scope, d)  # noqa: E731
        forms = [
            lambda: f"({e()} + {e()})",
            lambda: f"list(range({self.rng.randint(-2, 8)}))",
            lambda: f"[x * {self.expr('int', scope, d)} for x in {e()} if x % 2]",
            lambda: f"sorted({e()}, reverse={self.pick(['True', 'False'])})",
            lambda: f"{e()}[{self.rng.randint(-3, 3)}:{self.rng.randint(-2, 6)}:{self.pick([1, 2, -1])}]",
            lambda: f"[len(w) for w in {self.expr('str', scope, d)}.split()]",
            lambda: f"list({self.expr('dict', scope, d)}.values())",
            lambda: f"[{self.expr('int', scope, d)}, {self.expr('int', scope, d)}]",
            lambda: f"list(map(abs, {e()}))",
        ]
        return self.pick(forms)()

    def expr_dict(self, scope: Scope, d: int) -> str:
        forms = [
            lambda: f"{{{self.expr('str', scope, d)}: {self.expr('int', scope, d)}, 'k': 1}}",
            lambda: f"{{str(i): i * i for i in range({self.rng.randint(0, 5)})}}",
            lambda: f"dict({self.expr('dict', scope, d)}, z={self.expr('int', scope, d)})",
            lambda: f"{{**{self.expr('dict', scope, d)}, **{self.expr('dict', scope, d)}}}",
        ]
        return self.pick(forms)()

    # ------------------------------------------------------------- statements
    def block(self, scope: Scope, indent: int, n: int, depth: int) -> list[str]:
        lines: list[str] = []
        for _ in range(n):
            lines += self.statement(scope, indent, depth)
        return lines or [" " * indent + "pass"]

    def statement(self, scope: Scope, indent: int, depth: int) -> list[str]:
        pad = " " * indent
        kinds = ["assign"] * 4 + ["aug", "print", "mutate"]
        if depth < 2:
            kinds += ["if", "for", "while", "try", "closure", "generator", "method"]
        kind = self.pick(kinds)
        return getattr(self, f"stmt_{kind}")(scope, pad, indent, depth)

    def stmt_assign(self, scope, pad, indent, depth):
        ty = self.pick(TYPES)
        value = self.expr(ty, scope)
        name = scope.fresh()
        scope.vars[name] = ty
        return [f"{pad}{name} = {value}"]

    def stmt_aug(self, scope, pad, indent, depth):
        names = [n for n in scope.of_type("int") if n not in scope.readonly]
        if not names:
            return self.stmt_assign(scope, pad, indent, depth)
        return [f"{pad}{self.pick(names)} {self.pick(['+=', '-=', '*=', '//=', '%=', '^='])} {self.expr('int', scope)}"]

    def stmt_print(self, scope, pad, indent, depth):
        ty = self.pick(TYPES)
        return [f"{pad}print({self.expr(ty, scope)}, {self.expr('str', scope)})"]

    def stmt_mutate(self, scope, pad, indent, depth):
        lists, dicts = scope.of_type("list"), scope.of_type("dict")
        if lists and (not dicts or self.chance(0.5)):
            l = self.pick(lists)
            return [self.pick([
                f"{pad}{l}.append({self.expr('int', scope)})",
                f"{pad}{l}.extend({self.expr('list', scope)})",
                f"{pad}{l}[{self.expr('int', scope)}] = {self.expr('int', scope)}",
                f"{pad}{l}.sort()",
                f"{pad}{l}.insert({self.rng.randint(-2, 3)}, {self.expr('int', scope)})",
                f"{pad}print({l}.pop())",
                f"{pad}del {l}[{self.rng.randint(-2, 2)}:{self.rng.randint(0, 3)}]",
            ])]
        if dicts:
            d = self.pick(dicts)
            return [self.pick([
                f"{pad}{d}[{self.expr('str', scope)}] = {self.expr('int', scope)}",
                f"{pad}print({d}.pop({self.expr('str', scope)}, None))",
                f"{pad}{d}.update({self.expr('dict', scope)})",
                f"{pad}print(sorted({d}.items()))",
            ])]
        return self.stmt_assign(scope, pad, indent, depth)

    def stmt_if(self, scope, pad, indent, depth):
        lines = [f"{pad}if {self.expr('bool', scope)}:"]
        lines += self.block(scope.child(), indent + 4, self.rng.randint(1, 3), depth + 1)
        if self.chance(0.3):
            lines.append(f"{pad}elif {self.expr('bool', scope)}:")
            lines += self.block(scope.child(), indent + 4, self.rng.randint(1, 2), depth + 1)
        if self.chance(0.6):
            lines.append(f"{pad}else:")
            lines += self.block(scope.child(), indent + 4, self.rng.randint(1, 2), depth + 1)
        return lines

    def stmt_for(self, scope, pad, indent, depth):
        inner = scope.child()
        var = scope.fresh("i")
        source = self.pick([f"range({self.rng.randint(0, 6)})", self.expr("list", scope),
                            f"enumerate({self.expr('list', scope)})"])
        if source.startswith("enumerate"):
            second = scope.fresh("x")
            inner.vars[var] = inner.vars[second] = "int"
            head = f"{pad}for {var}, {second} in {source}:"
        else:
            inner.vars[var] = "int"
            head = f"{pad}for {var} in {source}:"
        lines = [head] + self.block(inner, indent + 4, self.rng.randint(1, 3), depth + 1)
        if self.chance(0.3):
            lines[1:1] = [f"{pad}    if {self.expr('bool', inner)}:", f"{pad}        {self.pick(['break', 'continue'])}"]
        if self.chance(0.2):
            lines += [f"{pad}else:", f"{pad}    print('for-else')"]
        return lines

    def stmt_while(self, scope, pad, indent, depth):
        n = scope.fresh("n")
        inner = scope.child()
        inner.vars[n] = "int"
        inner.readonly.add(n)
        return ([f"{pad}{n} = 0", f"{pad}while {n} < {self.rng.randint(0, 5)}:", f"{pad}    {n} += 1"]
                + self.block(inner, indent + 4, self.rng.randint(1, 2), depth + 1))

    def stmt_try(self, scope, pad, indent, depth):
        e = scope.fresh("e")
        lines = [f"{pad}try:"]
        lines += self.block(scope.child(), indent + 4, self.rng.randint(1, 3), depth + 1)
        lines.append(f"{pad}    print({self.risky(scope)})")
        lines.append(f"{pad}except {ERRORS} as {e}:")
        lines.append(f"{pad}    print('caught', type({e}).__name__, {e})")
        if self.chance(0.4):
            lines.append(f"{pad}else:")
            lines += self.block(scope.child(), indent + 4, 1, depth + 1)
        if self.chance(0.4):
            lines.append(f"{pad}finally:")
            lines.append(f"{pad}    print('finally')")
        return lines

    def risky(self, scope: Scope) -> str:
        """An expression that often raises."""
        return self.pick([
            f"{self.expr('int', scope)} // {self.expr('int', scope)}",
            f"{self.expr('list', scope)}[{self.expr('int', scope)}]",
            f"{self.expr('dict', scope)}[{self.expr('str', scope)}]",
            f"int({self.expr('str', scope)})",
            f"{self.expr('float', scope)} / {self.expr('int', scope)}",
            f"{self.expr('float', scope)} ** {self.expr('int', scope)}",
            f"[1, 2].index({self.expr('int', scope)})",
        ])

    def stmt_closure(self, scope, pad, indent, depth):
        fn, arg = scope.fresh("f"), scope.fresh("a")
        inner = scope.child()
        inner.vars[arg] = "int"
        ty = self.pick(TYPES)
        body = self.block(inner, indent + 4, self.rng.randint(0, 2), depth + 1)
        returned, argument = self.expr(ty, inner), self.expr("int", scope)
        result = scope.fresh()
        scope.vars[result] = ty
        return ([f"{pad}def {fn}({arg}):"] + body + [f"{pad}    return {returned}",
                f"{pad}{result} = {fn}({argument})"])

    def stmt_generator(self, scope, pad, indent, depth):
        fn, arg, i = scope.fresh("g"), scope.fresh("a"), scope.fresh("i")
        inner = scope.child()
        inner.vars[arg] = inner.vars[i] = "int"
        yields = f"{pad}        yield {self.expr('int', inner)}"
        argument = self.expr("int", scope)
        result = scope.fresh()
        scope.vars[result] = "list"
        return [f"{pad}def {fn}({arg}):",
                f"{pad}    for {i} in range({arg} % 5):",
                yields,
                f"{pad}    return {arg}",
                f"{pad}{result} = list({fn}({argument}))"]

    def stmt_method(self, scope, pad, indent, depth):
        obj = scope.fresh("o")
        lines = [f"{pad}{obj} = Box({self.expr('int', scope)}, {self.expr('str', scope)})"]
        call = f"{obj}.{self.pick(['grow', 'size'])}({self.expr('int', scope)})"
        result = scope.fresh()
        scope.vars[result] = "int"
        lines.append(f"{pad}{result} = {call}")
        lines.append(f"{pad}print({obj}, {obj} == Box({result}, ''))")
        return lines

    # ----------------------------------------------------------------- module
    def case(self, name: str) -> list[str]:
        scope = Scope()
        scope.vars["p"] = "int"
        body = self.block(scope, 4, self.rng.randint(2, 7), 0)
        ty = self.pick(TYPES)
        return [f"def {name}(p):"] + body + [f"    return {self.expr(ty, scope)}"]


PRELUDE = '''\
class Box:
    def __init__(self, n, label):
        self.n, self.label = n, label

    def grow(self, k):
        self.n = self.n + k
        return self.n

    def size(self, k):
        return len(self.label) * k + self.n

    def __eq__(self, other):
        return isinstance(other, Box) and self.n == other.n

    def __repr__(self):
        return f"Box({self.n!r}, {self.label!r})"
'''

MAIN = '''
for _name, _case in CASES:
    try:
        print(_name, repr(_case(3)))
    except Exception as _e:
        print(_name, "raised", type(_e).__name__, _e)
'''


def generate(rng: random.Random, cases: int = 6) -> str:
    """A whole program: the prelude, `cases` case functions, the main loop."""
    gen = Generator(rng)
    names = [f"case{i}" for i in range(cases)]
    return program_from_cases([(n, "\n".join(gen.case(n))) for n in names])


def program_from_cases(cases: list[tuple[str, str]]) -> str:
    listing = "CASES = [" + ", ".join(f"({n!r}, {n})" for n, _ in cases) + "]\n"
    return PRELUDE + "\n\n" + "\n\n\n".join(src for _, src in cases) + "\n\n\n" + listing + MAIN


def split_cases(program: str) -> list[tuple[str, str]]:
    """The (name, source) of each case function of a generated program."""
    out = []
    for chunk in program.split("\n\n\n"):
        if chunk.startswith("def case"):
            out.append((chunk[4:chunk.index("(")], chunk))
    return out


# ------------------------------------------------------------------ running
HOSTS = ("wasmtime", "native")


@dataclass
class Result:
    stdout: bytes
    stderr: bytes
    status: int


def cpython_env() -> dict:
    import os
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
    return env


def write_pyc(source: str, work, name: str = "fuzzprog"):
    """The program compiled by this CPython, its source deleted (tracebacks then print no
    source lines, as the compiled program cannot)."""
    import py_compile
    from pathlib import Path
    work = Path(work)
    py = work / f"{name}.py"
    py.write_text(source)
    pyc = work / f"{name}.pyc"
    py_compile.compile(str(py), cfile=str(pyc), dfile=f"{name}.py", doraise=True)
    py.unlink()
    return pyc


def run_cpython(pyc, timeout: float) -> Result:
    import subprocess
    import sys
    res = subprocess.run([sys.executable, pyc.name], cwd=pyc.parent, capture_output=True,
                         stdin=subprocess.DEVNULL, env=cpython_env(), timeout=timeout)
    return Result(res.stdout, res.stderr, res.returncode)


def run_compiled(pyc, host: str, timeout: float) -> Result:
    """Builds `pyc` for the host (cached units, one job) and runs it."""
    from pathlib import Path

    from . import runner
    from .driver import BuildOptions, build_graph_program, load_graph

    target = "native" if host == "native" else "wasm32-wasi"
    opts = BuildOptions(quiet=True, jobs=1)
    built = build_graph_program(load_graph([Path(pyc)], None, opts), target, None, opts)
    out, err = pyc.parent / f"{host}.stdout", pyc.parent / f"{host}.stderr"
    status = runner.run(built, host, [pyc.name], stdin=Path("/dev/null"), stdout=out, stderr=err,
                        timeout=timeout)
    return Result(out.read_bytes(), err.read_bytes(), status)


def differences(want: Result, got: Result) -> list[str]:
    import difflib
    problems = []
    for what in ("stdout", "stderr"):
        w, g = getattr(want, what), getattr(got, what)
        if w != g:
            diff = difflib.unified_diff(w.decode("utf-8", "replace").splitlines(keepends=True),
                                        g.decode("utf-8", "replace").splitlines(keepends=True),
                                        f"{what} (CPython)", f"{what} (pybc2wasm)")
            problems.append("".join(diff) or f"{what}: {w!r} vs {g!r}")
    if want.status != got.status:
        problems.append(f"exit status: CPython {want.status}, pybc2wasm {got.status}")
    return problems


def run_differential(source: str, work, hosts=HOSTS, timeout: float = 120) -> dict[str, list[str]]:
    """host -> how the compiled program's run differs from CPython's (empty lists: none).
    A compile failure counts as a difference."""
    from .diagnostics import CompileError
    pyc = write_pyc(source, work)
    want = run_cpython(pyc, timeout)
    out = {}
    for host in hosts:
        try:
            out[host] = differences(want, run_compiled(pyc, host, timeout))
        except CompileError as e:
            out[host] = [f"compile error: {e}"]
    return out


def reduce_cases(source: str, still_fails) -> str:
    """The smallest program, by cases kept, for which `still_fails(program)` holds: drops one
    case at a time while the mismatch persists (cases are independent)."""
    cases = split_cases(source)
    i = 0
    while i < len(cases) and len(cases) > 1:
        trial = cases[:i] + cases[i + 1:]
        if still_fails(program_from_cases(trial)):
            cases = trial
        else:
            i += 1
    return program_from_cases(cases)
