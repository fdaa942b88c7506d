//! `open()` and file objects over std::fs (WASI files need preopened directories): text and
//! binary modes, read/readline/readlines/iteration, write/writelines, seek/tell, context
//! manager; OSError subclasses with CPython's "[Errno N] message: 'path'" form.
use crate::object::{alloc, Layout, MethodFn, Obj};
use crate::objects::exceptions::{new_exc_obj, type_error, value_error, Exc, FILE_EXISTS_ERROR, FILE_NOT_FOUND_ERROR, IS_A_DIRECTORY_ERROR, OS_ERROR, PERMISSION_ERROR};
use crate::objects::str::nargs;
use crate::{builtins::split_kw, ops, PyResult};
use std::cell::{Cell, RefCell};
use std::io::{Read, Seek, SeekFrom, Write};

pub struct FileObj {
    pub file: RefCell<Option<std::fs::File>>,
    pub name: String,
    pub mode: String,
    pub binary: bool,
    pub readable: bool,
    pub writable: bool,
    /// bytes read from the file but not consumed yet
    pub buf: RefCell<Vec<u8>>,
    pub closed: Cell<bool>,
}

crate::static_type!(TEXTFILE_TYPE, "TextIOWrapper", &crate::objects::typeobj::OBJECT_TYPE, File, FILE_METHODS);
crate::static_type!(BINFILE_TYPE, "BufferedReader", &crate::objects::typeobj::OBJECT_TYPE, File, FILE_METHODS);

fn os_error(e: &std::io::Error, path: &str) -> Exc {
    let (ty, errno, msg): (&'static crate::object::TypeObject, i64, &str) = match e.kind() {
        std::io::ErrorKind::NotFound => (&FILE_NOT_FOUND_ERROR, 2, "No such file or directory"),
        std::io::ErrorKind::PermissionDenied => (&PERMISSION_ERROR, 13, "Permission denied"),
        std::io::ErrorKind::AlreadyExists => (&FILE_EXISTS_ERROR, 17, "File exists"),
        _ => {
            if e.raw_os_error() == Some(21) || e.to_string().contains("directory") {
                (&IS_A_DIRECTORY_ERROR, 21, "Is a directory")
            } else {
                (&OS_ERROR, e.raw_os_error().unwrap_or(5) as i64, "Input/output error")
            }
        }
    };
    let v = new_exc_obj(ty, vec![Obj::int(errno), Obj::str(msg)]);
    let _ = crate::objects::exceptions::exc_setattr(&v, "filename", Obj::str(path));
    let _ = crate::objects::exceptions::exc_setattr(&v, "errno", Obj::int(errno));
    let _ = crate::objects::exceptions::exc_setattr(&v, "strerror", Obj::str(msg));
    Exc::from_value(v)
}

/// str(OSError) with errno and filename: "[Errno 2] No such file or directory: 'x'".
pub fn os_error_str(o: &Obj) -> Option<String> {
    let args = crate::objects::exceptions::exc_args(o);
    let items = crate::objects::tuple::tuple_items(&args);
    if items.len() != 2 || items[0].as_i64().is_none() {
        return None;
    }
    let base = format!("[Errno {}] {}", items[0].as_i64().unwrap(), ops::str_string(&items[1]).ok()?);
    match crate::objects::exceptions::exc_getattr(o, "filename") {
        Some(f) if !f.is_none() => {
            let f2 = crate::objects::exceptions::exc_getattr(o, "filename2").filter(|x| !x.is_none());
            match f2 {
                Some(f2) => Some(format!("{}: {} -> {}", base, ops::repr_string(&f).ok()?, ops::repr_string(&f2).ok()?)),
                None => Some(format!("{}: {}", base, ops::repr_string(&f).ok()?)),
            }
        }
        _ => Some(base),
    }
}

pub fn open(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    nargs("open", pos, 1, 3)?;
    let path = ops::str_string(&pos[0])?;
    let mut mode = match pos.get(1) {
        Some(m) => ops::str_string(m)?,
        None => "r".to_string(),
    };
    for (k, v) in kws {
        match k {
            "mode" => mode = ops::str_string(v)?,
            "encoding" | "errors" | "newline" | "buffering" => {}
            _ => return Err(type_error(format!("'{}' is an invalid keyword argument for open()", k))),
        }
    }
    let binary = mode.contains('b');
    let plus = mode.contains('+');
    let mut o = std::fs::OpenOptions::new();
    let (readable, writable) = match mode.chars().find(|c| "rwax".contains(*c)) {
        Some('r') => {
            o.read(true).write(plus);
            (true, plus)
        }
        Some('w') => {
            o.write(true).create(true).truncate(true).read(plus);
            (plus, true)
        }
        Some('a') => {
            o.append(true).create(true).read(plus);
            (plus, true)
        }
        Some('x') => {
            o.write(true).create_new(true).read(plus);
            (plus, true)
        }
        _ => return Err(value_error(format!("invalid mode: '{}'", mode))),
    };
    let f = o.open(&path).map_err(|e| os_error(&e, &path))?;
    if let Ok(m) = f.metadata() {
        if m.is_dir() {
            return Err(os_error(&std::io::Error::from_raw_os_error(21), &path));
        }
    }
    Ok(alloc(
        if binary { &BINFILE_TYPE } else { &TEXTFILE_TYPE },
        FileObj {
            file: RefCell::new(Some(f)),
            name: path,
            mode,
            binary,
            readable,
            writable,
            buf: RefCell::new(Vec::new()),
            closed: Cell::new(false),
        },
    ))
}

fn fo(o: &Obj) -> &FileObj {
    o.payload::<FileObj>(Layout::File).unwrap()
}

fn check_open(f: &FileObj) -> PyResult<()> {
    if f.closed.get() {
        return Err(value_error("I/O operation on closed file."));
    }
    Ok(())
}

fn io_err(e: std::io::Error, f: &FileObj) -> Exc {
    os_error(&e, &f.name)
}

/// Reads until `pred(buffer)` gives a split point or EOF.
fn fill_until(f: &FileObj, want: &dyn Fn(&[u8]) -> Option<usize>) -> PyResult<Vec<u8>> {
    loop {
        {
            let mut b = f.buf.borrow_mut();
            if let Some(n) = want(&b) {
                let rest = b.split_off(n);
                return Ok(std::mem::replace(&mut *b, rest));
            }
        }
        let mut chunk = [0u8; 8192];
        let n = f.file.borrow_mut().as_mut().unwrap().read(&mut chunk).map_err(|e| io_err(e, f))?;
        if n == 0 {
            return Ok(std::mem::take(&mut *f.buf.borrow_mut()));
        }
        f.buf.borrow_mut().extend_from_slice(&chunk[..n]);
    }
}

fn to_obj(f: &FileObj, data: Vec<u8>) -> PyResult {
    if f.binary {
        return Ok(Obj::bytes(&data));
    }
    let s = String::from_utf8(data).map_err(|_| {
        crate::objects::exceptions::new_exc(&crate::objects::exceptions::UNICODE_DECODE_ERROR, "'utf-8' codec can't decode bytes")
    })?;
    Ok(Obj::string(s.replace("\r\n", "\n")))
}

fn m_read(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let f = fo(this);
    check_open(f)?;
    if !f.readable {
        return Err(crate::objects::exceptions::new_exc(&crate::objects::exceptions::OS_ERROR, "not readable"));
    }
    let n = match a.get(0).filter(|x| !x.is_none()) {
        Some(n) => ops::index_value(n)?,
        None => -1,
    };
    let data = if n < 0 {
        fill_until(f, &|_| None)?
    } else if f.binary {
        let n = n as usize;
        fill_until(f, &move |b: &[u8]| if b.len() >= n { Some(n) } else { None })?
    } else {
        // n characters
        let n = n as usize;
        fill_until(f, &move |b: &[u8]| {
            let mut chars = 0;
            for (i, c) in b.iter().enumerate() {
                if (c & 0xc0) != 0x80 {
                    if chars == n {
                        return Some(i);
                    }
                    chars += 1;
                }
            }
            None
        })?
    };
    to_obj(f, data)
}

fn read_line(f: &FileObj) -> PyResult<Vec<u8>> {
    fill_until(f, &|b: &[u8]| b.iter().position(|&c| c == b'\n').map(|i| i + 1))
}

fn m_readline(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let f = fo(this);
    check_open(f)?;
    let l = read_line(f)?;
    to_obj(f, l)
}

fn m_readlines(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let f = fo(this);
    check_open(f)?;
    let mut out = Vec::new();
    loop {
        let l = read_line(f)?;
        if l.is_empty() {
            break;
        }
        out.push(to_obj(f, l)?);
    }
    Ok(crate::objects::list::new_list(out))
}

pub fn file_next(this: &Obj) -> PyResult<Option<Obj>> {
    let f = fo(this);
    check_open(f)?;
    let l = read_line(f)?;
    if l.is_empty() {
        return Ok(None);
    }
    Ok(Some(to_obj(f, l)?))
}

fn m_write(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("write", a, 1, 1)?;
    let f = fo(this);
    check_open(f)?;
    if !f.writable {
        return Err(crate::objects::exceptions::new_exc(&crate::objects::exceptions::OS_ERROR, "not writable"));
    }
    let (bytes, n): (Vec<u8>, usize) = if f.binary {
        let b = crate::objects::bytes::as_bytes(&a[0]).ok_or_else(|| type_error(format!("a bytes-like object is required, not '{}'", a[0].type_name())))?;
        (b.to_vec(), b.len())
    } else {
        let s = a[0].as_str().ok_or_else(|| type_error(format!("write() argument must be str, not {}", a[0].type_name())))?;
        (s.as_bytes().to_vec(), s.chars().count())
    };
    f.file.borrow_mut().as_mut().unwrap().write_all(&bytes).map_err(|e| io_err(e, f))?;
    Ok(Obj::int(n as i64))
}

fn m_writelines(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    nargs("writelines", a, 1, 1)?;
    for l in ops::collect_iterable(&a[0])? {
        m_write(this, &[l], k)?;
    }
    Ok(Obj::none())
}

fn m_close(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let f = fo(this);
    if let Some(mut file) = f.file.borrow_mut().take() {
        let _ = file.flush();
    }
    f.closed.set(true);
    Ok(Obj::none())
}
fn m_flush(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let f = fo(this);
    check_open(f)?;
    let _ = f.file.borrow_mut().as_mut().unwrap().flush();
    Ok(Obj::none())
}
fn m_enter(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    check_open(fo(this))?;
    Ok(this.clone())
}
fn m_exit(this: &Obj, _a: &[Obj], k: Option<&Obj>) -> PyResult {
    m_close(this, &[], k)?;
    Ok(Obj::bool(false))
}
fn m_seek(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("seek", a, 1, 2)?;
    let f = fo(this);
    check_open(f)?;
    let off = ops::index_value(&a[0])?;
    let whence = match a.get(1) {
        Some(w) => ops::index_value(w)?,
        None => 0,
    };
    f.buf.borrow_mut().clear();
    let pos = match whence {
        0 => SeekFrom::Start(off.max(0) as u64),
        1 => SeekFrom::Current(off),
        _ => SeekFrom::End(off),
    };
    let p = f.file.borrow_mut().as_mut().unwrap().seek(pos).map_err(|e| io_err(e, f))?;
    Ok(Obj::int(p as i64))
}
fn m_tell(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let f = fo(this);
    check_open(f)?;
    let p = f.file.borrow_mut().as_mut().unwrap().stream_position().map_err(|e| io_err(e, f))?;
    Ok(Obj::int(p as i64 - f.buf.borrow().len() as i64))
}
fn m_readable(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(fo(this).readable))
}
fn m_writable(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(fo(this).writable))
}
fn m_next(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    match file_next(this)? {
        Some(v) => Ok(v),
        None => Err(crate::objects::exceptions::stop_iteration()),
    }
}

pub fn file_getattr(o: &Obj, name: &str) -> Option<Obj> {
    let f = fo(o);
    match name {
        "name" => Some(Obj::str(&f.name)),
        "mode" => Some(Obj::str(&f.mode)),
        "closed" => Some(Obj::bool(f.closed.get())),
        "encoding" if !f.binary => Some(Obj::str("UTF-8")),
        _ => None,
    }
}

pub fn file_repr(o: &Obj) -> String {
    let f = fo(o);
    if f.binary {
        format!("<_io.BufferedReader name={}>", crate::objects::str::str_repr(&f.name))
    } else {
        format!("<_io.TextIOWrapper name={} mode={} encoding='UTF-8'>", crate::objects::str::str_repr(&f.name), crate::objects::str::str_repr(&f.mode))
    }
}

static FILE_METHODS: &[(&str, MethodFn)] = &[
    ("read", m_read),
    ("readline", m_readline),
    ("readlines", m_readlines),
    ("write", m_write),
    ("writelines", m_writelines),
    ("close", m_close),
    ("flush", m_flush),
    ("__enter__", m_enter),
    ("__exit__", m_exit),
    ("seek", m_seek),
    ("tell", m_tell),
    ("readable", m_readable),
    ("writable", m_writable),
    ("__next__", m_next),
];
