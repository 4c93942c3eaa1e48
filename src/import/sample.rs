//! Realistic fictional exports, deterministic for a seed: the data behind
//! `scim-preflight sample`, the window's "Try with sample data", fixtures and benchmarks.
//!
//! The people work for four companies whose departments are written in the styles admins meet:
//! `Contoso > Sales > EMEA`, `Vindel|Sales|EMEA`, `Fabrikam/Sales` and plain `Finance`, with the
//! usual flaws (a trailing space, another case). Names use many scripts; managers form a tree;
//! some users lack a department, division or cost center; some accounts are disabled and some
//! are B2B guests; extension attributes and a directory extension are set on some users.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use crate::random::SplitMix64;

/// The shape of the export to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SampleShape {
    /// A Microsoft Graph `/users` page: `{"@odata.context": …, "value": [...]}`.
    Graph,
    /// A bare JSON array (az CLI, `az rest … --query value`).
    Array,
    /// `Get-MgUser | ConvertTo-Json -Depth 5`: PascalCase, `AdditionalProperties`.
    MgGraph,
    /// The Entra admin center's "Download users" CSV.
    Csv,
}

/// The directory extension the samples use.
pub const EXTENSION: &str = "extension_5f1c2b7e9a8d4c3b8e6f0a1b2c3d4e5f_orgUnit";

const COMPANIES: [(&str, &str, &str); 4] = [
    ("Contoso", "Contoso Ltd", "contoso.example"),
    (
        "Vindel",
        "Vindel Instruments AS",
        "vindel-instruments.example",
    ),
    ("Fabrikam", "Fabrikam GmbH", "fabrikam.example"),
    ("Northwind", "Northwind Traders Inc.", "northwind.example"),
];
const DIVISIONS: [&str; 6] = [
    "Sales",
    "Engineering",
    "Operations",
    "Finance",
    "Human Resources",
    "Customer Success",
];
const REGIONS: [&str; 4] = ["EMEA", "APAC", "Americas", "Nordics"];
const GIVEN: [&str; 24] = [
    "Åse", "Jürgen", "Zoë", "Łukasz", "Søren", "Ólafur", "花子", "Wei", "Émilie", "Tomás", "Priya",
    "Marcus", "Aino", "Ingrid", "Erik", "Mette", "Fatima", "Olu", "Chloé", "Nikolai", "Siobhán",
    "José", "Ayşe", "Dương",
];
const SURNAMES: [&str; 24] = [
    "Øvergård",
    "Groß",
    "Ní Bhriain",
    "Wójcik",
    "Kjærgaard",
    "Þórsson",
    "田中",
    "Chen",
    "Dubois",
    "Ferreira",
    "Sharma",
    "O'Brien",
    "Virtanen",
    "Solberg",
    "Hansen",
    "Haugen",
    "Haddad",
    "Adeyemi",
    "Lefèvre",
    "Petrov",
    "Murphy",
    "García",
    "Yılmaz",
    "Nguyễn",
];
const TITLES: [&str; 6] = [
    "Account Manager",
    "Engineer",
    "Team Lead",
    "Analyst",
    "R&D Specialist",
    "Director",
];

/// The seeded generator, with the helpers the samples need.
struct Rng(SplitMix64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        (self.0.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `percent` %.
    fn chance(&mut self, percent: u64) -> bool {
        self.0.next_u64() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn guid(&mut self) -> String {
        self.0.guid()
    }
}

/// ASCII for mail addresses: letters without accents, other scripts dropped.
fn mail_part(name: &str) -> String {
    let plain = crate::expr::text::normalize_diacritics(name);
    let part: String = plain
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if part.is_empty() {
        "user".to_owned()
    } else {
        part
    }
}

/// One user in Graph's camelCase form. `ids` are the users' ids (for managers).
fn graph_user(i: usize, rng: &mut Rng, ids: &[String]) -> Map<String, Value> {
    let (company, company_name, domain) = COMPANIES[i % COMPANIES.len()];
    let division = rng.pick(&DIVISIONS);
    let region = rng.pick(&REGIONS);
    let given = rng.pick(&GIVEN);
    let surname = rng.pick(&SURNAMES);
    let local = format!("{}.{}{}", mail_part(given), mail_part(surname), i);
    let guest = i > 0 && rng.chance(2);
    let upn = if guest {
        format!(
            "{local}_partner.example#EXT#@{}.onmicrosoft.com",
            company.to_lowercase()
        )
    } else {
        format!("{local}@{domain}")
    };
    let department = match (company, rng.below(20)) {
        (_, 0) => Value::Null,
        (_, 1) => json!(format!("{division} ")),
        (_, 2) => json!(division.to_lowercase()),
        ("Contoso", _) => json!(format!("Contoso > {division} > {region}")),
        ("Vindel", _) => json!(format!("Vindel|{division}|{region}")),
        ("Fabrikam", _) => json!(format!("Fabrikam/{division}")),
        _ => json!(division),
    };
    let cost_center = format!(
        "CC-{}{:02}",
        i % COMPANIES.len() + 1,
        DIVISIONS.iter().position(|d| *d == division).unwrap_or(0)
    );
    let mut user = Map::new();
    user.insert("id".into(), json!(ids[i]));
    user.insert("userPrincipalName".into(), json!(upn));
    user.insert("displayName".into(), json!(format!("{given} {surname}")));
    user.insert("givenName".into(), json!(given));
    user.insert("surname".into(), json!(surname));
    user.insert(
        "mail".into(),
        if rng.chance(3) {
            Value::Null
        } else {
            json!(format!("{local}@{domain}"))
        },
    );
    user.insert("mailNickname".into(), json!(local));
    user.insert("accountEnabled".into(), json!(!rng.chance(3)));
    user.insert(
        "userType".into(),
        json!(if guest { "Guest" } else { "Member" }),
    );
    user.insert("jobTitle".into(), json!(rng.pick(&TITLES)));
    user.insert("department".into(), department);
    user.insert(
        "companyName".into(),
        if rng.chance(4) {
            Value::Null
        } else {
            json!(company_name)
        },
    );
    user.insert("employeeId".into(), json!(format!("E{:06}", i + 1)));
    user.insert(
        "employeeOrgData".into(),
        json!({
            "division": if rng.chance(5) { Value::Null } else { json!(division) },
            "costCenter": if rng.chance(5) { Value::Null } else { json!(cost_center) },
        }),
    );
    user.insert(
        "officeLocation".into(),
        json!(format!("{company} {region}")),
    );
    user.insert(
        "city".into(),
        json!(["Oslo", "München", "Seattle", "Singapore"][i % 4]),
    );
    user.insert(
        "country".into(),
        json!(["Norway", "Germany", "United States", "Singapore"][i % 4]),
    );
    user.insert(
        "usageLocation".into(),
        json!(["NO", "DE", "US", "SG"][i % 4]),
    );
    user.insert(
        "businessPhones".into(),
        json!([format!(
            "+47 22 {:02} {:02} {:02}",
            i % 100,
            (i / 100) % 100,
            i % 97
        )]),
    );
    user.insert(
        "mobilePhone".into(),
        if rng.chance(20) {
            Value::Null
        } else {
            json!(format!("+47 9{:07}", i))
        },
    );
    user.insert(
        "proxyAddresses".into(),
        json!([
            format!("SMTP:{local}@{domain}"),
            format!("smtp:{local}@{}.onmicrosoft.com", company.to_lowercase())
        ]),
    );
    let mut extension = Map::new();
    for n in 1..=15 {
        extension.insert(format!("extensionAttribute{n}"), Value::Null);
    }
    if rng.chance(30) {
        extension.insert(
            "extensionAttribute1".into(),
            json!(format!("Commercial|{division}|{region}")),
        );
        extension.insert("extensionAttribute2".into(), json!(cost_center));
    }
    user.insert(
        "onPremisesExtensionAttributes".into(),
        Value::Object(extension),
    );
    if rng.chance(40) {
        user.insert(EXTENSION.into(), json!(format!("OU-{}", rng.below(50))));
    }
    // A tree: user i reports to user (i - 1) / 4; the first user and the guests have none.
    if i > 0 && !guest {
        let manager = (i - 1) / 4;
        user.insert(
            "manager".into(),
            json!({"@odata.type": "#microsoft.graph.user", "id": ids[manager]}),
        );
    }
    user
}

/// Generates users one at a time, in Graph's camelCase form.
struct Generator {
    rng: Rng,
    ids: Vec<String>,
}

impl Generator {
    fn new(count: usize, seed: u64) -> Self {
        let mut rng = Rng(SplitMix64(seed));
        let ids = (0..count).map(|_| rng.guid()).collect();
        Self { rng, ids }
    }

    fn user(&mut self, i: usize) -> Map<String, Value> {
        graph_user(i, &mut self.rng, &self.ids)
    }
}

/// `count` users generated from `seed`, in Graph's camelCase form.
pub fn users(count: usize, seed: u64) -> Vec<Map<String, Value>> {
    let mut generator = Generator::new(count, seed);
    (0..count).map(|i| generator.user(i)).collect()
}

/// The user in PowerShell's PascalCase form, as `ConvertTo-Json -Depth 5` writes it.
fn powershell_user(user: &Map<String, Value>) -> Value {
    fn pascal(key: &str) -> String {
        let mut chars = key.chars();
        chars
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default()
    }
    fn convert(value: &Value) -> Value {
        match value {
            Value::Object(map) => {
                Value::Object(map.iter().map(|(k, v)| (pascal(k), convert(v))).collect())
            }
            other => other.clone(),
        }
    }
    let mut out = Map::new();
    let mut additional = Map::new();
    for (key, value) in user {
        match key.as_str() {
            k if k.starts_with("extension_") => {
                additional.insert(key.clone(), value.clone());
            }
            "manager" => {
                let id = value.get("id").cloned().unwrap_or(Value::Null);
                out.insert(
                    "Manager".into(),
                    json!({"DeletedDateTime": null, "Id": id, "AdditionalProperties": {"@odata.type": "#microsoft.graph.user"}}),
                );
            }
            _ => {
                out.insert(pascal(key), convert(value));
            }
        }
    }
    out.entry("Manager").or_insert(Value::Null);
    out.insert("AdditionalProperties".into(), Value::Object(additional));
    // PowerShell writes every model property, most of them null.
    for key in ["Calendar", "Drive", "MemberOf", "Photo", "SignInActivity"] {
        out.insert(key.into(), Value::Null);
    }
    Value::Object(out)
}

/// The columns of the admin center's "Download users" CSV (its documented list).
pub const CSV_COLUMNS: [&str; 19] = [
    "userPrincipalName",
    "displayName",
    "surname",
    "mail",
    "givenName",
    "objectId",
    "userType",
    "jobTitle",
    "department",
    "accountEnabled",
    "usageLocation",
    "streetAddress",
    "state",
    "country",
    "physicalDeliveryOfficeName",
    "city",
    "postalCode",
    "telephoneNumber",
    "mobile",
];

fn csv_cell(user: &Map<String, Value>, column: &str) -> String {
    let value = match column {
        "objectId" => user.get("id"),
        "physicalDeliveryOfficeName" => user.get("officeLocation"),
        "telephoneNumber" => user.get("businessPhones").and_then(|p| p.get(0)),
        "mobile" => user.get("mobilePhone"),
        other => user.get(other),
    };
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => if *b { "True" } else { "False" }.to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Writes `count` users from `seed` in `shape` to `out`, one user at a time (a large export
/// never sits in memory whole).
pub fn write(out: &mut dyn Write, shape: SampleShape, count: usize, seed: u64) -> io::Result<()> {
    let mut generator = Generator::new(count, seed);
    match shape {
        SampleShape::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(CSV_COLUMNS)?;
            for i in 0..count {
                let user = generator.user(i);
                writer.write_record(CSV_COLUMNS.iter().map(|c| csv_cell(&user, c)))?;
            }
            writer.flush()
        }
        _ => {
            match shape {
                SampleShape::Graph => out.write_all(
                    b"{\n  \"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#users\",\n  \"value\": [\n",
                )?,
                _ => out.write_all(b"[\n")?,
            }
            for i in 0..count {
                if i > 0 {
                    out.write_all(b",\n")?;
                }
                let user = generator.user(i);
                let value = match shape {
                    SampleShape::MgGraph => powershell_user(&user),
                    _ => Value::Object(user),
                };
                serde_json::to_writer(&mut *out, &value)?;
            }
            match shape {
                SampleShape::Graph => out.write_all(b"\n  ]\n}\n"),
                _ => out.write_all(b"\n]\n"),
            }
        }
    }
}

#[cfg(test)]
mod tests;
