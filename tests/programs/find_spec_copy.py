# importlib.util.find_spec("name") with a constant name is followed like an import (markdown
# loads its own copy of html.parser that way: find_spec, module_from_spec, exec_module).
import importlib.util

spec = importlib.util.find_spec("html.parser")
print(spec.name, spec.parent, spec.loader is not None)
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
print(mod.__name__, hasattr(mod, "HTMLParser"))


class Collect(mod.HTMLParser):
    def __init__(self):
        super().__init__()
        self.seen = []

    def handle_starttag(self, tag, attrs):
        self.seen.append(("start", tag, attrs))

    def handle_data(self, data):
        self.seen.append(("data", data))


p = Collect()
p.feed('<p class="x">hi &amp; <b>there</b></p>')
p.close()
print(p.seen)
print(importlib.util.find_spec("no_such_module_here"))
