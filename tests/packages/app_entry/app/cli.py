# Run with `python -m app.cli ...` (entry app.cli): relative imports from the entry,
# sys.argv, sys.exit.
import sys

from . import DEFAULT_NAME
from .commands import greet, version
from .commands.greet import format_greeting


def dispatch(args):
    command, rest = args[0], args[1:]
    if command == "greet":
        name = DEFAULT_NAME
        if rest[:1] == ["--name"]:
            name, rest = rest[1], rest[2:]
        print(format_greeting(name), rest)
        return 0
    if command == "exit-code":
        sys.stdout.write("exiting with " + rest[0] + "\n")
        sys.exit(int(rest[0]))
    if command == "exit-message":
        print("about to fail")
        sys.exit("fatal: something went wrong")
    if command == "exit-none":
        sys.exit()
    return 2


print("cli:", __name__, repr(__package__), version.text())
if __name__ == "__main__":
    status = dispatch(sys.argv[1:])
    print("status", status, greet.__name__)
