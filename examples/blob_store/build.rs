fn main() {
    zngc::Zngc::from_zng_file("main.zng")
        .with_crate_name("crate")
        .with_cpp_source("blob_store.cpp")
        .generate()
        .compile("blob_store");
}
