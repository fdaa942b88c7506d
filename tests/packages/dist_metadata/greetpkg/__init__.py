from importlib.metadata import version

__version__ = version("greetpkg")


def hello(name):
    return f"hello {name}"
