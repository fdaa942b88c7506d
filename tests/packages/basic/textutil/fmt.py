__all__ = ["banner"]


def banner(text):
    return f"== {text} =="


def not_exported():
    return 0
