# python: 3.14
# typing.Union is types.UnionType in 3.14: subscriptable, flattening, with __origin__ and substitution.
import typing, types
from typing import Union
print(Union is types.UnionType, Union[int, str], Union[int], Union[int, int], Union[int, None], Union[int, "str"], type(Union[int, "str"]))
print(typing.Optional[int], Union[int, str].__args__, Union[int, Union[str, bytes]], Union[typing.List[int], str])
T = typing.TypeVar("T")
print(Union[T, int], Union[T, int][str], (T | int).__parameters__)
print(isinstance(int | str, Union), Union.__module__, Union.__name__, Union.__qualname__, repr(Union))
try:
    Union[()]
except Exception as e: print(type(e).__name__, e)
try:
    Union[3]
except Exception as e: print(type(e).__name__, e)
print(Union[int, str] == Union[str, int], hash(Union[int, str]) == hash(Union[str, int]))
print(int | str == Union[int, str], (int | str).__origin__ if hasattr(int|str, '__origin__') else 'no origin')
