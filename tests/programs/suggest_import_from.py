# `from m import name` of a missing name: 3.12+ suggest the closest name in the module
# ("Did you mean: 'argv'?"); 3.11 only names the module. (A built-in module: the message
# says "(unknown location)", the same in every oracle.)
import sys
print(type(sys.argv).__name__)
from sys import argvv
