//! Embeds the default theme: writes `$OUT_DIR/default_theme.rs`, a table of every file under
//! `themes/default/` (path below it, bytes via `include_bytes!`), which `src/theme.rs` includes.
//! Cargo reruns this script when the folder or any file in it changes, so a new template is
//! picked up without a clean build.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const THEME: &str = "themes/default";

fn main() {
    let root = Path::new(THEME);
    println!("cargo:rerun-if-changed={THEME}");
    let mut files = Vec::new();
    collect(root, &mut files);
    files.sort();
    let mut table = String::from(
        "/// Every file of the default theme: its path below `themes/default/` and its bytes.\n\
         pub static FILES: &[(&str, &[u8])] = &[\n",
    );
    for file in &files {
        let name = file
            .strip_prefix(root)
            .expect("a file below the theme")
            .to_str()
            .expect("theme file names are UTF-8")
            .replace('\\', "/");
        println!("cargo:rerun-if-changed={}", file.display());
        writeln!(
            table,
            "    ({name:?}, include_bytes!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {:?}))),",
            format!("/{THEME}/{name}")
        )
        .expect("write to a string");
    }
    table.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("default_theme.rs"), table).expect("write default_theme.rs");
}

/// Every file below `dir`; folders are watched too, so that an added file reruns the script.
fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
