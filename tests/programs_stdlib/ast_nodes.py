# the C module _ast: node classes, fields, defaults and constructors; ast.dump and
# ast.unparse of trees built by hand (ast.parse needs compile(), which compiled code lacks)
import ast
import _ast

print(ast.Name._fields, ast.expr._attributes, ast.BinOp.__match_args__, ast.AST._fields)
print(issubclass(ast.Name, ast.expr), issubclass(ast.Add, ast.operator), ast.Name.__module__)
n = ast.Name('x', ast.Load())
print(n.id, type(n.ctx).__name__, n.end_lineno, ast.Constant(1).kind, hasattr(n, 'lineno'))
tree = ast.Module(body=[ast.Assign(targets=[ast.Name('x', ast.Store())],
                                   value=ast.BinOp(ast.Constant(1), ast.Add(), ast.Constant(2)),
                                   lineno=1)],
                  type_ignores=[])
print(ast.dump(tree))
print(ast.unparse(tree))
call = ast.Call(ast.Attribute(ast.Name('os', ast.Load()), 'getcwd', ast.Load()), [], [])
print(ast.unparse(ast.Expr(call)), ast.dump(call, annotate_fields=False))
print([type(x).__name__ for x in ast.walk(tree)])
try:
    ast.Name(1, 2, 3)
except TypeError as e:
    print(e)
print(n.__reduce__()[0] is ast.Name, sorted(n.__reduce__()[2]))
print(_ast.PyCF_ONLY_AST, isinstance(ast.Constant(3), ast.Num))
