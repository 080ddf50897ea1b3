// The template library and fonts are embedded (include_dir!/include_bytes!):
// rebuild when they change.
fn main() {
    println!("cargo:rerun-if-changed=report-templates");
    println!("cargo:rerun-if-changed=fonts");
}
