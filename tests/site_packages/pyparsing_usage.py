# slow: the first build compiles ~40-110 modules (site and stdlib)
import pyparsing as pp

integer = pp.Word(pp.nums).set_parse_action(lambda t: int(t[0]))
ident = pp.Word(pp.alphas + "_", pp.alphanums + "_")
expr = pp.infix_notation(integer | ident, [
    (pp.one_of("* /"), 2, pp.OpAssoc.LEFT),
    (pp.one_of("+ -"), 2, pp.OpAssoc.LEFT),
])
for text in ["1 + 2 * 3", "(a + 4) * b - 7", "x / (y - 2)"]:
    print(text, "->", expr.parse_string(text, parse_all=True).as_list())

assignment = ident("name") + pp.Suppress("=") + pp.Group(pp.delimited_list(integer))("values")
r = assignment.parse_string("nums = 3, 1, 4, 1, 5")
print(r["name"], r["values"].as_list(), r.as_dict())
print(pp.QuotedString('"').search_string('say "hi" and "bye"'))
key_val = pp.Dict(pp.ZeroOrMore(pp.Group(ident + pp.Suppress(":") + (integer | pp.QuotedString("'")))))
print(key_val.parse_string("a: 1 b: 'two' c: 3").as_dict())
try:
    integer.parse_string("abc")
except pp.ParseException as e:
    print("ParseException:", e, e.line, e.col)
print(pp.common.ipv4_address.parse_string("192.168.0.1"), pp.common.number.parse_string("-3.5e2"))
print([t[0] for t, s, e in pp.Word(pp.alphas).scan_string("12 ab 3 cd")])
print(pp.Word(pp.alphas).transform_string("keep 12 these"), pp.Literal("x").set_name("ex"))
nested = pp.nested_expr("(", ")")
print(nested.parse_string("(a (b c) (d (e)))").as_list())
