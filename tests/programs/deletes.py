# del on local, global and module-level names, attribute stores; then the NameError.
counter = 10
scratch = "temporary"


def drop_local(v):
    tmp = v * 2
    result = tmp + 1
    del tmp
    return result


def drop_global():
    global counter
    counter = counter + 1
    del counter


def tag(module):
    module.label = "tagged"
    module.label = module.label + "!"
    return module


print(drop_local(20))
drop_global()
del scratch
import sys
tagged = tag(sys)
print(tagged.label)
print(counter)
