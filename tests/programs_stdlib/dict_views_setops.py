# set operations of dict keys/items views with any iterable (csv.DictWriter: keys() - list)
d = {'a': 1, 'b': 2, 'c': 3}
print(sorted(d.keys() - ['a', 'x']), sorted(d.keys() | ['z']), sorted(d.keys() & ('b', 'c', 'q')))
print(sorted(d.keys() ^ {'a', 'y'}), sorted(['a', 'w'] - d.keys()), sorted({'q'} | d.keys()))
print(sorted(d.items() - [('a', 1)]), sorted(d.items() & {('b', 2), ('c', 9)}))
print(d.keys().isdisjoint(['x', 'y']), d.keys().isdisjoint('ab'), d.items().isdisjoint([('a', 1)]))
print(type(d.keys() - []).__name__, d.keys() - d.keys())
try:
    d.keys() - 5
except TypeError as e:
    print(e)
try:
    d.values() - ['a']
except TypeError as e:
    print(e)
