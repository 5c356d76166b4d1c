// The layouts are embedded with include_dir!, which notices changes to the
// files it embedded but not new files: rebuild whenever layouts/ changes.
fn main() {
    println!("cargo:rerun-if-changed=layouts");
}
