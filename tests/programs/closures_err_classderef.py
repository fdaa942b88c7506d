# A class body reading a free variable of its function before it is bound (LOAD_CLASSDEREF).


def build(flag):
    class Holder:
        if flag:
            zqx_value = 1
        seen = zqx_value
    zqx_value = 2
    return Holder


print(build(True).seen)


def build_late():
    class Holder:
        seen = zqx_late
    zqx_late = 2
    return Holder


build_late()
