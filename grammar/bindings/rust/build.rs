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
    println!("cargo:rerun-if-env-changed=PLAN_LINT_CHECK_RUST_ONLY");
    if target.starts_with("wasm32-unknown")
        && std::env::var_os("PLAN_LINT_CHECK_RUST_ONLY").is_some()
    {
        // `cargo check` links nothing, so the Rust code can be checked for
        // the browser without the C parser: Debian's clang 14 runs out of
        // memory (over 10 GB) compiling the 1.8 MB parser.c for wasm32.
        // scripts/check-wasm.sh sets this; a real wasm build does not.
        println!(
            "cargo:warning=PLAN_LINT_CHECK_RUST_ONLY: parser.c and scanner.c not compiled for {target}"
        );
        return;
    }
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
