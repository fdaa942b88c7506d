//! `yield from` delegation through gen_send: GeneratorExit closes the receiver (CPython's
//! gen_close_iter) rather than being thrown into it.
use pyrt::objects::exceptions::exc_line;
use pyrt::*;

// def sub():            # the answer to GeneratorExit is chosen by `on_exit`
//     yield 1
fn sub(code: &'static CodeInfo, on_exit: fn() -> PyResult<GenStep>) -> Obj {
    let mut started = false;
    new_generator(
        code,
        Box::new(move |sig| match sig {
            GenSignal::Send(_) if !started => {
                started = true;
                Ok(GenStep::Yield(Obj::int(1)))
            }
            GenSignal::Send(_) => Ok(GenStep::Return(Obj::none())),
            GenSignal::Throw(_) => on_exit(),
        }),
    )
}

fn no_entry(_f: &Obj, _p: Vec<Obj>) -> PyResult {
    Ok(Obj::none())
}
static SUB: CodeInfo = CodeInfo { name: "sub", qualname: "sub", filename: "t.py", firstlineno: 1, argcount: 0, posonlyargcount: 0, kwonlyargcount: 0, flags: 0x23, varnames: Names(""), entry: no_entry, fast: Fast::No };

fn generator_exit() -> Exc {
    raise_(&builtin("GeneratorExit"))
}

#[test]
fn generator_exit_closes_the_receiver() {
    pyrt::gc::assert_no_leaks(generator_exit_closes_the_receiver_body)
}

fn generator_exit_closes_the_receiver_body() {
    // except GeneratorExit: return 5 -- close() accepts that; the delegator still gets GeneratorExit
    let g = sub(&SUB, || Ok(GenStep::Return(Obj::int(5))));
    assert!(matches!(gen_send(&g, GenSignal::Send(Obj::none())), Ok(GenStep::Yield(_))));
    let e = gen_send(&g, GenSignal::Throw(generator_exit())).err().unwrap();
    assert_eq!(exc_line(e.value()), "GeneratorExit");
    assert!(matches!(gen_send(&g, GenSignal::Send(Obj::none())), Ok(GenStep::Return(_))));
}

#[test]
fn generator_exit_reports_a_failing_close() {
    pyrt::gc::assert_no_leaks(generator_exit_reports_a_failing_close_body)
}

fn generator_exit_reports_a_failing_close_body() {
    // except GeneratorExit: yield 2 -- close() raises RuntimeError, which replaces GeneratorExit
    let g = sub(&SUB, || Ok(GenStep::Yield(Obj::int(2))));
    assert!(matches!(gen_send(&g, GenSignal::Send(Obj::none())), Ok(GenStep::Yield(_))));
    let e = gen_send(&g, GenSignal::Throw(generator_exit())).err().unwrap();
    assert_eq!(exc_line(e.value()), "RuntimeError: generator ignored GeneratorExit");
}

#[test]
fn other_exceptions_are_thrown_into_the_receiver() {
    pyrt::gc::assert_no_leaks(other_exceptions_are_thrown_into_the_receiver_body)
}

fn other_exceptions_are_thrown_into_the_receiver_body() {
    let g = sub(&SUB, || Ok(GenStep::Return(Obj::int(7))));
    assert!(matches!(gen_send(&g, GenSignal::Send(Obj::none())), Ok(GenStep::Yield(_))));
    let e = raise_(&builtin("ValueError"));
    match gen_send(&g, GenSignal::Throw(e)) {
        Ok(GenStep::Return(v)) => assert_eq!(v.as_i64(), Some(7)),
        _ => panic!("expected the receiver's return value"),
    }
}
