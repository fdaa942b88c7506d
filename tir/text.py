"""The stable text form of TIR: `print_module` writes it, `parse_module` reads it back.

    module "prog.py" python=3.11 entry=f0
    function f1 kind=generic {'name': 'fib', ...}
    block0(v0:object):
        v1:int = const {'value': 2}
        v2:bool!i1 = compare v0, v1 @12:3 {'op': 'lt'}
        brif v2 -> block1(), block2(v0)
    end

An instruction line is `[result =] op args [-> targets] [unwind target] [@offset:line] [{attrs}]`
(an unwind target is the exception handler of a raising instruction); the attrs
are a Python literal, always last on the line. Used by `--emit tir` and the golden filetests.
"""
from __future__ import annotations

import ast
import math
import re

from . import types as T
from .ir import Block, BlockCall, Function, Inst, Loc, Module, Value
from .ops import OPS, UNWIND_PRODUCES


# ---------------------------------------------------------------- printing

def print_module(module: Module) -> str:
    lines = [f'module {_quote(module.filename)} python={module.python} entry=f{module.entry}']
    for fn in module.functions:
        lines.append("")
        lines.extend(print_function(fn).splitlines())
    return "\n".join(lines) + "\n"


def print_function(fn: Function) -> str:
    lines = [f"function f{fn.id} kind={fn.kind} {_literal_text(fn.meta)}"]
    for block in fn.blocks:
        params = ", ".join(_typed(p) for p in block.params)
        lines.append(f"block{block.id}({params}):")
        lines.extend("    " + print_inst(inst) for inst in block.insts)
    lines.append("end")
    return "\n".join(lines) + "\n"


def print_inst(inst: Inst) -> str:
    text = inst.op
    if inst.result is not None:
        text = f"{_typed(inst.result)} = {text}"
    if inst.args:
        text += " " + ", ".join(str(a) for a in inst.args)
    if inst.targets:
        text += " -> " + ", ".join(_block_call(t) for t in inst.targets)
    if inst.unwind is not None:
        text += " unwind " + _block_call(inst.unwind)
    if inst.loc is not None:
        text += f" @{inst.loc.offset}:{'' if inst.loc.line is None else inst.loc.line}"
    if inst.attrs:
        text += " " + _literal_text(inst.attrs)
    return text


def _typed(v: Value) -> str:
    return f"{v}:{v.type}" + ("" if v.repr == T.BOXED else f"!{v.repr}")


def _block_call(call: BlockCall) -> str:
    return f"block{call.block.id}({', '.join(str(a) for a in call.args)})"


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _literal_text(value) -> str:
    """repr() that stays parseable for non-finite floats and nested containers."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"float('{value}')"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal_text(k)}: {_literal_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, tuple):
        inner = ", ".join(_literal_text(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, list):
        return "[" + ", ".join(_literal_text(v) for v in value) + "]"
    if isinstance(value, frozenset):
        return f"frozenset({_literal_text(sorted(value, key=repr))})"
    return repr(value)


# ---------------------------------------------------------------- parsing

class ParseError(ValueError):
    pass


_MODULE_RE = re.compile(r'module "((?:[^"\\]|\\.)*)" python=(\S+) entry=f(\d+)$')
_FUNC_RE = re.compile(r"function f(\d+) kind=(\w+) (\{.*\})$")
_BLOCK_RE = re.compile(r"block(\d+)\((.*)\):$")
_RESULT_RE = re.compile(r"(v\d+:[^ =]+) = (.*)$")
_TARGET_RE = re.compile(r"block(\d+)\(([^)]*)\)")
_LOC_RE = re.compile(r"@(\d+):(\d*)$")


def parse_module(text: str) -> Module:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise ParseError("empty TIR text")
    m = _MODULE_RE.match(lines[0])
    if not m:
        raise ParseError(f"bad module header: {lines[0]!r}")
    module = Module(filename=_unquote(m.group(1)), python=m.group(2), entry=int(m.group(3)))
    i = 1
    while i < len(lines):
        end = next((j for j in range(i, len(lines)) if lines[j] == "end"), None)
        if end is None:
            raise ParseError(f"function starting at {lines[i]!r} has no 'end'")
        module.functions.append(_parse_function(lines[i:end]))
        i = end + 1
    return module


def _parse_function(lines: list[str]) -> Function:
    m = _FUNC_RE.match(lines[0])
    if not m:
        raise ParseError(f"bad function header: {lines[0]!r}")
    fn = Function(id=int(m.group(1)), meta=_literal(m.group(3)), kind=m.group(2))
    values: dict[int, Value] = {}
    blocks: dict[int, Block] = {}
    pending: list[tuple[Block, list[str]]] = []
    for line in lines[1:]:
        bm = _BLOCK_RE.match(line)
        if bm:
            block = _block(blocks, int(bm.group(1)))
            block.params = [_define(values, p) for p in _split(bm.group(2))]
            fn.blocks.append(block)
            pending.append((block, []))
        elif not pending:
            raise ParseError(f"instruction outside a block: {line!r}")
        else:
            pending[-1][1].append(line.strip())
    for block, inst_lines in pending:
        for line in inst_lines:
            block.insts.append(_parse_inst(line, values, blocks))
    fn.next_value = max(values, default=-1) + 1
    fn.next_block = max(blocks, default=-1) + 1
    return fn


def _parse_inst(line: str, values: dict[int, Value], blocks: dict[int, Block]) -> Inst:
    attrs = {}
    brace = line.find(" {")
    if brace >= 0:
        attrs = _literal(line[brace + 1:])
        line = line[:brace]
    result = None
    rm = _RESULT_RE.match(line)
    if rm:
        result = _define(values, rm.group(1))
        line = rm.group(2)
    loc = None
    lm = _LOC_RE.search(line)
    if lm:
        loc = Loc(int(lm.group(1)), int(lm.group(2)) if lm.group(2) else None)
        line = line[:lm.start()].rstrip()
    unwind = None
    if " unwind " in line:
        line, unwind_text = line.split(" unwind ", 1)
        t = _TARGET_RE.fullmatch(unwind_text.strip())
        if t is None:
            raise ParseError(f"bad unwind target: {unwind_text!r}")
        unwind = BlockCall(_block(blocks, int(t.group(1))),
                           [_use(values, a) for a in _split(t.group(2))], UNWIND_PRODUCES)
    targets = []
    if " -> " in line:
        line, target_text = line.split(" -> ", 1)
        targets = [BlockCall(_block(blocks, int(t.group(1))),
                             [_use(values, a) for a in _split(t.group(2))])
                   for t in _TARGET_RE.finditer(target_text)]
    op, _, arg_text = line.partition(" ")
    if op not in OPS:
        raise ParseError(f"unknown instruction {op!r}")
    args = [_use(values, a) for a in _split(arg_text)]
    for t, produced in zip(targets, OPS[op].produces):
        t.implicit = produced
    return Inst(op, args, attrs, result, loc, targets, unwind)


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.split(",") if p.strip()]


def _block(blocks: dict[int, Block], bid: int) -> Block:
    if bid not in blocks:
        blocks[bid] = Block(bid)
    return blocks[bid]


def _define(values: dict[int, Value], text: str) -> Value:
    name, _, ty = text.partition(":")
    ty, _, rep = ty.partition("!")
    vid = int(name[1:])
    v = values.setdefault(vid, Value(vid))
    v.type = T.parse_type(ty)
    v.repr = rep or T.BOXED
    return v


def _use(values: dict[int, Value], text: str) -> Value:
    if not re.fullmatch(r"v\d+", text):
        raise ParseError(f"bad value name {text!r}")
    vid = int(text[1:])
    return values.setdefault(vid, Value(vid))


def _unquote(s: str) -> str:
    return re.sub(r"\\(.)", r"\1", s)


def _literal(text: str):
    try:
        return _eval_node(ast.parse(text.strip(), mode="eval").body)
    except (SyntaxError, ValueError) as e:
        raise ParseError(f"bad literal {text!r}: {e}") from None


def _eval_node(node):
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) == 1:
        arg = _eval_node(node.args[0])
        if node.func.id == "float" and isinstance(arg, str):
            return float(arg)
        if node.func.id == "frozenset":
            return frozenset(arg)
    if isinstance(node, ast.Dict):
        return {_eval_node(k): _eval_node(v) for k, v in zip(node.keys, node.values)}
    if isinstance(node, (ast.Tuple, ast.List)):
        items = [_eval_node(e) for e in node.elts]
        return tuple(items) if isinstance(node, ast.Tuple) else items
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_eval_node(node.operand)
    if isinstance(node, ast.BinOp):  # complex literals such as 1+2j
        return ast.literal_eval(node)
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name) and node.id == "Ellipsis":   # repr(...) is the name
        return ...
    raise ValueError(f"not a TIR literal: {ast.dump(node)}")
