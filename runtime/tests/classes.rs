//! Classes built through builtins.__build_class__ the way printed code does it, generators,
//! closures (cells), super(), exception subclasses, and native modules.
use pyrt::objects::exceptions::exc_line;
use pyrt::ops::repr_string;
use pyrt::*;

fn r(o: &Obj) -> String {
    repr_string(o).unwrap()
}
fn s(v: &str) -> Obj {
    Obj::str(v)
}
fn code(name: &'static str, qualname: &'static str, argcount: u32, varnames: Names, entry: fn(&Obj, Vec<Obj>) -> PyResult) -> CodeInfo {
    CodeInfo { name, qualname, filename: "t.py", firstlineno: 1, argcount, posonlyargcount: 0, kwonlyargcount: 0, flags: 3, varnames, entry, fast: Fast::No }
}

// class Point:
//     def __init__(self, x, y): self.x = x; self.y = y
//     def __add__(self, o): return Point(self.x + o.x, self.y + o.y)
//     def __repr__(self): return f"Point({self.x}, {self.y})"
//     def __eq__(self, o): return self.x == o.x and self.y == o.y
static INIT: CodeInfo = CodeInfo { name: "__init__", qualname: "Point.__init__", filename: "t.py", firstlineno: 2, argcount: 3, posonlyargcount: 0, kwonlyargcount: 0, flags: 3, varnames: Names("self x y"), entry: init_entry, fast: Fast::No };
fn init_entry(_f: &Obj, p: Vec<Obj>) -> PyResult {
    setattr(&p[0], &s("x"), p[1].clone())?;
    setattr(&p[0], &s("y"), p[2].clone())?;
    Ok(Obj::none())
}
static ADD: CodeInfo = CodeInfo { name: "__add__", qualname: "Point.__add__", filename: "t.py", firstlineno: 3, argcount: 2, posonlyargcount: 0, kwonlyargcount: 0, flags: 3, varnames: Names("self o"), entry: add_entry, fast: Fast::No };
fn add_entry(f: &Obj, p: Vec<Obj>) -> PyResult {
    let g = function_globals(f);
    let cls = load_global(&g, &s("Point"))?;
    let x = binary_op(&getattr(&p[0], &s("x"))?, &getattr(&p[1], &s("x"))?, BinOp::Add)?;
    let y = binary_op(&getattr(&p[0], &s("y"))?, &getattr(&p[1], &s("y"))?, BinOp::Add)?;
    call(&cls, vec![x, y], None)
}
static REPR: CodeInfo = CodeInfo { name: "__repr__", qualname: "Point.__repr__", filename: "t.py", firstlineno: 4, argcount: 1, posonlyargcount: 0, kwonlyargcount: 0, flags: 3, varnames: Names("self"), entry: repr_entry, fast: Fast::No };
fn repr_entry(_f: &Obj, p: Vec<Obj>) -> PyResult {
    let x = format_value(&getattr(&p[0], &s("x"))?, 0, None)?;
    let y = format_value(&getattr(&p[0], &s("y"))?, 0, None)?;
    build_string(vec![s("Point("), x, s(", "), y, s(")")])
}
static EQ: CodeInfo = CodeInfo { name: "__eq__", qualname: "Point.__eq__", filename: "t.py", firstlineno: 5, argcount: 2, posonlyargcount: 0, kwonlyargcount: 0, flags: 3, varnames: Names("self o"), entry: eq_entry, fast: Fast::No };
fn eq_entry(_f: &Obj, p: Vec<Obj>) -> PyResult {
    let a = compare_bool(&getattr(&p[0], &s("x"))?, &getattr(&p[1], &s("x"))?, CmpOp::Eq)?;
    let b = compare_bool(&getattr(&p[0], &s("y"))?, &getattr(&p[1], &s("y"))?, CmpOp::Eq)?;
    Ok(Obj::bool(a && b))
}
static BODY: CodeInfo = CodeInfo { name: "Point", qualname: "Point", filename: "t.py", firstlineno: 1, argcount: 0, posonlyargcount: 0, kwonlyargcount: 0, flags: 0, varnames: Names(""), entry: body_entry, fast: Fast::No };
fn body_entry(f: &Obj, p: Vec<Obj>) -> PyResult {
    let g = function_globals(f);
    let ns = &p[0];
    setitem(ns, &s("__init__"), make_function(&INIT, &g, None, None))?;
    setitem(ns, &s("__add__"), make_function(&ADD, &g, None, None))?;
    setitem(ns, &s("__repr__"), make_function(&REPR, &g, None, None))?;
    setitem(ns, &s("__eq__"), make_function(&EQ, &g, None, None))?;
    Ok(Obj::none())
}

fn globals() -> Obj {
    let g = build_map(vec![(s("__name__"), s("__main__"))]).unwrap();
    g
}

// no leak check: creates classes (immortal, see runtime/README.md)
#[test]
fn user_class() {
    pyrt::modules::registry::install_all(); // builtin methods and natives
    let g = globals();
    let body = make_function(&BODY, &g, None, None);
    let cls = call(&builtin("__build_class__"), vec![body, s("Point")], None).unwrap();
    store_global(&g, &s("Point"), cls.clone()).unwrap();
    assert_eq!(r(&cls), "<class '__main__.Point'>");
    let p = call(&cls, vec![Obj::int(1), Obj::int(2)], None).unwrap();
    let q = call(&cls, vec![Obj::int(10), Obj::int(20)], None).unwrap();
    assert_eq!(r(&p), "Point(1, 2)");
    let sum = binary_op(&p, &q, BinOp::Add).unwrap();
    assert_eq!(r(&sum), "Point(11, 22)");
    assert_eq!(ops::str_string(&sum).unwrap(), "Point(11, 22)");
    assert!(compare_bool(&sum, &call(&cls, vec![Obj::int(11), Obj::int(22)], None).unwrap(), CmpOp::Eq).unwrap());
    assert!(!compare_bool(&sum, &p, CmpOp::Ne).map(|b| !b).unwrap());
    assert_eq!(exc_line(binary_op(&p, &Obj::int(1), BinOp::Sub).unwrap_err().value()), "TypeError: unsupported operand type(s) for -: 'Point' and 'int'");
    assert_eq!(exc_line(getattr(&p, &s("z")).unwrap_err().value()), "AttributeError: 'Point' object has no attribute 'z'");
    let m = getattr(&p, &s("__repr__")).unwrap();
    assert_eq!(r(&call(&m, vec![], None).unwrap()), "'Point(1, 2)'");
    assert_eq!(r(&call(&builtin("isinstance"), vec![p.clone(), cls.clone()], None).unwrap()), "True");
    assert_eq!(r(&call(&builtin("type"), vec![p.clone()], None).unwrap()), "<class '__main__.Point'>");
    assert_eq!(exc_line(call(&cls, vec![Obj::int(1)], None).unwrap_err().value()), "TypeError: Point.__init__() missing 1 required positional argument: 'y'");
    assert_eq!(exc_line(ops::hash(&p).map(Obj::int).unwrap_err().value()), "TypeError: unhashable type: 'Point'");
}

// class MyErr(ValueError):
//     def __init__(self, code): super().__init__(f"code {code}"); self.code = code
static EINIT: CodeInfo = CodeInfo { name: "__init__", qualname: "MyErr.__init__", filename: "t.py", firstlineno: 2, argcount: 2, posonlyargcount: 0, kwonlyargcount: 0, flags: 3, varnames: Names("self code"), entry: einit, fast: Fast::No };
fn einit(f: &Obj, p: Vec<Obj>) -> PyResult {
    let g = function_globals(f);
    let cls = load_global(&g, &s("MyErr"))?;
    let sup = super_(&cls, &p[0])?;
    let msg = build_string(vec![s("code "), format_value(&p[1], 0, None)?])?;
    call_method(&sup, "__init__", vec![msg], None)?;
    setattr(&p[0], &s("code"), p[1].clone())?;
    Ok(Obj::none())
}
static EBODY: CodeInfo = CodeInfo { name: "MyErr", qualname: "MyErr", filename: "t.py", firstlineno: 1, argcount: 0, posonlyargcount: 0, kwonlyargcount: 0, flags: 0, varnames: Names(""), entry: ebody, fast: Fast::No };
fn ebody(f: &Obj, p: Vec<Obj>) -> PyResult {
    setitem(&p[0], &s("__init__"), make_function(&EINIT, &function_globals(f), None, None))?;
    Ok(Obj::none())
}

// no leak check: creates classes (immortal, see runtime/README.md)
#[test]
fn exception_subclass() {
    pyrt::modules::registry::install_all(); // builtin methods and natives
    let g = globals();
    let cls = call(&builtin("__build_class__"), vec![make_function(&EBODY, &g, None, None), s("MyErr"), builtin("ValueError")], None).unwrap();
    store_global(&g, &s("MyErr"), cls.clone()).unwrap();
    let e = raise_(&call(&cls, vec![Obj::int(7)], None).unwrap());
    assert!(e.matches(&builtin("ValueError")).unwrap());
    assert!(e.matches(&Obj::tuple(vec![builtin("KeyError"), cls.clone()])).unwrap());
    assert_eq!(exc_line(e.value()), "MyErr: code 7");
    assert_eq!(r(&getattr(e.value(), &s("code")).unwrap()), "7");
    assert_eq!(r(&getattr(e.value(), &s("args")).unwrap()), "('code 7',)");
    assert_eq!(r(e.value()), "MyErr('code 7')");
    let chained = raise_from(&call(&builtin("RuntimeError"), vec![s("outer")], None).unwrap(), e.value());
    let text = pyrt::main_entry::format_exception(chained.value());
    assert!(text.contains("The above exception was the direct cause of the following exception:"), "{}", text);
}

// def counter(n):          # generator
//     i = 0
//     while i < n: x = yield i; i += 1 if x is None else x
//     return "done"
static GEN: CodeInfo = CodeInfo { name: "counter", qualname: "counter", filename: "t.py", firstlineno: 1, argcount: 1, posonlyargcount: 0, kwonlyargcount: 0, flags: 0x23, varnames: Names("n i x"), entry: gen_entry, fast: Fast::No };
fn gen_entry(_f: &Obj, p: Vec<Obj>) -> PyResult {
    let n = p[0].clone();
    let mut i = Obj::int(0);
    let mut state = 0;
    Ok(new_generator(
        &GEN,
        Box::new(move |sig| {
            if state == 1 {
                match sig {
                    GenSignal::Send(x) => {
                        let step = if x.is_none() { Obj::int(1) } else { x };
                        i = binary_op(&i, &step, BinOp::Add)?;
                    }
                    GenSignal::Throw(e) => return Err(e),
                }
            } else if let GenSignal::Throw(e) = sig {
                return Err(e);
            }
            if compare_bool(&i, &n, CmpOp::Lt)? {
                state = 1;
                return Ok(GenStep::Yield(i.clone()));
            }
            state = 2;
            Ok(GenStep::Return(s("done")))
        }),
    ))
}

#[test]
fn generators() {
    pyrt::gc::assert_no_leaks(generators_body)
}
fn generators_body() {
    let g = globals();
    let f = make_function(&GEN, &g, None, None);
    let gen = call(&f, vec![Obj::int(3)], None).unwrap();
    assert!(r(&gen).starts_with("<generator object counter at 0x"));
    let l = call(&builtin("list"), vec![gen], None).unwrap();
    assert_eq!(r(&l), "[0, 1, 2]");
    let gen = call(&f, vec![Obj::int(10)], None).unwrap();
    assert_eq!(r(&call_method(&gen, "__next__", vec![], None).unwrap()), "0");
    assert_eq!(r(&call_method(&gen, "send", vec![Obj::int(5)], None).unwrap()), "5");
    let e = call_method(&gen, "send", vec![Obj::int(5)], None).unwrap_err();
    assert_eq!(exc_line(e.value()), "StopIteration: done");
    assert_eq!(r(&stop_iteration_value(&e).unwrap()), "'done'");
    let gen = call(&f, vec![Obj::int(10)], None).unwrap();
    let e = call_method(&gen, "send", vec![Obj::int(5)], None).unwrap_err();
    assert_eq!(exc_line(e.value()), "TypeError: can't send non-None value to a just-started generator");
    // yield-from style delegation
    let gen = call(&f, vec![Obj::int(2)], None).unwrap();
    assert!(matches!(gen_send(&gen, GenSignal::Send(Obj::none())).unwrap(), GenStep::Yield(_)));
    let lst = build_list(vec![Obj::int(1)]);
    let it = get_iter(&lst).unwrap();
    assert!(matches!(gen_send(&it, GenSignal::Send(Obj::none())).unwrap(), GenStep::Yield(_)));
    assert!(matches!(gen_send(&it, GenSignal::Send(Obj::none())).unwrap(), GenStep::Return(_)));
}

#[test]
fn cells_and_modules() {
    pyrt::gc::assert_no_leaks(cells_and_modules_body)
}
fn cells_and_modules_body() {
    let c = new_cell(None);
    assert!(cell_get(&c).is_none());
    cell_set(&c, Some(Obj::int(4)));
    assert_eq!(r(&cell_get(&c).unwrap()), "4");
    assert_eq!(exc_line(unbound_free("x").value()), "NameError: cannot access free variable 'x' where it is not associated with a value in enclosing scope");
    let g = globals();
    pyrt::modules::registry::install_all();
    let math = import_name(&g, &s("math"), &Obj::none(), &Obj::int(0)).unwrap();
    let sqrt = import_from(&math, &s("sqrt")).unwrap();
    assert_eq!(r(&call(&sqrt, vec![Obj::int(2)], None).unwrap()), "1.4142135623730951");
    assert_eq!(exc_line(call(&sqrt, vec![Obj::int(-1)], None).unwrap_err().value()), "ValueError: math domain error");
    let fact = getattr(&math, &s("factorial")).unwrap();
    assert_eq!(r(&call(&fact, vec![Obj::int(30)], None).unwrap()), "265252859812191058636308480000000");
    assert_eq!(r(&getattr(&math, &s("pi")).unwrap()), "3.141592653589793");
    assert_eq!(exc_line(import_from(&math, &s("nope")).unwrap_err().value()), "ImportError: cannot import name 'nope' from 'math' (unknown location)");
    assert_eq!(exc_line(import_name(&g, &s("nosuch"), &Obj::none(), &Obj::int(0)).unwrap_err().value()), "ModuleNotFoundError: No module named 'nosuch'");
    pyrt::modules::registry::install_all();
    let sys = import_name(&g, &s("sys"), &Obj::none(), &Obj::int(0)).unwrap();
    assert!(import_name(&g, &s("sys"), &Obj::none(), &Obj::int(0)).unwrap().is(&sys));
    assert_eq!(r(&call_method(&sys, "getrecursionlimit", vec![], None).unwrap()), "1000");
    let _ = code;
}

#[test]
fn random_matches_cpython() {
    pyrt::gc::assert_no_leaks(random_matches_cpython_body)
}
fn random_matches_cpython_body() {
    // expected values printed by CPython 3.11's _random.Random (random.py's Random derives from
    // it; the differential programs random_c/random_class cover the compiled random module)
    let g = globals();
    pyrt::modules::registry::install_all();
    let m = import_name(&g, &s("_random"), &Obj::none(), &Obj::int(0)).unwrap();
    let rng = call_method(&m, "Random", vec![], None).unwrap();
    let c = |name: &str, args: Vec<Obj>| call_method(&rng, name, args, None).unwrap();
    c("seed", vec![Obj::int(42)]);
    let v: Vec<String> = (0..3).map(|_| r(&c("random", vec![]))).collect();
    assert_eq!(v.join(", "), "0.6394267984578837, 0.025010755222666936, 0.27502931836911926");
    c("seed", vec![Obj::int(12345)]);
    assert_eq!(r(&c("getrandbits", vec![Obj::int(100)])), "1030771796917419777846831192455");
    c("seed", vec![Obj::int_from_str("1180591620717411303429")]);
    assert_eq!(r(&c("getrandbits", vec![Obj::int(64)])), "7192407739748854955");
}

// class A:
//     def __init__(s, n): s.n = n
//     def __del__(s): print("del", s.n)
static DINIT: CodeInfo = CodeInfo { name: "__init__", qualname: "A.__init__", filename: "t.py", firstlineno: 2, argcount: 2, posonlyargcount: 0, kwonlyargcount: 0, flags: 3, varnames: Names("s n"), entry: dinit, fast: Fast::No };
fn dinit(_f: &Obj, p: Vec<Obj>) -> PyResult {
    setattr(&p[0], &s("n"), p[1].clone())?;
    Ok(Obj::none())
}
static DDEL: CodeInfo = CodeInfo { name: "__del__", qualname: "A.__del__", filename: "t.py", firstlineno: 3, argcount: 1, posonlyargcount: 0, kwonlyargcount: 0, flags: 3, varnames: Names("s"), entry: ddel, fast: Fast::No };
fn ddel(_f: &Obj, p: Vec<Obj>) -> PyResult {
    call(&builtin("print"), vec![s("del"), getattr(&p[0], &s("n"))?], None)?;
    Ok(Obj::none())
}
static DBODY: CodeInfo = CodeInfo { name: "A", qualname: "A", filename: "t.py", firstlineno: 1, argcount: 0, posonlyargcount: 0, kwonlyargcount: 0, flags: 0, varnames: Names(""), entry: dbody, fast: Fast::No };
fn dbody(f: &Obj, p: Vec<Obj>) -> PyResult {
    let g = function_globals(f);
    setitem(&p[0], &s("__init__"), make_function(&DINIT, &g, None, None))?;
    setitem(&p[0], &s("__del__"), make_function(&DDEL, &g, None, None))?;
    Ok(Obj::none())
}

// no leak check: creates classes (immortal, see runtime/README.md)
#[test]
fn finalizers_run_like_cpython() {
    pyrt::modules::registry::install_all(); // builtin methods and natives
    let _ = pyrt::io::take_stdout_buffer();
    let g = globals();
    let cls = call(&builtin("__build_class__"), vec![make_function(&DBODY, &g, None, None), s("A")], None).unwrap();
    let a4 = call(&cls, vec![Obj::int(4)], None).unwrap();
    drop(a4); // del 4
    let a7 = call(&cls, vec![Obj::int(7)], None).unwrap();
    let l = build_list(vec![a7]);
    list_append(&l, l.clone()).unwrap();
    drop(l);
    let n = pyrt::gc::collect(); // del 7, then the cycle is freed
    let out = String::from_utf8(pyrt::io::take_stdout_buffer()).unwrap();
    assert_eq!(out, "del 4\ndel 7\n");
    assert_eq!(n, 2);
}

// no leak check: creates classes (immortal, see runtime/README.md)
#[test]
fn slots_restrict_attributes() {
    pyrt::modules::registry::install_all(); // builtin methods and natives
    let ns = build_map(vec![(s("__slots__"), build_tuple(vec![s("x")]))]).unwrap();
    let cls = call(&builtin("type"), vec![s("A"), build_tuple(vec![]), ns], None).unwrap();
    let a = call(&cls, vec![], None).unwrap();
    setattr(&a, &s("x"), Obj::int(1)).unwrap();
    assert_eq!(exc_line(setattr(&a, &s("y"), Obj::int(2)).unwrap_err().value()), "AttributeError: 'A' object has no attribute 'y'");
    let e = call(&builtin("exec"), vec![s("1")], None).unwrap_err();
    assert_eq!(exc_line(e.value()), "NotImplementedError: exec() of source outside a function is not supported in code compiled by pybc2wasm");
}

// class D(dict):
//     def __missing__(self, key): return key * 2
static MISSING: CodeInfo = CodeInfo { name: "__missing__", qualname: "D.__missing__", filename: "t.py", firstlineno: 2, argcount: 2, posonlyargcount: 0, kwonlyargcount: 0, flags: 3, varnames: Names("self key"), entry: missing_entry, fast: Fast::No };
fn missing_entry(_f: &Obj, p: Vec<Obj>) -> PyResult {
    binary_op(&p[1], &Obj::int(2), BinOp::Mul)
}

// no leak check: creates classes (immortal, see runtime/README.md)
#[test]
fn subclasses_of_builtin_containers() {
    pyrt::modules::registry::install_all(); // builtin methods and natives
    let g = globals();
    let ns = build_map(vec![(s("__missing__"), make_function(&MISSING, &g, None, None))]).unwrap();
    let d_cls = call(&builtin("type"), vec![s("D"), build_tuple(vec![builtin("dict")]), ns], None).unwrap();
    let d = call(&d_cls, vec![build_map(vec![(s("a"), Obj::int(1))]).unwrap()], None).unwrap();
    assert_eq!(r(&getitem(&d, &s("a")).unwrap()), "1");
    assert_eq!(r(&getitem(&d, &s("zz")).unwrap()), "'zzzz'");
    assert_eq!(r(&d), "{'a': 1}");
    assert_eq!(r(&call_method(&d, "get", vec![s("q"), Obj::int(0)], None).unwrap()), "0");
    let l_cls = call(&builtin("type"), vec![s("L"), build_tuple(vec![builtin("list")]), build_map(vec![]).unwrap()], None).unwrap();
    let l = call(&l_cls, vec![s("abc")], None).unwrap();
    call_method(&l, "append", vec![s("d")], None).unwrap();
    assert_eq!(r(&l), "['a', 'b', 'c', 'd']");
    assert_eq!(r(&call(&builtin("len"), vec![l.clone()], None).unwrap()), "4");
    assert_eq!(r(&call(&builtin("isinstance"), vec![l.clone(), builtin("list")], None).unwrap()), "True");
    setattr(&l, &s("label"), s("letters")).unwrap();
    assert_eq!(r(&getattr(&l, &s("label")).unwrap()), "'letters'");
    drop(l);
}

// class Up(str):
//     def shout(self): return self.upper() + "!"
static SHOUT: CodeInfo = CodeInfo { name: "shout", qualname: "Up.shout", filename: "t.py", firstlineno: 2, argcount: 1, posonlyargcount: 0, kwonlyargcount: 0, flags: 3, varnames: Names("self"), entry: shout, fast: Fast::No };
fn shout(_f: &Obj, p: Vec<Obj>) -> PyResult {
    binary_op(&call_method(&p[0], "upper", vec![], None)?, &Obj::str("!"), BinOp::Add)
}
// class Cents(int):
//     def __new__(cls, v): return super().__new__(cls, v * 100)
static NEW: CodeInfo = CodeInfo { name: "__new__", qualname: "Cents.__new__", filename: "t.py", firstlineno: 2, argcount: 2, posonlyargcount: 0, kwonlyargcount: 0, flags: 3, varnames: Names("cls v"), entry: cents_new, fast: Fast::No };
fn cents_new(_f: &Obj, p: Vec<Obj>) -> PyResult {
    let sup = super_(&p[0], &p[0])?;
    let v = binary_op(&p[1], &Obj::int(100), BinOp::Mul)?;
    call_method(&sup, "__new__", vec![p[0].clone(), v], None)
}

// no leak check: creates classes (immortal, see runtime/README.md)
#[test]
fn subclasses_of_builtin_values() {
    pyrt::modules::registry::install_all(); // builtin methods and natives
    let g = globals();
    let ns = build_map(vec![(s("shout"), make_function(&SHOUT, &g, None, None))]).unwrap();
    let up = call(&builtin("type"), vec![s("Up"), build_tuple(vec![builtin("str")]), ns], None).unwrap();
    let u = call(&up, vec![s("hey")], None).unwrap();
    assert_eq!(r(&call_method(&u, "shout", vec![], None).unwrap()), "'HEY!'");
    assert_eq!(r(&binary_op(&u, &s("!"), BinOp::Add).unwrap()), "'hey!'");
    assert_eq!(r(&u), "'hey'");
    assert_eq!(r(&call(&builtin("len"), vec![u.clone()], None).unwrap()), "3");
    assert!(compare_bool(&u, &s("hey"), CmpOp::Eq).unwrap());
    let empty = call(&up, vec![], None).unwrap();
    assert!(!is_true(&empty).unwrap());
    let ns = build_map(vec![(s("__new__"), make_function(&NEW, &g, None, None))]).unwrap();
    let cents = call(&builtin("type"), vec![s("Cents"), build_tuple(vec![builtin("int")]), ns], None).unwrap();
    let c = call(&cents, vec![Obj::int(3)], None).unwrap();
    assert_eq!(r(&c), "300");
    assert_eq!(r(&binary_op(&c, &Obj::int(1), BinOp::Add).unwrap()), "301");
    assert_eq!(r(&call(&builtin("type"), vec![c.clone()], None).unwrap()), "<class '__main__.Cents'>");
    assert_eq!(r(&call(&builtin("isinstance"), vec![c, builtin("int")], None).unwrap()), "True");
}

fn cc_body(f: &Obj, p: Vec<Obj>) -> PyResult {
    let cell = getattr(f, &Obj::str("cell"))?;
    setitem(&p[0], &Obj::str("__classcell__"), cell)?;
    Ok(Obj::none())
}
static CC_BODY: CodeInfo = CodeInfo { name: "C", qualname: "C", filename: "t.py", firstlineno: 1, argcount: 0, posonlyargcount: 0, kwonlyargcount: 0, flags: 0, varnames: Names(""), entry: cc_body, fast: Fast::No };

// no leak check: creates classes (immortal, see runtime/README.md)
#[test]
fn classcell_is_set_to_the_new_class() {
    pyrt::modules::registry::install_all(); // builtin methods and natives
    let g = globals();
    let f = make_function(&CC_BODY, &g, None, None);
    let cell = new_cell(None);
    setattr(&f, &s("cell"), cell.clone()).unwrap();
    let cls = call(&builtin("__build_class__"), vec![f, s("C")], None).unwrap();
    assert!(cell_get(&cell).unwrap().is(&cls));
    assert!(getattr(&cls, &s("__classcell__")).is_err());
}

// no leak check: creates classes (immortal, see runtime/README.md)
#[test]
fn dict_subclass_eq_calls_dict_eq() {
    pyrt::modules::registry::install_all(); // builtin methods and natives
    // class D(dict): def __eq__(self, o): return dict.__eq__(self, o)   (OrderedDict's shape)
    let dict_t = builtin("dict");
    let deq = getattr(&dict_t, &s("__eq__")).unwrap();
    let f = pyrt::objects::builtin_fn::new_native_fn(&pyrt::objects::builtin_fn::NATIVE_METHOD_TYPE, "__eq__", Box::new(move |a, _k| call(&deq, a.to_vec(), None)));
    let ns = build_map(vec![(s("__eq__"), f)]).unwrap();
    let cls = call(&builtin("type"), vec![s("D"), build_tuple(vec![dict_t.clone()]), ns], None).unwrap();
    let a = call(&cls, vec![build_map(vec![(s("k"), Obj::int(1))]).unwrap()], None).unwrap();
    let b = build_map(vec![(s("k"), Obj::int(1))]).unwrap();
    assert!(compare_bool(&a, &b, CmpOp::Eq).unwrap());
    assert!(!compare_bool(&a, &build_map(vec![]).unwrap(), CmpOp::Eq).unwrap());
    pyrt::modules::registry::install_all();
    let sys = import_name(&globals(), &s("sys"), &Obj::none(), &Obj::int(0)).unwrap();
    assert!(call_method(&sys, "audit", vec![s("open"), Obj::int(1)], None).unwrap().is_none());
}
