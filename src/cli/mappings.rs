//! The mapping options `preview` and `import` share: `--mapping F` (a file saved by SCIM
//! Preflight), `--schema F` (Azure's schema JSON) or `--preset P` (the Secure Practice preset
//! when none is given).

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::input::read_text;
use crate::mapping::{self, Kind, MappingSet, file, presets};

/// Presets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Preset {
    /// Azure's defaults for a non-gallery SCIM app.
    Defaults,
    /// The defaults plus companyName → organization and employeeOrgData → division, costCenter.
    Securepractice,
}

/// Which mappings to use.
#[derive(Debug, Args)]
pub struct MappingArgs {
    /// A mapping file saved by SCIM Preflight.
    #[arg(long, conflicts_with_all = ["preset", "schema"])]
    pub mapping: Option<PathBuf>,
    /// The schema JSON Azure downloads from "Review your schema here" (its users' mappings).
    #[arg(long, conflicts_with = "preset")]
    pub schema: Option<PathBuf>,
    /// A preset mapping set.
    #[arg(long, value_enum, default_value_t = Preset::Securepractice)]
    pub preset: Preset,
}

impl MappingArgs {
    /// The mappings the options name, or the message that says what to fix.
    pub fn load(&self) -> Result<MappingSet, String> {
        match (&self.mapping, &self.schema) {
            (Some(path), _) => from_file(path, Kind::File),
            (None, Some(path)) => from_file(path, Kind::Schema),
            (None, None) => Ok(match self.preset {
                Preset::Defaults => presets::azure_defaults(),
                Preset::Securepractice => presets::secure_practice(),
            }),
        }
    }
}

/// The mappings in the file at `path`, which the option says is of kind `expected`: a mapping
/// file for `--mapping`, Azure's schema JSON for `--schema`. The other kind is refused with the
/// option to use instead.
fn from_file(path: &Path, expected: Kind) -> Result<MappingSet, String> {
    let shown = path.display();
    let text = read_text(path).map_err(|error| error.to_string())?;
    match (mapping::read(&text), expected) {
        (Ok((set, found)), _) if found == expected => Ok(set),
        (Ok((_, Kind::Schema)), _) => Err(format!(
            "{shown}: this is Azure's schema JSON, not a mapping file saved by SCIM Preflight; \
             use --schema {shown}"
        )),
        (Ok((_, Kind::File)), _) => Err(format!(
            "{shown}: this is a mapping file saved by SCIM Preflight, not Azure's schema JSON; \
             use --mapping {shown}"
        )),
        // Neither kind: the error of the kind the option asks for.
        (Err(_), Kind::File) => file::from_json(&text).map_err(|error| format!("{shown}: {error}")),
        (Err(error), Kind::Schema) => Err(format!("{shown}: {error}")),
    }
}
