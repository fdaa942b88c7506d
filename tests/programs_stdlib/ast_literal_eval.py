# ast.parse of expressions and ast.literal_eval: compile(..., ast.PyCF_ONLY_AST) builds the
# tree natively (expressions only; statements need a Python compiler at run time)
import ast

for src in ['1 + 2 * x', 'f(a, *b, k=1, **m)', 'a.b[1:2, ::3]', '-x ** 2 if not y else {1: [2], **z}',
            'lambda p, q=1: p < q <= 3 is not None', "u'u' 'v'", '(1,)', '{*s}', 'x and y or z']:
    tree = ast.parse(src, mode='eval')
    print(ast.dump(tree))
    print(ast.unparse(tree))
print(ast.dump(ast.parse('a + bb', mode='eval'), include_attributes=True))
print(ast.dump(ast.parse('f(\n  x,\n  y=2)')), ast.dump(ast.parse('')))
print(ast.dump(ast.parse('1; 2\n3', mode='exec')))
print(ast.dump(ast.parse('x', mode='single')))
for text in ['42', '-1.5', '1+2j', '"s"', "b'b'", '(1, [2, {3: 4}], {5}, None, True)', ' \t[1, -2]',
             'set()', '{"a": (1, 2)}', '0x10', '1_000']:
    v = ast.literal_eval(text)
    print(repr(text), '->', repr(v), type(v).__name__)
for bad in ['x', 'f()', '1 + x', '[1, y]', '2 ** 3', '-"s"']:
    try:
        ast.literal_eval(bad)
    except ValueError as e:
        print(repr(bad), 'ValueError', str(e).split(':')[0])
for bad in ['1 +', '(1', '1 1']:
    try:
        ast.literal_eval(bad)
    except SyntaxError as e:
        print(repr(bad), 'SyntaxError', e.msg, e.filename, e.lineno)
print(ast.literal_eval(ast.parse('[1, 2]', mode='eval')))
node = ast.parse('x + 1', mode='eval').body
print(type(node).__name__, node.lineno, node.col_offset, node.end_col_offset, node.left.id)
print(ast.get_source_segment('x + 1', node))
