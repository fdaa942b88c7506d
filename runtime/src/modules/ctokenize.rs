//! `_tokenize` (CPython's Python-tokenize.c): the module exists so that `tokenize` imports
//! (3.12+'s `tokenize` imports it at the top, and `traceback`, `linecache` and `logging` import
//! `tokenize`), but the C tokenizer itself is not in the runtime: `TokenizerIter(...)` raises
//! NotImplementedError naming what is missing, never a wrong token stream.
use crate::object::Obj;
use crate::objects::builtin_fn::new_builtin;
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::new_exc;
use crate::PyResult;

fn tokenizer_iter(_args: &[Obj], _kw: Option<&Obj>) -> PyResult {
    Err(new_exc(
        &crate::objects::exc_types::NOT_IMPLEMENTED_ERROR,
        "_tokenize.TokenizerIter: CPython's C tokenizer (tokenize.generate_tokens and \
         tokenize.tokenize of Python 3.12+) is not part of the compiled runtime",
    ))
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_tokenize"))?;
    dict_set(&d, Obj::str("TokenizerIter"), new_builtin("TokenizerIter", tokenizer_iter))?;
    Ok(crate::objects::module::new_module("_tokenize", d))
}
