//! Compiles the committed, generated parser (src/parser.c) and the external
//! scanner (src/scanner.c). Only a C compiler is needed: the tree-sitter CLI
//! is used by CI to check that parser.c is current, never by `cargo build`.

fn main() {
    let src_dir = std::path::Path::new("src");

    let mut c_config = cc::Build::new();
    c_config
        .std("c11")
        .include(src_dir)
        .flag_if_supported("-Wno-unused-parameter")
        .flag_if_supported("-Wno-unused-but-set-variable")
        .flag_if_supported("-Wno-trigraphs");
    #[cfg(target_env = "msvc")]
    c_config.flag("-utf-8");
    let target = std::env::var("TARGET").unwrap_or_default();
    if target.starts_with("wasm32-unknown") {
        let headers = std::env::var("DEP_TREE_SITTER_LANGUAGE_WASM_HEADERS").expect(
            "tree-sitter-language exports its wasm libc headers for wasm32-unknown targets",
        );
        c_config.include(headers);
    }

    for file in ["parser.c", "scanner.c"] {
        let path = src_dir.join(file);
        c_config.file(&path);
        println!("cargo:rerun-if-changed={}", path.to_str().unwrap());
    }
    c_config.compile("tree-sitter-plan");
}
