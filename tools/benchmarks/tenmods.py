"""The size/build-time budget program: imports ten everyday stdlib modules and uses each a little."""
import argparse
import collections
import dataclasses
import datetime
import enum
import functools
import json
import pathlib
import re
import typing

VERSION = "v1"


class Color(enum.Enum):
    RED = 1
    GREEN = 2


@dataclasses.dataclass
class Point:
    x: int
    y: int = 0


@functools.lru_cache(maxsize=None)
def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def main(argv: typing.Optional[typing.List[str]] = None) -> None:
    parser = argparse.ArgumentParser(prog="tenmods")
    parser.add_argument("--count", type=int, default=3)
    args = parser.parse_args(argv)
    counts = collections.Counter("abracadabra")
    print(VERSION, args.count, counts.most_common(2))
    print(Color.GREEN, Point(1, 2), fib(20))
    print(json.dumps({"a": [1, 2], "b": None}, sort_keys=True))
    print(re.sub(r"\d+", "#", "a1b22c333"))
    print(pathlib.PurePosixPath("/usr/lib/python3").name, datetime.date(2024, 2, 29).isoformat())


if __name__ == "__main__":
    main([])
