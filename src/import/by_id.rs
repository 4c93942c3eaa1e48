//! The index of a user set's users by `objectId`: the hash of each id is made on the parsing
//! side (in parallel), so adding 100 000 users to the set costs one probe of a table each, not
//! a hash and a look at each user's id on the one thread that merges.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rayon::prelude::*;

use super::record::{User, ValueRef};

/// The hash of every index (fixed, so a hash made on one thread finds an entry made on another).
const STATE: foldhash::fast::FixedState = foldhash::fast::FixedState::with_seed(0x5c1a_f11e);

/// The hash of the id `id`.
pub(crate) fn hash(id: &str) -> u64 {
    STATE.hash_one(id)
}

/// The user's `objectId` (attribute `object_id`), if it has one.
pub(crate) fn id_of(user: &User, object_id: usize) -> Option<&str> {
    match user.value_of(object_id) {
        Some(ValueRef::One(id)) => Some(id),
        _ => None,
    }
}

/// The hash of the user's id, if it has one.
pub(crate) fn hash_of(user: &User, object_id: usize) -> Option<u64> {
    id_of(user, object_id).map(hash)
}

/// The hash of each user's id (`None` without one), worked out on every core.
pub(crate) fn hashes(users: &[User], object_id: usize) -> Vec<Option<u64>> {
    users
        .par_iter()
        .with_min_len(4096)
        .map(|user| hash_of(user, object_id))
        .collect()
}

/// Users by `objectId`: the first user with each id.
#[derive(Debug, Clone, Default)]
pub(crate) struct ById {
    /// (hash of the id, the user's index).
    table: HashTable<(u64, u32)>,
}

impl ById {
    /// The index of `users`.
    pub(crate) fn of(users: &[User], object_id: usize) -> Self {
        Self::index(users, &hashes(users, object_id), object_id, false).unwrap_or_default()
    }

    /// The index of `users` (the hashes of whose ids are `hashes`), if no two of them have the
    /// same id: then the set can take them as they are, with nothing to merge.
    pub(crate) fn of_distinct(
        users: &[User],
        hashes: &[Option<u64>],
        object_id: usize,
    ) -> Option<Self> {
        Self::index(users, hashes, object_id, true)
    }

    /// The index of `users`, each id's first user; `None` at the first user whose id an
    /// earlier one has, when `distinct`.
    fn index(
        users: &[User],
        hashes: &[Option<u64>],
        object_id: usize,
        distinct: bool,
    ) -> Option<Self> {
        let mut index = Self::default();
        index.reserve(users.len());
        for (u, (user, hash)) in users.iter().zip(hashes).enumerate() {
            let Some(hash) = *hash else { continue };
            if index.find_same(users, object_id, user, hash).is_none() {
                index.insert(hash, u);
            } else if distinct {
                return None;
            }
        }
        Some(index)
    }

    /// Room for `more` users.
    pub(crate) fn reserve(&mut self, more: usize) {
        self.table.reserve(more, |&(hash, _)| hash);
    }

    /// The user among `users` whose id is `id` (whose hash is `hash`).
    pub(crate) fn find(
        &self,
        users: &[User],
        object_id: usize,
        id: &str,
        hash: u64,
    ) -> Option<usize> {
        self.find_with(users, object_id, hash, || Some(id))
    }

    /// The user among `users` with the same id as `user` (whose id's hash is `hash`).
    pub(crate) fn find_same(
        &self,
        users: &[User],
        object_id: usize,
        user: &User,
        hash: u64,
    ) -> Option<usize> {
        self.find_with(users, object_id, hash, || id_of(user, object_id))
    }

    /// The user among `users` whose id has hash `hash` and is `id()`. The ids are only read
    /// when the hashes agree: adding 100 000 users then reads none of them.
    fn find_with<'a>(
        &self,
        users: &[User],
        object_id: usize,
        hash: u64,
        id: impl Fn() -> Option<&'a str>,
    ) -> Option<usize> {
        self.table
            .find(hash, |&(h, u)| {
                h == hash && {
                    let id = id();
                    id.is_some()
                        && users
                            .get(u as usize)
                            .and_then(|other| id_of(other, object_id))
                            == id
                }
            })
            .map(|&(_, u)| u as usize)
    }

    /// Adds user `at`, whose id has hash `hash` and is not in the index yet.
    pub(crate) fn insert(&mut self, hash: u64, at: usize) {
        let at = u32::try_from(at).unwrap_or(u32::MAX);
        self.table
            .insert_unique(hash, (hash, at), |&(hash, _)| hash);
    }
}
