"""TIR unboxed clones → LLVM IR (llvmlite) → an object file for wasm32-wasi or the host.

Every value is unboxed (i64, double, i1; a range iterator is a stack slot of three i64).
Python semantics are kept exactly or the call deopts: i64 overflow, division by zero, an
int/float comparison or int true division beyond 2**53, a zero range step, and running out of
the recursion budget all set `pybc_deopt` and return; callers propagate it, and the Rust
guard re-runs the call in the generic version (see tir/passes/numeric.py for why that is
sound). Booleans cross the ABI as i8. Assumes the clones passed the numeric pass.
"""
from __future__ import annotations

from llvmlite import ir

from ...tir import types as T
from ...tir.ir import Function, Inst, Module
from ...tir.passes.typeinfer import return_type

I64, F64, I1, I8 = ir.IntType(64), ir.DoubleType(), ir.IntType(1), ir.IntType(8)
I32 = ir.IntType(32)
PTR = I8.as_pointer()      # a borrowed list (PyObjectHeader*)
RANGE = ir.LiteralStructType([I64, I64, I64])
LIST_ITER = ir.LiteralStructType([PTR, I64])
# runtime/src/speculation.rs, C ABI
RUNTIME = {
    "pybc_list_items": ir.FunctionType(PTR.as_pointer(), [PTR, I64.as_pointer()]),
    "pybc_list_get_i64": ir.FunctionType(I8, [PTR, I64, I64.as_pointer()]),
    "pybc_list_get_list": ir.FunctionType(PTR, [PTR, I64]),
    "pybc_list_set_f64": ir.FunctionType(I8, [PTR, I64, F64]),
    "pybc_list_set_i64": ir.FunctionType(I8, [PTR, I64, I64]),
    "pybc_checkpoint": ir.FunctionType(ir.VoidType(), [I32]),
    "pybc_rollback": ir.FunctionType(ir.VoidType(), []),
}
STATE_SLOTS = 256
HEADER = ir.LiteralStructType([PTR, PTR])        # PyObjectHeader: refcnt (isize), type
FLOAT_BOX = ir.LiteralStructType([HEADER, F64])  # PyBox<f64>
UNDO_FLOAT = ir.LiteralStructType([F64.as_pointer(), F64])   # speculation.rs UndoFloat
UNDO_FLOATS = 256
EXACT_FLOAT_INT = 1 << 53
ICMP = {"lt": "<", "le": "<=", "eq": "==", "ne": "!=", "gt": ">", "ge": ">="}


def symbol(fid: int, prefix: str = "") -> str:
    """The link name of an unboxed clone; `prefix` keeps modules compiled apart distinct."""
    return f"pybc_{prefix}fn_{fid}"


def unboxed_functions(module: Module) -> list[Function]:
    return [f for f in module.functions if f.kind == "unboxed"]


def lower_module(module: Module) -> ir.Module | None:
    clones = unboxed_functions(module)
    if not clones:
        return None
    llmod = ir.Module(name=module.filename)
    # both globals are defined by the runtime (capi.rs), shared by every module's object
    deopt = ir.GlobalVariable(llmod, I8, "pybc_deopt")
    budget = ir.GlobalVariable(llmod, I64, "pybc_budget")
    decls = {f.id: ir.Function(llmod, _signature(f), symbol(f.id, module.symbol_prefix))
             for f in clones}
    for f in clones:
        FunctionLowering(llmod, f, decls, deopt, budget).lower()
    return llmod


def _abi(t: T.Type):
    return {T.INT: I64, T.FLOAT: F64, T.BOOL: I8, T.LIST: PTR, T.NONE: I8}[t]


def _internal(t: T.Type):
    return {T.INT: I64, T.FLOAT: F64, T.BOOL: I1, T.RANGE_ITER: RANGE.as_pointer(),
            T.LIST: PTR, T.LIST_ITER: LIST_ITER.as_pointer(), T.NONE: I8}[t]


def _signature(fn: Function) -> ir.FunctionType:
    return ir.FunctionType(_abi(return_type(fn)), [_abi(p.type) for p in fn.entry.params])


class FunctionLowering:
    def __init__(self, llmod, fn: Function, decls, deopt, budget):
        self.fn, self.decls, self.deopt_flag, self.budget = fn, decls, deopt, budget
        self.llfn = decls[fn.id]
        self.values: dict[int, ir.Value] = {}
        self.ret_type = return_type(fn)

    def lower(self) -> None:
        fn, llfn = self.fn, self.llfn
        prologue = llfn.append_basic_block("prologue")
        self.deopt_block = llfn.append_basic_block("deopt")
        self.blocks = {b.id: llfn.append_basic_block(f"block{b.id}") for b in fn.blocks}
        self.b = ir.IRBuilder(self.deopt_block)
        if any(i.op == "checkpoint" for i in fn.instructions()):
            self.b.call(self._runtime("pybc_rollback"), [])
        self.b.store(ir.Constant(I8, 1), self.deopt_flag)
        self.b.ret(ir.Constant(_abi(self.ret_type), 0))
        self.b = ir.IRBuilder(prologue)
        self.prologue = self.b
        remaining = self.b.load(self.budget)
        self._deopt_if(self.b.icmp_signed("<=", remaining, ir.Constant(I64, 0)))
        self.b.store(self.b.sub(remaining, ir.Constant(I64, 1)), self.budget)
        self.items = {}   # list value id → (element array, length), read once per list
        self.iterated = {}   # list iterator value id → the list's value id
        self.alloca_builder = ir.IRBuilder(prologue)
        self.alloca_builder.position_at_start(prologue)
        for p, arg in zip(fn.entry.params, llfn.args):
            self.values[p.id] = self.b.trunc(arg, I1) if p.type == T.BOOL else arg
            if p.type == T.LIST:
                self._track_list(p.id, arg)
        if any(v.type == T.LIST for v in fn.values()):
            # float's type object, loaded once: an element is an exact float when its type is it
            module = self.b.module
            float_type = module.globals.get("pybc_float_type") or ir.GlobalVariable(module, PTR, "pybc_float_type")
            self.float_type = self.b.load(float_type)
        self.b.branch(self.blocks[fn.entry.id])
        self.alloca_builder = ir.IRBuilder(prologue)
        self.alloca_builder.position_at_start(prologue)
        self.phis = {}
        for b in fn.blocks[1:]:
            builder = ir.IRBuilder(self.blocks[b.id])
            for p in b.params:
                self.values[p.id] = self.phis[p.id] = builder.phi(_internal(p.type), name=f"v{p.id}")
        self.edges = []
        for b in fn.blocks:
            self.b = ir.IRBuilder(self.blocks[b.id])
            for p in b.params if b is not fn.entry else []:
                if p.type == T.LIST:
                    self._track_list(p.id, self.values[p.id])
            for inst in b.insts:
                getattr(self, f"op_{inst.op}")(inst)
        for param, value, block in self.edges:
            self.phis[param.id].add_incoming(value, block)

    # ------------------------------------------------------------ helpers
    def _runtime(self, name: str) -> ir.Function:
        module = self.b.module
        if name in module.globals:
            return module.globals[name]
        return ir.Function(module, RUNTIME[name], name)

    def _track_list(self, vid: int, lst) -> None:
        length = self.alloca_builder.alloca(I64)
        items = self.b.call(self._runtime("pybc_list_items"), [lst, length])
        self.items[vid] = (items, self.b.load(length))

    def op_checkpoint(self, inst) -> None:
        """The frame state at a loop header: its live values into `pybc_state` (the generic
        function's resume layout for this header), then the stores so far are final."""
        block_id = inst.attrs["block"]
        layout = [(v.id, ty, slot) for v, (ty, slot) in zip(inst.args, inst.attrs["layout"])]
        state = self._global("pybc_state", ir.ArrayType(I64, STATE_SLOTS))

        def put(slot, value):
            ptr = self.b.gep(state, [ir.Constant(I32, 0), ir.Constant(I32, slot)])
            self.b.store(value, ptr)
        for vid, type_name, slot in layout:
            value = self.values[vid]
            ty = T.parse_type(type_name)
            if ty == T.RANGE_ITER:
                for k in range(3):
                    put(slot + k, self.b.load(self._field(value, k)))
            elif ty == T.LIST_ITER:
                put(slot, self.b.ptrtoint(self.b.load(self._field(value, 0)), I64))
                put(slot + 1, self.b.load(self._field(value, 1)))
            elif ty == T.LIST:
                put(slot, self.b.ptrtoint(value, I64))
            elif ty == T.FLOAT:
                put(slot, self.b.bitcast(value, I64))
            else:
                put(slot, self.b.zext(value, I64) if ty == T.BOOL else value)
        # the stores so far are final: forget the inline log; the runtime's own log (shared
        # floats, ints) only when it has entries
        b = self.b
        b.store(ir.Constant(I32, 0), self._global("pybc_undo_n", I32))
        b.store(ir.Constant(I32, block_id), self._global("pybc_state_block", I32))
        slow = b.icmp_unsigned("!=", b.load(self._global("pybc_undo_slow", I8)), ir.Constant(I8, 0))
        with b.if_then(slow, likely=False):
            b.call(self._runtime("pybc_checkpoint"), [ir.Constant(I32, block_id)])

    def v(self, value) -> ir.Value:
        return self.values[value.id]

    def set(self, inst: Inst, value: ir.Value) -> None:
        self.values[inst.result.id] = value

    def _deopt_if(self, cond: ir.Value) -> None:
        cont = self.llfn.append_basic_block()
        self.b.cbranch(cond, self.deopt_block, cont)
        self.b.position_at_end(cont)

    def _edge(self, call, extra=None) -> None:
        args = [self.v(a) for a in call.args] + ([extra] if extra is not None else [])
        for p, a in zip(call.block.params, args):
            self.edges.append((p, a, self.b.block))

    def _as_int(self, value, ty: T.Type) -> ir.Value:
        return self.b.zext(self.v(value), I64) if ty == T.BOOL else self.v(value)

    def _as_float(self, value) -> ir.Value:
        if value.type == T.FLOAT:
            return self.v(value)
        if value.type == T.BOOL:
            return self.b.uitofp(self.v(value), F64)
        return self.b.sitofp(self.v(value), F64)

    def _guard_exact_in_float(self, x: ir.Value) -> None:
        """Deopt unless the i64 `x` converts to double exactly (|x| <= 2**53)."""
        limit = ir.Constant(I64, EXACT_FLOAT_INT)
        biased = self.b.add(x, limit)
        self._deopt_if(self.b.icmp_unsigned(">", biased, ir.Constant(I64, 2 * EXACT_FLOAT_INT)))

    def _overflow_intrinsic(self, name: str) -> ir.Function:
        full = f"llvm.{name}.with.overflow.i64"
        module = self.b.module
        if full in module.globals:
            return module.globals[full]
        return ir.Function(module, ir.FunctionType(ir.LiteralStructType([I64, I1]), [I64, I64]), full)

    def _checked(self, intrinsic: str, a, b) -> ir.Value:
        fn = self._overflow_intrinsic(intrinsic)
        pair = self.b.call(fn, [a, b])
        self._deopt_if(self.b.extract_value(pair, 1))
        return self.b.extract_value(pair, 0)

    # ------------------------------------------------------------ instructions
    def op_discard(self, inst):
        pass   # unboxed values own nothing

    def op_const(self, inst):
        value, ty = inst.attrs["value"], inst.result.type
        if ty == T.NONE:
            self.set(inst, ir.Constant(I8, 0))
            return
        self.set(inst, ir.Constant(_internal(ty), int(value) if ty != T.FLOAT else value))

    def op_binop(self, inst):
        a, b = inst.args
        op, ty = inst.attrs["op"], inst.result.type
        if ty == T.BOOL:
            self.set(inst, {"and": self.b.and_, "or": self.b.or_, "xor": self.b.xor}[op](self.v(a), self.v(b)))
        elif ty == T.FLOAT and op == "truediv" and T.FLOAT not in (a.type, b.type):
            self.set(inst, self._int_truediv(a, b))
        elif ty == T.FLOAT:
            self.set(inst, self._float_binop(op, self._as_float(a), self._as_float(b)))
        else:
            self.set(inst, self._int_binop(op, self._as_int(a, a.type), self._as_int(b, b.type)))

    op_inplace = op_binop

    def _int_binop(self, op, x, y):
        if op in ("add", "sub", "mul"):
            return self._checked({"add": "sadd", "sub": "ssub", "mul": "smul"}[op], x, y)
        if op in ("and", "or", "xor"):
            return {"and": self.b.and_, "or": self.b.or_, "xor": self.b.xor}[op](x, y)
        zero, minus_one = ir.Constant(I64, 0), ir.Constant(I64, -1)
        self._deopt_if(self.b.icmp_signed("==", y, zero))
        self._deopt_if(self.b.and_(self.b.icmp_signed("==", x, ir.Constant(I64, -(1 << 63))),
                                   self.b.icmp_signed("==", y, minus_one)))
        q, r = self.b.sdiv(x, y), self.b.srem(x, y)
        # Python floors: adjust when the remainder is non-zero and the signs differ
        adjust = self.b.and_(self.b.icmp_signed("!=", r, zero),
                             self.b.icmp_signed("<", self.b.xor(r, y), zero))
        if op == "floordiv":
            return self.b.select(adjust, self.b.sub(q, ir.Constant(I64, 1)), q)
        return self.b.select(adjust, self.b.add(r, y), r)

    def _int_truediv(self, a, b):
        x, y = self._as_int(a, a.type), self._as_int(b, b.type)
        self._deopt_if(self.b.icmp_signed("==", y, ir.Constant(I64, 0)))
        self._guard_exact_in_float(x)
        self._guard_exact_in_float(y)
        return self.b.fdiv(self.b.sitofp(x, F64), self.b.sitofp(y, F64))

    def _float_binop(self, op, x, y):
        if op == "add":
            return self.b.fadd(x, y)
        if op == "sub":
            return self.b.fsub(x, y)
        if op == "mul":
            return self.b.fmul(x, y)
        if op == "pow":
            return self._float_pow(x, y)
        self._deopt_if(self.b.fcmp_ordered("==", y, ir.Constant(F64, 0.0)))
        if op == "truediv":
            return self.b.fdiv(x, y)
        return self._float_divmod(op, x, y)

    def _float_pow(self, x, y):
        """x ** y where C's pow gives CPython's float result; everything else (a complex
        result, ZeroDivisionError, OverflowError, inf/nan operands) deopts."""
        b, zero = self.b, ir.Constant(F64, 0.0)
        pow_ = b.module.declare_intrinsic("llvm.pow", [F64])
        floor = b.module.declare_intrinsic("llvm.floor", [F64])
        fabs = b.module.declare_intrinsic("llvm.fabs", [F64])
        inf = ir.Constant(F64, float("inf"))

        def finite(v):
            return b.fcmp_ordered("<", b.call(fabs, [v]), inf)
        r = b.call(pow_, [x, y])
        integral = b.fcmp_ordered("==", b.call(floor, [y]), y)
        base_ok = b.or_(b.fcmp_ordered(">", x, zero),
                        b.or_(b.and_(b.fcmp_ordered("<", x, zero), integral),
                              b.and_(b.fcmp_ordered("==", x, zero), b.fcmp_ordered(">", y, zero))))
        ok = b.and_(b.and_(finite(x), finite(y)), b.and_(finite(r), base_ok))
        self._deopt_if(b.not_(ok))
        return r

    def _float_divmod(self, op, vx, wx):
        """CPython's float_divmod (Objects/floatobject.c), for // and %."""
        b, zero = self.b, ir.Constant(F64, 0.0)
        copysign = b.module.declare_intrinsic("llvm.copysign", [F64], ir.FunctionType(F64, [F64, F64]))
        floor = b.module.declare_intrinsic("llvm.floor", [F64])
        mod = b.frem(vx, wx)
        nonzero = b.fcmp_unordered("!=", mod, zero)
        signs_differ = b.xor(b.fcmp_ordered("<", wx, zero), b.fcmp_ordered("<", mod, zero))
        fix = b.and_(nonzero, signs_differ)
        mod_fixed = b.select(fix, b.fadd(mod, wx), mod)
        if op == "mod":
            return b.select(nonzero, mod_fixed, b.call(copysign, [zero, wx]))
        div = b.fdiv(b.fsub(vx, mod), wx)
        div = b.select(fix, b.fsub(div, ir.Constant(F64, 1.0)), div)
        floordiv = b.call(floor, [div])
        floordiv = b.select(b.fcmp_ordered(">", b.fsub(div, floordiv), ir.Constant(F64, 0.5)),
                            b.fadd(floordiv, ir.Constant(F64, 1.0)), floordiv)
        div_nonzero = b.fcmp_unordered("!=", div, zero)
        return b.select(div_nonzero, floordiv, b.call(copysign, [zero, b.fdiv(vx, wx)]))

    def op_unop(self, inst):
        (a,), op = inst.args, inst.attrs["op"]
        if op == "not":
            self.set(inst, self.b.not_(self._truth(a)))
        elif a.type == T.FLOAT:
            self.set(inst, self.v(a) if op == "pos" else self.b.fneg(self.v(a)))
        else:
            x = self._as_int(a, a.type)
            if op == "pos":
                self.set(inst, x)
            elif op == "invert":
                self.set(inst, self.b.xor(x, ir.Constant(I64, -1)))
            else:
                self.set(inst, self._checked("ssub", ir.Constant(I64, 0), x))

    def op_compare(self, inst):
        a, b = inst.args
        sym = ICMP[inst.attrs["op"]]
        if T.FLOAT not in (a.type, b.type):
            self.set(inst, self.b.icmp_signed(sym, self._as_int(a, a.type), self._as_int(b, b.type)))
            return
        for side in (a, b):
            if side.type == T.INT:
                self._guard_exact_in_float(self.v(side))
        x, y = self._as_float(a), self._as_float(b)
        cmp = self.b.fcmp_unordered if sym == "!=" else self.b.fcmp_ordered
        self.set(inst, cmp(sym, x, y))

    def _truth(self, a) -> ir.Value:
        if a.type == T.BOOL:
            return self.v(a)
        if a.type == T.FLOAT:
            return self.b.fcmp_unordered("!=", self.v(a), ir.Constant(F64, 0.0))
        return self.b.icmp_signed("!=", self.v(a), ir.Constant(I64, 0))

    def op_truth(self, inst):
        self.set(inst, self._truth(inst.args[0]))

    def op_call_direct(self, inst):
        callee = self.decls[inst.attrs["function"]]
        args = []
        for value, param in zip(inst.args, callee.args):
            args.append(self.b.zext(self.v(value), I8) if value.type == T.BOOL else self.v(value))
        result = self.b.call(callee, args)
        flag = self.b.load(self.deopt_flag)
        self._deopt_if(self.b.icmp_unsigned("!=", flag, ir.Constant(I8, 0)))
        self.set(inst, self.b.trunc(result, I1) if inst.result.type == T.BOOL else result)

    def op_list_len(self, inst):
        self.set(inst, self.items[inst.args[0].id][1])   # read when the list was tracked

    def op_getitem(self, inst):
        index = self._as_int(inst.args[1], inst.args[1].type)
        self.set(inst, self._element(inst.args[0].id, index, inst.result.type))
        if inst.result.type == T.LIST:
            self._track_list(inst.result.id, self.values[inst.result.id])

    def _element(self, list_id: int, index, ty: T.Type) -> ir.Value:
        """list[index] of the guessed type; deopts when out of range or of another type.
        A float is read inline: bounds, the element's type pointer, the value beside it."""
        lst = self.values[list_id]
        if ty == T.FLOAT:
            return self._inline_float(list_id, index)
        if ty == T.LIST:
            item = self.b.call(self._runtime("pybc_list_get_list"), [lst, index])
            self._deopt_if(self.b.icmp_unsigned("==", item, ir.Constant(PTR, None)))
            return item
        slot = self.alloca_builder.alloca(I64)
        ok = self.b.call(self._runtime("pybc_list_get_i64"), [lst, index, slot])
        self._deopt_if(self.b.icmp_unsigned("==", ok, ir.Constant(I8, 0)))
        return self.b.load(slot)

    def _element_header(self, list_id: int, index):
        """The element at a Python index (negative from the end; deopts out of range), its
        header and its type pointer, from the list's element array."""
        items, length = self.items[list_id]
        b, zero = self.b, ir.Constant(I64, 0)
        index = b.select(b.icmp_signed("<", index, zero), b.add(index, length), index)
        self._deopt_if(b.icmp_unsigned(">=", index, length))
        element = b.load(b.gep(items, [index]))
        header = b.bitcast(element, HEADER.as_pointer())
        ty = b.load(b.gep(header, [ir.Constant(I32, 0), ir.Constant(I32, 1)]))
        return index, element, header, ty

    def _inline_float(self, list_id: int, index) -> ir.Value:
        b = self.b
        _, element, _, ty = self._element_header(list_id, index)
        self._deopt_if(b.icmp_unsigned("!=", ty, self.float_type))
        box = b.bitcast(element, FLOAT_BOX.as_pointer())
        return b.load(b.gep(box, [ir.Constant(I32, 0), ir.Constant(I32, 1)]))

    def op_setitem(self, inst):
        lst, key, value = inst.args
        index = self._as_int(key, key.type)
        if value.type == T.FLOAT:
            self._inline_float_store(lst.id, index, self.v(value))
            return
        ok = self.b.call(self._runtime("pybc_list_set_i64"), [self.v(lst), index, self.v(value)])
        self._deopt_if(self.b.icmp_unsigned("==", ok, ir.Constant(I8, 0)))

    def _global(self, name: str, ty):
        module = self.b.module
        return module.globals.get(name) or ir.GlobalVariable(module, ty, name)

    def _inline_float_store(self, list_id: int, index, value) -> None:
        """list[index] = value over an exact float only the list references: overwrite the
        box in place and log its old value (runtime/src/speculation.rs); any other element,
        or a full log, goes through `pybc_list_set_f64`."""
        index, element, header, ty = self._element_header(list_id, index)
        b = self.b
        refcnt = b.load(b.gep(header, [ir.Constant(I32, 0), ir.Constant(I32, 0)]))
        log = self._global("pybc_undo_floats", ir.ArrayType(UNDO_FLOAT, UNDO_FLOATS))
        count = self._global("pybc_undo_n", I32)
        n = b.load(count)
        inline = b.and_(b.and_(b.icmp_unsigned("==", ty, self.float_type),
                               b.icmp_unsigned("==", refcnt, b.inttoptr(ir.Constant(I64, 1), PTR))),
                        b.icmp_unsigned("<", n, ir.Constant(I32, UNDO_FLOATS)))
        fast, slow, done = (self.llfn.append_basic_block() for _ in range(3))
        b.cbranch(inline, fast, slow)
        b.position_at_end(fast)
        box = b.bitcast(element, FLOAT_BOX.as_pointer())
        data = b.gep(box, [ir.Constant(I32, 0), ir.Constant(I32, 1)])
        entry = b.gep(log, [ir.Constant(I32, 0), n])
        b.store(data, b.gep(entry, [ir.Constant(I32, 0), ir.Constant(I32, 0)]))
        b.store(b.load(data), b.gep(entry, [ir.Constant(I32, 0), ir.Constant(I32, 1)]))
        b.store(b.add(n, ir.Constant(I32, 1)), count)
        b.store(value, data)
        b.branch(done)
        b.position_at_end(slow)
        ok = b.call(self._runtime("pybc_list_set_f64"), [self.values[list_id], index, value])
        self._deopt_if(b.icmp_unsigned("==", ok, ir.Constant(I8, 0)))
        self.b.branch(done)
        self.b.position_at_end(done)

    def op_list_iter(self, inst):
        self.iterated[inst.result.id] = inst.args[0].id
        slot = self.alloca_builder.alloca(LIST_ITER)
        self.b.store(self.v(inst.args[0]), self._field(slot, 0))
        self.b.store(ir.Constant(I64, 0), self._field(slot, 1))
        self.set(inst, slot)

    def _list_for_iter(self, inst):
        """The next element of a list iterator (CPython's listiter_next: the length is read
        on every step); deopts on an element of another type."""
        slot = self.v(inst.args[0])
        idx = self.b.load(self._field(slot, 1))
        body, done = inst.targets
        list_id = self.iterated[inst.args[0].id]
        more = self.b.icmp_signed("<", idx, self.items[list_id][1])
        fetch = self.llfn.append_basic_block()
        self._edge(done)
        self.b.cbranch(more, fetch, self.blocks[done.block.id])
        self.b.position_at_end(fetch)
        item = self._element(list_id, idx, body.block.params[len(body.args)].type)
        self.b.store(self.b.add(idx, ir.Constant(I64, 1)), self._field(slot, 1))
        self._edge(body, extra=item)
        self.b.branch(self.blocks[body.block.id])

    def op_range_iter(self, inst):
        start, stop, step = (self.v(a) for a in inst.args)
        self._deopt_if(self.b.icmp_signed("==", step, ir.Constant(I64, 0)))   # ValueError
        slot = self.alloca_builder.alloca(RANGE)
        for i, value in enumerate((start, stop, step)):
            self.b.store(value, self._field(slot, i))
        self.set(inst, slot)

    def _field(self, slot, i):
        return self.b.gep(slot, [ir.Constant(ir.IntType(32), 0), ir.Constant(ir.IntType(32), i)])

    def op_for_iter(self, inst):
        if inst.args[0].type == T.LIST_ITER:
            self._list_for_iter(inst)
            return
        slot = self.v(inst.args[0])
        cur, stop, step = (self.b.load(self._field(slot, i)) for i in range(3))
        zero = ir.Constant(I64, 0)
        more = self.b.select(self.b.icmp_signed(">", step, zero),
                             self.b.icmp_signed("<", cur, stop), self.b.icmp_signed(">", cur, stop))
        pair = self.b.call(self._overflow_intrinsic("sadd"), [cur, step])
        nxt = self.b.select(self.b.extract_value(pair, 1), stop, self.b.extract_value(pair, 0))
        self.b.store(self.b.select(more, nxt, cur), self._field(slot, 0))
        body, done = inst.targets
        self._edge(body, extra=cur)
        self._edge(done)
        self.b.cbranch(more, self.blocks[body.block.id], self.blocks[done.block.id])

    def op_jump(self, inst):
        self._edge(inst.targets[0])
        self.b.branch(self.blocks[inst.targets[0].block.id])

    def op_brif(self, inst):
        then, other = inst.targets
        self._edge(then)
        self._edge(other)
        self.b.cbranch(self.v(inst.args[0]), self.blocks[then.block.id], self.blocks[other.block.id])

    def op_return(self, inst):
        value = self.v(inst.args[0])
        self.b.store(self.b.add(self.b.load(self.budget), ir.Constant(I64, 1)), self.budget)
        self.b.ret(self.b.zext(value, I8) if self.ret_type == T.BOOL else value)
