# A first program for pybc2wasm: compile its bytecode, run it as WebAssembly.


def greet(name):
    return f"Hello, {name}!"


for name in ["WebAssembly", "WASI"]:
    print(greet(name))
