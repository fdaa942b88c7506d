__all__ = ["greet", "version"]
