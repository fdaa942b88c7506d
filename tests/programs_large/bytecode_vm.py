# An interpreter loop: a small stack machine (tuples of opcode and argument) dispatching on
# ints in a while loop, running a countdown, a counting loop and Euclid's gcd.
PUSH, LOAD, STORE, ADD, SUB, MUL, MOD, LT, JZ, JMP, PRINT, HALT, DUP, SWAP = range(14)


def run(code, nvars):
    stack = []
    env = [0] * nvars
    pc = 0
    out = []
    steps = 0
    while True:
        op, arg = code[pc]
        pc += 1
        steps += 1
        if op == PUSH:
            stack.append(arg)
        elif op == LOAD:
            stack.append(env[arg])
        elif op == STORE:
            env[arg] = stack.pop()
        elif op == ADD:
            b = stack.pop()
            stack.append(stack.pop() + b)
        elif op == SUB:
            b = stack.pop()
            stack.append(stack.pop() - b)
        elif op == MUL:
            b = stack.pop()
            stack.append(stack.pop() * b)
        elif op == MOD:
            b = stack.pop()
            stack.append(stack.pop() % b)
        elif op == LT:
            b = stack.pop()
            stack.append(1 if stack.pop() < b else 0)
        elif op == JZ:
            if stack.pop() == 0:
                pc = arg
        elif op == JMP:
            pc = arg
        elif op == DUP:
            stack.append(stack[-1])
        elif op == SWAP:
            stack[-1], stack[-2] = stack[-2], stack[-1]
        elif op == PRINT:
            out.append(stack.pop())
        elif op == HALT:
            return out, steps
        else:
            raise ValueError(f"bad opcode {op}")


def assemble(text):
    """One instruction per line; `name:` defines a label, jump arguments name labels."""
    names = {"PUSH": PUSH, "LOAD": LOAD, "STORE": STORE, "ADD": ADD, "SUB": SUB, "MUL": MUL,
             "MOD": MOD, "LT": LT, "JZ": JZ, "JMP": JMP, "PRINT": PRINT, "HALT": HALT,
             "DUP": DUP, "SWAP": SWAP}
    lines = [line.split() for line in text.strip().splitlines()]
    code, labels = [], {}
    for parts in lines:
        if parts[0].endswith(":"):
            labels[parts[0][:-1]] = len(code)
        else:
            code.append(parts)
    out = []
    for parts in code:
        op = names[parts[0]]
        arg = 0
        if len(parts) > 1:
            arg = labels[parts[1]] if op in (JZ, JMP) else int(parts[1])
        out.append((op, arg))
    return out


# variables: 0 i, 1 acc, 2 n, 3 a, 4 b.  sum of i*i % 7 for i < n; then gcd(a, b) by Euclid
PROGRAM = """
PUSH 0
STORE 1
PUSH 0
STORE 0
loop:
LOAD 0
LOAD 2
LT
JZ done
LOAD 0
LOAD 0
MUL
PUSH 7
MOD
LOAD 1
ADD
STORE 1
LOAD 0
PUSH 1
ADD
STORE 0
JMP loop
done:
LOAD 1
PRINT
gcd:
LOAD 4
JZ end
LOAD 3
LOAD 4
MOD
LOAD 4
STORE 3
STORE 4
JMP gcd
end:
LOAD 3
PRINT
HALT
"""


def program(n, a, b):
    setup = [(PUSH, n), (STORE, 2), (PUSH, a), (STORE, 3), (PUSH, b), (STORE, 4)]
    return setup + [(op, arg + len(setup) if op in (JZ, JMP) else arg) for op, arg in assemble(PROGRAM)]


for n, a, b in [(40000, 1071, 462), (25000, 2 ** 40, 3 ** 20), (10, 17, 5)]:
    out, steps = run(program(n, a, b), 5)
    print(n, out, steps)
