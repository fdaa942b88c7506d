NAME = "first"
from . import second
