//! `_tokenize` (CPython's Python-tokenize.c): `TokenizerIter(readline, *, extra_tokens,
//! encoding=None)`, the C tokenizer that 3.12+'s `tokenize.generate_tokens` /
//! `tokenize.tokenize` run on, over the lexer of pylexer.rs. It yields CPython's tuples
//! `(type, string, (srow, scol), (erow, ecol), line)` with the token numbers of the bytecode's
//! version (3.12, 3.13 and 3.14 number them differently), raises SyntaxError /
//! IndentationError / TabError as the C tokenizer does, and warns about `\{` in f-strings.
//! Only the mode `tokenize` uses (`extra_tokens=True`) is here; the parser's own token stream
//! (`extra_tokens=False`) is a NotImplementedError naming it.
use super::pylexer::{Dialect, ErrKind, Kind, LexError, Lexer, Token};
use crate::modules::native_class::{bind, opt};
use crate::object::Obj;
use crate::objects::builtin_fn::new_builtin;
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exc_types::{INDENTATION_ERROR, NOT_IMPLEMENTED_ERROR, STOP_ITERATION, SYNTAX_ERROR, SYNTAX_WARNING, TAB_ERROR};
use crate::objects::exceptions::{exc_new, exc_setattr, new_exc, type_error, Exc};
use crate::PyResult;

crate::static_type!(TOKENIZER_ITER_TYPE, "TokenizerIter", &crate::objects::typeobj::OBJECT_TYPE, DynIter, &[]);

/// token.py's numbers for the bytecode's version
fn token_number(kind: Kind, minor: u32) -> i64 {
    let (fstart, comment) = match minor {
        12 => (61, 64),
        13 => (59, 62),
        _ => (59, 65),
    };
    match kind {
        Kind::EndMarker => 0,
        Kind::Name => 1,
        Kind::Number => 2,
        Kind::Str => 3,
        Kind::Newline => 4,
        Kind::Indent => 5,
        Kind::Dedent => 6,
        Kind::Op => 55,
        Kind::FStart => fstart,
        Kind::FMiddle => fstart + 1,
        Kind::FEnd => fstart + 2,
        Kind::TStart => 62,
        Kind::TMiddle => 63,
        Kind::TEnd => 64,
        Kind::Comment => comment,
        Kind::Nl => comment + 1,
    }
}

fn token_tuple(t: Token, minor: u32) -> Obj {
    let pair = |p: (usize, usize)| Obj::tuple2(Obj::int(p.0 as i64), Obj::int(p.1 as i64));
    Obj::tuple(vec![
        Obj::int(token_number(t.kind, minor)),
        Obj::string(t.text),
        pair(t.start),
        pair(t.end),
        Obj::string(t.line),
    ])
}

fn lex_error(kind: ErrKind, msg: String, lineno: usize, offset: usize, text: Option<String>) -> Exc {
    let ty = match kind {
        ErrKind::Syntax => &SYNTAX_ERROR,
        ErrKind::Indentation => &INDENTATION_ERROR,
        ErrKind::Tab => &TAB_ERROR,
    };
    let (lineno, offset) = (Obj::int(lineno as i64), Obj::int(offset as i64));
    let details = match (kind, text) {
        // the C tokenizer reports running out of input mid-statement with a location only
        (ErrKind::Syntax, None) if msg.starts_with("unexpected EOF") => None,
        (ErrKind::Syntax, text) => Some(vec![
            Obj::str("<string>"),
            lineno.clone(),
            offset.clone(),
            text.map(Obj::string).unwrap_or_else(Obj::none),
            lineno.clone(),
            offset.clone(),
        ]),
        (_, text) => Some(vec![
            Obj::str("<string>"),
            lineno.clone(),
            offset.clone(),
            text.map(Obj::string).unwrap_or_else(Obj::none),
            Obj::none(),
            Obj::none(),
        ]),
    };
    let args = match &details {
        Some(d) => vec![Obj::string(msg), Obj::tuple(d.clone())],
        None => vec![Obj::string(msg)],
    };
    match exc_new(ty, &args, None) {
        Ok(e) => {
            if details.is_none() {
                let _ = exc_setattr(&e, "lineno", lineno);
                let _ = exc_setattr(&e, "offset", offset);
            }
            Exc::from_value(e)
        }
        Err(e) => e,
    }
}

fn escape_warning(brace: char, minor: u32) -> String {
    if minor >= 14 {
        format!(
            "\"\\{b}\" is an invalid escape sequence. Such sequences will not work in the future. \
             Did you mean \"\\\\{b}\"? A raw string is also an option.",
            b = brace
        )
    } else {
        format!("invalid escape sequence '\\{}'", brace)
    }
}

fn read_line(readline: &Obj, encoding: Option<&Obj>) -> PyResult<Option<String>> {
    let line = match crate::printer_support::call0(readline) {
        Ok(l) => l,
        Err(e) if e.is_instance(&STOP_ITERATION) => return Ok(None),
        Err(e) => return Err(e),
    };
    let line = match encoding {
        Some(enc) if line.as_str().is_none() => crate::call_method(&line, "decode", vec![enc.clone()], None)?,
        _ => line,
    };
    match line.as_str() {
        Some(s) => Ok(Some(s.to_string())),
        None => Err(type_error("readline() returned a non-string object")),
    }
}

fn tokenizer_iter(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("TokenizerIter", a, kw, &["readline", "extra_tokens", "encoding"], 1, 2)?;
    let readline = v[0].clone().unwrap();
    if !crate::ops::is_true(v[1].as_ref().unwrap())? {
        return Err(new_exc(
            &NOT_IMPLEMENTED_ERROR,
            "_tokenize.TokenizerIter(extra_tokens=False): the parser's token stream is not part of \
             the compiled runtime (tokenize's extra_tokens=True mode is)",
        ));
    }
    let encoding = opt(&v[2]).cloned();
    let minor = crate::modules::sys::python_minor();
    let mut lexer = Lexer::new(move || read_line(&readline, encoding.as_ref()), Dialect { minor });
    let next = move || -> PyResult<Option<Obj>> {
        let token = lexer.next_token();
        for (brace, line) in std::mem::take(&mut lexer.warnings) {
            crate::modules::warnings::warn_explicit_at(&SYNTAX_WARNING, &escape_warning(brace, minor), "<string>", line as i64)?;
        }
        match token {
            Ok(Some(t)) => Ok(Some(token_tuple(t, minor))),
            Ok(None) => Ok(None),
            Err(LexError::Read(e)) => Err(e),
            Err(LexError::Lex { kind, msg, lineno, offset, text }) => Err(lex_error(kind, msg, lineno, offset, text)),
        }
    };
    Ok(crate::objects::iter::dyn_iter(&TOKENIZER_ITER_TYPE, Box::new(next)))
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_tokenize"))?;
    dict_set(&d, Obj::str("TokenizerIter"), new_builtin("TokenizerIter", tokenizer_iter))?;
    Ok(crate::objects::module::new_module("_tokenize", d))
}
