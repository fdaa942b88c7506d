"""Big literal containers (constant tables in the printed code): dicts, lists, sets, tuples and
frozensets with duplicate keys (last value wins, first key object kept), equal keys of different
types, unhashable keys and elements raising TypeError, a raising __hash__, evaluation order of
non-constant items, nested literals, big ints, floats, bytes, negative zero."""

BIG_DICT = {'k0': 0, 'k1': 1, 'k2': 2, 'k3': 3, 'k4': 4, 'k5': 5, 'k6': 6, 'k7': 7, 'k8': 8,
            'k9': 9, 'k10': 10, 'k11': 11, 'k12': 12, 'k13': 13, 'k14': 14, 'k15': 15, 'k16': 16,
            'k17': 17, 'k18': 18, 'k19': 19, 'k0': 'again', 'k5': 'again', 1: 'int', 1.0: 'float',
            True: 'bool', 'k20': (1, 2), 'k21': [3, 4], 'k22': {'nested': {5, 6}}, 'k19': None}
BIG_LIST = [(0, 'v0', 0.0, b' \x00 '), (1, 'v1', 1.5, b'\x01"\\'), (2, 'v2', -0.0, b''),
            (3, 'v3', 4.5, b'x y'), (4, 'v4', float('inf'), b'\xff'), (5, 'v5', 7.5, b'\n'),
            (6, 'v6', 9.0, b'\t'), (7, 'v7', 1e300, b'7'), (8, 'v8', 1e-300, b'8'),
            (9, 'v9', 13.5, b'9'), (10, 'v10', 15.0, b'10'), (11, 'v11', 16.5, b'11'),
            (12, 'v12', 18.0, b'12'), (13, 'v13', 19.5, b'13'), (14, 'v14', 21.0, b'14'),
            (15, 'v15', 22.5, b'15'), (16, 'v16', 24.0, b'16'), (17, 'v17', 25.5, b'17')]
BIG_SET = {'s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's0', 's1', 's2', 's3',
           's4', 's5', 's6', 's7', 's8', 's9', 1, 1.0, True, 0, False, 0.0, -0.0, 2 ** 70}
BIG_TUPLE = (2 ** 64, -2 ** 63, 2 ** 63 - 1, -5, 256, 257, 10 ** 30, -10 ** 40, ..., None, True, 2 + 3j, 1j,
             (0, (0, ('n0', 0.25, ...)), frozenset({0, 'f0'})), (1, (1, ('n1', 1.25, ...)), frozenset({1, 'f1'})),
             (2, (2, ('n2', 2.25, ...)), frozenset({2, 'f2'})), (3, (3, ('n3', 3.25, ...)), frozenset({3, 'f3'})),
             ' leading space', '', 'ünï', '\U0001f600', b' ')

trace = []


def f(x):
    trace.append(x)
    return x


class BadHash:
    def __hash__(self):
        trace.append('hash')
        raise ValueError('no hash for you')


def norm(x):
    """repr with sets sorted (their iteration order depends on string hashes)."""
    if isinstance(x, (set, frozenset)):
        return type(x).__name__ + '{' + ', '.join(sorted(norm(v) for v in x)) + '}'
    if isinstance(x, (tuple, list)):
        return type(x).__name__ + '(' + ', '.join(norm(v) for v in x) + ')'
    if isinstance(x, dict):
        return '{' + ', '.join(norm(k) + ': ' + norm(v) for k, v in x.items()) + '}'
    return repr(x)


def show(label, value):
    print(label, type(value).__name__, len(value))
    if isinstance(value, dict):
        for k, v in value.items():
            print(' ', repr(k), type(k).__name__, norm(v))
    else:
        print(' ', norm(value))


def literals_in_function():
    d = {'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6, 'g': 7, 'h': 8, 'i': 9, 'j': 10,
         'k': 11, 'l': 12, 'm': 13, 'n': 14, 'o': 15, 'p': 16, 'q': 17, 'r': 18, 'a': 'last'}
    s = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 1, 2}
    lst = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 1, 2]
    return d, s, lst


def main():
    show('dict', BIG_DICT)
    show('list', BIG_LIST)
    show('set', BIG_SET)
    show('tuple', BIG_TUPLE)
    print([math_sign(x) for x in (BIG_LIST[0][2], BIG_LIST[2][2], BIG_SET and -0.0)])
    d, s, lst = literals_in_function()
    show('fdict', d)
    show('fset', s)
    show('flist', lst)
    d2, _, _ = literals_in_function()
    d2['a'] = 'changed'
    print('fresh each call:', literals_in_function()[0]['a'], BIG_DICT is not d2)

    order = {f('a'): f(1), f('b'): f(2), f('a'): f(3), 'c': 4, 'd': 5, 'e': 6, 'f': 7, 'g': 8,
             'h': 9, 'i': 10, 'j': 11, 'k': 12, 'l': 13, 'm': 14, 'n': 15, 'o': 16, 'p': 17,
             f('q'): f(18)}
    show('order', order)
    print(trace)
    trace.clear()
    print([f(1), f(2), *[f(3), f(4)], f(5)], (f(6), *(f(7),), f(8)), trace)
    trace.clear()

    for make in (lambda: {'a': 1, [1, 2]: 2},
                 lambda: {'x': 0, **{'y': 1}, f('z'): {}, f([]): 3},
                 lambda: {1, 2, 3, f([4])},
                 lambda: {1, 2, *[[3]]},
                 lambda: {'a': 1, BadHash(): 2, f('after'): 3},
                 lambda: {1, BadHash(), f('after')},
                 lambda: {{1: 2}: 3},
                 lambda: frozenset([1, {2}])):
        try:
            print('built', make())
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)
        print('  trace', trace)
        trace.clear()

    nested = [{'a': {1, 2}, 'b': [(1, 2), (3, 4)], 'c': {'d': ({'e'}, frozenset({'f'}))}},
              {'a': {3, 4}, 'b': [], 'c': {}}]
    for item in nested:
        print(norm(item))


def math_sign(x):
    return '-' if str(x).startswith('-') else '+'


main()
