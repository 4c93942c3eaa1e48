//! Graph's top-level objects, member by member: a page's `@odata` members and its `value` list
//! of users (handed to the list reader one user at a time), or, with no `value` list, one
//! object as Graph returns it (`GET /users/{id}`, `/me`: `"@odata.context": "…#users/$entity"`),
//! read as one user when it is one, else refused with what it is.

use std::io::Read;

use serde_json::{Map, Value};

use super::{State, io};
use crate::import::error::ImportError;
use crate::import::limits::{Limit, MAX_USER_BYTES, MAX_USER_KEYS};
use crate::import::shape::{ObjectKind, classify, is_single_user, page_of_users};

impl<R: Read> State<'_, R> {
    /// A Graph page, member by member; the users of `value` one by one. Without a `value` list
    /// it is one user as Graph returns it (`GET /users/{id}`), or the error that says what else.
    pub(super) fn page(&mut self) -> Result<(), ImportError> {
        let (line, column) = self.window.line_column(self.window.pos);
        self.window.bump(); // {
        let mut top = Map::new();
        // The members other than `value` are kept until the page ends: as few as a user's. Their
        // text too, as it was, to be read as a user if it is one.
        let mut raw = vec![b'{'];
        let (mut members, mut bytes) = (0usize, 0usize);
        let mut had_value = false;
        loop {
            match self.window.peek().map_err(io)? {
                Some(b'}') if top.is_empty() && !had_value => {
                    self.window.bump();
                    break;
                }
                Some(b'}') => return Err(self.trailing_comma()),
                Some(b'"') => {}
                _ => return Err(self.syntax_error_here()),
            }
            members += 1;
            if members > MAX_USER_KEYS {
                let limit = Limit::UserKeys;
                return Err(ImportError::TooLarge {
                    limit,
                    line: Some(line),
                });
            }
            let (start, end) = self.value_end()?;
            let key: String = self.parse(start, end)?;
            let raw_key = self.window.data()[start..end].to_vec();
            self.window.pos = end;
            if self.window.peek().map_err(io)? != Some(b':') {
                return Err(self.syntax_error_here());
            }
            self.window.bump();
            let next = self.window.peek().map_err(io)?;
            if key.eq_ignore_ascii_case("value") && next == Some(b'[') {
                let context = top.get("@odata.context").and_then(Value::as_str);
                self.users_page = page_of_users(context)?;
                self.window.bump();
                had_value = true;
                self.user_list()?;
                self.users_page = false;
            } else {
                let (start, end) = self.value_end()?;
                bytes += raw_key.len() + end - start;
                if bytes > MAX_USER_BYTES {
                    let limit = Limit::UserBytes;
                    return Err(ImportError::TooLarge {
                        limit,
                        line: Some(line),
                    });
                }
                let value: Value = self.parse(start, end)?;
                if raw.len() > 1 {
                    raw.push(b',');
                }
                raw.extend_from_slice(&raw_key);
                raw.push(b':');
                raw.extend_from_slice(&self.window.data()[start..end]);
                self.window.pos = end;
                top.insert(key, value);
            }
            match self.window.peek().map_err(io)? {
                Some(b',') => self.window.bump(),
                Some(b'}') => {
                    self.window.bump();
                    break;
                }
                _ => return Err(self.syntax_error_here()),
            }
        }
        if !had_value {
            // Not a page after all: one user, a schema, an error, or something else.
            let flavor = match classify(&top) {
                ObjectKind::User(flavor) if is_single_user(&top) => flavor,
                ObjectKind::Other(error) => return Err(error),
                ObjectKind::User(_) => {
                    return Err(ImportError::NotUsers(
                        "it has @odata keys but no \"value\" list of users".into(),
                    ));
                }
            };
            raw.push(b'}');
            self.flavor.get_or_insert(flavor);
            self.send_entity(&raw, line, column)?;
            self.objects += 1;
            self.entities += 1;
            return Ok(());
        }
        self.pages += 1;
        // A page without `@odata.nextLink` is the last one: a /users/delta round's last page has
        // `@odata.deltaLink` instead, and is complete too.
        match top.get("@odata.nextLink") {
            Some(Value::String(link)) => self.next_link = Some(link.clone()),
            _ => self.last_pages += 1,
        }
        Ok(())
    }
}
