//! The memory allocator of the `plan-lint` binary: mimalloc, for Rust's
//! allocations and for the tree-sitter runtime's (C) alike.
//!
//! A check allocates small strings and vectors for every line, and
//! tree-sitter a node for every token; with mimalloc a whole-corpus check
//! takes about a tenth less time than with the system allocator. The
//! benches that stand for the binary (`benches/check.rs`,
//! `lsp/benches/latency.rs`) include this file, so that they measure what
//! users run.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Routes tree-sitter's allocations to mimalloc too. Call it first thing,
/// before any parser or tree exists.
pub fn install() {
    // SAFETY: `set_allocator` must run before any tree-sitter object
    // exists and not concurrently with other tree-sitter calls: callers
    // call this once, first, on the main thread. mimalloc's functions have
    // the C allocator signatures tree-sitter expects.
    unsafe {
        tree_sitter::set_allocator(Some(tree_sitter::Allocator {
            malloc: libmimalloc_sys::mi_malloc,
            calloc: libmimalloc_sys::mi_calloc,
            realloc: libmimalloc_sys::mi_realloc,
            free: libmimalloc_sys::mi_free,
        }));
    }
}
