from .fmt import *
from .loud import *

hidden = "not exported by the star import of __main__? it is: no __all__ here"
_private = 1
