//! Program entry: builds the `__main__` module dict, runs the module code, flushes stdout,
//! and reports an uncaught exception as CPython does (traceback on stderr, exit status 1;
//! SystemExit exits with its code).
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exc_group::{group_exceptions, is_sequence, notes_of};
use crate::objects::exceptions::{exc_data, exc_getattr, exc_line, Exc, SYSTEM_EXIT};
use std::collections::HashSet;
use crate::objects::function::make_function;
use crate::{io, ops, CodeInfo, Obj};

/// Formats the traceback of an uncaught exception as CPython's `PyErr_Display` does:
/// chained causes/contexts first (each exception printed once), exception groups as nested
/// boxes, then `__notes__`. Up to 3.12 that is C code (pythonrun.c); from 3.13 on it is the
/// `traceback` module's `TracebackException(..., compact=True).format()`, which differs in
/// groups (see `exc_tree`, `node`).
pub fn format_exception(e: &Obj) -> String {
    let module_layout = crate::modules::sys::python_minor() >= 13;
    let mut p = TracebackPrinter { out: String::new(), seen: HashSet::new(), depth: 0, need_close: false, nesting: 0, module_layout };
    if module_layout {
        let tree = exc_tree(e);
        p.node(&tree, 0);
    } else {
        p.exception_recursive(e);
    }
    p.out
}

/// One exception as 3.13+'s `TracebackException` holds it: the cause, context and group
/// members it shows (indexes into the tree).
struct ExcNode {
    exc: Obj,
    cause: Option<usize>,
    context: Option<usize>,
    members: Option<Vec<usize>>,
}

/// 3.13+: which causes, contexts and group members are shown is decided before anything is
/// printed, each exception once, in the order `TracebackException.__init__` meets them: a work
/// stack taken from its end, where an exception's cause (if not seen yet), else its context
/// (if not seen and not suppressed), then all its group's members are claimed (seen), then
/// pushed. So a context shared by several members of a group is shown under the last one
/// (3.11-3.12 show it under the first, deciding while printing).
fn exc_tree(top: &Obj) -> Vec<ExcNode> {
    fn claim(nodes: &mut Vec<ExcNode>, seen: &mut HashSet<usize>, e: Obj) -> usize {
        seen.insert(e.addr());
        nodes.push(ExcNode { exc: e, cause: None, context: None, members: None });
        nodes.len() - 1
    }
    let mut nodes = Vec::new();
    let mut seen = HashSet::new();
    claim(&mut nodes, &mut seen, top.clone());
    let mut stack = vec![0usize];
    while let Some(i) = stack.pop() {
        if nodes.len() > 100_000 {
            break;
        }
        let e = nodes[i].exc.clone();
        let d = exc_data(&e);
        let cause = d.and_then(|d| d.cause.borrow().clone()).filter(|c| !seen.contains(&c.addr()));
        let cause = cause.map(|c| claim(&mut nodes, &mut seen, c));
        let need_context = cause.is_none() && !d.map_or(false, |d| d.suppress_context.get());
        let context = if need_context { d.and_then(|d| d.context.borrow().clone()) } else { None };
        let context = context.filter(|c| !seen.contains(&c.addr())).map(|c| claim(&mut nodes, &mut seen, c));
        let members = group_exceptions(&e).map(|excs| excs.into_iter().map(|x| claim(&mut nodes, &mut seen, x)).collect::<Vec<_>>());
        stack.extend(cause);
        stack.extend(context);
        if let Some(m) = &members {
            stack.extend(m.iter().copied());
        }
        let n = &mut nodes[i];
        n.cause = cause;
        n.context = context;
        n.members = members;
    }
    nodes
}

const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;
const CAUSE_MESSAGE: &str = "The above exception was the direct cause of the following exception:\n";
const CONTEXT_MESSAGE: &str = "During handling of the above exception, another exception occurred:\n";

/// State of one traceback print (CPython's `exception_print_context`).
struct TracebackPrinter {
    out: String,
    /// addresses of the exceptions printed so far: a chain never prints one twice
    seen: HashSet<usize>,
    /// exception group nesting: lines inside a group are indented and get a `| ` margin
    depth: usize,
    /// the innermost open group box still needs its closing line
    need_close: bool,
    /// recursion guard for pathological chains
    nesting: usize,
    /// 3.13+: the `traceback` module's layout (`node`), else pythonrun.c's
    module_layout: bool,
}

impl TracebackPrinter {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }
    fn margin(&self) -> &'static str {
        if self.depth > 0 {
            "| "
        } else {
            ""
        }
    }
    fn indented_margin(&mut self) {
        let prefix = self.indent() + self.margin();
        self.out.push_str(&prefix);
    }
    /// One line (or text ending in a newline) behind the indented margin.
    fn emit(&mut self, text: &str) {
        self.indented_margin();
        self.out.push_str(text);
    }

    fn exception_recursive(&mut self, e: &Obj) {
        if self.nesting > 200 {
            return;
        }
        self.nesting += 1;
        self.seen.insert(e.addr());
        self.cause_and_context(e);
        if group_exceptions(e).is_some() {
            self.group(e);
        } else {
            self.exception(e);
        }
        self.nesting -= 1;
    }

    fn cause_and_context(&mut self, e: &Obj) {
        let d = match exc_data(e) {
            Some(d) => d,
            None => return,
        };
        let cause = d.cause.borrow().clone();
        if let Some(c) = cause {
            if !self.seen.contains(&c.addr()) {
                self.chained(&c, CAUSE_MESSAGE);
            }
            return;
        }
        if d.suppress_context.get() {
            return;
        }
        let context = d.context.borrow().clone();
        if let Some(c) = context {
            if !self.seen.contains(&c.addr()) {
                self.chained(&c, CONTEXT_MESSAGE);
            }
        }
    }

    fn chained(&mut self, e: &Obj, message: &str) {
        let need_close = self.need_close;
        self.exception_recursive(e);
        self.need_close = need_close;
        self.emit("\n");
        self.emit(message);
        self.emit("\n");
    }

    /// Traceback, `Type: message` line and notes of one exception (a group's own part).
    fn exception(&mut self, e: &Obj) {
        let is_group = group_exceptions(e).is_some();
        let tb = exc_data(e).map(|d| d.tb.borrow().clone()).unwrap_or_default();
        if !tb.is_empty() {
            let (header, header_margin) = if is_group {
                ("Exception Group Traceback (most recent call last):\n", if self.depth == 1 { "+ " } else { self.margin() })
            } else {
                ("Traceback (most recent call last):\n", self.margin())
            };
            let line = format!("{}{}{}", self.indent(), header_margin, header);
            self.out.push_str(&line);
            self.entries(tb.iter().rev());
        }
        match crate::objects::exceptions::syntax_error_lines(e) {
            Some(lines) => {
                for line in lines {
                    self.emit(&line);
                    self.out.push('\n');
                }
            }
            None => {
                self.emit(&exc_line(e));
                self.out.push_str(&crate::suggestions::trailer(e));
                self.out.push('\n');
            }
        }
        self.notes(e);
    }

    /// Prints traceback entries, collapsing runs of identical entries past 3 like CPython
    /// (whose "repeated" line is not indented inside groups).
    fn entries<'a>(&mut self, entries: impl Iterator<Item = &'a (&'static CodeInfo, u32)>) {
        const CUTOFF: usize = 3;
        let mut last: Option<(&str, u32, &str)> = None;
        let mut count = 0usize;
        // the traceback module (3.13+) writes the line behind the group margin too
        let prefix = if self.module_layout { self.indent() + self.margin() } else { String::new() };
        let flush = |count: usize, out: &mut String| {
            if count > CUTOFF {
                let n = count - CUTOFF;
                out.push_str(&prefix);
                out.push_str(&format!("  [Previous line repeated {} more time{}]\n", n, if n > 1 { "s" } else { "" }));
            }
        };
        for (code, line) in entries {
            let key = (code.filename, *line, code.name);
            if last == Some(key) {
                count += 1;
            } else {
                flush(count, &mut self.out);
                last = Some(key);
                count = 1;
            }
            if count <= CUTOFF {
                self.emit(&format!("  File \"{}\", line {}, in {}\n", code.filename, line, code.name));
            }
        }
        flush(count, &mut self.out);
    }

    /// `__notes__`: each note's lines behind the margin.
    fn notes(&mut self, e: &Obj) {
        let notes = match notes_of(e) {
            Ok(Some(n)) => n,
            _ => return,
        };
        if !is_sequence(&notes) {
            let r = ops::repr_string(&notes).unwrap_or_else(|_| "<__notes__ repr() failed>".to_string());
            self.emit(&r);
            self.out.push('\n');
            return;
        }
        for note in ops::collect_iterable(&notes).unwrap_or_default() {
            match ops::str_string(&note) {
                Ok(s) => {
                    for line in s.split_inclusive(|c| c == '\n' || c == '\r') {
                        self.emit(line);
                    }
                }
                Err(_) => self.out.push_str("<note str() failed>"),
            }
            self.out.push('\n');
        }
    }

    /// A group: its own traceback and line, then each sub-exception in a numbered box.
    fn group(&mut self, e: &Obj) {
        if self.depth > MAX_GROUP_DEPTH {
            self.emit(&format!("... (max_group_depth is {})\n", MAX_GROUP_DEPTH));
            return;
        }
        if self.depth == 0 {
            self.depth += 1;
        }
        self.exception(e);
        let excs = group_exceptions(e).unwrap_or_default();
        let n = excs.len().min(MAX_GROUP_WIDTH + 1);
        self.need_close = false;
        for (i, sub) in excs.iter().take(n).enumerate() {
            let last = i == n - 1;
            if last {
                self.need_close = true;
            }
            let truncated = i >= MAX_GROUP_WIDTH;
            let title = if truncated { "...".to_string() } else { (i + 1).to_string() };
            let line = format!("{}{}+---------------- {} ----------------\n", self.indent(), if i == 0 { "+-" } else { "  " }, title);
            self.out.push_str(&line);
            self.depth += 1;
            if truncated {
                let remaining = excs.len() - MAX_GROUP_WIDTH;
                self.emit(&format!("and {} more exception{}\n", remaining, if remaining > 1 { "s" } else { "" }));
            } else {
                self.exception_recursive(sub);
            }
            if last && self.need_close {
                let line = format!("{}+------------------------------------\n", self.indent());
                self.out.push_str(&line);
                self.need_close = false;
            }
            self.depth -= 1;
        }
        if self.depth == 1 {
            self.depth = 0;
        }
    }

    /// 3.13+ (`TracebackException.format`): node `i` of `exc_tree` with the chain it shows,
    /// oldest first. Unlike pythonrun.c, printing a member's chain does not keep the
    /// enclosing group's pending closing line: a group printed inside the chain of a group's
    /// last member takes it (so that box is left without its closing line).
    fn node(&mut self, t: &[ExcNode], i: usize) {
        if self.nesting > 200 {
            return;
        }
        self.nesting += 1;
        let mut chain: Vec<(Option<&str>, usize)> = Vec::new();
        let mut cur = Some((None, i));
        while let Some((msg, j)) = cur {
            chain.push((msg, j));
            let n = &t[j];
            let suppress = exc_data(&n.exc).map_or(false, |d| d.suppress_context.get());
            cur = match (n.cause, n.context) {
                (Some(c), _) => Some((Some(CAUSE_MESSAGE), c)),
                (None, Some(c)) if !suppress => Some((Some(CONTEXT_MESSAGE), c)),
                _ => None,
            };
        }
        // each exception is printed after the one it was raised from / during, with the
        // message saying which, in front of it
        let mut pending: Option<&str> = None;
        for &(msg, j) in chain.iter().rev() {
            if let Some(m) = pending {
                self.emit("\n");
                self.emit(m);
                self.emit("\n");
            }
            pending = msg;
            let e = &t[j].exc;
            match &t[j].members {
                None => self.exception(e),
                Some(_) if self.depth > MAX_GROUP_DEPTH => {
                    self.emit(&format!("... (max_group_depth is {})\n", MAX_GROUP_DEPTH));
                }
                Some(members) => {
                    let toplevel = self.depth == 0;
                    if toplevel {
                        self.depth += 1;
                    }
                    self.exception(e);
                    let n = members.len().min(MAX_GROUP_WIDTH + 1);
                    self.need_close = false;
                    for (k, &m) in members.iter().take(n).enumerate() {
                        let last = k == n - 1;
                        if last {
                            self.need_close = true;
                        }
                        let truncated = k >= MAX_GROUP_WIDTH;
                        let title = if truncated { "...".to_string() } else { (k + 1).to_string() };
                        let line = format!("{}{}+---------------- {} ----------------\n", self.indent(), if k == 0 { "+-" } else { "  " }, title);
                        self.out.push_str(&line);
                        self.depth += 1;
                        if truncated {
                            let remaining = members.len() - MAX_GROUP_WIDTH;
                            self.emit(&format!("and {} more exception{}\n", remaining, if remaining > 1 { "s" } else { "" }));
                        } else {
                            self.node(t, m);
                        }
                        if last && self.need_close {
                            let line = format!("{}+------------------------------------\n", self.indent());
                            self.out.push_str(&line);
                            self.need_close = false;
                        }
                        self.depth -= 1;
                    }
                    if toplevel {
                        self.depth = 0;
                    }
                }
            }
        }
        self.nesting -= 1;
    }
}

/// Handles an exception escaping the module: returns the process exit status.
pub fn handle_uncaught(exc: Exc) -> i32 {
    let v = exc.into_value();
    if v.is_instance_of(&SYSTEM_EXIT) {
        let code = exc_getattr(&v, "code").unwrap_or_else(Obj::none);
        if code.is_none() {
            return 0;
        }
        if let Some(i) = crate::objects::int::int_as_i64(&code) {
            return i as i32;
        }
        let s = ops::str_string(&code).unwrap_or_default();
        io::write_stderr(format!("{}\n", s).as_bytes());
        return 1;
    }
    io::write_stderr(format_exception(&v).as_bytes());
    1
}

/// Creates a fresh `__main__` module namespace.
pub fn new_main_globals() -> Obj {
    let g = new_dict();
    let _ = dict_set(&g, Obj::str("__name__"), Obj::str("__main__"));
    let _ = dict_set(&g, Obj::str("__doc__"), Obj::none());
    let _ = dict_set(&g, Obj::str("__package__"), Obj::none());
    let _ = dict_set(&g, Obj::str("__loader__"), Obj::none());
    let _ = dict_set(&g, Obj::str("__spec__"), Obj::none());
    let _ = dict_set(&g, Obj::str("__builtins__"), crate::builtins::builtins_module());
    g
}

/// Interpreter shutdown for `__main__`: the module's globals are released in insertion order
/// (what CPython 3.11 shows), so `__del__` methods of objects held by globals run before
/// exit. Only done when some class defines `__del__`.
pub fn teardown(g: &Obj) {
    crate::modules::atexit::run_exitfuncs();
    teardown_globals(g);
    if let Some(io) = crate::hooks::IO.get() {
        (io.flush_all)();
    }
}

fn teardown_globals(g: &Obj) {
    if !crate::objects::typeobj::has_finalizers() {
        return;
    }
    for k in crate::objects::dict::dict_keys(g) {
        if k.as_str() != Some("__builtins__") {
            let _ = dict_set(g, k, Obj::none());
        }
    }
    crate::gc::collect_quiet();
}

/// Runs module code with a new `__main__` namespace and returns the exit status.
pub fn run_module(module_code: &'static CodeInfo) -> i32 {
    let g = new_main_globals();
    let main = crate::objects::module::new_module("__main__", g.clone());
    let _ = dict_set(&crate::modules::modules_dict(), Obj::str("__main__"), main);
    let f = make_function(module_code, &g, None, None);
    let status = match crate::call(&f, Vec::new(), None) {
        Ok(_) => 0,
        Err(e) => handle_uncaught(e),
    };
    drop(f);
    teardown(&g);
    io::flush_stdout();
    status
}

/// Program entry for compiled modules; never returns.
pub fn run_main(module_code: &'static CodeInfo) -> ! {
    io::install_panic_hook();
    crate::modules::registry::install_all();
    let status = run_module(module_code);
    io::flush_stdout();
    std::process::exit(status)
}
