print("before")
import pkg.boom
print("never")
