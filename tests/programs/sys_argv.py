# args: alpha 42 --flag
import sys
from sys import argv

print(len(sys.argv), sys.argv[1:], argv[1:] == sys.argv[1:])
print(sys.getrecursionlimit(), sys.maxsize)
code = int(sys.argv[2]) - 39
print("exiting with", code)
sys.exit(code)
