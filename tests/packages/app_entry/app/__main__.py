# `python -m app` runs this module.
from . import cli
print("app.__main__", __name__, repr(__package__), cli.__name__)
cli.dispatch(["greet"])
