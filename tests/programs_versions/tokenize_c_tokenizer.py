# tokenize on 3.12+ runs CPython's C tokenizer (_tokenize.TokenizerIter): every token's type,
# text, positions and line, f-string (and t-string) pieces, the ENCODING token of
# tokenize.tokenize, the errors TokenError / IndentationError / TabError, and the SyntaxWarning
# of an invalid escape in an f-string; untokenize round trips
import io
import tokenize

SOURCES = [
    "x = 1\n",
    "x = 1",
    "",
    "# only a comment",
    "def f(a, b=2):  # comment\n    return a ** b // 3\n\n\nclass C:\n\tpass\n",
    "if x:\n    y = [1,\n         2]\n    \\\n    z = 3\n# trailing\nw = 4\n",
    "s = 'a' \"b\" '''c\nd''' r'\\'' b'x' rb\"y\" U'z' Rb'w'\n",
    "n = 0x1F + 0o17 + 0b101 + 1_000 + 1.5e-3 + .5 + 5. + 1j + 1.5J + 00 + 1E5 + 1if x else 2\n",
    "a->b; c:=d; e**=f; g//=h; i>>=j; k<<=l; m!=n; o...p; q@=r; ~a^b|c&d; $ ? `\n",
    "f'v={a!r:>{b}} {{lit}} {a=}' f'{x:%H:%M}' f'' f'{a}{b}' rf'\\d{a}' f'{a:{b}.{c}f}'\n",
    "f'''x\n{a\n+b}\ny''' f\"{'a' if x else \"b\"}\" f'{f\"{x}\"}' f'{x:{{}}>}' f'\\N{DASH} {a}'\n",
    "t'a{b}c' tr'{x!r:>{w}}' T'{{}}'\n",
    "x = 1\r\ny = 'é' # ü\r\n\r\n",
    "async def f():\n    await g()\n    match x:\n        case [1, *rest]: pass\n",
    "def f[T](x: T) -> T: ...\ntype X = list[int]\n",
    "x = 'unterminated\n",
    "x = '''unterminated\n",
    "x = (1,\n2,\n",
    "if x:\n    y\n  z\n",
    "if x:\n\ty\n        z\n",
    "x = 1_\n",
    "x = 0o8\n",
    "x = f'{'\n",
    "x = f'}'\n",
    "x = \\ \n",
    "f'\\{a}'\n",
    "s = ur'x'\n",
    "s = tb'x' + rb'y'\n",
]

for src in SOURCES:
    print("#", repr(src))
    try:
        for tok in tokenize.generate_tokens(io.StringIO(src).readline):
            print(f"  {tokenize.tok_name[tok.exact_type]:<14} {tok.string!r} {tok.start} {tok.end} {tok.line!r}")
    except tokenize.TokenError as e:
        print("  TokenError", e.args)
    except SyntaxError as e:
        print(" ", type(e).__name__, e.msg, e.lineno, e.offset, repr(e.text))

# bytes through tokenize.tokenize: the ENCODING token, a coding cookie
for data in [b"x = 'caf\xc3\xa9'\n", b"# -*- coding: latin-1 -*-\ny = '\xe9'\n", b"\xef\xbb\xbfz = 1\n"]:
    toks = list(tokenize.tokenize(io.BytesIO(data).readline))
    print([(tokenize.tok_name[t.type], t.string) for t in toks])

# untokenize rebuilds the source from full tokens and from (type, string) pairs
code = "def g(x):\n    return f'{x!r:>4}' + \"q\"  # done\n"
full = list(tokenize.generate_tokens(io.StringIO(code).readline))
print(tokenize.untokenize(full) == code)
print(repr(tokenize.untokenize((t.type, t.string) for t in full)))
print(sum(1 for t in full if t.type == tokenize.OP), tokenize.tok_name[full[0].type])
