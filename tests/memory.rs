//! Checking a file frees everything it allocated. The parser is built anew
//! for every file, so a leak there grows without bound in a long-lived
//! process — a build script checking many files, an editor, or the fuzzer,
//! which found one (a reference cycle in the grammar's recursive parsers)
//! when it ran out of memory.

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicIsize, Ordering};

use zngc::check::{check_in_memory, CfgSet};

/// The system allocator, counting the bytes currently allocated.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

fn signed(size: usize) -> isize {
    isize::try_from(size).unwrap_or(isize::MAX)
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(signed(layout.size()), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(signed(layout.size()), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(signed(new_size) - signed(layout.size()), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes still allocated after checking `text` `times` times, beyond what
/// one first check leaves (lazily initialised statics and the like).
fn growth(text: &str, times: usize) -> isize {
    let files = BTreeMap::from([(PathBuf::from("main.zng"), text.as_bytes().to_vec())]);
    let cfg = CfgSet::new();
    let check = || drop(check_in_memory(Path::new("main.zng"), &files, &cfg));
    check();
    let before = LIVE.load(Ordering::Relaxed);
    for _ in 0..times {
        check();
    }
    LIVE.load(Ordering::Relaxed) - before
}

#[test]
fn checking_frees_everything() {
    let valid = "mod crate {\n  type A {\n    #if cfg!(feature.x) { #layout(size = 8, align = 8); } #else { #heap_allocated; }\n    fn f(&self, &[u8]) -> Box<dyn Fn(i32) -> i32>;\n  }\n}\n";
    // Broken, so that the parser runs a second time with full error detail.
    let broken = "type crate::A { #layout(size = 8, align = 8) fn f(&self); }\n#if cfg!(a) && {";
    // The input on which `cargo fuzz` ran out of memory.
    let fuzzed = "#if cfg!(feature.\"\")&&&&&&&&&&&& {\n    type crate::A }}}}}}}}&&&&&&&&f, &&&&}}}}}{ #heap_allocated; }f cfg!(feature.\"\")&&&&2);\n}&&&& {\n";
    for (name, text) in [("valid", valid), ("broken", broken), ("fuzzed", fuzzed)] {
        let leaked = growth(text, 20);
        assert!(
            leaked <= 0,
            "checking the {name} file 20 times left {leaked} more bytes allocated"
        );
    }
}
