_names = []


def register(name):
    _names.append(name)
    return name


def names():
    return list(_names)
