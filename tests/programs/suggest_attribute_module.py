# An AttributeError from a module and one from a class object: the suggestions come from
# dir() of the module / class.
import string


class Config:
    verbose = False
    retries = 3


print(Config.retries, string.digits)
try:
    Config.retrys
except AttributeError as e:
    print("caught:", e)
print(string.ascii_lowercas)
