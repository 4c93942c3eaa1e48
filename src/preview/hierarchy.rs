//! The organization hierarchy the SCIM app builds: organization > division > department, from
//! the enterprise extension values Azure would send for the users it would create. Names are
//! exactly as sent (a trailing space is a different unit); users without a level go in a bucket
//! for it. Levels that no mapping fills are left out of the tree.

use serde::Serialize;

use super::Preview;

/// The three levels, as enterprise attribute names, top first.
pub const LEVELS: [&str; 3] = ["organization", "division", "department"];

/// One unit of the tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    /// The name exactly as Azure sends it, or `None` for the bucket of users without this level.
    pub name: Option<String>,
    /// Which level (`organization`, `division`, `department`).
    pub level: &'static str,
    /// Users in this unit and below.
    pub users: usize,
    /// The users whose lowest unit this is (indices into the set).
    #[serde(skip)]
    pub members: Vec<usize>,
    /// Units below.
    pub children: Vec<Node>,
}

impl Node {
    /// The name as the tree shows it: the bucket as "(no department)", and a value with
    /// surrounding spaces quoted so the spaces are seen.
    pub fn label(&self) -> String {
        match &self.name {
            None => format!("(no {})", self.level),
            Some(name) if name.trim() != name || name.is_empty() => format!("\"{name}\""),
            Some(name) => name.clone(),
        }
    }

    /// Every node of the subtree, parents first.
    pub fn walk(&self) -> Vec<&Node> {
        let mut all = vec![self];
        for child in &self.children {
            all.extend(child.walk());
        }
        all
    }
}

#[derive(Default)]
struct Building<'a> {
    members: Vec<usize>,
    users: usize,
    children: foldhash::HashMap<Option<&'a str>, Building<'a>>,
}

/// Builds the tree of `preview`'s created users.
pub fn build(preview: &Preview) -> Vec<Node> {
    let levels: Vec<(&'static str, usize)> = LEVELS
        .iter()
        .filter_map(|level| preview.enterprise_mapping(level).map(|m| (*level, m)))
        .collect();
    if levels.is_empty() {
        return Vec::new();
    }
    let mut root = Building::default();
    for (u, user) in preview.users.iter().enumerate() {
        if user.skipped.is_some() {
            continue;
        }
        let mut node = &mut root;
        node.users += 1;
        for (_, m) in &levels {
            node = node
                .children
                .entry(preview.create_value(u, *m))
                .or_default();
            node.users += 1;
        }
        node.members.push(u);
    }
    finish(root.children, &levels)
}

fn finish(
    children: foldhash::HashMap<Option<&str>, Building<'_>>,
    levels: &[(&'static str, usize)],
) -> Vec<Node> {
    let Some(((level, _), rest)) = levels.split_first() else {
        return Vec::new();
    };
    let mut nodes: Vec<Node> = children
        .into_iter()
        .map(|(name, building)| Node {
            name: name.map(str::to_owned),
            level,
            users: building.users,
            members: building.members,
            children: finish(building.children, rest),
        })
        .collect();
    // Named units first, alphabetically (by exact text), the bucket last.
    nodes.sort_by(|a, b| (a.name.is_none(), &a.name).cmp(&(b.name.is_none(), &b.name)));
    nodes
}

/// The tree as indented text with counts.
pub fn to_text(nodes: &[Node]) -> String {
    fn write(out: &mut String, nodes: &[Node], depth: usize) {
        for node in nodes {
            out.push_str(&format!(
                "{}{}  ({} user{})\n",
                "  ".repeat(depth),
                node.label(),
                node.users,
                if node.users == 1 { "" } else { "s" }
            ));
            write(out, &node.children, depth + 1);
        }
    }
    let mut out = String::new();
    write(&mut out, nodes, 0);
    out
}
