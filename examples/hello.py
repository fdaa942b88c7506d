# A first program for pybc2wasm: compile its bytecode, run it as WebAssembly.
import sys


def greet(name):
    return f"Hello, {name}!"


names = sys.argv[1:] or ["WebAssembly"]
for name in names:
    print(greet(name))
