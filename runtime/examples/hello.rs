//! A hand-written program in the style of the Rust printer's output:
//!
//! ```python
//! def fib(n):
//!     if n < 2:
//!         return n
//!     return fib(n - 1) + fib(n - 2)
//! print("hello", 2**100, 0.1 + 0.2, sep=", ")
//! print(fib(25))
//! print(1 / 0)
//! ```
use pyrt::*;
use std::cell::RefCell;

thread_local! {
    static CONSTS: RefCell<Option<Vec<Obj>>> = RefCell::new(None);
}

/// Constant pool: names and literals, created once.
fn k(i: usize) -> Obj {
    CONSTS.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = Some(vec![
                Obj::str("print"),                                    // 0
                Obj::str("fib"),                                      // 1
                Obj::str("hello"),                                    // 2
                Obj::int_from_str("1267650600228229401496703205376"), // 3
                Obj::str("sep"),                                      // 4
                Obj::str(", "),                                       // 5
                Obj::tuple(vec![Obj::str("sep")]),                    // 6
            ]);
        }
        c.as_ref().unwrap()[i].clone()
    })
}

static FIB: CodeInfo = CodeInfo {
    name: "fib",
    qualname: "fib",
    filename: "prog.py",
    firstlineno: 1,
    argcount: 1,
    posonlyargcount: 0,
    kwonlyargcount: 0,
    flags: 0x3,
    varnames: Names("n"),
    entry: fib_entry,
    fast: Fast::No,
};

fn fib_entry(func: &Obj, params: Vec<Obj>) -> PyResult {
    let n = params.into_iter().next().unwrap();
    let globals = function_globals(func);
    if compare_bool(&n, &Obj::int(2), CmpOp::Lt).map_err(|e| e.add_frame(&FIB, 2))? {
        return Ok(n);
    }
    let f = load_global(&globals, &k(1)).map_err(|e| e.add_frame(&FIB, 4))?;
    let a = binary_op(&n, &Obj::int(1), BinOp::Sub).map_err(|e| e.add_frame(&FIB, 4))?;
    let r1 = call(&f, vec![a], None).map_err(|e| e.add_frame(&FIB, 4))?;
    let b = binary_op(&n, &Obj::int(2), BinOp::Sub).map_err(|e| e.add_frame(&FIB, 4))?;
    let r2 = call(&f, vec![b], None).map_err(|e| e.add_frame(&FIB, 4))?;
    binary_op(&r1, &r2, BinOp::Add).map_err(|e| e.add_frame(&FIB, 4))
}

static MODULE: CodeInfo = CodeInfo {
    name: "<module>",
    qualname: "<module>",
    filename: "prog.py",
    firstlineno: 1,
    argcount: 0,
    posonlyargcount: 0,
    kwonlyargcount: 0,
    flags: 0,
    varnames: Names(""),
    entry: module_entry,
    fast: Fast::No,
};

fn module_entry(func: &Obj, _params: Vec<Obj>) -> PyResult {
    let g = function_globals(func);
    let f = make_function(&FIB, &g, None, None);
    store_global(&g, &k(1), f).map_err(|e| e.add_frame(&MODULE, 1))?;
    let print = load_global(&g, &k(0)).map_err(|e| e.add_frame(&MODULE, 5))?;
    let sum = binary_op(&Obj::float(0.1), &Obj::float(0.2), BinOp::Add).map_err(|e| e.add_frame(&MODULE, 5))?;
    let kw = k(6);
    call(&print, vec![k(2), k(3), sum, k(5)], Some(&kw)).map_err(|e| e.add_frame(&MODULE, 5))?;
    let fib = load_global(&g, &k(1)).map_err(|e| e.add_frame(&MODULE, 6))?;
    let r = call(&fib, vec![Obj::int(25)], None).map_err(|e| e.add_frame(&MODULE, 6))?;
    call(&print, vec![r], None).map_err(|e| e.add_frame(&MODULE, 6))?;
    let q = binary_op(&Obj::int(1), &Obj::int(0), BinOp::TrueDiv).map_err(|e| e.add_frame(&MODULE, 7))?;
    call(&print, vec![q], None).map_err(|e| e.add_frame(&MODULE, 7))?;
    Ok(Obj::none())
}

fn main() {
    run_main(&MODULE)
}
