print(__name__, repr(__package__))
from . import plain
