//! The global allocator of wasm32 builds: size classes for small blocks over wasi-libc's
//! malloc (dlmalloc), in the spirit of CPython's pymalloc. Blocks of up to `MAX_SMALL` bytes
//! come from per-class free lists refilled from `CHUNK`-byte chunks; `dealloc` knows the
//! size from the layout, so blocks carry no header. Small-block memory is kept for reuse.
//! Larger or over-aligned requests go to the system allocator. Single-threaded (wasm32-wasi).
use std::alloc::{GlobalAlloc, Layout, System};

const GRAIN: usize = 8;
const MAX_SMALL: usize = 512;
const CLASSES: usize = MAX_SMALL / GRAIN;
const CHUNK: usize = 32 * 1024;

pub struct SizeClassAlloc;

static mut FREE: [*mut u8; CLASSES] = [std::ptr::null_mut(); CLASSES];

#[inline]
fn class_of(layout: &Layout) -> Option<usize> {
    let size = layout.size().max(1);
    if size <= MAX_SMALL && layout.align() <= GRAIN {
        Some((size + GRAIN - 1) / GRAIN - 1)
    } else {
        None
    }
}

#[cold]
unsafe fn refill(class: usize) -> *mut u8 {
    let block = (class + 1) * GRAIN;
    let chunk = System.alloc(Layout::from_size_align_unchecked(CHUNK, GRAIN));
    if chunk.is_null() {
        crate::io::on_alloc_failure();
        return chunk;
    }
    let count = CHUNK / block;
    for i in (1..count).rev() {
        let b = chunk.add(i * block);
        *(b as *mut *mut u8) = FREE[class];
        FREE[class] = b;
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
            Some(c) => {
                let head = FREE[c];
                if head.is_null() {
                    return refill(c);
                }
                FREE[c] = *(head as *mut *mut u8);
                head
            }
            None => checked(System.alloc(layout)),
        }
    }
    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        match class_of(&layout) {
            Some(c) => {
                *(ptr as *mut *mut u8) = FREE[c];
                FREE[c] = ptr;
            }
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

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static GLOBAL: SizeClassAlloc = SizeClassAlloc;

/// Native builds use the system allocator, only flushing the program's output when it fails.
pub struct FlushOnFailure;

unsafe impl GlobalAlloc for FlushOnFailure {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        checked(System.alloc(layout))
    }
    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        checked(System.realloc(ptr, layout, new_size))
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL_NATIVE: FlushOnFailure = FlushOnFailure;
