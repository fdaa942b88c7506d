//! The global allocator of compiled programs: size classes for small blocks over the system
//! allocator (wasi-libc's dlmalloc, glibc's malloc), in the spirit of CPython's pymalloc.
//! Blocks of up to `MAX_SMALL` bytes come from per-class free lists refilled from
//! `CHUNK`-byte chunks; `dealloc` knows the size from the layout, so blocks carry no header.
//! Small-block memory is kept for reuse. Larger or over-aligned requests go to the system
//! allocator. The runtime starts no threads of its own beyond the one that runs the program,
//! but a native test harness does: native builds keep the free lists per thread (a
//! thread-local access instead of the spin lock's two atomic operations, which were 85 % of
//! an allocation's time), wasm32 has one set. Natively this replaced glibc's malloc, which
//! spent a fifth of an object-heavy program's instructions (its per-thread cache keeps only
//! seven blocks per size).
use std::alloc::{GlobalAlloc, Layout, System};

const GRAIN: usize = 8;
const MAX_SMALL: usize = 512;
const CLASSES: usize = MAX_SMALL / GRAIN;
const CHUNK: usize = 32 * 1024;

pub struct SizeClassAlloc;

// The free lists: one set per thread natively (no lock: a block freed on another thread than
// the one that took it joins that thread's lists, which is fine as small blocks are never
// returned to the system); wasm32 has one thread and plain statics.
#[cfg(target_arch = "wasm32")]
static mut FREE: [*mut u8; CLASSES] = [std::ptr::null_mut(); CLASSES];

#[cfg(target_arch = "wasm32")]
#[inline(always)]
unsafe fn with_free<R>(f: impl FnOnce(&mut [*mut u8; CLASSES]) -> R) -> R {
    f(&mut FREE)
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static FREE: std::cell::UnsafeCell<[*mut u8; CLASSES]> =
        const { std::cell::UnsafeCell::new([std::ptr::null_mut(); CLASSES]) };
}

#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
unsafe fn with_free<R>(f: impl FnOnce(&mut [*mut u8; CLASSES]) -> R) -> R {
    FREE.with(|cell| f(&mut *cell.get()))
}

#[inline]
fn class_of(layout: &Layout) -> Option<usize> {
    let size = layout.size().max(1);
    if size <= MAX_SMALL && layout.align() <= GRAIN {
        Some((size + GRAIN - 1) / GRAIN - 1)
    } else {
        None
    }
}

/// A fresh chunk cut into blocks of `class`, put on `free`; null when the system has no
/// memory left.
#[cold]
unsafe fn refill(free: &mut [*mut u8; CLASSES], class: usize) -> *mut u8 {
    let block = (class + 1) * GRAIN;
    let chunk = System.alloc(Layout::from_size_align_unchecked(CHUNK, GRAIN));
    if chunk.is_null() {
        return chunk;
    }
    let count = CHUNK / block;
    for i in (1..count).rev() {
        let b = chunk.add(i * block);
        *(b as *mut *mut u8) = free[class];
        free[class] = b;
    }
    chunk // the first block goes to the caller
}

#[inline]
fn checked(p: *mut u8) -> *mut u8 {
    if p.is_null() {
        crate::io::on_alloc_failure();
    }
    p
}

unsafe impl GlobalAlloc for SizeClassAlloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match class_of(&layout) {
            Some(c) => checked(with_free(|free| {
                let head = free[c];
                if head.is_null() {
                    refill(free, c)
                } else {
                    free[c] = *(head as *mut *mut u8);
                    head
                }
            })),
            None => checked(System.alloc(layout)),
        }
    }
    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        match class_of(&layout) {
            Some(c) => with_free(|free| {
                *(ptr as *mut *mut u8) = free[c];
                free[c] = ptr;
            }),
            None => System.dealloc(ptr, layout),
        }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        match (class_of(&layout), class_of(&new_layout)) {
            (None, None) => checked(System.realloc(ptr, layout, new_size)),
            (Some(a), Some(b)) if a == b => ptr,
            _ => {
                let new = self.alloc(new_layout);
                if !new.is_null() {
                    std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
                new
            }
        }
    }
}

#[global_allocator]
static GLOBAL: SizeClassAlloc = SizeClassAlloc;

/// The global allocator called directly and inline, for the runtime's object blocks
/// (`object::alloc`, `object::free_as`). Through `Box` each allocation is three wasm calls
/// (`__rust_alloc`, `__rg_alloc`, `alloc`: rustc 1.63's allocator shim, which LLVM cannot
/// inline across) and each free two, each paying wasmtime's frame and stack check; here the
/// layout is a constant, so the size class folds and a hit is a free-list pop. The same
/// allocator and layout as `Box`'s, so either side may free the other's blocks. Null when out
/// of memory (the caller reports it as `Box` would).
#[inline(always)]
pub unsafe fn alloc_direct(layout: Layout) -> *mut u8 {
    GLOBAL.alloc(layout)
}

/// Frees a block of `alloc_direct` (or of `Box` with the same layout) inline.
#[inline(always)]
pub unsafe fn dealloc_direct(ptr: *mut u8, layout: Layout) {
    GLOBAL.dealloc(ptr, layout)
}
