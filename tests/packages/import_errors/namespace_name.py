import nspace.deeper.leaf
print(nspace.__name__, nspace.__file__, nspace.deeper.leaf.LEAF)
from nspace import nothing
