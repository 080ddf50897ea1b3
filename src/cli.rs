//! The command line's Vietnamese face (used by `main.rs` only): clap's
//! headings, usage lines, help and version flags, default values and error
//! messages, which clap writes in English.

use std::fmt::Write as _;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};
use clap::{Arg, ArgAction, Command};

const OPTIONS: &str = "Tuỳ chọn";
const ARGUMENTS: &str = "Tham số";
const COMMANDS: &str = "Lệnh";
const COMMAND: &str = "LỆNH";
/// Help and version come after the command's own options, as in clap.
const LAST: usize = 10_000;

/// `cmd` (the derived command tree) with Vietnamese help everywhere.
pub fn vietnamese(cmd: Command) -> Command {
    let mut cmd = cmd.disable_help_flag(true).disable_version_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help("In hướng dẫn này")
            .help_heading(OPTIONS)
            .display_order(LAST)
            .global(true),
    );
    if cmd.get_version().is_some() {
        cmd = cmd.arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("In số phiên bản")
                .help_heading(OPTIONS)
                .display_order(LAST),
        );
    }
    localize(cmd, "")
}

/// One command and, recursively, its subcommands. `parent` is the usage
/// prefix ("baocao" for a subcommand of `baocao`).
fn localize(cmd: Command, parent: &str) -> Command {
    let path = if parent.is_empty() {
        cmd.get_name().to_string()
    } else {
        format!("{parent} {}", cmd.get_name())
    };
    let usage = usage(&cmd, &path);
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}Cách dùng:{} {{usage}}\n\n{{all-args}}{{after-help}}",
        cmd.get_styles().get_usage().render(),
        cmd.get_styles().get_usage().render_reset()
    );
    cmd.help_template(template)
        .override_usage(usage)
        .subcommand_help_heading(COMMANDS)
        .subcommand_value_name(COMMAND)
        .mut_args(localize_arg)
        .mut_subcommands(|sub| localize(sub, &path))
}

/// Under a Vietnamese heading, with its default value and its possible
/// values said in Vietnamese.
fn localize_arg(arg: Arg) -> Arg {
    let heading = if arg.is_positional() {
        ARGUMENTS
    } else {
        OPTIONS
    };
    let mut arg = arg.help_heading(heading);
    if !arg.get_action().takes_values() {
        return arg;
    }
    let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !arg.is_hide_default_value_set() && !defaults.is_empty() {
        let _ = write!(help, " [mặc định: {}]", defaults.join(" "));
        arg = arg.hide_default_value(true);
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !arg.is_hide_possible_values_set() && !values.is_empty() {
        let _ = write!(help, " [các giá trị: {}]", values.join(", "));
        arg = arg.hide_possible_values(true);
    }
    arg.help(help.trim_start().to_string())
}

/// The usage line clap would write, with Vietnamese placeholders:
/// `baocao build [TUỲ CHỌN] [DỮ LIỆU]`.
fn usage(cmd: &Command, path: &str) -> String {
    let mut s = path.to_string();
    let builtin = |a: &Arg| matches!(a.get_action(), ArgAction::Help | ArgAction::Version);
    if cmd
        .get_arguments()
        .any(|a| !a.is_positional() && !a.is_hide_set() && !builtin(a))
    {
        s.push_str(" [TUỲ CHỌN]");
    }
    for a in cmd.get_positionals().filter(|a| !a.is_hide_set()) {
        let name = a
            .get_value_names()
            .and_then(|n| n.first())
            .map(|n| n.to_string())
            .unwrap_or_else(|| a.get_id().as_str().to_uppercase());
        if a.is_required_set() {
            let _ = write!(s, " <{name}>");
        } else {
            let _ = write!(s, " [{name}]");
        }
    }
    if cmd.has_subcommands() {
        if cmd.is_subcommand_required_set() {
            let _ = write!(s, " <{COMMAND}>");
        } else {
            let _ = write!(s, " [{COMMAND}]");
        }
    }
    s
}

/// clap's errors in Vietnamese: `Error::apply::<Vietnamese>()`.
pub struct Vietnamese;

impl ErrorFormatter for Vietnamese {
    fn format_error(error: &clap::error::Error<Self>) -> StyledStr {
        let mut s = format!("lỗi: {}", message(error));
        for (kind, what) in [
            (ContextKind::SuggestedSubcommand, "lệnh"),
            (ContextKind::SuggestedArg, "tham số"),
            (ContextKind::SuggestedValue, "giá trị"),
        ] {
            if let Some(v) = error.get(kind) {
                let _ = write!(s, "\n\n  gợi ý: có {what} gần giống: {}", quoted(v));
            }
        }
        if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
            let usage = usage.to_string();
            let usage = usage.strip_prefix("Usage:").unwrap_or(&usage).trim();
            let _ = write!(s, "\n\nCách dùng: {usage}");
        }
        s.push_str("\n\nXem thêm: chạy với '--help'.\n");
        s.into()
    }
}

/// 'a' or 'a', 'b'.
fn quoted(v: &ContextValue) -> String {
    match v {
        ContextValue::String(s) => format!("'{s}'"),
        ContextValue::Strings(v) => v
            .iter()
            .map(|s| format!("'{s}'"))
            .collect::<Vec<_>>()
            .join(", "),
        other => format!("'{other}'"),
    }
}

fn string(error: &clap::error::Error<Vietnamese>, kind: ContextKind) -> String {
    match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// Why an argument's value does not parse, for the values we parse
/// (numbers); other reasons as the parser gives them.
fn reason(error: &clap::error::Error<Vietnamese>) -> Option<String> {
    use std::error::Error as _;
    use std::num::IntErrorKind;
    let source = error.source()?;
    Some(match source.downcast_ref::<std::num::ParseIntError>() {
        Some(e) => match e.kind() {
            IntErrorKind::Empty => "thiếu số".to_string(),
            IntErrorKind::PosOverflow => "số quá lớn".to_string(),
            IntErrorKind::NegOverflow => "số quá nhỏ".to_string(),
            _ => "không phải số tự nhiên".to_string(),
        },
        None => source.to_string(),
    })
}

fn message(error: &clap::error::Error<Vietnamese>) -> String {
    let arg = string(error, ContextKind::InvalidArg);
    let value = string(error, ContextKind::InvalidValue);
    match error.kind() {
        ErrorKind::UnknownArgument => format!("không nhận tham số '{arg}'"),
        ErrorKind::InvalidSubcommand => format!(
            "không có lệnh '{}'",
            string(error, ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue if value.is_empty() => format!("'{arg}' cần một giá trị"),
        ErrorKind::InvalidValue => {
            let mut m = format!("giá trị '{value}' không hợp lệ cho '{arg}'");
            let valid = string(error, ContextKind::ValidValue);
            if !valid.is_empty() {
                let _ = write!(m, " [các giá trị: {valid}]");
            }
            m
        }
        ErrorKind::ValueValidation => match reason(error) {
            Some(why) => format!("giá trị '{value}' không hợp lệ cho '{arg}': {why}"),
            None => format!("giá trị '{value}' không hợp lệ cho '{arg}'"),
        },
        ErrorKind::MissingRequiredArgument => format!("thiếu tham số bắt buộc: {arg}"),
        ErrorKind::MissingSubcommand => format!(
            "cần một lệnh: {}",
            string(error, ContextKind::ValidSubcommand)
        ),
        ErrorKind::ArgumentConflict => {
            let prior = string(error, ContextKind::PriorArg);
            if prior.is_empty() || prior == arg {
                format!("tham số '{arg}' chỉ được dùng một lần")
            } else {
                format!("không dùng được '{arg}' cùng với '{prior}'")
            }
        }
        ErrorKind::TooManyValues => format!("thừa giá trị '{value}' cho '{arg}'"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("'{arg}' không đủ giá trị")
        }
        ErrorKind::NoEquals => format!("'{arg}' cần dấu '=' trước giá trị"),
        ErrorKind::InvalidUtf8 => "tham số không phải văn bản UTF-8".to_string(),
        _ => "tham số dòng lệnh không hợp lệ".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd() -> Command {
        vietnamese(
            Command::new("baocao").subcommand_required(true).subcommand(
                Command::new("build")
                    .arg(Arg::new("inputs").default_value("inputs").help("Dữ liệu"))
                    .arg(
                        Arg::new("standard")
                            .long("standard")
                            .help("Chuẩn")
                            .default_value("a")
                            .value_parser(["a", "b"]),
                    )
                    .arg(
                        Arg::new("jobs")
                            .short('j')
                            .long("jobs")
                            .value_parser(clap::value_parser!(usize)),
                    ),
            ),
        )
    }

    fn error(args: &[&str]) -> String {
        let e = cmd().try_get_matches_from(args).unwrap_err();
        e.apply::<Vietnamese>().render().to_string()
    }

    #[test]
    fn defaults_and_usage_in_vietnamese() {
        let help = cmd()
            .find_subcommand_mut("build")
            .unwrap()
            .render_help()
            .to_string();
        assert!(help.contains("Dữ liệu [mặc định: inputs]"), "{help}");
        assert!(
            help.contains("Chuẩn [mặc định: a] [các giá trị: a, b]"),
            "{help}"
        );
        assert!(
            help.contains("Cách dùng: baocao build [TUỲ CHỌN] [INPUTS]"),
            "{help}"
        );
        assert!(
            !help.contains("default") && !help.contains("possible"),
            "{help}"
        );
    }

    #[test]
    fn errors_in_vietnamese() {
        let e = error(&["baocao", "biuld"]);
        assert!(e.starts_with("lỗi: không có lệnh 'biuld'"), "{e}");
        assert!(e.contains("gợi ý: có lệnh gần giống: 'build'"), "{e}");
        let e = error(&["baocao", "build", "-j", "hai"]);
        assert!(
            e.contains("giá trị 'hai' không hợp lệ cho '--jobs <jobs>': không phải số tự nhiên"),
            "{e}"
        );
        let e = error(&["baocao", "build", "--nope"]);
        assert!(e.contains("không nhận tham số '--nope'"), "{e}");
        assert!(e.contains("Cách dùng: baocao build [TUỲ CHỌN]"), "{e}");
        for english in ["error:", "Usage", "For more information", "tip:"] {
            assert!(!e.contains(english), "{english} in {e}");
        }
    }
}
