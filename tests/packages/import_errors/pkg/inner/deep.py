print(__name__, repr(__package__))
from .. import VALUE
from ..boom import explode
