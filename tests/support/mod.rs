//! The harness: a [`Test`] is one run of the real `baocao` binary in a
//! temporary folder (`inputs/`, `out/`): its inputs, arguments, exit status
//! and what it must print. The [`Outcome`] hands the test back, by `Deref`,
//! to read what the run wrote, and by [`Outcome::then`] to run again there.

pub mod pdf;

use std::ops::Deref;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_baocao");

/// The repository root (where `inputs/` and `tests/fixtures/` live).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[must_use]
pub struct Test {
    dir: TempDir,
    args: Vec<String>,
    /// ("stdout" or "stderr", a text it must contain).
    expect: Vec<(&'static str, String)>,
}

/// A finished run: its standard error, and the test for its folder.
pub struct Outcome {
    test: Test,
    pub stderr: String,
}

impl Test {
    /// An empty `inputs/`.
    pub fn new() -> Test {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("inputs")).unwrap();
        let (args, expect) = (Vec::new(), Vec::new());
        Test { dir, args, expect }
    }

    /// `tests/fixtures/<name>` as `inputs/`; "sample" is the sample province
    /// (the repository's `inputs/`).
    pub fn fixture(name: &str) -> Test {
        let t = Test::new();
        let src = match name {
            "sample" => root().join("inputs"),
            _ => root().join("tests/fixtures").join(name),
        };
        copy_dir(&src, &t.inputs());
        t
    }

    /// Write `text` to `inputs/<rel>`.
    pub fn write(self, rel: &str, text: &str) -> Self {
        let p = self.inputs().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    /// Replace the first `from` in `inputs/<rel>` by `to` (`from` must be there).
    pub fn edit(self, rel: &str, from: &str, to: &str) -> Self {
        let text = std::fs::read_to_string(self.inputs().join(rel)).unwrap();
        assert!(text.contains(from), "{from:?} not in {rel}");
        let text = text.replacen(from, to, 1);
        self.write(rel, &text)
    }

    /// Cut `inputs/<rel>` just before `from`.
    pub fn cut(self, rel: &str, from: &str) -> Self {
        let text = std::fs::read_to_string(self.inputs().join(rel)).unwrap();
        let at = text.find(from).expect("the text to cut at");
        self.write(rel, &text[..at])
    }

    /// Remove `inputs/<rel>`; `clean` removes `out/`.
    pub fn remove(self, rel: &str) -> Self {
        std::fs::remove_file(self.inputs().join(rel)).unwrap();
        self
    }

    pub fn clean(self) -> Self {
        std::fs::remove_dir_all(self.out()).unwrap();
        self
    }

    pub fn arg(mut self, arg: &str) -> Self {
        self.args.push(arg.to_string());
        self
    }

    pub fn args<'a>(self, args: impl IntoIterator<Item = &'a str>) -> Self {
        args.into_iter().fold(self, Test::arg)
    }

    pub fn stdout_has(mut self, s: &str) -> Self {
        self.expect.push(("stdout", s.to_string()));
        self
    }

    pub fn stderr_has(mut self, s: &str) -> Self {
        self.expect.push(("stderr", s.to_string()));
        self
    }

    #[track_caller]
    pub fn success(self) -> Outcome {
        self.status(0)
    }

    /// Exit status 1: problems in the data, or a document failed.
    #[track_caller]
    pub fn failure(self) -> Outcome {
        self.status(1)
    }

    /// Run `baocao` in the folder; check the exit status and the output.
    #[track_caller]
    pub fn status(self, code: i32) -> Outcome {
        let mut cmd = std::process::Command::new(BIN);
        let out = cmd.args(&self.args).current_dir(self.path()).output();
        let out = out.expect("run baocao");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let args = self.args.join(" ");
        let run = format!("baocao {args}\n--- stdout:\n{stdout}\n--- stderr:\n{stderr}");
        assert_eq!(out.status.code(), Some(code), "exit status of {run}");
        for (stream, s) in &self.expect {
            let seen = if *stream == "stdout" {
                &stdout
            } else {
                &stderr
            };
            assert!(seen.contains(s.as_str()), "{stream} lacks {s:?}: {run}");
        }
        let test = Test {
            expect: Vec::new(),
            args: Vec::new(),
            ..self
        };
        Outcome { test, stderr }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn inputs(&self) -> PathBuf {
        self.path().join("inputs")
    }

    pub fn out(&self) -> PathBuf {
        self.path().join("out")
    }

    /// The bytes of `out/<rel>`.
    pub fn read(&self, rel: &str) -> Vec<u8> {
        let p = self.out().join(rel);
        std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    /// The text of the PDF `out/<rel>` (through `pdf-extract`, in the order
    /// it was drawn), white space runs squashed to one space: line breaks in
    /// tables and justified text do not matter for content checks.
    pub fn text(&self, rel: &str) -> String {
        let text = pdf_extract::extract_text_from_mem(&self.read(rel)).expect("pdf text");
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The layout of the PDF `out/<rel>`.
    pub fn pages(&self, rel: &str) -> Vec<pdf::Page> {
        pdf::read(self.read(rel))
    }

    /// Every file under the folder `<rel>` with its bytes, by '/'-separated
    /// path relative to it, sorted.
    pub fn snapshot(&self, rel: &str) -> Vec<(String, Vec<u8>)> {
        let dir = self.path().join(rel);
        let entries = walkdir::WalkDir::new(&dir).into_iter().map(Result::unwrap);
        let file = |e: walkdir::DirEntry| {
            let rel = e.path().strip_prefix(&dir).unwrap().to_string_lossy();
            (rel.replace('\\', "/"), std::fs::read(e.path()).unwrap())
        };
        let mut files: Vec<_> = entries
            .filter(|e| e.file_type().is_file())
            .map(file)
            .collect();
        files.sort();
        files
    }

    /// The PDFs under `out/`, by path relative to it.
    pub fn pdfs(&self) -> Vec<String> {
        let files = self.snapshot("out").into_iter().map(|(p, _)| p);
        files.filter(|p| p.ends_with(".pdf")).collect()
    }
}

impl Outcome {
    /// Another run in the same folder.
    pub fn then(self) -> Test {
        self.test
    }
}

impl Deref for Outcome {
    type Target = Test;
    fn deref(&self) -> &Test {
        &self.test
    }
}

pub fn copy_dir(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let target = dst.join(entry.path().strip_prefix(src).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
