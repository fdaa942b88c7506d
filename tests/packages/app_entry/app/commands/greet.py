from .. import DEFAULT_NAME


def format_greeting(name=DEFAULT_NAME, *, punctuation="!"):
    return f"Hello, {name}{punctuation}"
