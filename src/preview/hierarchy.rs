//! The organization hierarchy the SCIM app builds: organization > division > department, from
//! the enterprise extension values Azure would send for the users it would create. Names are
//! exactly as sent (a trailing space is a different unit); users without a level go in a bucket
//! for it. Levels that no mapping fills are left out of the tree.

use serde::Serialize;

use super::Preview;

pub use super::values::LEVELS;

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

pub use super::units::unit_problems;

/// The path (child indices from the top) of the lowest unit user `u` is a member of.
pub fn path_of_user(nodes: &[Node], u: usize) -> Option<Vec<usize>> {
    for (i, node) in nodes.iter().enumerate() {
        if node.members.binary_search(&u).is_ok() {
            return Some(vec![i]);
        }
        if let Some(mut rest) = path_of_user(&node.children, u) {
            rest.insert(0, i);
            return Some(rest);
        }
    }
    None
}

/// The node at `path`.
pub fn node_at<'n>(nodes: &'n [Node], path: &[usize]) -> Option<&'n Node> {
    let (first, rest) = path.split_first()?;
    let node = nodes.get(*first)?;
    if rest.is_empty() {
        Some(node)
    } else {
        node_at(&node.children, rest)
    }
}

/// Every user in the subtree of `node`, in order.
pub fn users_under(node: &Node) -> Vec<usize> {
    let mut users: Vec<usize> = node
        .walk()
        .into_iter()
        .flat_map(|n| n.members.iter().copied())
        .collect();
    users.sort_unstable();
    users
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

#[cfg(test)]
mod tests {
    use super::*;

    fn node(
        name: Option<&str>,
        level: &'static str,
        members: Vec<usize>,
        children: Vec<Node>,
    ) -> Node {
        let users = members.len() + children.iter().map(|c| c.users).sum::<usize>();
        Node {
            name: name.map(str::to_owned),
            level,
            users,
            members,
            children,
        }
    }

    #[test]
    fn units_get_their_problems_and_users_are_found() {
        let tree = vec![node(
            Some("Contoso"),
            "organization",
            vec![],
            vec![
                node(Some("Sales"), "division", vec![0, 1], vec![]),
                node(Some("sales "), "division", vec![2], vec![]),
                node(Some("IT > Ops"), "division", vec![3, 4], vec![]),
                node(None, "division", vec![5, 6], vec![]),
            ],
        )];
        let problems = unit_problems(&tree);
        let of = |path: &[usize]| {
            problems
                .iter()
                .find(|(p, _)| p == path)
                .map(|(_, list)| list.clone())
                .unwrap_or_default()
        };
        assert!(of(&[0]).is_empty());
        assert_eq!(
            of(&[0, 0]),
            ["another name at this level differs only by case, spaces or accents"]
        );
        assert_eq!(
            of(&[0, 1]),
            [
                "spaces before or after the name",
                "a single user (a typo?)",
                "another name at this level differs only by case, spaces or accents"
            ]
        );
        assert_eq!(of(&[0, 2]), ["holds a whole path"]);
        assert_eq!(of(&[0, 3]), ["users without this level"]);
        assert_eq!(path_of_user(&tree, 4), Some(vec![0, 2]));
        assert_eq!(path_of_user(&tree, 9), None);
        assert_eq!(node_at(&tree, &[0, 3]).and_then(|n| n.name.clone()), None);
        assert_eq!(users_under(&tree[0]), [0, 1, 2, 3, 4, 5, 6]);
    }
}
