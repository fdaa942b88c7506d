"""Printer methods for structural pattern matching.

A mixin of `FunctionPrinter` (printer.py): methods use its helpers (`bind`, `emit`, `ref`,
`owned`, `raising`, ...)."""
from __future__ import annotations


class MatchingOps:
    def op_match_mapping(self, inst):
        self.bind(inst, f"match_mapping({self.ref(inst.args[0])})")

    def op_match_sequence(self, inst):
        self.bind(inst, f"match_sequence({self.ref(inst.args[0])})")

    def op_match_keys(self, inst):
        subject, keys = inst.args
        found = self.raising(inst, f"match_keys({self.ref(subject)}, {self.ref(keys)})")
        self.bind(inst, f"{found}.unwrap_or_else(Obj::none)")

    def op_match_class(self, inst):
        subject, cls, kwnames = inst.args
        found = self.raising(inst, f"match_class({self.ref(subject)}, {self.ref(cls)}, "
                                   f"{inst.attrs['npos']}, {self.ref(kwnames)})")
        self.bind(inst, f"{found}.unwrap_or_else(Obj::none)")

    def op_get_len(self, inst):
        self.bind(inst, self.raising(inst, f"get_len({self.ref(inst.args[0])})"))
