//! Checking a file frees everything it allocated. The parser is built anew
//! for every file, so a leak there grows without bound in a long-lived
//! process — a build script checking many files, an editor, or the fuzzer,
//! which found one (a reference cycle in the grammar's recursive parsers)
//! when it ran out of memory.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use zngc::check::{check_in_memory, CfgSet};

/// The system allocator, counting the bytes currently allocated by each
/// thread: the test harness's own threads allocate at their own times, which
/// must not count against the check.
struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
}

fn count(bytes: isize) {
    // During thread teardown the counter may be gone; nothing to count then.
    let _ = LIVE.try_with(|live| live.set(live.get() + bytes));
}

fn signed(size: usize) -> isize {
    isize::try_from(size).unwrap_or(isize::MAX)
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(signed(layout.size()));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-signed(layout.size()));
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(signed(new_size) - signed(layout.size()));
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
    let before = LIVE.with(Cell::get);
    for _ in 0..times {
        check();
    }
    LIVE.with(Cell::get) - before
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
