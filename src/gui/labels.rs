//! Words and short forms shared by the steps: a mapping's source and type as Azure's pages
//! show them, a target without its long URN, a user's name, a cut-off text.

use crate::import::UserSet;
use crate::mapping::{Mapping, MappingKind};

/// The source column's text.
pub fn source_text(mapping: &Mapping) -> String {
    match mapping.kind {
        MappingKind::Direct => mapping.source.clone(),
        MappingKind::Constant => format!("\"{}\"", mapping.source),
        MappingKind::Expression => mapping.source.clone(),
        MappingKind::None => match &mapping.default_value {
            Some(default) => format!("(none; default \"{default}\")"),
            None => "(none)".into(),
        },
    }
}

/// A target without the enterprise extension's long URN.
pub fn short_target(target: &str) -> String {
    match target.strip_prefix(crate::mapping::ENTERPRISE) {
        Some(rest) => format!("enterprise{rest}"),
        None => target.to_owned(),
    }
}

/// The mapping type as Azure's dialog words it.
pub fn kind_label(kind: MappingKind) -> &'static str {
    match kind {
        MappingKind::Direct => "Direct",
        MappingKind::Constant => "Constant",
        MappingKind::Expression => "Expression",
        MappingKind::None => "None",
    }
}

/// "Display Name <upn>" or the position.
pub fn user_label(set: &UserSet, u: usize) -> String {
    let user = &set.users[u];
    let name = user.text(&set.names, "displayName");
    let upn = user.text(&set.names, "userPrincipalName");
    match (name, upn) {
        (Some(name), Some(upn)) => format!("{name} <{upn}>"),
        (Some(one), None) | (None, Some(one)) => one.to_owned(),
        (None, None) => format!("user #{}", u + 1),
    }
}

/// `text`, cut to `max` characters with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() > max {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    } else {
        text.to_owned()
    }
}

/// "1 user", "2 users".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
