from . import register
from .registry import names as _names

register("square")
print("flat sees", _names(), "from", __name__)


def square(side):
    return side * side
