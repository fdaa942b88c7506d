import pkgutil

_TABLE = None


def load():
    global _TABLE
    if _TABLE is None:
        _TABLE = pkgutil.get_data(__name__, "table.bin")
    return _TABLE
