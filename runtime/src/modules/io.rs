//! `_io` (CPython's Modules/_io): the I/O class hierarchy as ordinary classes of module
//! `_io` whose methods are Rust (so io.py can subclass them with ABCMeta and programs can
//! subclass StringIO & co.): _IOBase, _RawIOBase, _BufferedIOBase, _TextIOBase, FileIO (over
//! posix file descriptors), BytesIO, StringIO, BufferedReader/Writer/Random/RWPair,
//! TextIOWrapper, IncrementalNewlineDecoder; open(), open_code(), text_encoding(),
//! DEFAULT_BUFFER_SIZE, UnsupportedOperation, BlockingIOError.
//!
//! Each native class keeps its Rust state in a capsule in the instance (see native_class).
//! Buffered writers are flushed when dropped and at exit (`flush_all`), as CPython's
//! finalization does. Text I/O supports the built-in codecs natively and any other codec
//! through its incremental encoder/decoder.
use crate::modules::native_class::{bind, capsule, capsule_ref, get_state, make_class, opt, set_state};
use crate::modules::posix;
use crate::object::Obj;
use crate::objects::builtin_fn::BuiltinFn;
use crate::objects::bytes::as_bytes;
use crate::objects::dict::{dict_get_str, dict_set, new_dict};
use crate::objects::exceptions::{type_error, value_error, Exc};
use crate::objects::str::nargs;
use crate::{ops, PyResult};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

pub const DEFAULT_BUFFER_SIZE: usize = 8192;

thread_local! {
    static CLASSES: RefCell<Vec<(&'static str, Obj)>> = RefCell::new(Vec::new());
    static WRITERS: RefCell<Vec<Weak<BufState>>> = RefCell::new(Vec::new());
    static MODULE: RefCell<Option<Obj>> = RefCell::new(None);
}

fn class(name: &str) -> Obj {
    if CLASSES.with(|c| c.borrow().is_empty()) {
        let _ = module();
    }
    CLASSES.with(|c| c.borrow().iter().find(|(n, _)| *n == name).map(|(_, o)| o.clone())).expect("_io class")
}

fn unsupported(msg: &str) -> Exc {
    let cls = class("UnsupportedOperation");
    match crate::call(&cls, vec![Obj::str(msg)], None) {
        Ok(v) => Exc::from_value(v),
        Err(e) => e,
    }
}

fn closed_file() -> Exc {
    value_error("I/O operation on closed file.")
}

fn uninit() -> Exc {
    value_error("I/O operation on uninitialized object")
}

fn state<T: 'static>(o: &Obj) -> Option<Obj> {
    get_state(o).filter(|c| capsule_ref::<T>(c).is_some())
}

/// Runs `f` with the state of type T of `o` (ValueError when the object is uninitialised).
fn with<T: 'static, R>(o: &Obj, f: impl FnOnce(&T) -> PyResult<R>) -> PyResult<R> {
    let cap = state::<T>(o).ok_or_else(uninit)?;
    f(capsule_ref::<T>(&cap).unwrap())
}

fn int_arg(v: &Option<Obj>, default: i64) -> PyResult<i64> {
    match opt(v) {
        Some(x) => ops::index_value(x),
        None => Ok(default),
    }
}

fn size_arg(v: &Option<Obj>) -> PyResult<i64> {
    match opt(v) {
        Some(x) => {
            if x.as_i64().is_none() && ops::lookup_special(x, "__index__").is_none() {
                return Err(type_error(format!("argument should be integer or None, not '{}'", x.type_name())));
            }
            ops::index_value(x)
        }
        None => Ok(-1),
    }
}

fn bytes_like(o: &Obj) -> PyResult<Vec<u8>> {
    as_bytes(o).map(|b| b.to_vec()).ok_or_else(|| type_error(format!("a bytes-like object is required, not '{}'", o.type_name())))
}

fn is_closed(o: &Obj) -> PyResult<bool> {
    ops::is_true(&ops::getattr_str(o, "closed")?)
}

// ================================================================ _IOBase

fn iobase_closed_flag(o: &Obj) -> bool {
    crate::objects::typeobj::instance_dict(o)
        .and_then(|d| dict_get_str(&d, &Obj::str("__IOBase_closed")))
        .map(|v| ops::is_true(&v).unwrap_or(false))
        .unwrap_or(false)
}
fn check_closed(o: &Obj) -> PyResult<()> {
    if is_closed(o)? {
        return Err(closed_file());
    }
    Ok(())
}
fn iob_closed(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(iobase_closed_flag(&a[0])))
}
fn iob_close(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    if iobase_closed_flag(&a[0]) {
        return Ok(Obj::none());
    }
    let r = ops::call_method(&a[0], "flush", vec![], None);
    crate::setattr(&a[0], &Obj::str("__IOBase_closed"), Obj::bool(true))?;
    r.map(|_| Obj::none())
}
fn iob_flush(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    check_closed(&a[0])?;
    Ok(Obj::none())
}
fn iob_false(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(false))
}
fn iob_isatty(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    check_closed(&a[0])?;
    Ok(Obj::bool(false))
}
fn iob_seek(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Err(unsupported("seek"))
}
fn iob_tell(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    ops::call_method(&a[0], "seek", vec![Obj::int(0), Obj::int(1)], None)
}
fn iob_truncate(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Err(unsupported("truncate"))
}
fn iob_fileno(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Err(unsupported("fileno"))
}
fn iob_enter(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    check_closed(&a[0])?;
    Ok(a[0].clone())
}
fn iob_exit(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    ops::call_method(&a[0], "close", vec![], None)
}
fn iob_iter(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    check_closed(&a[0])?;
    Ok(a[0].clone())
}
fn iob_next(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let line = ops::call_method(&a[0], "readline", vec![], None)?;
    if ops::len(&line)? == 0 {
        return Err(crate::objects::exceptions::stop_iteration());
    }
    Ok(line)
}
/// IOBase.readline(size=-1): bytes up to b"\n", through peek() when there is one.
fn iob_readline(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("readline", &a[1..], kw, &["size"], 1, 0)?;
    let limit = size_arg(&v[0])?;
    let mut out: Vec<u8> = Vec::new();
    while limit < 0 || (out.len() as i64) < limit {
        let b = ops::call_method(&a[0], "read", vec![Obj::int(1)], None)?;
        if b.is_none() {
            break;
        }
        let b = bytes_like(&b).map_err(|_| std::io::Error::from(std::io::ErrorKind::Other)).map_err(|_| {
            type_error(format!("read() should have returned a bytes object, not '{}'", b.type_name()))
        })?;
        if b.is_empty() {
            break;
        }
        out.extend_from_slice(&b);
        if out.ends_with(b"\n") {
            break;
        }
    }
    Ok(Obj::bytes(&out))
}
fn iob_readlines(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("readlines", &a[1..], kw, &["hint"], 1, 0)?;
    let hint = int_arg(&v[0], -1)?;
    let mut out = Vec::new();
    let mut total = 0i64;
    let it = ops::get_iter(&a[0])?;
    while let Some(line) = ops::iter_next(&it)? {
        total += ops::len(&line)? as i64;
        out.push(line);
        if hint > 0 && total >= hint {
            break;
        }
    }
    Ok(crate::objects::list::new_list(out))
}
fn iob_writelines(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("writelines", &a[1..], 1, 1)?;
    check_closed(&a[0])?;
    let it = ops::get_iter(&a[1])?;
    while let Some(line) = ops::iter_next(&it)? {
        ops::call_method(&a[0], "write", vec![line], None)?;
    }
    Ok(Obj::none())
}
fn iob_check_closed(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    check_closed(&a[0])?;
    Ok(Obj::none())
}
fn check_able(o: &Obj, what: &str) -> PyResult<()> {
    if !ops::is_true(&ops::call_method(o, what, vec![], None)?)? {
        let msg = match what {
            "readable" => "File or stream is not readable.",
            "writable" => "File or stream is not writable.",
            _ => "File or stream is not seekable.",
        };
        return Err(unsupported(msg));
    }
    Ok(())
}
fn iob_check_readable(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    check_able(&a[0], "readable").map(|_| Obj::none())
}
fn iob_check_writable(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    check_able(&a[0], "writable").map(|_| Obj::none())
}
fn iob_check_seekable(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    check_able(&a[0], "seekable").map(|_| Obj::none())
}

const IOBASE_METHODS: &[(&str, BuiltinFn)] = &[
    ("close", iob_close),
    ("flush", iob_flush),
    ("readable", iob_false),
    ("writable", iob_false),
    ("seekable", iob_false),
    ("isatty", iob_isatty),
    ("seek", iob_seek),
    ("tell", iob_tell),
    ("truncate", iob_truncate),
    ("fileno", iob_fileno),
    ("__enter__", iob_enter),
    ("__exit__", iob_exit),
    ("__iter__", iob_iter),
    ("__next__", iob_next),
    ("readline", iob_readline),
    ("readlines", iob_readlines),
    ("writelines", iob_writelines),
    ("_checkClosed", iob_check_closed),
    ("_checkReadable", iob_check_readable),
    ("_checkWritable", iob_check_writable),
    ("_checkSeekable", iob_check_seekable),
];

// ---- _RawIOBase

fn raw_read(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("read", &a[1..], kw, &["size"], 1, 0)?;
    let size = size_arg(&v[0])?;
    if size < 0 {
        return ops::call_method(&a[0], "readall", vec![], None);
    }
    // CPython hands readinto a memoryview of the buffer; the runtime's memoryviews are
    // read-only copies, so it gets the bytearray itself
    let buf = crate::objects::bytes::bytearray_new(&[Obj::int(size)], None)?;
    let r = ops::call_method(&a[0], "readinto", vec![buf.clone()], None)?;
    if r.is_none() {
        return Ok(r);
    }
    let n = ops::index_value(&r)?;
    if n < 0 || n > size {
        return Err(value_error(format!("readinto returned {} outside buffer size {}", n, size)));
    }
    Ok(Obj::bytes(&bytes_like(&buf)?[..n as usize]))
}
fn raw_readall(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let mut out = Vec::new();
    loop {
        let b = ops::call_method(&a[0], "read", vec![Obj::int(DEFAULT_BUFFER_SIZE as i64)], None)?;
        if b.is_none() {
            if out.is_empty() {
                return Ok(b);
            }
            break;
        }
        let b = bytes_like(&b)?;
        if b.is_empty() {
            break;
        }
        out.extend(b);
    }
    Ok(Obj::bytes(&out))
}

// ---- _BufferedIOBase / _TextIOBase

fn bufbase_unsupported_read(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Err(unsupported("read"))
}
fn bufbase_unsupported_write(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Err(unsupported("write"))
}
fn bufbase_unsupported_detach(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Err(unsupported("detach"))
}
fn bufbase_unsupported_read1(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Err(unsupported("read1"))
}
fn textbase_unsupported_readline(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Err(unsupported("readline"))
}
fn none_prop(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::none())
}

// ================================================================ FileIO

pub struct FileState {
    fd: Cell<i64>,
    closefd: bool,
    readable: bool,
    writable: bool,
    appending: bool,
    created: bool,
}

impl Drop for FileState {
    fn drop(&mut self) {
        let fd = self.fd.get();
        if fd > 2 && self.closefd {
            let _ = posix::close_fd(fd);
        }
    }
}

fn fio(o: &Obj) -> PyResult<Obj> {
    state::<FileState>(o).ok_or_else(uninit)
}
fn fstate(cap: &Obj) -> &FileState {
    capsule_ref::<FileState>(cap).unwrap()
}
fn fio_open_fd(o: &Obj) -> PyResult<(Obj, i64)> {
    let cap = fio(o)?;
    let fd = fstate(&cap).fd.get();
    if fd < 0 {
        return Err(closed_file());
    }
    Ok((cap, fd))
}

fn fileio_init(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("FileIO", &a[1..], kw, &["file", "mode", "closefd", "opener"], 4, 1)?;
    let this = &a[0];
    let file = v[0].clone().unwrap();
    let mode = match &v[1] {
        Some(m) => m.as_str().map(|s| s.to_string()).ok_or_else(|| type_error(format!("FileIO() argument 'mode' must be str, not {}", m.type_name())))?,
        None => "r".into(),
    };
    let closefd = match &v[2] {
        Some(c) => ops::is_true(c)?,
        None => true,
    };
    let (mut rw, mut plus) = (None, false);
    for c in mode.chars() {
        match c {
            'r' | 'w' | 'a' | 'x' if rw.is_none() => rw = Some(c),
            '+' if !plus => plus = true,
            'b' => {}
            _ => return Err(value_error(format!("invalid mode: {}", mode))),
        }
    }
    let rw = rw.ok_or_else(|| value_error("Must have exactly one of create/read/write/append mode and at most one plus"))?;
    let readable = rw == 'r' || plus;
    let writable = rw != 'r' || plus;
    let mut flags: i64 = if readable && writable { 2 } else if writable { 1 } else { 0 };
    flags |= match rw {
        'x' => 64 | 128,
        'w' => 64 | 512,
        'a' => 64 | 1024,
        _ => 0,
    };
    flags |= 524288; // O_CLOEXEC
    let fd = if let Some(fd) = file.as_i64() {
        if fd < 0 {
            return Err(value_error("negative file descriptor"));
        }
        fd
    } else {
        if file.as_str().is_none() && as_bytes(&file).is_none() && ops::lookup_special(&file, "__fspath__").is_none() {
            return Err(type_error(format!("expected str, bytes or os.PathLike object, not {}", file.type_name())));
        }
        if !closefd {
            return Err(value_error("Cannot use closefd=False with file name"));
        }
        match opt(&v[3]) {
            Some(opener) => {
                let r = crate::call(opener, vec![file.clone(), Obj::int(flags)], None)?;
                let fd = r.as_i64().ok_or_else(|| type_error("expected integer from opener"))?;
                if fd < 0 {
                    return Err(value_error(format!("opener returned {}", fd)));
                }
                fd
            }
            None => {
                let p = posix::fspath_string(&file)?;
                posix::open_fd(&p, flags, 0o666).map_err(|e| posix::io_error(&e, Some(&file)))?
            }
        }
    };
    if fd > 2 {
        if let Ok(m) = posix::fd_metadata(fd) {
            if m.is_dir() {
                if file.as_i64().is_none() {
                    let _ = posix::close_fd(fd);
                }
                return Err(posix::os_error(21, Some(&file), None));
            }
        }
    }
    if rw == 'a' && fd > 2 {
        let _ = posix::lseek_fd(fd, 0, 2);
    }
    crate::setattr(this, &Obj::str("name"), file)?;
    set_state(this, capsule(FileState { fd: Cell::new(fd), closefd, readable, writable, appending: rw == 'a', created: rw == 'x' }))?;
    Ok(Obj::none())
}

fn fio_mode(s: &FileState) -> &'static str {
    match (s.created, s.appending, s.readable, s.writable) {
        (true, _, true, _) => "xb+",
        (true, _, false, _) => "xb",
        (_, true, true, _) => "ab+",
        (_, true, false, _) => "ab",
        (_, _, true, true) => "rb+",
        (_, _, true, false) => "rb",
        _ => "wb",
    }
}

fn fileio_read(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("read", &a[1..], kw, &["size"], 1, 0)?;
    let (cap, fd) = fio_open_fd(&a[0])?;
    if !fstate(&cap).readable {
        return Err(unsupported("File not open for reading"));
    }
    let n = size_arg(&v[0])?;
    if n < 0 {
        return Ok(Obj::bytes(&read_all_fd(fd)?));
    }
    Ok(Obj::bytes(&posix::read_fd(fd, n as usize)?))
}
fn read_all_fd(fd: i64) -> PyResult<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let chunk = posix::read_fd(fd, 65536)?;
        if chunk.is_empty() {
            return Ok(out);
        }
        out.extend(chunk);
    }
}
fn fileio_readall(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let (_, fd) = fio_open_fd(&a[0])?;
    Ok(Obj::bytes(&read_all_fd(fd)?))
}
fn fileio_write(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("write", &a[1..], 1, 1)?;
    let (cap, fd) = fio_open_fd(&a[0])?;
    if !fstate(&cap).writable {
        return Err(unsupported("File not open for writing"));
    }
    let b = bytes_like(&a[1])?;
    Ok(Obj::int(posix::write_fd(fd, &b)? as i64))
}
fn fileio_seek(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("seek", &a[1..], 1, 2)?;
    let (_, fd) = fio_open_fd(&a[0])?;
    let pos = ops::index_value(&a[1])?;
    let whence = match a.get(2) {
        Some(w) => ops::index_value(w)?,
        None => 0,
    };
    Ok(Obj::int(posix::lseek_fd(fd, pos, whence)?))
}
fn fileio_tell(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let (_, fd) = fio_open_fd(&a[0])?;
    Ok(Obj::int(posix::lseek_fd(fd, 0, 1)?))
}
fn fileio_truncate(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("truncate", &a[1..], 0, 1)?;
    let (cap, fd) = fio_open_fd(&a[0])?;
    if !fstate(&cap).writable {
        return Err(unsupported("File not open for writing"));
    }
    let size = match a.get(1).filter(|x| !x.is_none()) {
        Some(s) => ops::index_value(s)?,
        None => posix::lseek_fd(fd, 0, 1)?,
    };
    posix::ftruncate_fd(fd, size)?;
    Ok(Obj::int(size))
}
fn fileio_close(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let cap = fio(&a[0])?;
    let s = fstate(&cap);
    let fd = s.fd.get();
    if fd >= 0 {
        s.fd.set(-1);
        if s.closefd && fd > 2 {
            posix::close_fd(fd)?;
        }
    }
    Ok(Obj::none())
}
fn fileio_closed(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(with::<FileState, _>(&a[0], |s| Ok(s.fd.get() < 0))?))
}
fn fileio_fileno(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::int(fio_open_fd(&a[0])?.1))
}
fn fileio_isatty(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(posix::isatty_fd(fio_open_fd(&a[0])?.1)))
}
fn fileio_readable(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let (cap, _) = fio_open_fd(&a[0])?;
    Ok(Obj::bool(fstate(&cap).readable))
}
fn fileio_writable(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let (cap, _) = fio_open_fd(&a[0])?;
    Ok(Obj::bool(fstate(&cap).writable))
}
fn fileio_seekable(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let (_, fd) = fio_open_fd(&a[0])?;
    Ok(Obj::bool(fd > 2 && posix::lseek_fd(fd, 0, 1).is_ok()))
}
fn fileio_mode(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    with::<FileState, _>(&a[0], |s| Ok(Obj::str(fio_mode(s))))
}
fn fileio_closefd(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    with::<FileState, _>(&a[0], |s| Ok(Obj::bool(s.closefd)))
}
fn fileio_repr(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let cap = fio(&a[0])?;
    let s = fstate(&cap);
    if s.fd.get() < 0 {
        return Ok(Obj::str("<_io.FileIO [closed]>"));
    }
    let name = match ops::getattr_str(&a[0], "name") {
        Ok(n) => format!("name={}", ops::repr_string(&n)?),
        Err(_) => format!("fd={}", s.fd.get()),
    };
    Ok(Obj::string(format!("<_io.FileIO {} mode='{}' closefd={}>", name, fio_mode(s), if s.closefd { "True" } else { "False" })))
}

// ================================================================ BytesIO

struct BytesState {
    buf: RefCell<Vec<u8>>,
    pos: Cell<usize>,
    closed: Cell<bool>,
}

fn bio<R>(o: &Obj, f: impl FnOnce(&BytesState) -> PyResult<R>) -> PyResult<R> {
    with::<BytesState, _>(o, |s| {
        if s.closed.get() {
            return Err(closed_file());
        }
        f(s)
    })
}

fn bytesio_init(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("BytesIO", &a[1..], kw, &["initial_bytes"], 1, 0)?;
    let init = match opt(&v[0]) {
        Some(b) => bytes_like(b)?,
        None => Vec::new(),
    };
    set_state(&a[0], capsule(BytesState { buf: RefCell::new(init), pos: Cell::new(0), closed: Cell::new(false) }))?;
    Ok(Obj::none())
}
fn bytesio_getvalue(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    bio(&a[0], |s| Ok(Obj::bytes(&s.buf.borrow())))
}
/// `getbuffer()`: a memoryview of the contents. The runtime's memoryviews are read-only
/// copies, so writes through it do not reach the BytesIO (reads, len and bytes() do).
fn bytesio_getbuffer(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let b = bytesio_getvalue(a, None)?;
    crate::objects::bytes::memoryview_new(&[b], None)
}
fn bytesio_read(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("read", &a[1..], kw, &["size"], 1, 0)?;
    let n = size_arg(&v[0])?;
    bio(&a[0], |s| {
        let b = s.buf.borrow();
        let start = s.pos.get().min(b.len());
        let end = if n < 0 { b.len() } else { start.saturating_add(n as usize).min(b.len()) };
        s.pos.set(end.max(s.pos.get()));
        Ok(Obj::bytes(&b[start..end]))
    })
}
fn bytesio_readline(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("readline", &a[1..], kw, &["size"], 1, 0)?;
    let n = size_arg(&v[0])?;
    bio(&a[0], |s| {
        let b = s.buf.borrow();
        let start = s.pos.get().min(b.len());
        let mut end = match b[start..].iter().position(|&c| c == b'\n') {
            Some(i) => start + i + 1,
            None => b.len(),
        };
        if n >= 0 {
            end = end.min(start.saturating_add(n as usize));
        }
        s.pos.set(end.max(s.pos.get()));
        Ok(Obj::bytes(&b[start..end]))
    })
}
fn bytesio_write(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("write", &a[1..], 1, 1)?;
    let data = bytes_like(&a[1])?;
    bio(&a[0], |s| {
        let mut b = s.buf.borrow_mut();
        let pos = s.pos.get();
        if pos > b.len() {
            b.resize(pos, 0);
        }
        let end = pos + data.len();
        if end > b.len() {
            b.resize(end, 0);
        }
        b[pos..end].copy_from_slice(&data);
        s.pos.set(end);
        Ok(Obj::int(data.len() as i64))
    })
}
fn seek_args(a: &[Obj]) -> PyResult<(i64, i64)> {
    nargs("seek", &a[1..], 1, 2)?;
    let pos = ops::index_value(&a[1])?;
    let whence = match a.get(2) {
        Some(w) => ops::index_value(w)?,
        None => 0,
    };
    Ok((pos, whence))
}
fn bytesio_seek(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let (pos, whence) = seek_args(a)?;
    bio(&a[0], |s| {
        let base = match whence {
            0 => {
                if pos < 0 {
                    return Err(value_error(format!("negative seek value {}", pos)));
                }
                0
            }
            1 => s.pos.get() as i64,
            2 => s.buf.borrow().len() as i64,
            _ => return Err(value_error(format!("invalid whence ({}, should be 0, 1 or 2)", whence))),
        };
        let p = (base + pos).max(0) as usize;
        s.pos.set(p);
        Ok(Obj::int(p as i64))
    })
}
fn bytesio_tell(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    bio(&a[0], |s| Ok(Obj::int(s.pos.get() as i64)))
}
fn bytesio_truncate(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("truncate", &a[1..], 0, 1)?;
    let size = a.get(1).filter(|x| !x.is_none()).map(ops::index_value).transpose()?;
    bio(&a[0], |s| {
        let n = size.unwrap_or(s.pos.get() as i64);
        if n < 0 {
            return Err(value_error(format!("negative size value {}", n)));
        }
        s.buf.borrow_mut().truncate(n as usize);
        Ok(Obj::int(n))
    })
}
fn bytesio_close(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    with::<BytesState, _>(&a[0], |s| {
        s.closed.set(true);
        Ok(Obj::none())
    })
}
fn bytesio_closed(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    with::<BytesState, _>(&a[0], |s| Ok(Obj::bool(s.closed.get())))
}
fn open_true(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    check_closed(&a[0])?;
    Ok(Obj::bool(true))
}
fn bytesio_read1(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    bytesio_read(a, kw)
}

// ================================================================ StringIO

struct StringState {
    buf: RefCell<Vec<char>>,
    pos: Cell<usize>,
    closed: Cell<bool>,
    newline: Option<String>,
    seen: Cell<u8>,
}

fn sio<R>(o: &Obj, f: impl FnOnce(&StringState) -> PyResult<R>) -> PyResult<R> {
    with::<StringState, _>(o, |s| {
        if s.closed.get() {
            return Err(value_error("I/O operation on closed file"));
        }
        f(s)
    })
}

fn newline_arg(fname: &str, v: &Option<Obj>, default: Option<&str>) -> PyResult<Option<String>> {
    let nl = match v {
        None => default.map(|s| s.to_string()),
        Some(x) if x.is_none() => None,
        Some(x) => Some(
            x.as_str()
                .ok_or_else(|| type_error(format!("{}() argument 'newline' must be str or None, not {}", fname, x.type_name())))?
                .to_string(),
        ),
    };
    if let Some(n) = &nl {
        if !["", "\n", "\r", "\r\n"].contains(&n.as_str()) {
            return Err(value_error(format!("illegal newline value: {}", crate::objects::str::str_repr(n))));
        }
    }
    Ok(nl)
}

/// Universal-newline translation of text: \r\n and \r become \n; returns the kinds seen
/// (1 = \r, 2 = \n, 4 = \r\n, as CPython's IncrementalNewlineDecoder).
fn translate_newlines(s: &str) -> (String, u8) {
    let mut seen = 0u8;
    if !s.contains('\r') {
        if s.contains('\n') {
            seen |= 2;
        }
        return (s.to_string(), seen);
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\r' {
            if it.peek() == Some(&'\n') {
                it.next();
                seen |= 4;
            } else {
                seen |= 1;
            }
            out.push('\n');
        } else {
            if c == '\n' {
                seen |= 2;
            }
            out.push(c);
        }
    }
    (out, seen)
}

fn newlines_obj(seen: u8) -> Obj {
    let mut v = Vec::new();
    if seen & 1 != 0 {
        v.push(Obj::str("\r"));
    }
    if seen & 2 != 0 {
        v.push(Obj::str("\n"));
    }
    if seen & 4 != 0 {
        v.push(Obj::str("\r\n"));
    }
    match v.len() {
        0 => Obj::none(),
        1 => v.pop().unwrap(),
        _ => Obj::tuple(v),
    }
}

fn stringio_init(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("StringIO", &a[1..], kw, &["initial_value", "newline"], 2, 0)?;
    let newline = newline_arg("StringIO", &v[1], Some("\n"))?;
    let st = StringState { buf: RefCell::new(Vec::new()), pos: Cell::new(0), closed: Cell::new(false), newline, seen: Cell::new(0) };
    if let Some(init) = opt(&v[0]) {
        let s = init
            .as_str()
            .ok_or_else(|| type_error(format!("initial_value must be str or None, not {}", init.type_name())))?;
        sio_write_str(&st, s);
        st.pos.set(0);
    }
    set_state(&a[0], capsule(st))?;
    Ok(Obj::none())
}
fn sio_write_str(s: &StringState, text: &str) -> usize {
    let n = text.chars().count();
    let text: String = match s.newline.as_deref() {
        None => {
            let (t, seen) = translate_newlines(text);
            s.seen.set(s.seen.get() | seen);
            t
        }
        Some("\r") => text.replace('\n', "\r"),
        Some("\r\n") => text.replace('\n', "\r\n"),
        _ => text.to_string(),
    };
    let mut b = s.buf.borrow_mut();
    let pos = s.pos.get();
    if pos > b.len() {
        b.resize(pos, '\0');
    }
    let chars: Vec<char> = text.chars().collect();
    let end = pos + chars.len();
    if end > b.len() {
        b.resize(end, '\0');
    }
    b[pos..end].copy_from_slice(&chars);
    s.pos.set(end);
    n
}
fn stringio_write(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("write", &a[1..], 1, 1)?;
    let t = a[1].as_str().ok_or_else(|| type_error(format!("string argument expected, got '{}'", a[1].type_name())))?;
    sio(&a[0], |s| Ok(Obj::int(sio_write_str(s, t) as i64)))
}
fn stringio_getvalue(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    sio(&a[0], |s| Ok(Obj::string(s.buf.borrow().iter().collect())))
}
fn stringio_read(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("read", &a[1..], kw, &["size"], 1, 0)?;
    let n = size_arg(&v[0])?;
    sio(&a[0], |s| {
        let b = s.buf.borrow();
        let start = s.pos.get().min(b.len());
        let end = if n < 0 { b.len() } else { start.saturating_add(n as usize).min(b.len()) };
        s.pos.set(end.max(s.pos.get()));
        Ok(Obj::string(b[start..end].iter().collect()))
    })
}
/// End of the line starting at `start` in `b` (after its terminator), by the newline mode.
fn line_end(b: &[char], start: usize, newline: Option<&str>) -> usize {
    let mut i = start;
    while i < b.len() {
        let c = b[i];
        match newline {
            Some("") | None if c == '\r' => {
                return if newline.is_none() || b.get(i + 1) != Some(&'\n') { i + 1 } else { i + 2 };
            }
            Some("\r") if c == '\r' => return i + 1,
            Some("\r\n") if c == '\r' && b.get(i + 1) == Some(&'\n') => return i + 2,
            Some("") | None | Some("\n") if c == '\n' => return i + 1,
            _ => {}
        }
        i += 1;
    }
    b.len()
}
fn stringio_readline(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("readline", &a[1..], kw, &["size"], 1, 0)?;
    let n = size_arg(&v[0])?;
    sio(&a[0], |s| {
        let b = s.buf.borrow();
        let start = s.pos.get().min(b.len());
        // a StringIO with newline=None stores translated text: lines end at \n
        let nl = if s.newline.is_none() { Some("\n") } else { s.newline.as_deref() };
        let mut end = line_end(&b, start, nl);
        if n >= 0 {
            end = end.min(start.saturating_add(n as usize));
        }
        s.pos.set(end.max(s.pos.get()));
        Ok(Obj::string(b[start..end].iter().collect()))
    })
}
fn stringio_seek(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let (pos, whence) = seek_args(a)?;
    sio(&a[0], |s| {
        match whence {
            0 if pos < 0 => return Err(value_error(format!("Negative seek position {}", pos))),
            0 => s.pos.set(pos as usize),
            1 | 2 if pos != 0 => {
                let msg = if whence == 1 { "Can't do nonzero cur-relative seeks" } else { "Can't do nonzero end-relative seeks" };
                return Err(crate::objects::exceptions::new_exc(&crate::objects::exc_types::OS_ERROR, msg));
            }
            1 => {}
            2 => s.pos.set(s.buf.borrow().len()),
            _ => return Err(value_error(format!("Invalid whence ({}, should be 0, 1 or 2)", whence))),
        }
        Ok(Obj::int(s.pos.get() as i64))
    })
}
fn stringio_tell(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    sio(&a[0], |s| Ok(Obj::int(s.pos.get() as i64)))
}
fn stringio_truncate(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("truncate", &a[1..], 0, 1)?;
    let size = a.get(1).filter(|x| !x.is_none()).map(ops::index_value).transpose()?;
    sio(&a[0], |s| {
        let n = size.unwrap_or(s.pos.get() as i64);
        if n < 0 {
            return Err(value_error(format!("Negative size value {}", n)));
        }
        s.buf.borrow_mut().truncate(n as usize);
        Ok(Obj::int(n))
    })
}
fn stringio_close(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    with::<StringState, _>(&a[0], |s| {
        s.closed.set(true);
        Ok(Obj::none())
    })
}
fn stringio_closed(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    with::<StringState, _>(&a[0], |s| Ok(Obj::bool(s.closed.get())))
}
fn stringio_newlines(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    sio(&a[0], |s| Ok(if s.newline.is_none() { newlines_obj(s.seen.get()) } else { Obj::none() }))
}
fn stringio_line_buffering(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    sio(&a[0], |_| Ok(Obj::bool(false)))
}

// ================================================================ Buffered*

pub struct BufState {
    raw: Obj,
    readable: bool,
    writable: bool,
    rbuf: RefCell<Vec<u8>>,
    rpos: Cell<usize>,
    wbuf: RefCell<Vec<u8>>,
    size: usize,
    detached: Cell<bool>,
    /// the raw stream's fd when it is a native FileIO (reads/writes skip the method calls)
    fd: Option<i64>,
}

impl Drop for BufState {
    fn drop(&mut self) {
        let _ = self.flush_writes();
    }
}

impl BufState {
    fn raw_fd(&self) -> Option<i64> {
        let cap = state::<FileState>(&self.raw)?;
        let fd = fstate(&cap).fd.get();
        if fd >= 0 {
            Some(fd)
        } else {
            None
        }
    }
    fn raw_write(&self, data: &[u8]) -> PyResult<usize> {
        if self.fd.is_some() {
            if let Some(fd) = self.raw_fd() {
                return posix::write_fd(fd, data);
            }
        }
        let r = ops::call_method(&self.raw, "write", vec![Obj::bytes(data)], None)?;
        if r.is_none() {
            return Ok(0);
        }
        Ok(ops::index_value(&r)? as usize)
    }
    fn raw_read(&self, n: usize) -> PyResult<Option<Vec<u8>>> {
        if self.fd.is_some() {
            if let Some(fd) = self.raw_fd() {
                return posix::read_fd(fd, n).map(Some);
            }
        }
        let r = ops::call_method(&self.raw, "read", vec![Obj::int(n as i64)], None)?;
        if r.is_none() {
            return Ok(None);
        }
        Ok(Some(bytes_like(&r)?))
    }
    fn flush_writes(&self) -> PyResult<()> {
        loop {
            let data = std::mem::take(&mut *self.wbuf.borrow_mut());
            if data.is_empty() {
                return Ok(());
            }
            let n = self.raw_write(&data)?;
            if n < data.len() {
                let mut w = self.wbuf.borrow_mut();
                let rest = data[n..].to_vec();
                let newer = std::mem::take(&mut *w);
                *w = rest;
                w.extend(newer);
                if n == 0 {
                    return Ok(());
                }
            }
        }
    }
    /// Unread buffered bytes are given back to the raw stream (before writing or seeking).
    fn drop_read_buffer(&self) -> PyResult<()> {
        let unread = self.rbuf.borrow().len() - self.rpos.get();
        self.rbuf.borrow_mut().clear();
        self.rpos.set(0);
        if unread > 0 {
            self.raw_seek(-(unread as i64), 1)?;
        }
        Ok(())
    }
    fn raw_seek(&self, pos: i64, whence: i64) -> PyResult<i64> {
        if self.fd.is_some() {
            if let Some(fd) = self.raw_fd() {
                return posix::lseek_fd(fd, pos, whence);
            }
        }
        ops::index_value(&ops::call_method(&self.raw, "seek", vec![Obj::int(pos), Obj::int(whence)], None)?)
    }
    fn fill(&self, want: usize) -> PyResult<bool> {
        let chunk = self.raw_read(want.max(self.size))?;
        match chunk {
            Some(c) if !c.is_empty() => {
                let mut r = self.rbuf.borrow_mut();
                let pos = self.rpos.get();
                r.drain(..pos);
                self.rpos.set(0);
                r.extend(c);
                Ok(true)
            }
            _ => Ok(false),
        }
    }
    fn available(&self) -> usize {
        self.rbuf.borrow().len() - self.rpos.get()
    }
    fn take(&self, n: usize) -> Vec<u8> {
        let r = self.rbuf.borrow();
        let start = self.rpos.get();
        let end = start.saturating_add(n).min(r.len());
        self.rpos.set(end);
        r[start..end].to_vec()
    }
    fn read(&self, n: i64) -> PyResult<Vec<u8>> {
        self.flush_writes()?;
        if n < 0 {
            let mut out = self.take(usize::MAX);
            loop {
                match self.raw_read(self.size.max(65536))? {
                    Some(c) if !c.is_empty() => out.extend(c),
                    _ => return Ok(out),
                }
            }
        }
        let n = n as usize;
        while self.available() < n {
            if !self.fill(n - self.available())? {
                break;
            }
        }
        Ok(self.take(n))
    }
    fn read1(&self, n: i64) -> PyResult<Vec<u8>> {
        self.flush_writes()?;
        if self.available() == 0 {
            self.fill(if n < 0 { self.size } else { n as usize })?;
        }
        Ok(self.take(if n < 0 { usize::MAX } else { n as usize }))
    }
    fn readline(&self, limit: i64) -> PyResult<Vec<u8>> {
        self.flush_writes()?;
        loop {
            {
                let r = self.rbuf.borrow();
                let start = self.rpos.get();
                let found = r[start..].iter().position(|&c| c == b'\n');
                let have = r.len() - start;
                let end = match found {
                    Some(i) => Some(i + 1),
                    None if limit >= 0 && have >= limit as usize => Some(limit as usize),
                    None => None,
                };
                if let Some(mut e) = end {
                    if limit >= 0 {
                        e = e.min(limit as usize);
                    }
                    drop(r);
                    return Ok(self.take(e));
                }
            }
            if !self.fill(self.size)? {
                return Ok(self.take(if limit < 0 { usize::MAX } else { limit as usize }));
            }
        }
    }
    fn write(&self, data: &[u8]) -> PyResult<usize> {
        if self.available() > 0 {
            self.drop_read_buffer()?;
        } else {
            self.rbuf.borrow_mut().clear();
            self.rpos.set(0);
        }
        self.wbuf.borrow_mut().extend_from_slice(data);
        if self.wbuf.borrow().len() >= self.size {
            self.flush_writes()?;
        }
        Ok(data.len())
    }
    fn tell(&self) -> PyResult<i64> {
        let pos = self.raw_seek(0, 1)?;
        Ok(pos - self.available() as i64 + self.wbuf.borrow().len() as i64)
    }
    fn seek(&self, pos: i64, whence: i64) -> PyResult<i64> {
        if !(0..=2).contains(&whence) {
            return Err(value_error(format!("whence value {} unsupported", whence)));
        }
        self.flush_writes()?;
        let adjust = if whence == 1 { self.available() as i64 } else { 0 };
        self.rbuf.borrow_mut().clear();
        self.rpos.set(0);
        self.raw_seek(pos - adjust, whence)
    }
}

fn buf_state(o: &Obj) -> PyResult<Rc<BufState>> {
    let cap = state::<Rc<BufState>>(o).ok_or_else(uninit)?;
    let st = capsule_ref::<Rc<BufState>>(&cap).unwrap().clone();
    if st.detached.get() {
        return Err(value_error("raw stream has been detached"));
    }
    Ok(st)
}

fn buffered_init_kind(a: &[Obj], kw: Option<&Obj>, fname: &str, readable: bool, writable: bool) -> PyResult {
    let v = bind(fname, &a[1..], kw, &["raw", "buffer_size"], 2, 1)?;
    let raw = v[0].clone().unwrap();
    let size = int_arg(&v[1], DEFAULT_BUFFER_SIZE as i64)?;
    if size <= 0 {
        return Err(value_error("buffer size must be strictly positive"));
    }
    if readable {
        check_able(&raw, "readable").map_err(|_| unsupported("File or stream is not readable."))?;
    }
    if writable {
        check_able(&raw, "writable").map_err(|_| unsupported("File or stream is not writable."))?;
    }
    let fd = state::<FileState>(&raw).map(|c| fstate(&c).fd.get());
    let st = Rc::new(BufState {
        raw: raw.clone(),
        readable,
        writable,
        rbuf: RefCell::new(Vec::new()),
        rpos: Cell::new(0),
        wbuf: RefCell::new(Vec::new()),
        size: size as usize,
        detached: Cell::new(false),
        fd,
    });
    if writable {
        WRITERS.with(|w| {
            let mut w = w.borrow_mut();
            w.retain(|x| x.strong_count() > 0);
            w.push(Rc::downgrade(&st));
        });
    }
    crate::setattr(&a[0], &Obj::str("raw"), raw)?;
    set_state(&a[0], capsule(st))?;
    Ok(Obj::none())
}
fn breader_init(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    buffered_init_kind(a, kw, "BufferedReader", true, false)
}
fn bwriter_init(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    buffered_init_kind(a, kw, "BufferedWriter", false, true)
}
fn brandom_init(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    buffered_init_kind(a, kw, "BufferedRandom", true, true)
}

fn buf_check_open(st: &BufState, what: &str) -> PyResult<()> {
    if is_closed(&st.raw)? {
        return Err(value_error(format!("{} of closed file", what)));
    }
    Ok(())
}
fn buf_read(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("read", &a[1..], kw, &["size"], 1, 0)?;
    let st = buf_state(&a[0])?;
    let n = size_arg(&v[0])?;
    if n < -1 {
        return Err(value_error("read length must be non-negative or -1"));
    }
    if !st.readable {
        return Err(unsupported("read"));
    }
    buf_check_open(&st, "read")?;
    Ok(Obj::bytes(&st.read(n)?))
}
fn buf_read1(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("read1", &a[1..], kw, &["size"], 1, 0)?;
    let st = buf_state(&a[0])?;
    if !st.readable {
        return Err(unsupported("read1"));
    }
    buf_check_open(&st, "read")?;
    Ok(Obj::bytes(&st.read1(size_arg(&v[0])?)?))
}
fn buf_peek(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let st = buf_state(&a[0])?;
    if !st.readable {
        return Err(unsupported("peek"));
    }
    buf_check_open(&st, "peek")?;
    st.flush_writes()?;
    if st.available() == 0 {
        st.fill(st.size)?;
    }
    let r = st.rbuf.borrow();
    Ok(Obj::bytes(&r[st.rpos.get()..]))
}
fn buf_readline(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("readline", &a[1..], kw, &["size"], 1, 0)?;
    let st = buf_state(&a[0])?;
    if !st.readable {
        return Err(unsupported("readline"));
    }
    buf_check_open(&st, "readline")?;
    Ok(Obj::bytes(&st.readline(size_arg(&v[0])?)?))
}
fn buf_next(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let st = buf_state(&a[0])?;
    buf_check_open(&st, "readline")?;
    let l = st.readline(-1)?;
    if l.is_empty() {
        return Err(crate::objects::exceptions::stop_iteration());
    }
    Ok(Obj::bytes(&l))
}
fn buf_write(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("write", &a[1..], 1, 1)?;
    let st = buf_state(&a[0])?;
    if !st.writable {
        return Err(unsupported("write"));
    }
    if is_closed(&st.raw)? {
        return Err(value_error("write to closed file"));
    }
    let b = bytes_like(&a[1])?;
    Ok(Obj::int(st.write(&b)? as i64))
}
fn buf_flush(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let st = buf_state(&a[0])?;
    if st.writable {
        if is_closed(&st.raw)? {
            return Err(value_error("flush of closed file"));
        }
        st.flush_writes()?;
        if st.fd.is_none() {
            ops::call_method(&st.raw, "flush", vec![], None)?;
        }
    }
    Ok(Obj::none())
}
fn buf_seek(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let (pos, whence) = seek_args(a)?;
    let st = buf_state(&a[0])?;
    buf_check_open(&st, "seek")?;
    Ok(Obj::int(st.seek(pos, whence)?))
}
fn buf_tell(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let st = buf_state(&a[0])?;
    Ok(Obj::int(st.tell()?))
}
fn buf_truncate(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("truncate", &a[1..], 0, 1)?;
    let st = buf_state(&a[0])?;
    buf_check_open(&st, "truncate")?;
    if !st.writable {
        return Err(unsupported("truncate"));
    }
    st.flush_writes()?;
    let pos = match a.get(1).filter(|x| !x.is_none()) {
        Some(p) => p.clone(),
        None => Obj::int(st.tell()?),
    };
    st.rbuf.borrow_mut().clear();
    st.rpos.set(0);
    ops::call_method(&st.raw, "truncate", vec![pos], None)
}
fn buf_close(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let st = buf_state(&a[0])?;
    if is_closed(&st.raw)? {
        return Ok(Obj::none());
    }
    let r = if st.writable { st.flush_writes() } else { Ok(()) };
    ops::call_method(&st.raw, "close", vec![], None)?;
    r.map(|_| Obj::none())
}
fn buf_detach(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let st = buf_state(&a[0])?;
    st.flush_writes()?;
    st.detached.set(true);
    Ok(st.raw.clone())
}
fn buf_delegate(a: &[Obj], name: &str) -> PyResult {
    let st = buf_state(&a[0])?;
    ops::call_method(&st.raw, name, vec![], None)
}
fn buf_closed(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    ops::getattr_str(&buf_state(&a[0])?.raw, "closed")
}
fn buf_name(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    ops::getattr_str(&buf_state(&a[0])?.raw, "name")
}
fn buf_mode(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    ops::getattr_str(&buf_state(&a[0])?.raw, "mode")
}
fn buf_fileno(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    buf_delegate(a, "fileno")
}
fn buf_isatty(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    buf_delegate(a, "isatty")
}
fn buf_readable(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let st = buf_state(&a[0])?;
    Ok(Obj::bool(st.readable && ops::is_true(&ops::call_method(&st.raw, "readable", vec![], None)?)?))
}
fn buf_writable(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let st = buf_state(&a[0])?;
    Ok(Obj::bool(st.writable && ops::is_true(&ops::call_method(&st.raw, "writable", vec![], None)?)?))
}
fn buf_seekable(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    buf_delegate(a, "seekable")
}
fn buf_repr(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let cls = a[0].ty();
    let qual = format!("{}.{}", cls.module, cls.name);
    match ops::getattr_str(&a[0], "name") {
        Ok(n) => Ok(Obj::string(format!("<{} name={}>", qual, ops::repr_string(&n)?))),
        Err(_) => Ok(Obj::string(format!("<{}>", qual))),
    }
}

// ---- BufferedRWPair(reader, writer)

fn rwpair_init(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("BufferedRWPair", &a[1..], kw, &["reader", "writer", "buffer_size"], 3, 2)?;
    let size = v[2].clone().unwrap_or_else(|| Obj::int(DEFAULT_BUFFER_SIZE as i64));
    let r = crate::call(&class("BufferedReader"), vec![v[0].clone().unwrap(), size.clone()], None)?;
    let w = crate::call(&class("BufferedWriter"), vec![v[1].clone().unwrap(), size], None)?;
    set_state(&a[0], capsule((r, w)))?;
    Ok(Obj::none())
}
fn rwpair(o: &Obj) -> PyResult<(Obj, Obj)> {
    let cap = state::<(Obj, Obj)>(o).ok_or_else(uninit)?;
    Ok(capsule_ref::<(Obj, Obj)>(&cap).unwrap().clone())
}
macro_rules! rw_delegate {
    ($f:ident, $name:expr, $which:tt) => {
        fn $f(a: &[Obj], kw: Option<&Obj>) -> PyResult {
            let p = rwpair(&a[0])?;
            ops::call_method(&p.$which, $name, a[1..].to_vec(), kw)
        }
    };
}
rw_delegate!(rw_read, "read", 0);
rw_delegate!(rw_read1, "read1", 0);
rw_delegate!(rw_peek, "peek", 0);
rw_delegate!(rw_readline, "readline", 0);
rw_delegate!(rw_readable, "readable", 0);
rw_delegate!(rw_write, "write", 1);
rw_delegate!(rw_flush, "flush", 1);
rw_delegate!(rw_writable, "writable", 1);
rw_delegate!(rw_closed, "closed", 1);
fn rw_close(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let (r, w) = rwpair(&a[0])?;
    let res = ops::call_method(&w, "close", vec![], None);
    ops::call_method(&r, "close", vec![], None)?;
    res
}
fn rw_closed_prop(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    ops::getattr_str(&rwpair(&a[0])?.1, "closed")
}

// ================================================================ TextIOWrapper

enum Codec {
    /// "utf-8", "latin-1", "ascii", "utf-16-le", ... (handled by modules::codecs)
    Builtin(&'static str),
    /// a Python incremental encoder/decoder pair
    Python { encoder: Option<Obj>, decoder: Option<Obj> },
}

struct TextState {
    buffer: Obj,
    encoding: String,
    errors: String,
    codec: RefCell<Codec>,
    /// utf-16/utf-32 write their BOM once, at the start
    bom_pending: Cell<bool>,
    newline: Option<String>,
    line_buffering: Cell<bool>,
    write_through: Cell<bool>,
    /// decoded text not read yet (untranslated), and bytes not decoded yet
    decoded: RefCell<String>,
    dpos: Cell<usize>,
    pending: RefCell<Vec<u8>>,
    eof: Cell<bool>,
    seen: Cell<u8>,
    detached: Cell<bool>,
    native: Option<Rc<BufState>>,
}

fn text_state(o: &Obj) -> PyResult<Obj> {
    let cap = state::<TextState>(o).ok_or_else(uninit)?;
    if capsule_ref::<TextState>(&cap).unwrap().detached.get() {
        return Err(value_error("underlying buffer has been detached"));
    }
    Ok(cap)
}
fn ts(cap: &Obj) -> &TextState {
    capsule_ref::<TextState>(cap).unwrap()
}

fn codec_builtin(enc: &str) -> Option<&'static str> {
    let n = enc.to_ascii_lowercase().replace(['-', ' '], "_");
    Some(match n.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "locale" => "utf-8",
        "latin_1" | "latin1" | "iso_8859_1" | "iso8859_1" | "l1" | "latin" | "8859" | "cp819" => "latin-1",
        "ascii" | "us_ascii" | "646" => "ascii",
        "utf_16_le" | "utf_16le" => "utf-16-le",
        "utf_16_be" | "utf_16be" => "utf-16-be",
        "utf_32_le" | "utf_32le" => "utf-32-le",
        "utf_32_be" | "utf_32be" => "utf-32-be",
        _ => return None,
    })
}

fn textio_init(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("TextIOWrapper", &a[1..], kw, &["buffer", "encoding", "errors", "newline", "line_buffering", "write_through"], 6, 1)?;
    let buffer = v[0].clone().unwrap();
    let encoding = match opt(&v[1]) {
        Some(e) => e
            .as_str()
            .ok_or_else(|| type_error(format!("TextIOWrapper() argument 'encoding' must be str or None, not {}", e.type_name())))?
            .to_string(),
        None => "UTF-8".to_string(),
    };
    let encoding = if encoding == "locale" { "UTF-8".to_string() } else { encoding };
    let errors = match opt(&v[2]) {
        Some(e) => e
            .as_str()
            .ok_or_else(|| type_error(format!("TextIOWrapper() argument 'errors' must be str or None, not {}", e.type_name())))?
            .to_string(),
        None => "strict".to_string(),
    };
    let newline = newline_arg("TextIOWrapper", &v[3], None)?;
    let line_buffering = match &v[4] {
        Some(x) => ops::is_true(x)?,
        None => false,
    };
    let write_through = match &v[5] {
        Some(x) => ops::is_true(x)?,
        None => false,
    };
    let lower = encoding.to_ascii_lowercase().replace(['-', ' '], "_");
    let (codec, bom) = match codec_builtin(&encoding) {
        Some(c) => (Codec::Builtin(c), false),
        None if lower == "utf_16" || lower == "utf16" => (Codec::Builtin("utf-16-le"), true),
        None if lower == "utf_32" || lower == "utf32" => (Codec::Builtin("utf-32-le"), true),
        None => {
            let info = crate::modules::codecs::lookup(&encoding)?;
            if let Ok(false) = ops::getattr_str(&info, "_is_text_encoding").and_then(|x| ops::is_true(&x)) {
                return Err(crate::objects::exceptions::new_exc(
                    &crate::objects::exc_types::LOOKUP_ERROR,
                    format!("'{}' is not a text encoding; use codecs.open() to handle arbitrary codecs", encoding),
                ));
            }
            let mk = |attr: &str| -> PyResult<Obj> {
                let f = ops::getattr_str(&info, attr)?;
                crate::call(&f, vec![Obj::str(&errors)], None)
            };
            (Codec::Python { encoder: mk("incrementalencoder").ok(), decoder: mk("incrementaldecoder").ok() }, false)
        }
    };
    let native = state::<Rc<BufState>>(&buffer).map(|c| capsule_ref::<Rc<BufState>>(&c).unwrap().clone());
    // a BOM is only written at the start of a file
    let at_start = bom && ops::call_method(&buffer, "tell", vec![], None).ok().and_then(|p| p.as_i64()).map(|p| p == 0).unwrap_or(true);
    let st = TextState {
        buffer: buffer.clone(),
        encoding: encoding.clone(),
        errors,
        codec: RefCell::new(codec),
        bom_pending: Cell::new(at_start),
        newline,
        line_buffering: Cell::new(line_buffering),
        write_through: Cell::new(write_through),
        decoded: RefCell::new(String::new()),
        dpos: Cell::new(0),
        pending: RefCell::new(Vec::new()),
        eof: Cell::new(false),
        seen: Cell::new(0),
        detached: Cell::new(false),
        native,
    };
    set_state(&a[0], capsule(st))?;
    Ok(Obj::none())
}

impl TextState {
    fn check_open(&self) -> PyResult<()> {
        if is_closed(&self.buffer)? {
            return Err(closed_file());
        }
        Ok(())
    }
    fn encode(&self, s: &str) -> PyResult<Vec<u8>> {
        let codec = self.codec.borrow();
        match &*codec {
            Codec::Builtin(c) => {
                let mut out = Vec::new();
                if self.bom_pending.replace(false) {
                    out.extend_from_slice(if c.starts_with("utf-16") { &[0xff, 0xfe] } else { &[0xff, 0xfe, 0, 0] });
                }
                let b = crate::modules::codecs::encode_str(s, c, &self.errors)?;
                out.extend_from_slice(as_bytes(&b).unwrap());
                Ok(out)
            }
            Codec::Python { encoder: Some(e), .. } => bytes_like(&ops::call_method(e, "encode", vec![Obj::str(s)], None)?),
            Codec::Python { .. } => Err(unsupported("not writable")),
        }
    }
    fn decode(&self, b: &[u8], final_: bool) -> PyResult<String> {
        let codec = self.codec.borrow();
        match &*codec {
            Codec::Builtin("utf-8") => {
                let mut p = self.pending.borrow_mut();
                p.extend_from_slice(b);
                let (s, n) = crate::modules::codecs::utf8_decode(&p, &self.errors, final_)?;
                p.drain(..n);
                Ok(s)
            }
            Codec::Builtin(c) if c.starts_with("utf-16") || c.starts_with("utf-32") => {
                let mut p = self.pending.borrow_mut();
                p.extend_from_slice(b);
                let unit = if c.starts_with("utf-16") { 2 } else { 4 };
                let mut take = p.len() - p.len() % unit;
                if c.starts_with("utf-16") && take >= 2 && !final_ {
                    // keep a lone high surrogate for the next chunk
                    let last = if *c == "utf-16-le" { u16::from_le_bytes([p[take - 2], p[take - 1]]) } else { u16::from_be_bytes([p[take - 2], p[take - 1]]) };
                    if (0xd800..0xdc00).contains(&last) {
                        take -= 2;
                    }
                }
                if final_ {
                    take = p.len();
                }
                let chunk: Vec<u8> = p.drain(..take).collect();
                let mut chunk_ref: &[u8] = &chunk;
                if self.bom_pending.get() && chunk_ref.starts_with(&[0xff, 0xfe]) {
                    chunk_ref = &chunk_ref[unit..];
                }
                self.bom_pending.set(false);
                let r = crate::modules::codecs::decode_bytes(chunk_ref, c, &self.errors)?;
                Ok(r.as_str().unwrap().to_string())
            }
            Codec::Builtin(c) => Ok(crate::modules::codecs::decode_bytes(b, c, &self.errors)?.as_str().unwrap().to_string()),
            Codec::Python { decoder: Some(d), .. } => {
                let r = ops::call_method(d, "decode", vec![Obj::bytes(b), Obj::bool(final_)], None)?;
                r.as_str().map(|s| s.to_string()).ok_or_else(|| type_error(format!("decoder should return a string result, not '{}'", r.type_name())))
            }
            Codec::Python { .. } => Err(unsupported("not readable")),
        }
    }
    /// Reads and decodes one more chunk; false at end of file.
    fn fill(&self) -> PyResult<bool> {
        if self.eof.get() {
            return Ok(false);
        }
        let chunk = match &self.native {
            Some(b) => b.read1(DEFAULT_BUFFER_SIZE as i64)?,
            None => {
                let r = ops::call_method(&self.buffer, "read1", vec![Obj::int(DEFAULT_BUFFER_SIZE as i64)], None)
                    .or_else(|_| ops::call_method(&self.buffer, "read", vec![Obj::int(DEFAULT_BUFFER_SIZE as i64)], None))?;
                if r.is_none() {
                    Vec::new()
                } else {
                    bytes_like(&r)?
                }
            }
        };
        let eof = chunk.is_empty();
        let text = self.decode(&chunk, eof)?;
        {
            let mut d = self.decoded.borrow_mut();
            let pos = self.dpos.get();
            d.drain(..pos);
            self.dpos.set(0);
            d.push_str(&text);
        }
        if eof {
            self.eof.set(true);
        }
        Ok(!eof)
    }
    fn check_readable(&self) -> PyResult<()> {
        let ok = match &self.native {
            Some(b) => b.readable,
            None => ops::is_true(&ops::call_method(&self.buffer, "readable", vec![], None)?)?,
        };
        if !ok {
            return Err(unsupported("not readable"));
        }
        Ok(())
    }
    /// Text from `dpos` to `end` (byte offsets in `decoded`), newline-translated for output.
    fn take(&self, end: usize) -> String {
        let d = self.decoded.borrow();
        let s = &d[self.dpos.get()..end];
        self.dpos.set(end);
        if self.newline.is_none() {
            let (t, seen) = translate_newlines(s);
            self.seen.set(self.seen.get() | seen);
            t
        } else {
            s.to_string()
        }
    }
    fn read_all(&self) -> PyResult<String> {
        while self.fill()? {}
        let end = self.decoded.borrow().len();
        Ok(self.take(end))
    }
    fn read_chars(&self, n: usize) -> PyResult<String> {
        loop {
            {
                let d = self.decoded.borrow();
                let rest = &d[self.dpos.get()..];
                // count output characters (\r\n counts once when translating)
                let mut count = 0;
                let mut end = None;
                let mut it = rest.char_indices().peekable();
                while let Some((i, c)) = it.next() {
                    if count == n {
                        end = Some(i);
                        break;
                    }
                    if c == '\r' && self.newline.is_none() {
                        match it.peek() {
                            Some((_, '\n')) => {
                                it.next();
                            }
                            None if !self.eof.get() => break, // need the next char
                            _ => {}
                        }
                    }
                    count += 1;
                }
                if end.is_none() && count == n && it.peek().is_none() && !rest.ends_with('\r') {
                    end = Some(rest.len());
                }
                if let Some(e) = end {
                    let abs = self.dpos.get() + e;
                    drop(d);
                    return Ok(self.take(abs));
                }
            }
            if !self.fill()? {
                let end = self.decoded.borrow().len();
                return Ok(self.take(end));
            }
        }
    }
    fn readline(&self, limit: i64) -> PyResult<String> {
        loop {
            {
                let d = self.decoded.borrow();
                let start = self.dpos.get();
                let rest = &d[start..];
                let mut end = None;
                let bytes = rest.as_bytes();
                let mut i = 0;
                while i < bytes.len() {
                    let c = bytes[i];
                    let hit = match self.newline.as_deref() {
                        None | Some("") => {
                            if c == b'\r' {
                                if i + 1 < bytes.len() {
                                    Some(if bytes[i + 1] == b'\n' { i + 2 } else { i + 1 })
                                } else if self.eof.get() {
                                    Some(i + 1)
                                } else {
                                    break; // \r at the end: is \n next?
                                }
                            } else if c == b'\n' {
                                Some(i + 1)
                            } else {
                                None
                            }
                        }
                        Some("\r") if c == b'\r' => Some(i + 1),
                        Some("\r\n") if c == b'\r' && bytes.get(i + 1) == Some(&b'\n') => Some(i + 2),
                        Some("\n") if c == b'\n' => Some(i + 1),
                        _ => None,
                    };
                    if let Some(e) = hit {
                        end = Some(e);
                        break;
                    }
                    i += 1;
                }
                if limit >= 0 {
                    let lim_end = rest.char_indices().nth(limit as usize).map(|(i, _)| i);
                    if let Some(l) = lim_end {
                        if end.map(|e| e > l).unwrap_or(true) {
                            end = Some(l);
                        }
                    }
                }
                if let Some(e) = end {
                    drop(d);
                    return Ok(self.take(start + e));
                }
            }
            if !self.fill()? {
                let end = self.decoded.borrow().len();
                return Ok(self.take(end));
            }
        }
    }
    /// The byte offset of the next character to read.
    fn tell(&self) -> PyResult<i64> {
        self.flush()?;
        let pos = match &self.native {
            Some(b) => b.tell()?,
            None => ops::index_value(&ops::call_method(&self.buffer, "tell", vec![], None)?)?,
        };
        let d = self.decoded.borrow();
        let rest = &d[self.dpos.get()..];
        let unread = match &*self.codec.borrow() {
            Codec::Builtin("utf-8") => rest.len(),
            Codec::Builtin("latin-1") | Codec::Builtin("ascii") => rest.chars().count(),
            Codec::Builtin(c) if c.starts_with("utf-16") => rest.encode_utf16().count() * 2,
            Codec::Builtin(_) => rest.chars().count() * 4,
            Codec::Python { .. } => crate::modules::codecs::encode_str(rest, &self.encoding, &self.errors)
                .ok()
                .and_then(|b| as_bytes(&b).map(|x| x.len()))
                .unwrap_or(0),
        };
        Ok(pos - unread as i64 - self.pending.borrow().len() as i64)
    }
    fn reset_read(&self) {
        self.decoded.borrow_mut().clear();
        self.dpos.set(0);
        self.pending.borrow_mut().clear();
        self.eof.set(false);
        if let Codec::Python { decoder: Some(d), .. } = &*self.codec.borrow() {
            let _ = ops::call_method(d, "reset", vec![], None);
        }
    }
    fn flush(&self) -> PyResult<()> {
        match &self.native {
            Some(b) => b.flush_writes(),
            None => ops::call_method(&self.buffer, "flush", vec![], None).map(|_| ()),
        }
    }
    fn write(&self, s: &str) -> PyResult<usize> {
        self.check_open()?;
        let n = s.chars().count();
        let has_nl = s.contains('\n');
        let text = match self.newline.as_deref() {
            Some("\r") if has_nl => s.replace('\n', "\r"),
            Some("\r\n") if has_nl => s.replace('\n', "\r\n"),
            _ => s.to_string(),
        };
        // unread decoded text: go back to the logical position first
        if self.decoded.borrow().len() > self.dpos.get() || !self.pending.borrow().is_empty() {
            let pos = self.tell()?;
            self.reset_read();
            match &self.native {
                Some(b) => {
                    b.seek(pos, 0)?;
                }
                None => {
                    ops::call_method(&self.buffer, "seek", vec![Obj::int(pos)], None)?;
                }
            }
        } else {
            self.reset_read();
        }
        let b = self.encode(&text)?;
        match &self.native {
            Some(buf) => {
                if !buf.writable {
                    return Err(unsupported("not writable"));
                }
                buf.write(&b)?;
            }
            None => {
                ops::call_method(&self.buffer, "write", vec![Obj::bytes(&b)], None)?;
            }
        }
        if self.write_through.get() || (self.line_buffering.get() && (has_nl || s.contains('\r'))) {
            self.flush()?;
        }
        Ok(n)
    }
}

fn tio<R>(o: &Obj, f: impl FnOnce(&TextState) -> PyResult<R>) -> PyResult<R> {
    let cap = text_state(o)?;
    f(ts(&cap))
}

fn textio_read(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("read", &a[1..], kw, &["size"], 1, 0)?;
    let n = size_arg(&v[0])?;
    tio(&a[0], |s| {
        s.check_open()?;
        s.check_readable()?;
        s.flush()?;
        Ok(Obj::string(if n < 0 { s.read_all()? } else { s.read_chars(n as usize)? }))
    })
}
fn textio_readline(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("readline", &a[1..], kw, &["size"], 1, 0)?;
    let n = size_arg(&v[0])?;
    tio(&a[0], |s| {
        s.check_open()?;
        s.check_readable()?;
        Ok(Obj::string(s.readline(n)?))
    })
}
fn textio_next(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    tio(&a[0], |s| {
        s.check_open()?;
        s.check_readable()?;
        let l = s.readline(-1)?;
        if l.is_empty() {
            return Err(crate::objects::exceptions::stop_iteration());
        }
        Ok(Obj::string(l))
    })
}
fn textio_write(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("write", &a[1..], 1, 1)?;
    let t = a[1].as_str().ok_or_else(|| type_error(format!("write() argument must be str, not {}", a[1].type_name())))?;
    tio(&a[0], |s| Ok(Obj::int(s.write(t)? as i64)))
}
fn textio_flush(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    tio(&a[0], |s| {
        s.check_open()?;
        ops::call_method(&s.buffer, "flush", vec![], None)?;
        Ok(Obj::none())
    })
}
fn textio_close(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let cap = text_state(&a[0])?;
    let s = ts(&cap);
    if is_closed(&s.buffer)? {
        return Ok(Obj::none());
    }
    let r = s.flush();
    ops::call_method(&s.buffer, "close", vec![], None)?;
    r.map(|_| Obj::none())
}
fn textio_seek(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let (cookie, whence) = seek_args(a)?;
    tio(&a[0], |s| {
        s.check_open()?;
        let seekable = ops::is_true(&ops::call_method(&s.buffer, "seekable", vec![], None)?)?;
        if !seekable {
            return Err(unsupported("underlying stream is not seekable"));
        }
        match whence {
            1 if cookie != 0 => return Err(unsupported("can't do nonzero cur-relative seeks")),
            1 => return Ok(Obj::int(s.tell()?)),
            2 if cookie != 0 => return Err(unsupported("can't do nonzero end-relative seeks")),
            0 | 2 => {}
            _ => return Err(value_error(format!("invalid whence ({}, should be 0, 1 or 2)", whence))),
        }
        if whence == 0 && cookie < 0 {
            return Err(value_error(format!("negative seek position {}", cookie)));
        }
        s.flush()?;
        s.reset_read();
        let p = ops::call_method(&s.buffer, "seek", vec![Obj::int(cookie), Obj::int(whence)], None)?;
        Ok(if whence == 0 { Obj::int(cookie) } else { p })
    })
}
fn textio_tell(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    tio(&a[0], |s| {
        s.check_open()?;
        Ok(Obj::int(s.tell()?))
    })
}
fn textio_truncate(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("truncate", &a[1..], 0, 1)?;
    tio(&a[0], |s| {
        s.flush()?;
        let pos = match a.get(1).filter(|x| !x.is_none()) {
            Some(p) => p.clone(),
            None => Obj::int(s.tell()?),
        };
        ops::call_method(&s.buffer, "truncate", vec![pos], None)
    })
}
fn textio_detach(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    tio(&a[0], |s| {
        s.flush()?;
        s.detached.set(true);
        Ok(s.buffer.clone())
    })
}
fn textio_delegate(a: &[Obj], name: &str) -> PyResult {
    tio(&a[0], |s| ops::call_method(&s.buffer, name, vec![], None))
}
fn textio_fileno(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    textio_delegate(a, "fileno")
}
fn textio_isatty(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    textio_delegate(a, "isatty")
}
fn textio_readable(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    textio_delegate(a, "readable")
}
fn textio_writable(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    textio_delegate(a, "writable")
}
fn textio_seekable(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    textio_delegate(a, "seekable")
}
fn textio_closed(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    tio(&a[0], |s| ops::getattr_str(&s.buffer, "closed"))
}
fn textio_name(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    tio(&a[0], |s| ops::getattr_str(&s.buffer, "name"))
}
fn textio_buffer(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    tio(&a[0], |s| Ok(s.buffer.clone()))
}
fn textio_encoding(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    tio(&a[0], |s| Ok(Obj::str(&s.encoding)))
}
fn textio_errors(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    tio(&a[0], |s| Ok(Obj::str(&s.errors)))
}
fn textio_line_buffering(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    tio(&a[0], |s| Ok(Obj::bool(s.line_buffering.get())))
}
fn textio_write_through(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    tio(&a[0], |s| Ok(Obj::bool(s.write_through.get())))
}
fn textio_newlines(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    tio(&a[0], |s| Ok(if s.newline.is_none() { newlines_obj(s.seen.get()) } else { Obj::none() }))
}
fn textio_reconfigure(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("reconfigure", &a[1..], kw, &["encoding", "errors", "newline", "line_buffering", "write_through"], 0, 0)?;
    tio(&a[0], |s| {
        if let Some(lb) = &v[3] {
            s.line_buffering.set(ops::is_true(lb)?);
        }
        if let Some(wt) = &v[4] {
            s.write_through.set(ops::is_true(wt)?);
        }
        s.flush()?;
        Ok(Obj::none())
    })
}
fn textio_repr(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let cls = a[0].ty();
    let mut out = format!("<{}.{}", cls.module, cls.name);
    if let Ok(n) = ops::getattr_str(&a[0], "name") {
        out.push_str(&format!(" name={}", ops::repr_string(&n)?));
    }
    if let Ok(m) = ops::getattr_str(&a[0], "mode") {
        out.push_str(&format!(" mode={}", ops::repr_string(&m)?));
    }
    let enc = tio(&a[0], |s| Ok(s.encoding.clone()))?;
    out.push_str(&format!(" encoding={}>", crate::objects::str::str_repr(&enc)));
    Ok(Obj::string(out))
}

// ================================================================ IncrementalNewlineDecoder

struct NlDecoder {
    decoder: Option<Obj>,
    translate: bool,
    pendingcr: Cell<bool>,
    seen: Cell<u8>,
}

fn nldec_init(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("IncrementalNewlineDecoder", &a[1..], kw, &["decoder", "translate", "errors"], 3, 2)?;
    let decoder = v[0].clone().filter(|d| !d.is_none());
    let translate = ops::is_true(v[1].as_ref().unwrap())?;
    set_state(&a[0], capsule(NlDecoder { decoder, translate, pendingcr: Cell::new(false), seen: Cell::new(0) }))?;
    Ok(Obj::none())
}
fn nldec_decode(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("decode", &a[1..], kw, &["input", "final"], 2, 1)?;
    let final_ = match &v[1] {
        Some(f) => ops::is_true(f)?,
        None => false,
    };
    with::<NlDecoder, _>(&a[0], |d| {
        let input = v[0].clone().unwrap();
        let out = match &d.decoder {
            Some(dec) => ops::call_method(dec, "decode", vec![input, Obj::bool(final_)], None)?,
            None => input,
        };
        let mut s = out.as_str().ok_or_else(|| type_error(format!("decoder should return a string result, not '{}'", out.type_name())))?.to_string();
        if d.pendingcr.get() && (!s.is_empty() || final_) {
            s.insert(0, '\r');
            d.pendingcr.set(false);
        }
        if s.ends_with('\r') && !final_ {
            s.pop();
            d.pendingcr.set(true);
        }
        let (t, seen) = translate_newlines(&s);
        d.seen.set(d.seen.get() | seen);
        Ok(Obj::string(if d.translate { t } else { s }))
    })
}
fn nldec_getstate(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    with::<NlDecoder, _>(&a[0], |d| {
        let (buf, flag) = match &d.decoder {
            Some(dec) => {
                let st = ops::call_method(dec, "getstate", vec![], None)?;
                let it = crate::objects::tuple::try_tuple_items(&st).map(|x| x.to_vec()).unwrap_or_default();
                (it.get(0).cloned().unwrap_or_else(|| Obj::bytes(b"")), it.get(1).and_then(|x| x.as_i64()).unwrap_or(0))
            }
            None => (Obj::bytes(b""), 0),
        };
        Ok(Obj::tuple2(buf, Obj::int((flag << 1) | d.pendingcr.get() as i64)))
    })
}
fn nldec_setstate(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("setstate", &a[1..], 1, 1)?;
    with::<NlDecoder, _>(&a[0], |d| {
        let it = crate::objects::tuple::try_tuple_items(&a[1]).map(|x| x.to_vec()).unwrap_or_default();
        let flag = it.get(1).and_then(|x| x.as_i64()).unwrap_or(0);
        d.pendingcr.set(flag & 1 != 0);
        if let Some(dec) = &d.decoder {
            ops::call_method(dec, "setstate", vec![Obj::tuple2(it.get(0).cloned().unwrap_or_else(Obj::none), Obj::int(flag >> 1))], None)?;
        }
        Ok(Obj::none())
    })
}
fn nldec_reset(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    with::<NlDecoder, _>(&a[0], |d| {
        d.seen.set(0);
        d.pendingcr.set(false);
        if let Some(dec) = &d.decoder {
            ops::call_method(dec, "reset", vec![], None)?;
        }
        Ok(Obj::none())
    })
}
fn nldec_newlines(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    with::<NlDecoder, _>(&a[0], |d| Ok(newlines_obj(d.seen.get())))
}

// ================================================================ open()

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None)`
pub fn open(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("open", a, kw, &["file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"], 8, 1)?;
    let file = v[0].clone().unwrap();
    let mode = match &v[1] {
        Some(m) => m.as_str().ok_or_else(|| type_error(format!("open() argument 'mode' must be str, not {}", m.type_name())))?.to_string(),
        None => "r".into(),
    };
    let mut buffering = int_arg(&v[2], -1)?;
    let encoding = opt(&v[3]).cloned();
    let errors = opt(&v[4]).cloned();
    let newline = opt(&v[5]).cloned();
    if file.as_str().is_none() && as_bytes(&file).is_none() && file.as_i64().is_none() && ops::lookup_special(&file, "__fspath__").is_none() {
        return Err(type_error(format!("expected str, bytes or os.PathLike object, not {}", file.type_name())));
    }
    let mut seen = String::new();
    for c in mode.chars() {
        if !"axrwb+t".contains(c) || seen.contains(c) {
            return Err(value_error(format!("invalid mode: '{}'", mode)));
        }
        seen.push(c);
    }
    let has = |c: char| mode.contains(c);
    let (creating, reading, writing, appending, updating) = (has('x'), has('r'), has('w'), has('a'), has('+'));
    let (text, binary) = (has('t'), has('b'));
    if text && binary {
        return Err(value_error("can't have text and binary mode at once"));
    }
    let n = creating as u8 + reading as u8 + writing as u8 + appending as u8;
    if n > 1 {
        return Err(value_error("must have exactly one of create/read/write/append mode"));
    }
    if n == 0 {
        return Err(value_error("Must have exactly one of create/read/write/append mode and at most one plus"));
    }
    if binary && encoding.is_some() {
        return Err(value_error("binary mode doesn't take an encoding argument"));
    }
    if binary && errors.is_some() {
        return Err(value_error("binary mode doesn't take an errors argument"));
    }
    if binary && newline.is_some() {
        return Err(value_error("binary mode doesn't take a newline argument"));
    }
    let mut rawmode = String::new();
    rawmode.push(if creating { 'x' } else if reading { 'r' } else if writing { 'w' } else { 'a' });
    if updating {
        rawmode.push('+');
    }
    let closefd = v[6].clone().unwrap_or_else(|| Obj::bool(true));
    let opener = v[7].clone().unwrap_or_else(Obj::none);
    let raw = crate::call(&class("FileIO"), vec![file, Obj::str(&rawmode), closefd, opener], None)?;
    let result = (|| -> PyResult {
        let line_buffering = buffering == 1 || (buffering < 0 && ops::is_true(&ops::call_method(&raw, "isatty", vec![], None)?)?);
        if buffering == 1 || buffering < 0 {
            buffering = DEFAULT_BUFFER_SIZE as i64;
        }
        if buffering == 0 {
            if binary {
                return Ok(raw.clone());
            }
            return Err(value_error("can't have unbuffered text I/O"));
        }
        let cls = if updating {
            "BufferedRandom"
        } else if creating || writing || appending {
            "BufferedWriter"
        } else {
            "BufferedReader"
        };
        let buffer = crate::call(&class(cls), vec![raw.clone(), Obj::int(buffering)], None)?;
        if binary {
            return Ok(buffer);
        }
        let enc = encoding.clone().unwrap_or_else(|| Obj::str("UTF-8"));
        let kwn = Obj::tuple(vec![Obj::str("encoding"), Obj::str("errors"), Obj::str("newline"), Obj::str("line_buffering")]);
        let t = crate::call(
            &class("TextIOWrapper"),
            vec![buffer, enc, errors.clone().unwrap_or_else(Obj::none), newline.clone().unwrap_or_else(Obj::none), Obj::bool(line_buffering)],
            Some(&kwn),
        )?;
        crate::setattr(&t, &Obj::str("mode"), Obj::str(&mode))?;
        Ok(t)
    })();
    if result.is_err() {
        let _ = ops::call_method(&raw, "close", vec![], None);
    }
    result
}

fn open_code(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("open_code", a, kw, &["path"], 1, 1)?;
    let p = v[0].clone().unwrap();
    if p.as_str().is_none() {
        return Err(type_error(format!("open_code() argument 'path' must be str, not {}", p.type_name())));
    }
    open(&[p, Obj::str("rb")], None)
}

fn text_encoding(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("text_encoding", a, kw, &["encoding", "stacklevel"], 2, 1)?;
    Ok(match opt(&v[0]) {
        Some(e) => e.clone(),
        None => Obj::str("locale"),
    })
}

/// Flushes every buffered writer still alive (interpreter shutdown).
pub fn flush_all() {
    let ws: Vec<Rc<BufState>> = WRITERS.with(|w| w.borrow().iter().filter_map(|x| x.upgrade()).collect());
    for w in ws {
        let _ = w.flush_writes();
    }
}

// ================================================================ module

fn module() -> PyResult {
    if let Some(m) = MODULE.with(|m| m.borrow().clone()) {
        return Ok(m);
    }
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_io"))?;
    dict_set(&d, Obj::str("DEFAULT_BUFFER_SIZE"), Obj::int(DEFAULT_BUFFER_SIZE as i64))?;
    let exc_ns = new_dict();
    dict_set(&exc_ns, Obj::str("__module__"), Obj::str("io"))?;
    let unsup = crate::objects::typeobj::new_class(
        "UnsupportedOperation",
        vec![crate::objects::exc_types::OS_ERROR.obj(), crate::objects::exc_types::VALUE_ERROR.obj()],
        exc_ns,
        "io",
    )?;
    let mut classes: Vec<(&'static str, Obj)> = vec![("UnsupportedOperation", unsup.clone())];
    let iobase = make_class("_IOBase", "_io", vec![], IOBASE_METHODS, &[("closed", iob_closed)], vec![])?;
    let rawbase = make_class("_RawIOBase", "_io", vec![iobase.clone()], &[("read", raw_read), ("readall", raw_readall)], &[], vec![])?;
    let bufbase = make_class(
        "_BufferedIOBase",
        "_io",
        vec![iobase.clone()],
        &[("read", bufbase_unsupported_read), ("read1", bufbase_unsupported_read1), ("write", bufbase_unsupported_write), ("detach", bufbase_unsupported_detach)],
        &[],
        vec![],
    )?;
    let textbase = make_class(
        "_TextIOBase",
        "_io",
        vec![iobase.clone()],
        &[("read", bufbase_unsupported_read), ("readline", textbase_unsupported_readline), ("write", bufbase_unsupported_write), ("detach", bufbase_unsupported_detach)],
        &[("encoding", none_prop), ("newlines", none_prop), ("errors", none_prop)],
        vec![],
    )?;
    let fileio = make_class(
        "FileIO",
        "_io",
        vec![rawbase.clone()],
        &[
            ("__init__", fileio_init),
            ("read", fileio_read),
            ("readall", fileio_readall),
            ("write", fileio_write),
            ("seek", fileio_seek),
            ("tell", fileio_tell),
            ("truncate", fileio_truncate),
            ("close", fileio_close),
            ("fileno", fileio_fileno),
            ("isatty", fileio_isatty),
            ("readable", fileio_readable),
            ("writable", fileio_writable),
            ("seekable", fileio_seekable),
            ("__repr__", fileio_repr),
        ],
        &[("closed", fileio_closed), ("mode", fileio_mode), ("closefd", fileio_closefd)],
        vec![],
    )?;
    let bytesio = make_class(
        "BytesIO",
        "_io",
        vec![bufbase.clone()],
        &[
            ("__init__", bytesio_init),
            ("getvalue", bytesio_getvalue),
            ("getbuffer", bytesio_getbuffer),
            ("read", bytesio_read),
            ("read1", bytesio_read1),
            ("readline", bytesio_readline),
            ("write", bytesio_write),
            ("seek", bytesio_seek),
            ("tell", bytesio_tell),
            ("truncate", bytesio_truncate),
            ("close", bytesio_close),
            ("readable", open_true),
            ("writable", open_true),
            ("seekable", open_true),
        ],
        &[("closed", bytesio_closed)],
        vec![],
    )?;
    let stringio = make_class(
        "StringIO",
        "_io",
        vec![textbase.clone()],
        &[
            ("__init__", stringio_init),
            ("getvalue", stringio_getvalue),
            ("read", stringio_read),
            ("readline", stringio_readline),
            ("write", stringio_write),
            ("seek", stringio_seek),
            ("tell", stringio_tell),
            ("truncate", stringio_truncate),
            ("close", stringio_close),
            ("readable", open_true),
            ("writable", open_true),
            ("seekable", open_true),
        ],
        &[("closed", stringio_closed), ("newlines", stringio_newlines), ("line_buffering", stringio_line_buffering)],
        vec![],
    )?;
    let buf_methods: &[(&str, BuiltinFn)] = &[
        ("read", buf_read),
        ("read1", buf_read1),
        ("peek", buf_peek),
        ("readline", buf_readline),
        ("__next__", buf_next),
        ("write", buf_write),
        ("flush", buf_flush),
        ("seek", buf_seek),
        ("tell", buf_tell),
        ("truncate", buf_truncate),
        ("close", buf_close),
        ("detach", buf_detach),
        ("fileno", buf_fileno),
        ("isatty", buf_isatty),
        ("readable", buf_readable),
        ("writable", buf_writable),
        ("seekable", buf_seekable),
        ("__repr__", buf_repr),
    ];
    let buf_props: &[(&str, BuiltinFn)] = &[("closed", buf_closed), ("name", buf_name), ("mode", buf_mode)];
    let mk_buf = |name: &'static str, init: BuiltinFn| -> PyResult {
        let mut m = buf_methods.to_vec();
        m.push(("__init__", init));
        let c = make_class(name, "_io", vec![bufbase.clone()], &m, buf_props, vec![])?;
        Ok(c)
    };
    let breader = mk_buf("BufferedReader", breader_init)?;
    let bwriter = mk_buf("BufferedWriter", bwriter_init)?;
    let brandom = mk_buf("BufferedRandom", brandom_init)?;
    let rwpair = make_class(
        "BufferedRWPair",
        "_io",
        vec![bufbase.clone()],
        &[
            ("__init__", rwpair_init),
            ("read", rw_read),
            ("read1", rw_read1),
            ("peek", rw_peek),
            ("readline", rw_readline),
            ("readable", rw_readable),
            ("write", rw_write),
            ("flush", rw_flush),
            ("writable", rw_writable),
            ("close", rw_close),
            ("isatty", iob_false),
        ],
        &[("closed", rw_closed_prop)],
        vec![],
    )?;
    let _ = rw_closed;
    let textio = make_class(
        "TextIOWrapper",
        "_io",
        vec![textbase.clone()],
        &[
            ("__init__", textio_init),
            ("read", textio_read),
            ("readline", textio_readline),
            ("__next__", textio_next),
            ("write", textio_write),
            ("flush", textio_flush),
            ("close", textio_close),
            ("seek", textio_seek),
            ("tell", textio_tell),
            ("truncate", textio_truncate),
            ("detach", textio_detach),
            ("fileno", textio_fileno),
            ("isatty", textio_isatty),
            ("readable", textio_readable),
            ("writable", textio_writable),
            ("seekable", textio_seekable),
            ("reconfigure", textio_reconfigure),
            ("__repr__", textio_repr),
        ],
        &[
            ("closed", textio_closed),
            ("name", textio_name),
            ("buffer", textio_buffer),
            ("encoding", textio_encoding),
            ("errors", textio_errors),
            ("line_buffering", textio_line_buffering),
            ("write_through", textio_write_through),
            ("newlines", textio_newlines),
        ],
        vec![],
    )?;
    let nldec = make_class(
        "IncrementalNewlineDecoder",
        "_io",
        vec![],
        &[("__init__", nldec_init), ("decode", nldec_decode), ("getstate", nldec_getstate), ("setstate", nldec_setstate), ("reset", nldec_reset)],
        &[("newlines", nldec_newlines)],
        vec![],
    )?;
    classes.extend([
        ("_IOBase", iobase),
        ("_RawIOBase", rawbase),
        ("_BufferedIOBase", bufbase),
        ("_TextIOBase", textbase),
        ("FileIO", fileio),
        ("BytesIO", bytesio),
        ("StringIO", stringio),
        ("BufferedReader", breader),
        ("BufferedWriter", bwriter),
        ("BufferedRandom", brandom),
        ("BufferedRWPair", rwpair),
        ("TextIOWrapper", textio),
        ("IncrementalNewlineDecoder", nldec),
    ]);
    for (n, c) in &classes {
        dict_set(&d, Obj::str(n), c.clone())?;
    }
    CLASSES.with(|c| *c.borrow_mut() = classes);
    dict_set(&d, Obj::str("BlockingIOError"), crate::objects::exc_types::BLOCKING_IO_ERROR.obj())?;
    let fns: &[(&str, BuiltinFn)] = &[("open", open), ("open_code", open_code), ("text_encoding", text_encoding)];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), crate::objects::builtin_fn::new_builtin(n, *f))?;
    }
    let m = crate::objects::module::new_module("_io", d);
    crate::hooks::IO.install(&HOOKS);
    MODULE.with(|mm| *mm.borrow_mut() = Some(m.clone()));
    Ok(m)
}

static HOOKS: crate::hooks::Io = crate::hooks::Io { flush_all };

pub fn make_module() -> PyResult {
    module()
}
