//! The part of .NET's `DateTime.Parse(s, CultureInfo.InvariantCulture)` that CDate needs.
//!
//! .NET's parser is a token state machine that reads almost anything; this reads the forms
//! admins actually have (see [`super::parse_loose`]) with the same rules: ISO dates after a `T`
//! need two-digit hours and minutes, the invariant culture reads `1/2/2021` as month/day/year,
//! AM/PM needs an hour up to 12, a day name must fit the date, offsets stay within ±14:00.
//!
//! AZURE MAY DIFFER: anything else .NET reads (a time without a date, a month and day without
//! a year, Japanese era names, `#` delimiters…) is refused here.

use super::{
    DAYS, MAX_OFFSET_TICKS, MAX_TICKS, MONTHS, TICKS_PER_DAY, TICKS_PER_MINUTE, TICKS_PER_SECOND,
    fields, ticks_from,
};

/// The UTC ticks of a date string, or `None` when this parser does not read it.
pub(super) fn parse(s: &str) -> Option<i64> {
    let mut c = Cursor {
        c: s.trim().chars().collect(),
        p: 0,
    };
    let weekday = c.name(&DAYS);
    if weekday.is_some() {
        c.eat(',');
        c.skip_ws();
    }
    let (year, month, day, iso) = c.date()?;
    let (mut hour, mut minute, mut second, mut frac) = (0, 0, 0, 0);
    if iso && (c.eat('T') || c.eat('t')) {
        (hour, minute, second, frac) = c.iso_time()?;
    } else {
        let before = c.p;
        c.skip_ws();
        if c.peek().is_some_and(|ch| ch.is_ascii_digit()) {
            (hour, minute, second, frac) = c.time()?;
        } else {
            c.p = before;
        }
    }
    c.skip_ws();
    let offset = if c.at_end() { None } else { Some(c.zone()?) };
    c.skip_ws();
    if !c.at_end() {
        return None;
    }
    let local = ticks_from(year, month, day, hour, minute, second)?.checked_add(frac)?;
    if local > MAX_TICKS {
        return None;
    }
    if let Some(w) = weekday
        && fields(local)?.weekday != w
    {
        return None;
    }
    let Some(offset) = offset else {
        // AZURE MAY DIFFER: no offset means UTC (the server's local zone).
        return Some(local);
    };
    if offset.abs() > MAX_OFFSET_TICKS {
        return None;
    }
    let mut utc = local.checked_sub(offset)?;
    // .NET wraps a negative result on 0001-01-01 to the same day instead of failing.
    if local < TICKS_PER_DAY && utc < 0 {
        utc += TICKS_PER_DAY;
    }
    (0..=MAX_TICKS).contains(&utc).then_some(utc)
}

/// .NET's two-digit-year window for the invariant culture (`TwoDigitYearMax` = 2029).
pub(super) fn four_digit_year(two_digits: i64) -> i64 {
    // AZURE MAY DIFFER: .NET's default pivot 2029; a server setting could change it.
    if two_digits <= 29 {
        2000 + two_digits
    } else {
        1900 + two_digits
    }
}

struct Cursor {
    c: Vec<char>,
    p: usize,
}

impl Cursor {
    fn peek(&self) -> Option<char> {
        self.c.get(self.p).copied()
    }

    fn at_end(&self) -> bool {
        self.p >= self.c.len()
    }

    fn eat(&mut self, ch: char) -> bool {
        let hit = self.peek() == Some(ch);
        if hit {
            self.p += 1;
        }
        hit
    }

    fn skip_ws(&mut self) -> bool {
        let start = self.p;
        while self.peek().is_some_and(char::is_whitespace) {
            self.p += 1;
        }
        self.p > start
    }

    /// A whole run of ASCII digits: its value and length (`None` for no digit or over 9).
    fn number(&mut self) -> Option<(i64, usize)> {
        let start = self.p;
        let mut value: i64 = 0;
        while let Some(d) = self.peek().and_then(|ch| ch.to_digit(10)) {
            value = value.saturating_mul(10).saturating_add(i64::from(d));
            self.p += 1;
        }
        let len = self.p - start;
        (1..=9).contains(&len).then_some((value, len))
    }

    /// A run of `min` to `max` digits (a longer run fails).
    fn run(&mut self, min: usize, max: usize) -> Option<i64> {
        let (value, len) = self.number()?;
        (min..=max).contains(&len).then_some(value)
    }

    /// `word` in any case, not followed by a letter.
    fn word(&mut self, word: &str) -> bool {
        let mut p = self.p;
        for w in word.chars() {
            match self.c.get(p) {
                Some(ch) if ch.eq_ignore_ascii_case(&w) => p += 1,
                _ => return false,
            }
        }
        if self.c.get(p).is_some_and(|ch| ch.is_alphabetic()) {
            return false;
        }
        self.p = p;
        true
    }

    /// The index of a full or three-letter name from `names`, in any case.
    fn name(&mut self, names: &[&str]) -> Option<i64> {
        let full = names.iter().position(|n| self.word(n));
        let found = full.or_else(|| {
            names
                .iter()
                .position(|n| self.word(n.get(..3).unwrap_or(n)))
        });
        found.and_then(|i| i64::try_from(i).ok())
    }

    /// Skips spaces, or one `-`, between the parts of a date written with a month name.
    fn name_separator(&mut self) {
        if !self.skip_ws() {
            self.eat('-');
        }
    }

    /// The date part: (year, month, day, written as ISO `yyyy-M-d`).
    fn date(&mut self) -> Option<(i64, i64, i64, bool)> {
        if let Some(month) = self.name(&MONTHS) {
            // Jan 5 2021, January 5, 2021
            self.name_separator();
            let day = self.run(1, 2)?;
            self.eat(',');
            self.name_separator();
            return Some((self.run(4, 4)?, month + 1, day, false));
        }
        let (first, len) = self.number()?;
        let sep = self.peek();
        if len == 4 {
            // yyyy-M-d, yyyy/M/d, yyyy.M.d
            let sep = sep.filter(|s| matches!(s, '-' | '/' | '.'))?;
            self.p += 1;
            let month = self.run(1, 2)?;
            if !self.eat(sep) {
                return None;
            }
            return Some((first, month, self.run(1, 2)?, sep == '-'));
        }
        if len > 2 {
            return None;
        }
        let before = self.p;
        self.name_separator();
        if let Some(month) = self.name(&MONTHS) {
            // 5 Jan 2021, 05-Jan-2021, 5 January 2021
            self.name_separator();
            return Some((self.run(4, 4)?, month + 1, first, false));
        }
        self.p = before;
        // M/d/yyyy, M-d-yyyy, M.d.yyyy and two-digit years: the invariant culture is month first.
        let sep = sep.filter(|s| matches!(s, '-' | '/' | '.'))?;
        self.p += 1;
        let day = self.run(1, 2)?;
        if !self.eat(sep) {
            return None;
        }
        let year = match self.number()? {
            (y, 4) => y,
            (y, 2) => four_digit_year(y),
            _ => return None,
        };
        Some((year, first, day, false))
    }

    /// Seconds and a fraction after `:`; the fraction is read as .NET does (as a double,
    /// rounded half to even to 100 ns).
    fn seconds(&mut self, min: usize) -> Option<(i64, i64)> {
        let second = self.run(min, 2)?;
        if !self.eat('.') {
            return Some((second, 0));
        }
        let mut fraction = 0.0_f64;
        let mut base = 0.1_f64;
        let start = self.p;
        while let Some(d) = self.peek().and_then(|ch| ch.to_digit(10)) {
            fraction += f64::from(d) * base;
            base *= 0.1;
            self.p += 1;
        }
        if self.p == start {
            return None;
        }
        // Between 0 and 10^7, so the cast cannot truncate.
        let ticks = (fraction * TICKS_PER_SECOND as f64).round_ties_even() as i64;
        Some((second, ticks.clamp(0, TICKS_PER_SECOND)))
    }

    /// The time after an ISO `T`: `HH:mm[:ss[.fffffff]]`, two digits each.
    fn iso_time(&mut self) -> Option<(i64, i64, i64, i64)> {
        let hour = self.run(2, 2)?;
        if !self.eat(':') {
            return None;
        }
        let minute = self.run(2, 2)?;
        let (second, frac) = if self.eat(':') {
            self.seconds(2)?
        } else {
            (0, 0)
        };
        Some((hour, minute, second, frac))
    }

    /// A time after a space: `h[:mm[:ss[.f]]]` with an optional AM/PM (required for `h` alone).
    fn time(&mut self) -> Option<(i64, i64, i64, i64)> {
        let hour = self.run(1, 2)?;
        let (mut minute, mut second, mut frac) = (0, 0, 0);
        let colon = self.eat(':');
        if colon {
            minute = self.run(1, 2)?;
            if self.eat(':') {
                (second, frac) = self.seconds(1)?;
            }
        }
        let before = self.p;
        self.skip_ws();
        let pm = if self.word("AM") {
            Some(false)
        } else if self.word("PM") {
            Some(true)
        } else {
            self.p = before;
            None
        };
        let hour = match pm {
            None if !colon => return None,
            None => hour,
            Some(_) if hour > 12 => return None,
            Some(false) => hour % 12,
            Some(true) => hour % 12 + 12,
        };
        Some((hour, minute, second, frac))
    }

    /// A zone: `Z`, `GMT`, or `+h`, `+hh`, `+hhmm`, `+h:mm`, `+hh:mm` (or `-`), in ticks.
    fn zone(&mut self) -> Option<i64> {
        if self.word("Z") || self.word("GMT") {
            return Some(0);
        }
        let negative = match self.peek()? {
            '+' => false,
            '-' => true,
            _ => return None,
        };
        self.p += 1;
        let (value, len) = self.number()?;
        let (hours, minutes) = match len {
            1 | 2 if self.eat(':') => (value, self.run(2, 2)?),
            1 | 2 => (value, 0),
            4 => (value / 100, value % 100),
            _ => return None,
        };
        if minutes >= 60 {
            return None;
        }
        let ticks = (hours * 60 + minutes) * TICKS_PER_MINUTE;
        Some(if negative { -ticks } else { ticks })
    }
}
