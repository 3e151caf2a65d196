mod generated {
    include!(concat!(env!("OUT_DIR"), "/generated.rs"));
}

pub trait BlobStore {
    fn put(&mut self, data: &[u8]) -> u64;
    fn tag(&mut self, id: u64, tag: &str);
    fn metadata(&self, id: u64) -> BlobMetadata;
}

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
    if std::env::args().any(|a| a == "unknown-blob") {
        println!("{:?}", client.metadata(99));
    }
    drop(client);
    println!("end of main");
}
