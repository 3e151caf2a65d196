mod generated {
    include!(concat!(env!("OUT_DIR"), "/generated.rs"));
}

pub trait BlobStore {
    fn put(&mut self, data: &[u8]) -> u64;
    fn tag(&mut self, id: u64, tag: &str);
    fn metadata(&self, id: u64) -> BlobMetadata;
    fn stamp(&self, id: u64) -> Stamp;
    fn check(&mut self, stamp: Stamp) -> Nothing;
}

/// 12 bytes, which `main.zng` declares as at most 64.
#[derive(Debug)]
pub struct Stamp {
    id: u32,
    kind: u32,
    count: u32,
}

impl Stamp {
    fn sum(&self) -> u32 {
        self.id + self.kind + self.count
    }
}

#[derive(Debug)]
pub struct Nothing;

#[derive(Debug, Default)]
pub struct BlobMetadata {
    size: usize,
    tags: Vec<String>,
}

impl BlobMetadata {
    pub fn set_size(&mut self, size: usize) {
        self.size = size;
    }

    pub fn push_tag(&mut self, tag: &str) {
        self.tags.push(tag.to_owned());
    }
}

fn main() {
    let mut client = generated::new_blob_store_client();
    let greeting = client.put(b"hello world");
    client.tag(greeting, "greeting");
    client.tag(greeting, "english");
    let bytes = client.put(&[1, 2, 3]);
    println!("{greeting}: {:?}", client.metadata(greeting));
    println!("{bytes}: {:?}", client.metadata(bytes));
    stamps(client.as_mut());
    if std::env::args().any(|a| a == "unknown-blob") {
        println!("{:?}", client.metadata(99));
    }
    drop(client);
    println!("end of main");
}

/// Values of a `#layout_conservative` type and of a zero-sized one, made by
/// C++ and handed to Rust by a trait method, an `extern "C++"` function and
/// a C++ closure, and handed back to C++.
fn stamps(client: &mut dyn BlobStore) {
    let first = client.stamp(1);
    let made = generated::make_stamp(7);
    let stamper = generated::stamper(3);
    let (a, b) = (stamper(1), stamper(2));
    println!("{first:?}\n{made:?}\n{a:?}\n{b:?}");
    println!("sums {} {} {} {}", first.sum(), made.sum(), a.sum(), b.sum());
    println!("count {}", generated::stamp_count(made));
    println!("{:?} {:?}", client.check(first), generated::nothing());
}
