print("init", __name__, repr(__package__))
from . import registry
from .registry import register

VERSION = (1, 0)
