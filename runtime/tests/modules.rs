//! Native modules (itertools, functools, collections, operator) against values printed by
//! CPython 3.11 for the same calls.
use pyrt::ops::repr_string;
use pyrt::*;

fn r(o: &Obj) -> String {
    repr_string(o).unwrap()
}
fn s(v: &str) -> Obj {
    Obj::str(v)
}
fn i(v: i64) -> Obj {
    Obj::int(v)
}
fn l(v: Vec<Obj>) -> Obj {
    build_list(v)
}
fn module(name: &str) -> Obj {
    pyrt::modules::registry::install_all();
    import_name(&build_map(vec![]).unwrap(), &s(name), &Obj::none(), &i(0)).unwrap()
}
fn m(module_obj: &Obj, name: &str, args: Vec<Obj>) -> Obj {
    call(&getattr(module_obj, &s(name)).unwrap(), args, None).unwrap()
}
fn mk(module_obj: &Obj, name: &str, args: Vec<Obj>, kw: &[&str]) -> Obj {
    let names = Obj::tuple(kw.iter().map(|k| s(k)).collect());
    call(&getattr(module_obj, &s(name)).unwrap(), args, Some(&names)).unwrap()
}
fn list(o: Obj) -> String {
    r(&call(&builtin("list"), vec![o], None).unwrap())
}

#[test]
fn itertools_match_cpython() {
    pyrt::gc::assert_no_leaks(itertools_match_cpython_body)
}
fn itertools_match_cpython_body() {
    let it = module("itertools");
    assert_eq!(list(m(&it, "permutations", vec![l(vec![i(1), i(2), i(3)]), i(2)])), "[(1, 2), (1, 3), (2, 1), (2, 3), (3, 1), (3, 2)]");
    assert_eq!(list(m(&it, "combinations", vec![s("abcd"), i(2)])), "[('a', 'b'), ('a', 'c'), ('a', 'd'), ('b', 'c'), ('b', 'd'), ('c', 'd')]");
    assert_eq!(list(m(&it, "combinations_with_replacement", vec![l(vec![i(1), i(2), i(3)]), i(2)])), "[(1, 1), (1, 2), (1, 3), (2, 2), (2, 3), (3, 3)]");
    assert_eq!(list(m(&it, "product", vec![s("ab"), l(vec![i(0), i(1)])])), "[('a', 0), ('a', 1), ('b', 0), ('b', 1)]");
    assert_eq!(list(mk(&it, "product", vec![l(vec![i(0), i(1)]), i(2)], &["repeat"])), "[(0, 0), (0, 1), (1, 0), (1, 1)]");
    assert_eq!(list(m(&it, "islice", vec![m(&it, "count", vec![i(5), i(2)]), i(1), i(8), i(3)])), "[7, 13, 19]");
    assert_eq!(list(m(&it, "accumulate", vec![l(vec![i(1), i(2), i(3), i(4)])])), "[1, 3, 6, 10]");
    let groups = m(&it, "groupby", vec![s("aabbbc")]);
    let mut out = Vec::new();
    while let Some(kg) = iter_next(&groups).unwrap() {
        let parts = pyrt::objects::tuple::tuple_items(&kg).to_vec();
        out.push(format!("({}, {})", r(&parts[0]), list(parts[1].clone())));
    }
    assert_eq!(format!("[{}]", out.join(", ")), "[('a', ['a', 'a']), ('b', ['b', 'b', 'b']), ('c', ['c'])]");
    assert_eq!(list(mk(&it, "zip_longest", vec![s("ab"), s("xyz"), s("-")], &["fillvalue"])), "[('a', 'x'), ('b', 'y'), ('-', 'z')]");
    assert_eq!(list(m(&it, "chain", vec![l(vec![i(1)]), l(vec![i(2), i(3)])])), "[1, 2, 3]");
    let chain = getattr(&it, &s("chain")).unwrap();
    assert_eq!(list(m(&chain, "from_iterable", vec![l(vec![s("ab"), s("c")])])), "['a', 'b', 'c']");
    assert_eq!(list(m(&it, "pairwise", vec![s("abcd")])), "[('a', 'b'), ('b', 'c'), ('c', 'd')]");
}

#[test]
fn functools_operator_match_cpython() {
    pyrt::gc::assert_no_leaks(functools_operator_match_cpython_body)
}
fn functools_operator_match_cpython_body() {
    let ft = module("_functools");
    let op = module("_operator");
    let add = getattr(&op, &s("add")).unwrap();
    assert_eq!(r(&m(&ft, "reduce", vec![add, l(vec![i(1), i(2), i(3), i(4)])])), "10");
    let mul = getattr(&op, &s("mul")).unwrap();
    let it = module("itertools");
    assert_eq!(list(mk(&it, "accumulate", vec![l(vec![i(1), i(2), i(3)]), mul, i(10)], &["func", "initial"])), "[10, 10, 20, 60]");
    let sub = getattr(&op, &s("sub")).unwrap();
    let p = m(&ft, "partial", vec![sub, i(10)]);
    assert_eq!(r(&call(&p, vec![i(3)], None).unwrap()), "7");
    let ig = m(&op, "itemgetter", vec![i(1)]);
    let sorted = call(&builtin("sorted"), vec![l(vec![Obj::tuple(vec![i(1), i(9)]), Obj::tuple(vec![i(2), i(3)])]), ig], Some(&Obj::tuple(vec![s("key")]))).unwrap();
    assert_eq!(r(&sorted), "[(2, 3), (1, 9)]");
}

// no leak check: creates classes (immortal, see runtime/README.md)
#[test]
fn collections_match_cpython() {
    pyrt::modules::registry::install_all(); // builtin methods and natives
    let c = module("_collections");
    let dd = getattr(&c, &s("defaultdict")).unwrap();
    let d = call(&dd, vec![builtin("list")], None).unwrap();
    let v = getitem(&d, &s("a")).unwrap();
    call_method(&v, "append", vec![i(1)], None).unwrap();
    assert_eq!(r(&d), "defaultdict(<class 'list'>, {'a': [1]})");
    let dq = mk(&c, "deque", vec![l(vec![i(1), i(2), i(3)]), i(4)], &["maxlen"]);
    call_method(&dq, "appendleft", vec![i(0)], None).unwrap();
    call_method(&dq, "append", vec![i(9)], None).unwrap();
    call_method(&dq, "rotate", vec![i(1)], None).unwrap();
    assert_eq!(r(&call_method(&dq, "popleft", vec![], None).unwrap()), "9");
    assert_eq!(r(&dq), "deque([1, 2, 3], maxlen=4)");
}

// no leak check: eval's lambdas keep their code for the program's lifetime
#[test]
fn eval_lambda_as_namedtuple_builds_it() {
    pyrt::modules::registry::install_all(); // builtin methods and natives
    let ns = build_map(vec![(s("_tuple_new"), getattr(&builtin("tuple"), &s("__new__")).unwrap())]).unwrap();
    let f = call(&builtin("eval"), vec![s("lambda _cls, x, y: _tuple_new(_cls, (x, y))"), ns], None).unwrap();
    let t = call(&f, vec![builtin("tuple"), i(1), i(2)], None).unwrap();
    assert_eq!(r(&t), "(1, 2)");
    let e = call(&builtin("eval"), vec![s("1 + 2")], None).unwrap_err();
    assert!(e.is_instance(&pyrt::objects::exceptions::NOT_IMPLEMENTED_ERROR));
    let g = build_map(vec![]).unwrap();
    let e = call(&builtin("eval"), vec![s("nosuch"), g], None).unwrap_err();
    assert_eq!(pyrt::objects::exceptions::exc_line(e.value()), "NameError: name 'nosuch' is not defined");
}

#[test]
fn files() {
    pyrt::gc::assert_no_leaks(files_body)
}
fn files_body() {
    pyrt::modules::registry::install_all(); // open is _io.open, imported on first call
    let path = if cfg!(target_os = "wasi") { std::path::PathBuf::from("/tmp/pyrt_file_test.txt") } else { std::env::temp_dir().join("pyrt_file_test.txt") };
    let p = s(path.to_str().unwrap());
    let f = call(&builtin("open"), vec![p.clone(), s("w")], None).unwrap();
    assert_eq!(r(&call_method(&f, "write", vec![s("héllo\nworld\n")], None).unwrap()), "12");
    call_method(&f, "close", vec![], None).unwrap();
    let f = call(&builtin("open"), vec![p.clone()], None).unwrap();
    let (exit, v) = with_enter(&f).unwrap();
    assert_eq!(list(v), "['héllo\\n', 'world\\n']");
    with_exit(&exit, None).unwrap();
    assert_eq!(r(&getattr(&f, &s("closed")).unwrap()), "True");
    let f = call(&builtin("open"), vec![p.clone(), s("rb")], None).unwrap();
    assert_eq!(r(&call_method(&f, "read", vec![i(3)], None).unwrap()), "b'h\\xc3\\xa9'");
    let missing = if cfg!(target_os = "wasi") { "/tmp/nonexistent/x.txt" } else { "/nonexistent/x.txt" };
    let e = call(&builtin("open"), vec![s(missing)], None).unwrap_err();
    if !cfg!(target_os = "wasi") {
        assert_eq!(pyrt::objects::exceptions::exc_line(e.value()), "FileNotFoundError: [Errno 2] No such file or directory: '/nonexistent/x.txt'");
    } else {
        assert!(e.is_instance(&pyrt::objects::exceptions::OS_ERROR));
    }
    let _ = std::fs::remove_file(path);
}

// no leak check: creates classes (immortal, see runtime/README.md)
#[test]
fn dataclasses_and_small_modules() {
    pyrt::modules::registry::install_all(); // builtin methods and natives
    let dc = module("dataclasses");
    let ann = build_map(vec![(s("x"), builtin("int")), (s("y"), builtin("int"))]).unwrap();
    let ns = build_map(vec![(s("__annotations__"), ann), (s("y"), i(0))]).unwrap();
    let cls = call(&builtin("type"), vec![s("P"), build_tuple(vec![]), ns], None).unwrap();
    let cls = m(&dc, "dataclass", vec![cls]);
    let p = call(&cls, vec![i(1)], None).unwrap();
    assert_eq!(r(&p), "P(x=1, y=0)");
    let q = call(&cls, vec![i(1), i(0)], None).unwrap();
    assert!(compare_bool(&p, &q, CmpOp::Eq).unwrap());
    let e = call(&cls, vec![], None).unwrap_err();
    assert_eq!(pyrt::objects::exceptions::exc_line(e.value()), "TypeError: P.__init__() missing 1 required positional argument: 'x'");
    assert_eq!(r(&m(&dc, "asdict", vec![p.clone()])), "{'x': 1, 'y': 0}");
    let hq = module("_heapq");
    let h = l(vec![]);
    for v in [5, 1, 4, 2, 3] {
        m(&hq, "heappush", vec![h.clone(), i(v)]);
    }
    assert_eq!(r(&h), "[1, 2, 4, 5, 3]");
    assert_eq!(r(&m(&hq, "heappop", vec![h.clone()])), "1");
    assert_eq!(r(&h), "[2, 3, 4, 5]");
    let bs = module("_bisect");
    assert_eq!(r(&m(&bs, "bisect_left", vec![l(vec![i(1), i(2), i(2), i(3)]), i(2)])), "1");
    assert_eq!(r(&m(&bs, "bisect_right", vec![l(vec![i(1), i(2), i(2), i(3)]), i(2)])), "3");
    let st = module("_string");
    assert_eq!(list(m(&st, "formatter_parser", vec![s("a{0!r:>3}b")])), "[('a', '0', '>3', 'r'), ('b', None, None, None)]");
    let ast = module("_ast");
    let name = m(&ast, "Name", vec![s("x")]);
    assert_eq!(r(&getattr(&name, &s("id")).unwrap()), "'x'");
    assert_eq!(r(&getattr(&name, &s("end_lineno")).unwrap()), "None");
    let e = call(&getattr(&ast, &s("Name")).unwrap(), vec![i(1), i(2), i(3)], None).unwrap_err();
    assert_eq!(pyrt::objects::exceptions::exc_line(e.value()), "TypeError: Name constructor takes at most 2 positional arguments");
}

#[test]
fn json_accelerators_match_cpython() {
    pyrt::gc::assert_no_leaks(json_accelerators_match_cpython_body)
}
fn json_accelerators_match_cpython_body() {
    // _json's functions (Lib/json is compiled on top; expected values from CPython 3.11)
    let js = module("_json");
    assert_eq!(r(&m(&js, "encode_basestring_ascii", vec![s("x\"\u{e9}\n\u{1f600}")])), r#"'"x\\"\\u00e9\\n\\ud83d\\ude00"'"#);
    assert_eq!(m(&js, "encode_basestring", vec![s("\u{e9}\t\u{1}")]).as_str().unwrap(), "\"\u{e9}\\t\\u0001\"");
    assert_eq!(r(&m(&js, "scanstring", vec![s(r#"ab\n\u00e9" tail"#), i(0)])), "('ab\\né', 11)");
    assert_eq!(r(&m(&js, "scanstring", vec![s(r#""\ud83d\ude00""#), i(1)])), "('\u{1f600}', 14)");
}
