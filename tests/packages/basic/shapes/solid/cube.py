from ..flat import square
from .. import registry
from . import __name__ as parent_name
import shapes.registry

registry.register("cube")


def volume(side):
    return square(side) * side


def describe(side):
    return f"cube({side}) in {parent_name} via {shapes.registry.__name__}"
