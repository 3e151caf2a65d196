//! Reading the probe's array out of a compiled library: an rlib or static
//! library (an archive of object files), a shared library or an object
//! file, in the byte order of its target.

use object::read::archive::ArchiveFile;
use object::{Endianness, Object, ObjectSection, ObjectSymbol};

use super::probe::{HEADER, MAGIC, SYMBOL};

/// The values after the header, if `data` holds the probe with identity
/// `id`.
pub fn read_probe(data: &[u8], id: u64) -> Option<Vec<u64>> {
    if let Ok(archive) = ArchiveFile::parse(data) {
        return archive
            .members()
            .filter_map(Result::ok)
            .filter_map(|member| member.data(data).ok())
            .find_map(|member| read_object(member, id));
    }
    read_object(data, id)
}

fn read_object(data: &[u8], id: u64) -> Option<Vec<u64>> {
    let file = object::File::parse(data).ok()?;
    let symbol = file
        .symbols()
        .chain(file.dynamic_symbols())
        .find(|s| s.name().is_ok_and(is_probe_name))?;
    let section = file.section_by_index(symbol.section_index()?).ok()?;
    let bytes = section.data().ok()?;
    let start = usize::try_from(symbol.address().checked_sub(section.address())?).ok()?;
    let words = bytes.get(start..)?;
    let little = file.endianness() == Endianness::Little;
    let word = |i: usize| -> Option<u64> {
        let start = i.checked_mul(8)?;
        let raw: [u8; 8] = words.get(start..start.checked_add(8)?)?.try_into().ok()?;
        Some(if little {
            u64::from_le_bytes(raw)
        } else {
            u64::from_be_bytes(raw)
        })
    };
    if [word(0)?, word(1)?] != MAGIC || word(2)? != id {
        return None;
    }
    let count = usize::try_from(word(3)?).ok()?;
    (HEADER..HEADER.checked_add(count)?).map(word).collect()
}

/// Mach-O and 32-bit Windows prefix C symbols with `_`.
fn is_probe_name(name: &str) -> bool {
    name == SYMBOL || name.strip_prefix('_') == Some(SYMBOL)
}
