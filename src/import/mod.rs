//! Loading the users an admin exported from Entra, whatever the file's shape or encoding.
//!
//! This is the first layer: [`decode`] turns a file's bytes into text (UTF-8 with or without a
//! byte-order mark, UTF-16 LE/BE as Windows PowerShell 5.1 writes, the ANSI code page as its
//! `Set-Content` writes) and tells binary files apart, with messages that name the fix;
//! [`names`] maps the keys of Graph, legacy and PowerShell exports to the provisioning source
//! attribute names Azure's mapping screen uses.

pub mod decode;
pub mod names;
pub mod normalize;
pub mod record;
pub mod sample;
