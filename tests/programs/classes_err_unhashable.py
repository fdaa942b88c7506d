# A class defining __eq__ without __hash__ is unhashable.


class Key:
    def __init__(self, k):
        self.k = k

    def __eq__(self, other):
        return self.k == other.k


print(Key(1) == Key(1), Key.__hash__)
table = {}
table[Key(1)] = "one"
