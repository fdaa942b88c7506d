# slow: the first build compiles ~40-110 modules (site and stdlib)
import toolz
from toolz import curried
from toolz import (compose, concat, frequencies, groupby, interleave, merge, merge_with, partition,
                   partition_all, pipe, sliding_window, take, unique, valmap, keyfilter, get_in,
                   assoc_in, update_in, topk, reduceby, countby, memoize, juxt, thread_first)

print(list(take(4, interleave([range(3), "abc"]))))
print(frequencies("abracadabra"))
print(groupby(len, ["a", "bb", "cc", "d", "eee"]))
print(merge({"a": 1}, {"b": 2}, {"a": 3}), merge_with(sum, {"a": 1}, {"a": 2, "b": 5}))
print(list(partition(2, range(7))), list(partition_all(3, range(7))))
print(list(sliding_window(3, "abcde")))
print(pipe(5, lambda x: x + 1, lambda x: x * 2), compose(str, abs)(-3))
print(list(unique([3, 1, 3, 2, 1])), list(concat([[1], [2, 3]])))
print(valmap(lambda v: v * 10, {"x": 1}), keyfilter(lambda k: k > 1, {1: "a", 2: "b"}))
nested = {"a": {"b": {"c": 1}}}
print(get_in(["a", "b", "c"], nested), get_in(["a", "x"], nested, default="none"))
print(assoc_in(nested, ["a", "b", "d"], 2), update_in(nested, ["a", "b", "c"], lambda v: v + 41))
print(topk(2, [5, 1, 9, 3]), reduceby(lambda x: x % 2, lambda a, b: a + b, range(10)))
print(countby(lambda s: s[0], ["apple", "avocado", "banana"]))
calls = []


@memoize
def square(n):
    calls.append(n)
    return n * n


print(square(4), square(4), calls)
print(juxt(min, max, len)([3, 1, 2]), thread_first(3, (pow, 2), str))
add = curried.map(lambda x: x + 1)
print(list(add([1, 2])), curried.get(1)(["a", "b"]))
print(toolz.pluck("k", [{"k": 1}, {"k": 2}]).__class__.__name__, list(toolz.pluck("k", [{"k": 1}, {"k": 2}])))
print(list(toolz.accumulate(lambda a, b: a + b, [1, 2, 3, 4])), toolz.count(iter(range(5))))
print(toolz.first("xyz"), toolz.last("xyz"), toolz.nth(1, "xyz"), list(toolz.drop(1, "xyz")))
