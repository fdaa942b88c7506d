"""`python -m pybc2wasm` is the `pybc2wasm` command."""
from .cli import main

if __name__ == "__main__":
    main(prog_name="pybc2wasm")
