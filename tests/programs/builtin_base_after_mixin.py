# A class whose builtin base (dict, list, set) comes after a mixin, as importlib.metadata's
# `class SelectableGroups(Deprecated, dict)`: construction runs the builtin's __init__ found
# along the MRO (it was skipped, leaving the instance empty).
class Deprecated:
    def keys(self):
        return super().keys()


class Groups(Deprecated, dict):
    @classmethod
    def load(cls, pairs):
        return cls((k, v) for k, v in pairs)


class Items(Deprecated, list):
    pass


class Members(Deprecated, set):
    pass


print(Groups([("a", 1)]), Groups.load([("b", 2), ("c", 3)]), Groups(x=1, y=2), Groups({"z": 0}))
print(sorted(Groups.load([("b", 2)]).keys()), len(Groups(a=1)), type(Groups(a=1)).__name__)
print(Items((1, 2, 3)), Items("ab"), sorted(Members([3, 1, 3])), Members("aa"))
