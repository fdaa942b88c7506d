//! Behaviour of the Rust API used by printed code: calls and argument binding, exceptions
//! and their messages, containers, strings, builtins, recursion limit.
use pyrt::objects::exceptions::exc_line;
use pyrt::ops::{repr_string, str_string};
use pyrt::*;

fn b(name: &str) -> Obj {
    load_global(&pyrt::builtins::builtins_dict(), &Obj::str(name)).unwrap()
}
fn r(o: &Obj) -> String {
    repr_string(o).unwrap()
}
fn err(res: PyResult) -> String {
    match res {
        Ok(v) => panic!("expected an exception, got {}", r(&v)),
        Err(e) => exc_line(e.value()),
    }
}
fn s(v: &str) -> Obj {
    Obj::str(v)
}
fn i(v: i64) -> Obj {
    Obj::int(v)
}
fn kw(names: &[&str]) -> Obj {
    Obj::tuple(names.iter().map(|n| Obj::str(n)).collect())
}

#[test]
fn bignum_known_values() {
    pyrt::gc::assert_no_leaks(bignum_known_values_body)
}
fn bignum_known_values_body() {
    let mut f = i(1);
    for k in 1..=30 {
        f = binary_op(&f, &i(k), BinOp::Mul).unwrap();
    }
    assert_eq!(r(&f), "265252859812191058636308480000000");
    assert_eq!(r(&binary_op(&i(2), &i(100), BinOp::Pow).unwrap()), "1267650600228229401496703205376");
    assert_eq!(r(&binary_op(&i(2), &i(-1), BinOp::Pow).unwrap()), "0.5");
    assert_eq!(r(&binary_op(&i(-7), &i(2), BinOp::FloorDiv).unwrap()), "-4");
    assert_eq!(r(&binary_op(&i(-7), &i(3), BinOp::Mod).unwrap()), "2");
    assert_eq!(r(&binary_op(&i(7), &i(-3), BinOp::Mod).unwrap()), "-2");
    assert_eq!(r(&binary_op(&Obj::bool(true), &i(1), BinOp::Add).unwrap()), "2");
    assert_eq!(r(&binary_op(&i(1), &Obj::float(0.5), BinOp::Add).unwrap()), "1.5");
    let big = Obj::int_from_str("-123456789012345678901234567890");
    assert_eq!(r(&big), "-123456789012345678901234567890");
    assert_eq!(big.as_i64(), None);
    assert_eq!(i(5).as_i64(), Some(5));
    assert_eq!(Obj::bool(true).as_i64(), None);
    assert!(i(7).is(&i(7)));
}

#[test]
fn arithmetic_errors() {
    pyrt::gc::assert_no_leaks(arithmetic_errors_body)
}
fn arithmetic_errors_body() {
    assert_eq!(err(binary_op(&i(1), &i(0), BinOp::TrueDiv)), "ZeroDivisionError: division by zero");
    assert_eq!(err(binary_op(&i(1), &i(0), BinOp::FloorDiv)), "ZeroDivisionError: integer division or modulo by zero");
    assert_eq!(err(binary_op(&i(1), &i(0), BinOp::Mod)), "ZeroDivisionError: integer modulo by zero");
    assert_eq!(err(binary_op(&Obj::float(1.0), &i(0), BinOp::TrueDiv)), "ZeroDivisionError: float division by zero");
    assert_eq!(
        err(binary_op(&Obj::float(0.0), &i(-1), BinOp::Pow)),
        "ZeroDivisionError: 0.0 cannot be raised to a negative power"
    );
    assert_eq!(err(binary_op(&i(1), &s("a"), BinOp::Add)), "TypeError: unsupported operand type(s) for +: 'int' and 'str'");
    assert_eq!(err(binary_op(&s("a"), &i(1), BinOp::Add)), "TypeError: can only concatenate str (not \"int\") to str");
    assert_eq!(err(binary_op(&s("a"), &i(1), BinOp::Pow)), "TypeError: unsupported operand type(s) for ** or pow(): 'str' and 'int'");
    assert_eq!(err(inplace_op(&i(1), &s("a"), BinOp::Sub)), "TypeError: unsupported operand type(s) for -=: 'int' and 'str'");
    assert_eq!(err(compare(&i(1), &s("a"), CmpOp::Lt)), "TypeError: '<' not supported between instances of 'int' and 'str'");
    assert_eq!(r(&compare(&i(1), &s("a"), CmpOp::Eq).unwrap()), "False");
    assert_eq!(err(unary_neg(&s("x"))), "TypeError: bad operand type for unary -: 'str'");
}

#[test]
fn strings() {
    pyrt::gc::assert_no_leaks(strings_body)
}
fn strings_body() {
    let h = s("héllo wörld");
    assert_eq!(r(&call(&b("len"), vec![h.clone()], None).unwrap()), "11");
    assert_eq!(r(&getitem(&h, &i(1)).unwrap()), "'é'");
    assert_eq!(r(&getitem(&h, &i(-1)).unwrap()), "'d'");
    let sl = build_slice(i(1), i(8), i(2));
    assert_eq!(r(&getitem(&h, &sl).unwrap()), "'él ö'");
    assert_eq!(err(getitem(&h, &i(20))), "IndexError: string index out of range");
    assert_eq!(r(&binary_op(&s("ab"), &i(3), BinOp::Mul).unwrap()), "'ababab'");
    assert!(contains(&h, &s("wö")).unwrap());
    assert_eq!(err(contains(&h, &i(1)).map(Obj::bool)), "TypeError: 'in <string>' requires string as left operand, not int");
    assert!(compare_bool(&s("abc"), &s("abd"), CmpOp::Lt).unwrap());
    let parts = call_method(&s(" a b  c "), "split", vec![], None).unwrap();
    assert_eq!(r(&parts), "['a', 'b', 'c']");
    assert_eq!(r(&call_method(&s("a,b,,c"), "split", vec![s(",")], None).unwrap()), "['a', 'b', '', 'c']");
    assert_eq!(r(&call_method(&s("-"), "join", vec![parts], None).unwrap()), "'a-b-c'");
    assert_eq!(r(&call_method(&s("  x "), "strip", vec![], None).unwrap()), "'x'");
    assert_eq!(r(&call_method(&s("abc"), "upper", vec![], None).unwrap()), "'ABC'");
    assert_eq!(r(&call_method(&s("aXbX"), "replace", vec![s("X"), s("yy")], None).unwrap()), "'ayybyy'");
    assert_eq!(r(&call_method(&s("hello"), "find", vec![s("l")], None).unwrap()), "2");
    assert_eq!(r(&call_method(&s("hello"), "startswith", vec![s("he")], None).unwrap()), "True");
    assert_eq!(r(&call_method(&s("{} is {x}"), "format", vec![i(1), s("one")], Some(&kw(&["x"]))).unwrap()), "'1 is one'");
    assert_eq!(r(&binary_op(&s("%d-%s-%.2f"), &Obj::tuple(vec![i(3), s("a"), Obj::float(1.5)]), BinOp::Mod).unwrap()), "'3-a-1.50'");
    assert_eq!(r(&build_string(vec![s("a"), s("b")]).unwrap()), "'ab'");
    assert_eq!(r(&format_value(&s("x"), b'r', None).unwrap()), "\"'x'\"");
    assert_eq!(r(&format_value(&Obj::float(3.14159), 0, Some(&s(".2f"))).unwrap()), "'3.14'");
    // iteration by code point
    let it = get_iter(&s("hé")).unwrap();
    assert_eq!(r(&iter_next(&it).unwrap().unwrap()), "'h'");
    assert_eq!(r(&iter_next(&it).unwrap().unwrap()), "'é'");
    assert!(iter_next(&it).unwrap().is_none());
}

#[test]
fn containers() {
    pyrt::gc::assert_no_leaks(containers_body)
}
fn containers_body() {
    let l = build_list(vec![i(3), i(1), i(2)]);
    list_append(&l, i(0)).unwrap();
    assert_eq!(r(&l), "[3, 1, 2, 0]");
    call_method(&l, "sort", vec![], None).unwrap();
    assert_eq!(r(&l), "[0, 1, 2, 3]");
    assert_eq!(r(&call_method(&l, "pop", vec![], None).unwrap()), "3");
    setitem(&l, &i(0), s("x")).unwrap();
    assert_eq!(r(&l), "['x', 1, 2]");
    assert_eq!(err(getitem(&l, &i(5))), "IndexError: list index out of range");
    assert_eq!(r(&getitem(&l, &build_slice(Obj::none(), Obj::none(), i(-1))).unwrap()), "[2, 1, 'x']");
    delitem(&l, &i(0)).unwrap();
    assert_eq!(r(&l), "[1, 2]");
    let t = build_tuple(vec![i(1)]);
    assert_eq!(r(&t), "(1,)");
    assert_eq!(err(setitem(&t, &i(0), i(2)).map(|_| Obj::none())), "TypeError: 'tuple' object does not support item assignment");
    let d = build_map(vec![(s("b"), i(1)), (s("a"), i(2)), (i(3), s("three"))]).unwrap();
    assert_eq!(r(&d), "{'b': 1, 'a': 2, 3: 'three'}");
    assert_eq!(err(getitem(&d, &s("zz"))), "KeyError: 'zz'");
    setitem(&d, &s("b"), i(10)).unwrap();
    delitem(&d, &s("a")).unwrap();
    assert_eq!(r(&d), "{'b': 10, 3: 'three'}");
    assert_eq!(r(&call_method(&d, "items", vec![], None).unwrap()), "dict_items([('b', 10), (3, 'three')])");
    assert!(contains(&d, &i(3)).unwrap());
    assert_eq!(err(build_map(vec![(build_list(vec![]), i(1))])), "TypeError: unhashable type: 'list'");
    // int/float keys hash equal
    assert_eq!(r(&getitem(&d, &Obj::float(3.0)).unwrap()), "'three'");
    let st = build_set(vec![i(3), i(1), i(2), i(1)]).unwrap();
    assert_eq!(r(&st), "{1, 2, 3}");
    assert_eq!(r(&call(&b("set"), vec![], None).unwrap()), "set()");
    let rg = call(&b("range"), vec![i(0), i(10)], None).unwrap();
    assert_eq!(r(&rg), "range(0, 10)");
    assert_eq!(r(&call(&b("len"), vec![rg.clone()], None).unwrap()), "10");
    assert_eq!(r(&call(&b("list"), vec![call(&b("range"), vec![i(5), i(0), i(-2)], None).unwrap()], None).unwrap()), "[5, 3, 1]");
    assert_eq!(r(&call(&b("sum"), vec![rg], None).unwrap()), "45");
}

#[test]
fn builtins_misc() {
    pyrt::gc::assert_no_leaks(builtins_misc_body)
}
fn builtins_misc_body() {
    let c = |name: &str, args: Vec<Obj>| r(&call(&b(name), args, None).unwrap());
    assert_eq!(c("abs", vec![i(-5)]), "5");
    assert_eq!(c("min", vec![i(3), i(1), i(2)]), "1");
    assert_eq!(c("max", vec![build_list(vec![i(3), i(7), i(2)])]), "7");
    assert_eq!(err(call(&b("max"), vec![build_list(vec![])], None)), "ValueError: max() arg is an empty sequence");
    assert_eq!(c("int", vec![Obj::float(-3.9)]), "-3");
    assert_eq!(c("int", vec![s(" 42 ")]), "42");
    assert_eq!(c("int", vec![s("ff"), i(16)]), "255");
    assert_eq!(err(call(&b("int"), vec![s("abc")], None)), "ValueError: invalid literal for int() with base 10: 'abc'");
    assert_eq!(c("float", vec![s("1e3")]), "1000.0");
    assert_eq!(c("str", vec![Obj::float(1e22)]), "'1e+22'");
    assert_eq!(c("str", vec![Obj::none()]), "'None'");
    assert_eq!(c("bool", vec![s("")]), "False");
    assert_eq!(c("repr", vec![s("it's")]), "'\"it\\'s\"'");
    assert_eq!(c("type", vec![i(1)]), "<class 'int'>");
    assert_eq!(c("isinstance", vec![Obj::bool(true), b("int")]), "True");
    assert_eq!(c("round", vec![Obj::float(2.5)]), "2");
    assert_eq!(c("round", vec![Obj::float(2.675), i(2)]), "2.67");
    assert_eq!(c("divmod", vec![i(-7), i(2)]), "(-4, 1)");
    assert_eq!(c("pow", vec![i(3), i(4), i(5)]), "1");
    assert_eq!(c("pow", vec![i(2), i(-1), i(5)]), "3");
    assert_eq!(c("pow", vec![i(3), i(-2), i(7)]), "4");
    assert_eq!(c("pow", vec![i(38), i(-1), i(97)]), "23");
    assert_eq!(c("pow", vec![i(-3), i(-1), i(7)]), "2");
    assert_eq!(c("pow", vec![i(2), i(-1), i(-5)]), "-2");
    assert_eq!(err(call(&b("pow"), vec![i(2), i(-1), i(4)], None)), "ValueError: base is not invertible for the given modulus");
    assert_eq!(c("chr", vec![i(955)]), "'λ'");
    assert_eq!(c("ord", vec![s("λ")]), "955");
    assert_eq!(c("hex", vec![i(-255)]), "'-0xff'");
    assert_eq!(c("bin", vec![i(5)]), "'0b101'");
    assert_eq!(c("oct", vec![i(8)]), "'0o10'");
    assert_eq!(c("callable", vec![b("len")]), "True");
    assert_eq!(c("any", vec![build_list(vec![i(0), i(2)])]), "True");
    assert_eq!(c("all", vec![build_list(vec![i(0), i(2)])]), "False");
    assert_eq!(c("list", vec![call(&b("enumerate"), vec![s("ab")], None).unwrap()]), "[(0, 'a'), (1, 'b')]");
    assert_eq!(c("list", vec![call(&b("zip"), vec![s("ab"), build_list(vec![i(1), i(2), i(3)])], None).unwrap()]), "[('a', 1), ('b', 2)]");
    assert_eq!(c("sorted", vec![build_list(vec![i(3), i(1), i(2)])]), "[1, 2, 3]");
    assert_eq!(r(&call(&b("sorted"), vec![build_list(vec![i(3), i(1), i(2)]), Obj::bool(true)], Some(&kw(&["reverse"]))).unwrap()), "[3, 2, 1]");
    assert_eq!(c("list", vec![call(&b("reversed"), vec![build_list(vec![i(1), i(2)])], None).unwrap()]), "[2, 1]");
    assert_eq!(c("hash", vec![i(-1)]), "-2");
    let it = call(&b("iter"), vec![build_list(vec![i(1)])], None).unwrap();
    assert_eq!(c("next", vec![it.clone()]), "1");
    assert_eq!(err(call(&b("next"), vec![it], None)), "StopIteration");
    assert_eq!(err(call(&b("len"), vec![i(1)], None)), "TypeError: object of type 'int' has no len()");
    assert_eq!(err(call(&i(1), vec![], None)), "TypeError: 'int' object is not callable");
    assert_eq!(err(get_iter(&i(1))), "TypeError: 'int' object is not iterable");
    assert_eq!(err(getattr(&i(1), &s("foo"))), "AttributeError: 'int' object has no attribute 'foo'");
    assert_eq!(err(load_global(&build_map(vec![]).unwrap(), &s("x"))), "NameError: name 'x' is not defined");
    assert_eq!(exc_line(unbound_local("x").value()), "UnboundLocalError: cannot access local variable 'x' where it is not associated with a value");
    assert_eq!(exc_line(raise_(&b("ValueError")).value()), "ValueError");
    assert_eq!(exc_line(raise_(&i(3)).value()), "TypeError: exceptions must derive from BaseException");
    let ve = call(&b("ValueError"), vec![s("bad")], None).unwrap();
    assert_eq!(r(&ve), "ValueError('bad')");
    assert!(raise_(&ve).matches(&b("Exception")).unwrap());
    assert!(!raise_(&ve).matches(&b("KeyError")).unwrap());
    assert_eq!(r(&b("print")), "<built-in function print>");
}

// ---- functions with argument binding

fn ret_params(_f: &Obj, params: Vec<Obj>) -> PyResult {
    Ok(Obj::tuple(params))
}

static F2: CodeInfo = CodeInfo {
    name: "f",
    qualname: "f",
    filename: "t.py",
    firstlineno: 1,
    argcount: 2,
    posonlyargcount: 0,
    kwonlyargcount: 1,
    flags: 0x3 | 0x4 | 0x8,
    varnames: Names("a b k args kwargs"),
    entry: ret_params,
    fast: Fast::No,
};

static G: CodeInfo = CodeInfo {
    name: "g",
    qualname: "g",
    filename: "t.py",
    firstlineno: 1,
    argcount: 3,
    posonlyargcount: 1,
    kwonlyargcount: 0,
    flags: 0x3,
    varnames: Names("x y z"),
    entry: ret_params,
    fast: Fast::No,
};

#[test]
fn argument_binding() {
    pyrt::gc::assert_no_leaks(argument_binding_body)
}
fn argument_binding_body() {
    let globals = build_map(vec![]).unwrap();
    let f = make_function(&F2, &globals, Some(Obj::tuple(vec![i(20)])), Some(build_map(vec![(s("k"), i(99))]).unwrap()));
    assert_eq!(r(&call(&f, vec![i(1)], None).unwrap()), "(1, 20, 99, (), {})");
    assert_eq!(r(&call(&f, vec![i(1), i(2), i(3), i(4)], None).unwrap()), "(1, 2, 99, (3, 4), {})");
    assert_eq!(r(&call(&f, vec![i(1), i(5), i(6)], Some(&kw(&["k", "zz"]))).unwrap()), "(1, 20, 5, (), {'zz': 6})");
    assert_eq!(err(call(&f, vec![], None)), "TypeError: f() missing 1 required positional argument: 'a'");
    assert_eq!(err(call(&f, vec![i(1), i(2)], Some(&kw(&["a"])))), "TypeError: f() got multiple values for argument 'a'");
    let g = make_function(&G, &globals, None, None);
    assert_eq!(r(&call(&g, vec![i(1), i(2), i(3)], None).unwrap()), "(1, 2, 3)");
    assert_eq!(r(&call(&g, vec![i(1), i(3), i(2)], Some(&kw(&["z", "y"]))).unwrap()), "(1, 2, 3)");
    assert_eq!(err(call(&g, vec![i(1)], None)), "TypeError: g() missing 2 required positional arguments: 'y' and 'z'");
    assert_eq!(err(call(&g, vec![], None)), "TypeError: g() missing 3 required positional arguments: 'x', 'y', and 'z'");
    assert_eq!(err(call(&g, vec![i(1), i(2), i(3), i(4)], None)), "TypeError: g() takes 3 positional arguments but 4 were given");
    assert_eq!(err(call(&g, vec![i(1), i(2), i(3), i(4)], Some(&kw(&["w"])))), "TypeError: g() got an unexpected keyword argument 'w'");
    assert_eq!(
        err(call(&g, vec![i(1), i(2), i(3)], Some(&kw(&["x"])))),
        "TypeError: g() got some positional-only arguments passed as keyword arguments: 'x'"
    );
    let g2 = make_function(&G, &globals, Some(Obj::tuple(vec![i(8), i(9)])), None);
    assert_eq!(err(call(&g2, vec![i(1), i(2), i(3), i(4)], None)), "TypeError: g() takes from 1 to 3 positional arguments but 4 were given");
    assert_eq!(r(&call(&g2, vec![i(1)], None).unwrap()), "(1, 8, 9)");
    assert!(function_globals(&g2).is(&globals));
}

// def h(a, b=10): a fixed-arity entry (what printed code makes) beside the generic one
fn h_generic(f: &Obj, params: Vec<Obj>) -> PyResult {
    let mut p = params.into_iter();
    h_fixed(f, p.next().unwrap(), p.next().unwrap())
}
fn h_fixed(_f: &Obj, a: Obj, b: Obj) -> PyResult {
    Ok(Obj::tuple(vec![a, b, Obj::int(recursion_depth() as i64)]))
}

static H: CodeInfo = CodeInfo {
    name: "h",
    qualname: "h",
    filename: "t.py",
    firstlineno: 1,
    argcount: 2,
    posonlyargcount: 0,
    kwonlyargcount: 0,
    flags: 0x3,
    varnames: Names("a b"),
    entry: h_generic,
    fast: Fast::A2(h_fixed),
};

#[test]
fn fixed_arity_entry() {
    pyrt::gc::assert_no_leaks(fixed_arity_entry_body)
}
fn fixed_arity_entry_body() {
    let globals = build_map(vec![]).unwrap();
    let h = make_function(&H, &globals, Some(Obj::tuple(vec![i(10)])), None);
    let depth = recursion_depth() as i64 + 1;
    let want = |a: i64, b: i64| format!("({}, {}, {})", a, b, depth);
    assert_eq!(r(&call2(&h, &i(1), &i(2)).unwrap()), want(1, 2));
    assert_eq!(r(&call1(&h, &i(1)).unwrap()), want(1, 10)); // default filled in
    assert_eq!(r(&call_with_self(&h, &i(3), &[i(4)], None).unwrap()), want(3, 4));
    assert_eq!(r(&call_with_self::<Obj>(&h, &i(3), &[], None).unwrap()), want(3, 10));
    assert_eq!(r(&call(&h, vec![i(5), i(6)], Some(&kw(&["b"]))).unwrap()), want(5, 6)); // generic binding
    assert_eq!(err(call0(&h)), "TypeError: h() missing 1 required positional argument: 'a'");
    assert_eq!(err(call3(&h, &i(1), &i(2), &i(3))), "TypeError: h() takes from 1 to 2 positional arguments but 3 were given");
    assert_eq!(err(call_with_self(&h, &i(1), &[i(2), i(3)], None)), "TypeError: h() takes from 1 to 2 positional arguments but 3 were given");
    let lim = pyrt::objects::function::get_recursion_limit();
    pyrt::objects::function::set_recursion_limit(recursion_depth());
    assert_eq!(err(call2(&h, &i(1), &i(2))), "RecursionError: maximum recursion depth exceeded");
    pyrt::objects::function::set_recursion_limit(lim);
}

fn recurse(f: &Obj, params: Vec<Obj>) -> PyResult {
    let n = binary_op(&params[0], &Obj::int(1), BinOp::Add)?;
    call(f, vec![n], None).map_err(|e| e.add_frame(&REC, 2))
}

static REC: CodeInfo = CodeInfo {
    name: "rec",
    qualname: "rec",
    filename: "t.py",
    firstlineno: 1,
    argcount: 1,
    posonlyargcount: 0,
    kwonlyargcount: 0,
    flags: 0x3,
    varnames: Names("n"),
    entry: recurse,
    fast: Fast::No,
};

#[test]
fn recursion_limit() {
    pyrt::gc::assert_no_leaks(recursion_limit_body)
}
fn recursion_limit_body() {
    let globals = build_map(vec![]).unwrap();
    let f = make_function(&REC, &globals, None, None);
    let e = call(&f, vec![i(0)], None).unwrap_err();
    assert_eq!(exc_line(e.value()), "RecursionError: maximum recursion depth exceeded");
    assert_eq!(e.traceback().len(), 1000);
    // the depth counter is balanced afterwards
    let e2 = call(&f, vec![i(0)], None).unwrap_err();
    assert_eq!(e2.traceback().len(), 1000);
}

#[test]
fn str_of_values() {
    pyrt::gc::assert_no_leaks(str_of_values_body)
}
fn str_of_values_body() {
    assert_eq!(str_string(&Obj::float(0.1)).unwrap(), "0.1");
    assert_eq!(str_string(&Obj::float(-0.0)).unwrap(), "-0.0");
    assert_eq!(str_string(&Obj::float(f64::INFINITY)).unwrap(), "inf");
    assert_eq!(str_string(&Obj::float(1e-5)).unwrap(), "1e-05");
    assert_eq!(str_string(&Obj::float(1.5e16)).unwrap(), "1.5e+16");
    assert_eq!(str_string(&Obj::float(100.0)).unwrap(), "100.0");
    assert_eq!(str_string(&Obj::bool(false)).unwrap(), "False");
    assert_eq!(str_string(&Obj::none()).unwrap(), "None");
    assert_eq!(str_string(&Obj::bytes(b"a'\x00")).unwrap(), "b\"a'\\x00\"");
    assert_eq!(str_string(&Obj::ellipsis()).unwrap(), "Ellipsis");
}

#[test]
fn opcode_helpers() {
    pyrt::gc::assert_no_leaks(opcode_helpers_body)
}
fn opcode_helpers_body() {
    let l = build_list(vec![i(1)]);
    list_extend(&l, &build_tuple(vec![i(2), i(3)])).unwrap();
    assert_eq!(r(&l), "[1, 2, 3]");
    assert_eq!(err(list_extend(&l, &i(5)).map(|_| Obj::none())), "TypeError: Value after * must be an iterable, not int");
    assert_eq!(r(&list_to_tuple(&l)), "(1, 2, 3)");
    let d = build_map(vec![]).unwrap();
    dict_update(&d, &build_map(vec![(s("a"), i(1))]).unwrap()).unwrap();
    assert_eq!(err(dict_update(&d, &i(1)).map(|_| Obj::none())), "TypeError: 'int' object is not a mapping");
    assert_eq!(
        err(dict_merge(&d, &build_map(vec![(s("a"), i(2))]).unwrap(), &b("print")).map(|_| Obj::none())),
        "TypeError: print() got multiple values for keyword argument 'a'"
    );
    let parts = unpack_ex(&build_list(vec![i(1), i(2), i(3), i(4)]), 1, 1).unwrap();
    assert_eq!(r(&Obj::tuple(parts)), "(1, [2, 3], 4)");
    assert_eq!(err(unpack_ex(&build_list(vec![i(1)]), 1, 1).map(Obj::tuple)), "ValueError: not enough values to unpack (expected at least 2, got 1)");
    let kw = build_map(vec![(s("sep"), s("-"))]).unwrap();
    let _ = call_ex(&b("print"), &build_tuple(vec![]), Some(&kw)).unwrap();
    assert_eq!(err(call_ex(&b("len"), &i(1), None)), "TypeError: len() argument after * must be an iterable, not int");
    assert_eq!(err(with_enter(&i(1)).map(|p| p.0)), "TypeError: 'int' object does not support the context manager protocol");
    let _ = pyrt::io::take_stdout_buffer();
}

#[test]
fn bytes_methods_and_encodings() {
    pyrt::gc::assert_no_leaks(bytes_methods_and_encodings_body)
}
fn bytes_methods_and_encodings_body() {
    let bb = |v: &[u8]| Obj::bytes(v);
    assert_eq!(r(&call_method(&bb(b" a b  c "), "split", vec![], None).unwrap()), "[b'a', b'b', b'c']");
    assert_eq!(r(&call_method(&bb(b"a,b,,c"), "split", vec![bb(b",")], None).unwrap()), "[b'a', b'b', b'', b'c']");
    assert_eq!(r(&call_method(&bb(b"-"), "join", vec![build_list(vec![bb(b"x"), bb(b"y")])], None).unwrap()), "b'x-y'");
    assert_eq!(r(&call_method(&bb(b"hello"), "replace", vec![bb(b"l"), bb(b"L")], None).unwrap()), "b'heLLo'");
    let e = call_method(&s("é"), "encode", vec![s("ascii")], None).unwrap_err();
    assert_eq!(exc_line(e.value()), "UnicodeEncodeError: 'ascii' codec can't encode character '\\xe9' in position 0: ordinal not in range(128)");
    let e = call_method(&bb(b"\xe9"), "decode", vec![s("ascii")], None).unwrap_err();
    assert_eq!(exc_line(e.value()), "UnicodeDecodeError: 'ascii' codec can't decode byte 0xe9 in position 0: ordinal not in range(128)");
    assert_eq!(r(&call_method(&s("é"), "encode", vec![s("latin-1")], None).unwrap()), "b'\\xe9'");
}

#[test]
fn int_str_digit_limit() {
    pyrt::gc::assert_no_leaks(int_str_digit_limit_body)
}
fn int_str_digit_limit_body() {
    let big = binary_op(&i(10), &i(5000), BinOp::Pow).unwrap();
    assert_eq!(
        exc_line(pyrt::ops::to_str(&big).unwrap_err().value()),
        "ValueError: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
    );
    let e = call(&b("int"), vec![Obj::string("1".repeat(5000))], None).unwrap_err();
    assert_eq!(
        exc_line(e.value()),
        "ValueError: Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit"
    );
    assert_eq!(r(&call(&b("len"), vec![call(&b("hex"), vec![big], None).unwrap()], None).unwrap()), "4155");
    let ok = binary_op(&i(10), &i(4299), BinOp::Pow).unwrap();
    assert_eq!(pyrt::ops::to_str(&ok).unwrap().as_str().unwrap().len(), 4300);
}
