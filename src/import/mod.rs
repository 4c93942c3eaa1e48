//! Loading the users an admin exported from Entra, whatever the file's shape, size or encoding.
//!
//! The layers, from bytes to a summary:
//! - [`text`] (and [`decode`] for whole buffers) turns bytes in UTF-8, UTF-16 or Windows-1252
//!   into a stream of UTF-8, refusing empty and binary files;
//! - [`json`] (with the window of [`scan`]) and [`portal_csv`] read the users of each export
//!   shape one at a time; [`shape`] names the shape and recognizes documents that are not users;
//! - [`normalize`] turns each user object into a [`record::User`] keyed by provisioning source
//!   attribute, using [`names`];
//! - [`load`] does one file with progress and cancel; [`set`] merges files into one
//!   [`UserSet`], deciding copies of a user that disagree by [`merge`]'s order-independent
//!   rule; [`coverage`], [`finding`], [`left_out`], [`warning`] and [`summary`] say what was
//!   loaded, what was left out, what is missing and what the admin should check.
//! - [`limits`] are the sizes no export comes near: a file over one is refused before it costs
//!   memory or time out of proportion to its size.
//!
//! [`sample`] writes fictional exports in every shape; [`logs`] reads Entra's provisioning logs
//! (what Azure really did), whose import steps can stand in for an export.

pub mod assignments;
mod blocks;
pub(crate) mod by_id;
pub mod coverage;
pub mod decode;
pub mod error;
pub mod finding;
pub mod json;
pub mod left_out;
pub mod limits;
pub mod load;
pub mod logs;
pub mod merge;
pub mod names;
pub mod normalize;
pub mod portal_csv;
pub mod record;
pub mod sample;
pub(crate) mod scan;
pub mod search;
pub mod set;
pub mod shape;
pub mod summary;
pub mod text;
pub mod warning;

pub use error::ImportError;
pub use load::{FileReport, Input, Progress};
pub use set::{FileError, UserSet};
