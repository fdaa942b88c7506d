# A tiny functional language: a regex tokenizer, a recursive-descent parser producing AST
# dataclasses, and a tree-walking evaluator with closures and environments. Errors carry
# positions; the last program fails uncaught with a chained exception.
import math
import operator
import re
import sys
from dataclasses import dataclass
from typing import Any

sys.setrecursionlimit(3000)


class LangError(Exception):
    def __init__(self, message, pos=None):
        super().__init__(message if pos is None else f"{message} at offset {pos}")
        self.pos = pos


class LexError(LangError):
    pass


class ParseError(LangError):
    pass


class EvalError(LangError):
    pass


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    pos: int

    def __repr__(self):
        return f"{self.kind}:{self.text}"


TOKEN_RE = re.compile(r"""
    (?P<ws>\s+) | (?P<num>\d+(?:\.\d+)?) | (?P<name>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<op>->|==|!=|<=|>=|[-+*/%<>()=,\\])
""", re.VERBOSE)
KEYWORDS = {"let", "rec", "in", "if", "then", "else", "fun", "and", "or", "not", "true", "false"}


def tokenize(src):
    pos = 0
    while pos < len(src):
        m = TOKEN_RE.match(src, pos)
        if m is None:
            raise LexError(f"unexpected character {src[pos]!r}", pos)
        kind = m.lastgroup
        if kind != "ws":
            text = m.group()
            yield Token("kw" if kind == "name" and text in KEYWORDS else kind, text, pos)
        pos = m.end()
    yield Token("eof", "", pos)


@dataclass
class Num:
    value: Any


@dataclass
class Var:
    name: str
    pos: int


@dataclass
class BinOp:
    op: str
    left: Any
    right: Any
    pos: int


@dataclass
class Unary:
    op: str
    operand: Any


@dataclass
class If:
    cond: Any
    then: Any
    other: Any


@dataclass
class Let:
    name: str
    value: Any
    body: Any
    recursive: bool = False


@dataclass
class Fun:
    params: list
    body: Any


@dataclass
class Call:
    fn: Any
    args: list
    pos: int


class Parser:
    PRECEDENCE = [("or",), ("and",), ("==", "!=", "<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%")]

    def __init__(self, src):
        self.tokens = list(tokenize(src))
        self.i = 0

    @property
    def tok(self):
        return self.tokens[self.i]

    def advance(self):
        tok, self.i = self.tok, self.i + 1
        return tok

    def expect(self, text):
        if self.tok.text != text:
            raise ParseError(f"expected {text!r}, found {self.tok.text or 'end of input'!r}", self.tok.pos)
        return self.advance()

    def parse(self):
        node = self.expr()
        if self.tok.kind != "eof":
            raise ParseError(f"unexpected {self.tok.text!r}", self.tok.pos)
        return node

    def expr(self):
        t = self.tok
        if t.text == "let":
            self.advance()
            recursive = self.tok.text == "rec"
            if recursive:
                self.advance()
            name = self.name()
            params = []
            while self.tok.kind == "name":
                params.append(self.name())
            self.expect("=")
            value = self.expr()
            if params:
                value = Fun(params, value)
            self.expect("in")
            return Let(name, value, self.expr(), recursive)
        if t.text == "if":
            self.advance()
            cond = self.expr()
            self.expect("then")
            then = self.expr()
            self.expect("else")
            return If(cond, then, self.expr())
        if t.text in ("fun", "\\"):
            self.advance()
            params = [self.name()]
            while self.tok.kind == "name":
                params.append(self.name())
            self.expect("->")
            return Fun(params, self.expr())
        return self.binary(0)

    def name(self):
        if self.tok.kind != "name":
            raise ParseError(f"expected a name, found {self.tok.text!r}", self.tok.pos)
        return self.advance().text

    def binary(self, level):
        if level == len(self.PRECEDENCE):
            return self.unary()
        left = self.binary(level + 1)
        while self.tok.text in self.PRECEDENCE[level]:
            op = self.advance()
            left = BinOp(op.text, left, self.binary(level + 1), op.pos)
        return left

    def unary(self):
        if self.tok.text in ("-", "not"):
            return Unary(self.advance().text, self.unary())
        return self.application()

    def application(self):
        fn = self.atom()
        while self.tok.text == "(":
            pos = self.advance().pos
            args = []
            if self.tok.text != ")":
                args.append(self.expr())
                while self.tok.text == ",":
                    self.advance()
                    args.append(self.expr())
            self.expect(")")
            fn = Call(fn, args, pos)
        return fn

    def atom(self):
        t = self.advance()
        if t.kind == "num":
            return Num(float(t.text) if "." in t.text else int(t.text))
        if t.text in ("true", "false"):
            return Num(t.text == "true")
        if t.kind == "name":
            return Var(t.text, t.pos)
        if t.text == "(":
            node = self.expr()
            self.expect(")")
            return node
        raise ParseError(f"unexpected {t.text or 'end of input'!r}", t.pos)


class Env:
    def __init__(self, bindings=None, parent=None):
        self.bindings = dict(bindings or {})
        self.parent = parent

    def lookup(self, name, pos):
        env = self
        while env is not None:
            if name in env.bindings:
                return env.bindings[name]
            env = env.parent
        raise EvalError(f"unbound name {name!r}", pos)

    def child(self, **bindings):
        return Env(bindings, self)


class Closure:
    def __init__(self, fun, env, name="<fun>"):
        self.fun, self.env, self.name = fun, env, name

    def __repr__(self):
        return f"<closure {self.name}/{len(self.fun.params)}>"


def checked_div(a, b):
    try:
        return a // b if isinstance(a, int) and isinstance(b, int) else a / b
    except ZeroDivisionError as e:
        raise EvalError("division by zero") from e


OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": checked_div,
       "%": operator.mod, "==": operator.eq, "!=": operator.ne, "<": operator.lt,
       ">": operator.gt, "<=": operator.le, ">=": operator.ge}


class Evaluator:
    def __init__(self):
        self.calls = 0
        self.runs = 0

    def eval(self, node, env):
        method = getattr(self, "eval_" + type(node).__name__)
        return method(node, env)

    def eval_Num(self, node, env):
        return node.value

    def eval_Var(self, node, env):
        return env.lookup(node.name, node.pos)

    def eval_Unary(self, node, env):
        v = self.eval(node.operand, env)
        return -v if node.op == "-" else not v

    def eval_BinOp(self, node, env):
        left = self.eval(node.left, env)
        if node.op == "and":
            return left and self.eval(node.right, env)
        if node.op == "or":
            return left or self.eval(node.right, env)
        right = self.eval(node.right, env)
        try:
            return OPS[node.op](left, right)
        except TypeError as e:
            raise EvalError(f"bad operands for {node.op}: {e}", node.pos) from None

    def eval_If(self, node, env):
        return self.eval(node.then if self.eval(node.cond, env) else node.other, env)

    def eval_Let(self, node, env):
        if node.recursive:
            inner = env.child()
            inner.bindings[node.name] = self.eval(node.value, inner)
            return self.eval(node.body, inner)
        value = self.eval(node.value, env)
        if isinstance(value, Closure) and value.name == "<fun>":
            value.name = node.name
        return self.eval(node.body, env.child(**{node.name: value}))

    def eval_Fun(self, node, env):
        return Closure(node, env)

    def eval_Call(self, node, env):
        fn = self.eval(node.fn, env)
        args = [self.eval(a, env) for a in node.args]
        self.calls += 1
        if callable(fn):
            return fn(*args)
        if not isinstance(fn, Closure):
            raise EvalError(f"{fn!r} is not a function", node.pos)
        params = fn.fun.params
        if len(args) != len(params):
            raise EvalError(f"{fn.name} takes {len(params)} argument(s), got {len(args)}", node.pos)
        return self.eval(fn.fun.body, Env(dict(zip(params, args)), fn.env))


PRELUDE = {"abs": abs, "max": max, "min": min, "sqrt": lambda x: math.sqrt(x) if x >= 0 else None}

PROGRAMS = [
    "1 + 2 * 3 - 4 / 2",
    "let x = 5 in let y = x * x in y - x",
    "(fun a b -> a * 10 + b)(4, 2)",
    "let rec fact n = if n <= 1 then 1 else n * fact(n - 1) in fact(25)",
    "let rec fib n = if n < 2 then n else fib(n - 1) + fib(n - 2) in fib(20)",
    "let compose = fun f g -> fun x -> f(g(x)) in let inc = \\x -> x + 1 in compose(inc, inc)(40)",
    "let rec sum n acc = if n == 0 then acc else sum(n - 1, acc + n) in sum(300, 0)",
    "let twice = fun f -> fun x -> f(f(x)) in twice(twice(fun n -> n * 3))(1)",
    "max(3, abs(-7)) + min(2, 9) + sqrt(16)",
    "not (1 < 2 and 2 > 3) or false",
    "let rec gcd a b = if b == 0 then a else gcd(b, a % b) in gcd(1071, 462)",
    "7 / 2 + 7.0 / 2",
    "let k = 3 in let add = fun x -> x + k in let k = 100 in add(1)",
    "1 + * 2",
    "let x = 1 x",
    "let f = fun x -> x in f(1, 2)",
    "undefined + 1",
    "3 $ 4",
    "10 / (5 - 5)",
    "1 + (fun x -> x)",
    "5(3)",
]


def run(src, evaluator):
    try:
        tree = Parser(src).parse()
        value = evaluator.eval(tree, Env(PRELUDE))
    except (LexError, ParseError) as e:
        return f"syntax error: {e}"
    except EvalError as e:
        cause = f" (caused by {type(e.__cause__).__name__}: {e.__cause__})" if e.__cause__ else ""
        return f"{type(e).__name__}: {e}{cause}"
    else:
        return f"{value!r}"
    finally:
        evaluator.runs += 1


def main():
    print([t for t in tokenize("let f x = x -> 1.5 <= (y)")])
    print(Parser("let a = 1 in a + 2 * b").parse())
    evaluator = Evaluator()
    for n, src in enumerate(PROGRAMS, 1):
        print(f"{n:2}. {src[:48]:<48} => {run(src, evaluator)}")
    print("calls evaluated:", evaluator.calls, "programs run:", evaluator.runs)
    table = {name: run(f"{name}(9, 4)", evaluator) for name in ("max", "min")}
    print(table)
    Evaluator().eval(Parser("10 / (2 - 2)").parse(), Env())


main()
