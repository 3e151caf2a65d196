fn main() {
    let generated = zngc::Zngc::from_zng_file("main.zng")
        .with_crate_name("crate")
        .with_zng_header_in_place()
        .with_cpp_source("tally.cpp")
        .generate();
    // The generated header includes tally.h from this folder.
    let mut build = generated.cc_build();
    build.include(env!("CARGO_MANIFEST_DIR"));
    generated.compile_with(build, "tally");
}
