# slow: the first build compiles ~40-110 modules (site and stdlib)
import yaml

DOC = """
name: Example
version: 1.2
enabled: true
none: ~
date: 2024-03-01
list: [1, two, 3.0]
nested:
  a: {x: 1, y: [a, b]}
  b: |
    literal
    block
  c: >
    folded
    text
anchors:
  base: &base {k: v, n: 1}
  derived:
    <<: *base
    n: 2
---
second: doc
"""
docs = list(yaml.safe_load_all(DOC))
print(docs)
print(yaml.safe_dump(docs[0], sort_keys=True, default_flow_style=False))
print(yaml.dump({"b": [1, {"c": None}], "a": "multi\nline", "t": (1, 2)}, default_flow_style=None))
print(yaml.safe_dump([1.5, "yes", "01", "", "null", True], explicit_start=True))
try:
    yaml.safe_load("key: [unclosed")
except yaml.YAMLError as e:
    print("YAMLError:", type(e).__name__, str(e).splitlines()[0])
print([type(t).__name__ for t in yaml.scan("a: [1]")])


class Point(yaml.YAMLObject):
    yaml_tag = "!Point"
    yaml_loader = yaml.SafeLoader

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


print(yaml.safe_load("p: !Point {x: 1, y: 2}"), yaml.dump(Point(3, 4)))
