"""Printer methods for the async protocols (awaitables, async with/for, async generators).

A mixin of `FunctionPrinter` (printer.py): methods use its helpers (`bind`, `emit`, `ref`,
`owned`, `raising`, ...)."""
from __future__ import annotations


class AsyncOps:
    def op_get_awaitable(self, inst):
        where = inst.attrs["where"]
        self.bind(inst, self.raising(inst, f"get_awaitable({self.ref(inst.args[0])}, {where})"))

    def op_async_with_enter(self, inst):
        pair = self.raising(inst, f"async_with_enter({self.ref(inst.args[0])})")
        self.bind(inst, f"{{ let (exit, entered) = {pair}; [exit, entered] }}")

    def op_get_aiter(self, inst):
        self.bind(inst, self.raising(inst, f"get_aiter({self.ref(inst.args[0])})"))

    def op_get_anext(self, inst):
        self.bind(inst, self.raising(inst, f"get_anext({self.ref(inst.args[0])})"))

    def op_end_async_for(self, inst):
        """Re-raises (traceback unchanged, like RERAISE) anything but StopAsyncIteration."""
        self.emit(f"if let Err(e) = end_async_for({self.ref(inst.args[0])}) {{")
        self._nested(lambda: self._raise(inst, "e", add_frame=False))
        self.emit("}")

    def op_async_gen_wrap(self, inst):
        self.bind(inst, f"async_gen_wrap({self.owned(inst.args[0])})")
