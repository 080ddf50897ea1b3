//! The command line speaks Vietnamese: no English word of clap's is left in
//! the help of `baocao` and `baocao build`, nor in its error messages.

use std::process::Command;

use crate::test::util::assert_holds;

/// What clap writes in English unless told otherwise.
const CLAP_WORDS: [&str; 12] = [
    "Usage",
    "Commands",
    "Options",
    "Arguments",
    "Print help",
    "Print version",
    "[default",
    "[possible values",
    "[OPTIONS]",
    "COMMAND",
    "error:",
    "For more information",
];

fn run(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .output()
        .expect("baocao runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

fn assert_vietnamese(args: &[&str], text: &str) {
    for w in CLAP_WORDS {
        assert!(
            !text.contains(w),
            "`baocao {}` prints {w:?}:\n{text}",
            args.join(" ")
        );
    }
}

#[test]
fn help_is_vietnamese() {
    for args in [&["--help"][..], &["build", "--help"], &["build", "-h"]] {
        let (ok, text) = run(args);
        assert!(ok, "{text}");
        assert_vietnamese(args, &text);
        assert_holds(
            &text,
            &["Cách dùng: baocao", "Tuỳ chọn:", "In hướng dẫn này"],
        );
    }
    let (_, root) = run(&["--help"]);
    assert!(
        root.contains("Lệnh:") && root.contains("In số phiên bản"),
        "{root}"
    );
    let (_, build) = run(&["build", "--help"]);
    assert_holds(
        &build,
        &["Tham số:", "[mặc định: inputs]", "[mặc định: out]"],
    );
}

#[test]
fn usage_errors_are_vietnamese() {
    for args in [
        &["biuld"][..],
        &["build", "--onyl", "x"],
        &["build", "-j", "hai"],
        &["build", "--out"],
        &["build", "--pdf-standard", "b"],
    ] {
        let (ok, text) = run(args);
        assert!(!ok, "{text}");
        assert!(text.starts_with("lỗi: "), "{text}");
        assert_vietnamese(args, &text);
    }
}
