from .. import VERSION
from ..flat import square

print("solid", __name__, VERSION, square(4))
