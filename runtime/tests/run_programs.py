"""Differential check of the runtime through the whole compiler: each program in
runtime/tests/programs/ is compiled to a .pyc, run by CPython and by `pybc2wasm run`, and
stdout/stderr/exit status are compared. Programs the compiler refuses (exit 2) are listed
separately: they exercise runtime features the printer does not reach yet.

    python3 runtime/tests/run_programs.py [name ...]
"""
import os
import py_compile
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PROGS = os.path.join(HERE, "programs")
PYBC2WASM = os.path.join(os.path.dirname(os.path.dirname(HERE)), ".venv", "bin", "pybc2wasm")


def run(cmd, cwd):
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=600)
    return p.stdout, p.stderr, p.returncode


def main(names):
    tmp = tempfile.mkdtemp()
    ok = fail = refused = 0
    for name in sorted(os.listdir(PROGS)):
        if not name.endswith(".py") or (names and name[:-3] not in names):
            continue
        stem = name[:-3]
        pyc = os.path.join(tmp, stem + ".pyc")
        py_compile.compile(os.path.join(PROGS, name), cfile=pyc, dfile=name, doraise=True)
        want = run([sys.executable, pyc], tmp)
        got = run([PYBC2WASM, "run", pyc], tmp)
        # build notices of the compiler driver are not program output
        got = (got[0], "".join(l for l in got[1].splitlines(True) if not l.startswith("building runtime for")), got[2])
        if got[2] == 2 and got[1].startswith("error:"):
            refused += 1
            print("REFUSED %-24s %s" % (stem, got[1].strip().splitlines()[-1][:150]))
        elif got == want:
            ok += 1
            print("OK      %s" % stem)
        else:
            fail += 1
            print("FAIL    %s" % stem)
            for label, g, w in zip(("stdout", "stderr", "status"), got, want):
                if g != w:
                    print("  %s got:  %r\n  %s want: %r" % (label, g[-600:] if isinstance(g, str) else g,
                                                            label, w[-600:] if isinstance(w, str) else w))
    print("%d ok, %d failed, %d refused by the compiler" % (ok, fail, refused))
    return 1 if fail else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
