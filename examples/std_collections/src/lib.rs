#[rustfmt::skip]
mod generated;

use std::collections::HashMap;

/// The map's entries in key order, as `k=v` pairs.
pub fn sorted_summary(map: &HashMap<i32, i32>) -> String {
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort();
    entries
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}
