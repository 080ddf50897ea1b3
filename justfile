# Recipes for `just` (optional: `cargo install just`); each is a plain cargo command.

# Build the sample province in inputs/ into out/
build:
    cargo run --release -- build

# Validate the sample province without writing anything
check:
    cargo run --release -- check

# The whole test suite
test:
    cargo test

# Formatting and lints, as CI expects them
lint:
    cargo fmt --all -- --check
    cargo clippy --all-targets -- -D warnings

# Whole-province benchmark (3,555 officials in 56 communes); options, e.g.
# `just bench --only phieu-danh-gia,danh-sach-xep-loai,ho-so --no-double`
bench *ARGS:
    cargo bench --bench province -- {{ARGS}}
