fn main() {
    zngc::Zngc::from_zng_file("main.zng")
        .with_crate_name("crate")
        .generate();
}
