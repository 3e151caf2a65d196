fn main() {
    zngc::Zngc::from_zng_file("main.zng")
        .with_crate_name("crate")
        .with_zng_header_in_place()
        .with_cpp_source("debug.cpp")
        .generate()
        .compile("debug");
}
