//! The functions of the expression language: the table ([`table`]) and the implementations,
//! grouped by what they work on.

pub mod table;

pub(crate) mod dates;
pub(crate) mod directory;
pub(crate) mod lists;
pub(crate) mod logic;
pub(crate) mod replace;
pub(crate) mod strings;

/// Declares [`Func`] and [`Func::ALL`] from one list, in table order.
macro_rules! functions {
    ($($name:ident),* $(,)?) => {
        /// A function, as a tag the evaluator can `match` on. Same order as
        /// [`table::FUNCTIONS`] (a test checks it).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum Func {
            $($name,)*
        }

        impl Func {
            /// Every function, in table order.
            pub const ALL: [Func; 44] = [$(Func::$name,)*];
        }
    };
}

functions![
    Append,
    AppRoleAssignmentsComplex,
    AssertiveAppRoleAssignmentsComplex,
    BitAnd,
    CBool,
    CDate,
    Coalesce,
    ConvertToBase64,
    ConvertToUTF8Hex,
    Count,
    CStr,
    DateAdd,
    DateDiff,
    DateFromNum,
    FormatDateTime,
    Guid,
    IgnoreFlowIfNullOrEmpty,
    IIF,
    InStr,
    IsNull,
    IsNullOrEmpty,
    IsPresent,
    IsString,
    Item,
    Join,
    Left,
    Mid,
    NormalizeDiacritics,
    Not,
    Now,
    NumFromDate,
    PCase,
    RandomString,
    Redact,
    RemoveDuplicates,
    Replace,
    SelectUniqueValue,
    SingleAppRoleAssignment,
    Split,
    StripSpaces,
    Switch,
    ToLower,
    ToUpper,
    Word,
];

impl Func {
    /// The function called exactly `name`.
    pub fn from_name(name: &str) -> Option<Func> {
        let spec = table::lookup(name)?;
        let index = table::FUNCTIONS
            .iter()
            .position(|s| std::ptr::eq(s, spec))?;
        Func::ALL.get(index).copied()
    }

    /// Its entry in the table.
    pub fn spec(self) -> &'static table::Spec {
        &table::FUNCTIONS[self as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_and_table_agree() {
        for (i, func) in Func::ALL.iter().enumerate() {
            assert_eq!(*func as usize, i);
            assert_eq!(format!("{func:?}"), table::FUNCTIONS[i].name);
            assert_eq!(Func::from_name(table::FUNCTIONS[i].name), Some(*func));
        }
    }
}
