use typst::LibraryExt;
fn main() {
    let _ = typst::Library::default();
}
