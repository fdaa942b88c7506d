import pkg
print("pkg loaded", pkg.VALUE)
import pkg.nothing_here
