//! `baocao`: the command line. Only this file prints and picks exit codes.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use baocao::batch::{self, BuildError, BuildOptions};
use baocao::vn::thousands;
use indicatif::{ProgressBar, ProgressStyle};

mod cli;

#[derive(Parser)]
#[command(
    name = "baocao",
    version,
    about = "Sinh văn bản PDF (phiếu đánh giá, danh sách xếp loại, báo cáo…) theo thể thức văn bản của Đảng từ dữ liệu cán bộ cấp xã",
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Kiểm tra dữ liệu và sinh toàn bộ văn bản vào thư mục kết quả
    Build {
        #[command(flatten)]
        opts: BuildOptions,
        /// Sau lần sinh đầu, theo dõi thư mục dữ liệu (và mẫu, phông chữ) và sinh lại khi có thay đổi; Ctrl-C để dừng
        #[arg(long)]
        watch: bool,
        /// (đo hiệu năng) In thống kê thời gian từng bước và bộ nhớ tối đa dạng JSON
        #[arg(long, hide = true)]
        stats: bool,
    },
    /// Kiểm tra dữ liệu và in tóm tắt, không ghi tệp nào
    Check {
        /// Thư mục dữ liệu
        #[arg(default_value = "inputs", value_name = "DỮ LIỆU")]
        inputs: PathBuf,
    },
    /// Sinh dữ liệu một tỉnh mẫu (hư cấu) để dùng thử và đo hiệu năng
    Sample {
        /// Thư mục ghi dữ liệu
        #[arg(default_value = "sample-province", value_name = "THƯ MỤC")]
        dir: PathBuf,
        /// Số cán bộ
        #[arg(long, default_value_t = 3555, value_name = "SỐ")]
        officials: usize,
        /// Số xã/phường
        #[arg(long, default_value_t = 56, value_name = "SỐ")]
        communes: usize,
        /// Hạt giống ngẫu nhiên: cùng hạt giống cho cùng dữ liệu
        #[arg(long, default_value_t = 1, value_name = "SỐ")]
        seed: u64,
        /// Ghi vào thư mục đã có dữ liệu (thay các tệp của tỉnh mẫu)
        #[arg(long)]
        force: bool,
        /// Ghi dữ liệu thành một bảng tính du-lieu.xlsx (kèm config.yaml) thay cho các tệp YAML
        #[arg(long)]
        xlsx: bool,
    },
    /// Ghi bảng tính mẫu để điền dữ liệu (du-lieu.xlsx, có trang "Hướng dẫn") và tệp cấu hình mẫu config.yaml
    Mau {
        /// Thư mục ghi hai tệp mẫu
        #[arg(default_value = ".", value_name = "THƯ MỤC")]
        dir: PathBuf,
        /// Ghi đè du-lieu.xlsx, config.yaml nếu đã có
        #[arg(long = "ghi-de", visible_alias = "force")]
        overwrite: bool,
    },
    /// (dành cho người phát triển) Dàn trang một mẫu với một view-model JSON
    #[command(hide = true)]
    DevRender {
        /// Tên mẫu (ví dụ: phieu-danh-gia.typ.j2)
        #[arg(value_name = "MẪU")]
        template: String,
        /// Tệp view-model JSON
        #[arg(value_name = "VIEW-MODEL")]
        vm: PathBuf,
        /// Tệp PDF ghi ra
        #[arg(value_name = "PDF")]
        out: PathBuf,
        /// Thư mục bộ mẫu
        #[arg(long, default_value = "report-templates", value_name = "THƯ MỤC")]
        templates: PathBuf,
        /// Ghi thêm mã Typst đã sinh
        #[arg(long, value_name = "TỆP")]
        typ: Option<PathBuf>,
    },
}

// Typst allocates a lot from every worker thread: mimalloc measured ≈ 9%
// more sheets per second on 2 threads than the system allocator. It keeps
// freed pages for its purge delay (1 s); the runner gives them back where
// the work changes (batch::memory).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let parsed = cli::vietnamese(Cli::command())
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
        .map_err(|e| e.apply::<cli::Vietnamese>());
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    match cli.command {
        Command::Build { opts, stats, watch } => {
            if let Err(e) = batch::cancel::install() {
                eprintln!("lỗi: {e}");
            }
            let code = build(&opts, stats);
            if watch {
                return watch_and_rebuild(&opts);
            }
            code
        }
        Command::Check { inputs } => match batch::load(&inputs) {
            Ok(ds) => {
                print_notices(&ds.notices);
                print!("{}", batch::summary(&ds));
                ExitCode::SUCCESS
            }
            Err(e) => report_error(e),
        },
        Command::Sample {
            dir,
            officials,
            communes,
            seed,
            force,
            xlsx,
        } => {
            let opts = baocao::sample::Options {
                officials,
                communes,
                seed,
            };
            let writer: baocao::sample::Writer = if xlsx {
                baocao::sample::xlsx::write
            } else {
                baocao::sample::yaml::write
            };
            match baocao::sample::write_with(&dir, &opts, force, writer) {
                Ok(summary) => {
                    println!("{}", summary.line(&dir, seed));
                    ExitCode::SUCCESS
                }
                Err(e @ baocao::sample::SampleError::Usage(_)) => {
                    eprintln!("lỗi: {e}");
                    ExitCode::from(2)
                }
                Err(e) => {
                    eprintln!("lỗi: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Mau { dir, overwrite } => match baocao::input::template::write(&dir, overwrite) {
            Ok(paths) => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                println!("Đã ghi mẫu nhập liệu: {}.", names.join(", "));
                println!(
                    "Điền dữ liệu vào các trang của {} (xem trang \"Hướng dẫn\"), sửa config.yaml, rồi chạy: baocao build {}",
                    baocao::input::template::WORKBOOK,
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(e @ baocao::input::template::TemplateError::Exists(_)) => {
                eprintln!("lỗi: {e}");
                ExitCode::from(2)
            }
            Err(e) => {
                eprintln!("lỗi: {e}");
                ExitCode::FAILURE
            }
        },
        Command::DevRender {
            template,
            vm,
            out,
            templates,
            typ,
        } => match batch::dev_render(&template, &vm, &out, &templates, typ.as_deref()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
    }
}

fn build(opts: &BuildOptions, stats: bool) -> ExitCode {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{bar:40}] {pos}/{len} văn bản ({per_sec}, còn {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    let progress = |done: usize, total: usize| {
        if bar.length() != Some(total as u64) {
            bar.set_length(total as u64);
        }
        bar.set_position(done as u64);
    };
    let result = batch::build(opts, Some(&progress));
    bar.finish_and_clear();
    match result {
        Ok(r) => {
            print_notices(&r.notices);
            let secs = format!("{:.1}", r.elapsed.as_secs_f64()).replace('.', ",");
            let unchanged = r.documents - r.typeset;
            let mut line = format!(
                "Đã tạo {} văn bản trong {secs} giây, tại {}",
                thousands(r.typeset as i64),
                r.dir.display()
            );
            if unchanged > 0 {
                line.push_str(&format!(
                    " ({} văn bản không đổi, giữ nguyên)",
                    thousands(unchanged as i64)
                ));
            }
            if !r.removed.is_empty() {
                line.push_str(&format!(
                    "; đã xoá {} tệp không còn dữ liệu tương ứng",
                    r.removed.len()
                ));
            }
            println!("{line}");
            if stats {
                let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
                eprintln!(
                    "{}",
                    serde_json::json!({
                        "documents": r.documents,
                        "typeset": r.typeset,
                        "written": r.written.len(),
                        "wall_ms": ms(r.elapsed),
                        "load_ms": ms(r.stages.load),
                        "compute_ms": ms(r.stages.compute),
                        "render_ms": ms(r.stages.render),
                        "typeset_ms": ms(r.stages.typeset),
                        "typeset_forms_ms": ms(r.stages.typeset_forms()),
                        "steps_ms": r
                            .stages
                            .steps
                            .iter()
                            .map(|(k, d)| (k.to_string(), ms(*d)))
                            .collect::<Vec<_>>(),
                        "typeset_by_kind_ms": r
                            .stages
                            .typeset_by_kind
                            .iter()
                            .map(|(k, d)| (k.to_string(), ms(*d)))
                            .collect::<std::collections::BTreeMap<_, _>>(),
                        "write_ms": ms(r.stages.write),
                        "peak_bytes": batch::peak_memory(),
                        "cpu_ms": batch::cpu_time().map(ms),
                    })
                );
            }
            if !r.times_new_roman {
                eprintln!(
                    "ghi chú: không có phông Times New Roman (--font-dir); đã dùng Liberation Serif cùng kích thước chữ."
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => report_error(e),
    }
}

/// `build --watch`: rebuild on every change until Ctrl-C.
fn watch_and_rebuild(opts: &BuildOptions) -> ExitCode {
    let mut paths = vec![opts.inputs.clone()];
    paths.extend(opts.templates.iter().cloned());
    paths.extend(opts.font_dir.iter().cloned());
    let ready = || {
        println!(
            "Đang theo dõi thay đổi trong {} (Ctrl-C để dừng)…",
            opts.inputs.display()
        )
    };
    let result = baocao::watch::watch(&paths, &opts.out, ready, |changed| {
        let names: Vec<String> = changed
            .iter()
            .take(3)
            .map(|p| {
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        println!("Thay đổi: {}; sinh lại…", names.join(", "));
        let _ = build(opts, false);
    });
    match result {
        Ok(()) => {
            println!("Đã dừng theo dõi.");
            ExitCode::from(130)
        }
        Err(e) => {
            eprintln!("lỗi: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Warnings and notes about the inputs, one line each, on stderr.
fn print_notices(notices: &[baocao::diag::Notice]) {
    for n in notices {
        eprintln!("{n}");
    }
}

fn report_error(e: BuildError) -> ExitCode {
    match e {
        BuildError::Usage(msg) => {
            eprintln!("lỗi: {msg}");
            ExitCode::from(2)
        }
        BuildError::Input(diags) => {
            eprint!("{}", diags.render());
            eprintln!(
                "Dữ liệu có {} lỗi; chưa tạo văn bản nào, thư mục kết quả giữ nguyên.",
                diags.len()
            );
            ExitCode::FAILURE
        }
        BuildError::Setup(msg) => {
            eprintln!("lỗi: {msg}");
            ExitCode::FAILURE
        }
        BuildError::Interrupted => {
            eprintln!(
                "Đã dừng theo yêu cầu (Ctrl-C); thư mục kết quả giữ nguyên như trước lần chạy này."
            );
            ExitCode::from(130)
        }
        BuildError::Documents(fails) => {
            for (path, why) in &fails {
                eprintln!("lỗi: {}: {why}", path.display());
            }
            eprintln!(
                "{} văn bản không tạo được; không thay đổi tệp nào trong thư mục kết quả.",
                fails.len()
            );
            ExitCode::FAILURE
        }
    }
}
