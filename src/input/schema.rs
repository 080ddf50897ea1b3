//! The one declaration of every entity's fields (data-model.md,
//! workbooks.md): name, Vietnamese column name, required or not, and the kind
//! of value. [`entity!`] turns a declaration into the entity's decoder (used
//! for YAML and workbooks alike) and into [`Schema::FIELDS`], which the
//! workbook reader, the template writer and the documentation read.

use super::data::*;
use super::decode::Decoder;
use super::node::Node;
use super::text::key;

/// What a field holds.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// One line of text (trimmed, not empty).
    Text,
    /// Free text, kept as written (line breaks too); may be empty.
    FreeText,
    /// A lowercase ASCII id such as `hoa-an`.
    Slug,
    Date,
    /// `2026-H1`, `2026-Q3`, `2026`.
    Period,
    /// Yes or no.
    Bool,
    /// A whole number in `min..=max`.
    Int {
        min: i64,
        max: i64,
    },
    /// One of a code list.
    Code(Codes),
    /// A list of values (in a cell: separated by `,` or `;`).
    List(&'static Kind),
    /// The id of an entity of the named list (`communes`, `officials`, …).
    Ref(&'static str),
    /// A group of fields (in a sheet: one column per field, `requires.education`).
    Nested(&'static [Field]),
    /// A list of records (in a workbook: a sheet of its own, see `CHILD_SHEETS`).
    Rows,
}

/// The codes of a code list and their Vietnamese labels, in the same order.
#[derive(Debug, Clone, Copy)]
pub struct Codes {
    pub codes: &'static [&'static str],
    pub labels: &'static [&'static str],
}

impl Codes {
    /// The index of the code or label `s` (case-insensitive; a label's short
    /// form — "Đảng" for "khối Đảng", "Miền núi" for "miền núi - vùng đồng
    /// bào DTTS" — when no other entry has the same short form).
    pub fn find(&self, s: &str) -> Option<usize> {
        let k = key(s);
        let exact = |i: usize| key(self.codes[i]) == k || key(self.labels[i]) == k;
        if let Some(i) = (0..self.codes.len()).find(|&i| exact(i)) {
            return Some(i);
        }
        let mut short = (0..self.labels.len()).filter(|&i| short_form(self.labels[i]) == k);
        match (short.next(), short.next()) {
            (Some(i), None) => Some(i),
            _ => None,
        }
    }
}

/// "khối Đảng" → "đảng"; "Cao cấp, cử nhân" → "cao cấp"; "A - B" → "a".
fn short_form(label: &str) -> String {
    let k = key(label);
    let k = k.strip_prefix(&format!("{} ", key("khối"))).unwrap_or(&k);
    let cut = [" - ", ", "]
        .iter()
        .filter_map(|sep| k.find(sep))
        .min()
        .unwrap_or(k.len());
    k[..cut].to_string()
}

/// One field of an entity.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The field name of data-model.md (the YAML key).
    pub name: &'static str,
    /// The column header in a workbook (workbooks.md); empty for YAML-only fields.
    pub column: &'static str,
    pub required: bool,
    pub kind: Kind,
}

/// An entity type with a declared schema.
pub trait Schema: Sized {
    const FIELDS: &'static [Field];
    fn decode(d: &mut Decoder, n: &Node, path: &str) -> Option<Self>;
}

/// An enum of `data.rs`'s `codes!` lists.
pub trait CodeList: Copy + 'static {
    const LIST: Codes;
    fn nth(i: usize) -> Self;
}

macro_rules! code_lists {
    ($($t:ty),*) => {$(
        impl CodeList for $t {
            const LIST: Codes = Codes { codes: <$t>::CODES, labels: <$t>::LABELS };
            fn nth(i: usize) -> $t {
                <$t>::ALL[i]
            }
        }
    )*};
}

code_lists!(
    CommuneKind,
    Region,
    Bloc,
    Gender,
    Education,
    PoliticalTheory,
    ItSkill,
    Major,
    CourseKind,
    TrainingStatus,
    GovernmentLayout,
    SurveyChannel
);

/// A column of a sheet: a leaf field and the path to it from the record.
#[derive(Debug, Clone)]
pub struct Column {
    /// `["requires", "education"]`.
    pub path: Vec<&'static str>,
    pub field: &'static Field,
    /// Required, and every group on its path is required too.
    pub required: bool,
}

impl Column {
    /// The dotted field path, `requires.education`.
    pub fn dotted(&self) -> String {
        self.path.join(".")
    }
}

/// The columns of a sheet for `fields`, in declaration order; lists of
/// records (their own sheets) and YAML-only fields are left out.
pub fn columns(fields: &'static [Field]) -> Vec<Column> {
    fn walk(
        fields: &'static [Field],
        prefix: &[&'static str],
        required: bool,
        out: &mut Vec<Column>,
    ) {
        for f in fields {
            let mut path = prefix.to_vec();
            path.push(f.name);
            match f.kind {
                Kind::Rows => {}
                Kind::Nested(sub) => walk(sub, &path, required && f.required, out),
                _ if f.column.is_empty() => {}
                _ => out.push(Column {
                    path,
                    field: f,
                    required: required && f.required,
                }),
            }
        }
    }
    let mut out = Vec::new();
    walk(fields, &[], true, &mut out);
    out
}

/// `true` for `req`, the mode of a required field.
macro_rules! required {
    (req) => {
        true
    };
    ($other:ident) => {
        false
    };
}

/// The [`Kind`] of a kind token.
macro_rules! kind {
    (text) => { $crate::input::schema::Kind::Text };
    (line) => { $crate::input::schema::Kind::FreeText };
    (free) => { $crate::input::schema::Kind::FreeText };
    (slug) => { $crate::input::schema::Kind::Slug };
    (date) => { $crate::input::schema::Kind::Date };
    (period) => { $crate::input::schema::Kind::Period };
    (boolean) => { $crate::input::schema::Kind::Bool };
    (int($lo:expr, $hi:expr)) => { $crate::input::schema::Kind::Int { min: $lo, max: $hi } };
    (code($t:ty)) => { $crate::input::schema::Kind::Code(<$t as $crate::input::schema::CodeList>::LIST) };
    (list($($e:tt)+)) => { $crate::input::schema::Kind::List(&kind!($($e)+)) };
    (reference($to:ident)) => { $crate::input::schema::Kind::Ref(stringify!($to)) };
    (nested($t:ty)) => {
        $crate::input::schema::Kind::Nested(<$t as $crate::input::schema::Schema>::FIELDS)
    };
    (rows($t:ty)) => { $crate::input::schema::Kind::Rows };
    (custom($f:path, $fields:expr)) => { $crate::input::schema::Kind::Nested($fields) };
}

/// The decoder of a kind token: `fn(&mut Decoder, &Node, field path) -> Option<T>`.
macro_rules! dec {
    (text) => { $crate::input::decode::text };
    (line) => { $crate::input::decode::line };
    (free) => { $crate::input::decode::free };
    (slug) => { $crate::input::decode::slug };
    (date) => { $crate::input::decode::date };
    (period) => { $crate::input::decode::period };
    (boolean) => { $crate::input::decode::boolean };
    (int($lo:expr, $hi:expr)) => {
        |d: &mut $crate::input::decode::Decoder, n: &$crate::input::node::Node, f: &str| {
            d.int(n, f, $lo, $hi).and_then(|i| i.try_into().ok())
        }
    };
    (code($t:ty)) => { $crate::input::decode::code::<$t> };
    (list($($e:tt)+)) => {
        |d: &mut $crate::input::decode::Decoder, n: &$crate::input::node::Node, f: &str| {
            d.list_of(n, f, dec!($($e)+))
        }
    };
    (reference(communes)) => { $crate::input::decode::commune_ref };
    (reference($to:ident)) => { $crate::input::decode::text };
    (nested($t:ty)) => { <$t as $crate::input::schema::Schema>::decode };
    (rows($t:ty)) => {
        |d: &mut $crate::input::decode::Decoder, n: &$crate::input::node::Node, f: &str| {
            d.list_of(n, f, <$t as $crate::input::schema::Schema>::decode)
        }
    };
    (custom($f:path, $fields:expr)) => { $f };
}

/// Reads one field of an open mapping.
macro_rules! read_field {
    ($o:ident, $d:ident, req, $name:expr, $f:expr) => {
        $o.req($d, $name, $f)
    };
    ($o:ident, $d:ident, $mode:ident, $name:expr, $f:expr) => {
        $o.opt($d, $name, $f)
    };
}

/// The struct field's value from what was read.
macro_rules! field_value {
    (req, $x:ident) => {
        $x?
    };
    (opt, $x:ident) => {
        $x
    };
    (dflt, $x:ident) => {
        $x.unwrap_or_default()
    };
}

/// A post-check of a decoded entity, or none.
macro_rules! post_check {
    ($d:ident, $n:ident, $path:ident, $v:ident) => {
        Some($v)
    };
    ($d:ident, $n:ident, $path:ident, $v:ident, $check:path) => {
        $check($d, $n, $path, $v)
    };
}

/// Declares an entity once: the struct (its attributes, each field's type
/// and attributes) and its [`Schema`] (how each field is read, and its
/// column in a sheet).
///
/// ```text
/// entity!(
///     #[derive(Debug, Clone, Serialize)]
///     Official [src] {
///         id: String = req text "Mã",                  // required
///         title: Option<String> = opt text "Chức danh", // Option<T>
///         digital_profile: bool = dflt boolean "…",     // T, default when absent
///         history: Vec<HistoryItem> = dflt rows(HistoryItem), // no column: a sheet of its own
///     } check some_fn
/// );
/// ```
///
/// `[src]` adds the struct's `src` field (where it came from, not
/// serialised) and fills it; `check` runs on the built value.
macro_rules! entity {
    ($(#[$m:meta])* $ty:ident $([$src:ident])? {
        $($(#[$fm:meta])* $field:ident : $fty:ty = $mode:ident $k:ident $(($($arg:tt)*))? $($col:literal)?),* $(,)?
    } $(check $check:path)?) => {
        $(#[$m])*
        pub struct $ty {
            $($(#[$fm])* pub $field: $fty,)*
            $(#[serde(skip)] pub $src: $crate::input::data::Src,)?
        }

        impl $crate::input::schema::Schema for $ty {
            const FIELDS: &'static [$crate::input::schema::Field] = &[$(
                $crate::input::schema::Field {
                    name: stringify!($field),
                    column: concat!("" $(, $col)?),
                    required: required!($mode),
                    kind: kind!($k $(($($arg)*))?),
                }
            ),*];

            fn decode(
                d: &mut $crate::input::decode::Decoder,
                n: &$crate::input::node::Node,
                path: &str,
            ) -> Option<$ty> {
                let mut o = $crate::input::decode::Obj::open(d, n, path)?;
                $(let $field = read_field!(o, d, $mode, stringify!($field), dec!($k $(($($arg)*))?));)*
                $(let $src = o.src(d);)?
                o.finish(d).then_some(())?;
                let v = $ty { $($field: field_value!($mode, $field),)* $($src,)? };
                post_check!(d, n, path, v $(, $check)?)
            }
        }
    };
}

pub(crate) use {dec, entity, field_value, kind, post_check, read_field, required};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_accept_codes_labels_and_short_forms() {
        let bloc = <Bloc as CodeList>::LIST;
        assert_eq!(bloc.find("party"), Some(0));
        assert_eq!(bloc.find("Khối Đảng"), Some(0));
        assert_eq!(bloc.find("ĐẢNG"), Some(0));
        assert_eq!(bloc.find("chính quyền"), Some(1));
        let region = <Region as CodeList>::LIST;
        assert_eq!(region.find("Miền núi"), Some(2));
        assert_eq!(region.find("miền núi - vùng đồng bào DTTS"), Some(2));
        assert_eq!(<Education as CodeList>::LIST.find("đại học"), Some(3));
        assert_eq!(<Education as CodeList>::LIST.find("dai hoc"), None);
        assert_eq!(<Gender as CodeList>::LIST.find("Nữ"), Some(1));
        assert_eq!(<Major as CodeList>::LIST.find("Văn hóa - Xã hội"), Some(8));
    }
}
