//! .NET's `DateTime.ParseExact(source, format, InvariantCulture, styles)` on a server whose
//! local time zone is UTC, and the `DateTimeStyles` that steer it.
//!
//! It follows .NET's `DateTimeParse.DoStrictParse`/`ParseByFormat` rule by rule, quirks
//! included: `hh` without `tt` means AM, `.FF` may be skipped when the dot is missing, `Z` in an
//! input format is a UTC marker that also accepts `GMT`, a date that does not exist fails.

use super::format::{Kind, NOT_STANDARD, quoted, repeat, standard};
use super::loose::four_digit_year;
use super::{
    DAYS, MAX_OFFSET_TICKS, MAX_TICKS, MONTHS, TICKS_PER_DAY, TICKS_PER_MINUTE, fields, ticks_from,
};

const ALLOW_LEADING_WHITE: u32 = 1;
const ALLOW_TRAILING_WHITE: u32 = 2;
const ALLOW_INNER_WHITE: u32 = 4;
const NO_CURRENT_DATE_DEFAULT: u32 = 8;
const ADJUST_TO_UNIVERSAL: u32 = 16;
const ASSUME_LOCAL: u32 = 32;
const ASSUME_UNIVERSAL: u32 = 64;
const ROUNDTRIP_KIND: u32 = 128;
/// Azure's documented default for an empty dateTimeStyles argument.
const DEFAULT_STYLES: u32 = ROUNDTRIP_KIND | ALLOW_LEADING_WHITE | ALLOW_TRAILING_WHITE;

const STYLE_NAMES: [(&str, u32); 10] = [
    ("None", 0),
    ("AllowLeadingWhite", ALLOW_LEADING_WHITE),
    ("AllowTrailingWhite", ALLOW_TRAILING_WHITE),
    ("AllowInnerWhite", ALLOW_INNER_WHITE),
    ("AllowWhiteSpaces", 7),
    ("NoCurrentDateDefault", NO_CURRENT_DATE_DEFAULT),
    ("AdjustToUniversal", ADJUST_TO_UNIVERSAL),
    ("AssumeLocal", ASSUME_LOCAL),
    ("AssumeUniversal", ASSUME_UNIVERSAL),
    ("RoundtripKind", ROUNDTRIP_KIND),
];

/// See [`super::parse_styles`].
pub(super) fn parse_styles(styles: Option<&str>) -> Result<u32, String> {
    // AZURE MAY DIFFER: how Azure reads this string is not documented.
    let Some(text) = styles.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(DEFAULT_STYLES);
    };
    let mut flags = 0;
    for part in text.split([',', '|']).map(str::trim) {
        let name = part.strip_prefix("DateTimeStyles.").unwrap_or(part);
        let flag = STYLE_NAMES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|&(_, f)| f)
            .or_else(|| name.parse::<u32>().ok().filter(|&n| n <= 255));
        let Some(flag) = flag else {
            let names: Vec<&str> = STYLE_NAMES.iter().map(|(n, _)| *n).collect();
            return Err(format!(
                "\"{part}\" is not a .NET DateTimeStyles value. Use one or more of {}, separated \
                 by commas.",
                names.join(", ")
            ));
        };
        flags |= flag;
    }
    if flags & ASSUME_LOCAL != 0 && flags & ASSUME_UNIVERSAL != 0 {
        return Err("The styles AssumeLocal and AssumeUniversal cannot be used together.".into());
    }
    if flags & ROUNDTRIP_KIND != 0
        && flags & (ASSUME_LOCAL | ASSUME_UNIVERSAL | ADJUST_TO_UNIVERSAL) != 0
    {
        let message = "The style RoundtripKind cannot be used with AssumeLocal, \
                       AssumeUniversal or AdjustToUniversal.";
        return Err(message.into());
    }
    Ok(flags)
}

/// Why ParseExact failed.
#[derive(Debug)]
pub(super) enum Fail {
    /// The format itself is invalid (.NET: FormatException about the format).
    Format(&'static str),
    /// The source does not fit the format, maybe with a reason.
    NoMatch(Option<&'static str>),
}

const NO_MATCH: Fail = Fail::NoMatch(None);

/// The source being parsed.
struct Src {
    c: Vec<char>,
    p: usize,
}

impl Src {
    fn peek(&self) -> Option<char> {
        self.c.get(self.p).copied()
    }

    fn eat(&mut self, ch: char) -> bool {
        let hit = self.peek() == Some(ch);
        if hit {
            self.p += 1;
        }
        hit
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.p += 1;
        }
    }

    /// .NET `ParseDigits(min, max)`: up to `max` digits, at least `min`.
    fn digits(&mut self, min: usize, max: usize) -> Result<i64, Fail> {
        let start = self.p;
        let mut value: i64 = 0;
        while self.p - start < max {
            let Some(d) = self.peek().and_then(|c| c.to_digit(10)) else {
                break;
            };
            value = value.saturating_mul(10).saturating_add(i64::from(d));
            self.p += 1;
        }
        if self.p - start < min {
            self.p = start;
            return Err(NO_MATCH);
        }
        Ok(value)
    }

    /// .NET `ParseDigits(len)`: a length of 1 means one or two digits, otherwise exactly `len`.
    fn digits_for(&mut self, len: usize) -> Result<i64, Fail> {
        if len == 1 {
            self.digits(1, 2)
        } else {
            self.digits(len, len)
        }
    }

    /// `text` in any case at the cursor (no word boundary).
    fn starts_ci(&mut self, text: &str) -> bool {
        let n = text.chars().count();
        let hit = self.c.get(self.p..self.p + n).is_some_and(|w| {
            w.iter()
                .zip(text.chars())
                .all(|(a, b)| a.eq_ignore_ascii_case(&b))
        });
        if hit {
            self.p += n;
        }
        hit
    }

    /// .NET `MatchWord`: `text` in any case, not followed by a letter.
    fn word_ci(&mut self, text: &str) -> bool {
        let start = self.p;
        if self.starts_ci(text) && !self.peek().is_some_and(char::is_alphabetic) {
            return true;
        }
        self.p = start;
        false
    }

    /// A month or day name (`names`), full (`full`) or by its first three letters, as .NET's
    /// invariant fast path reads it: the first three letters pick the name.
    fn name(&mut self, names: &[&str], full: bool) -> Result<i64, Fail> {
        for (i, name) in names.iter().enumerate() {
            let start = self.p;
            let abbr = name.get(..3).unwrap_or(name);
            if self.starts_ci(abbr) {
                self.p = start;
                if self.starts_ci(if full { name } else { abbr }) {
                    return i64::try_from(i).map_err(|_| NO_MATCH);
                }
                return Err(NO_MATCH);
            }
        }
        Err(NO_MATCH)
    }

    /// .NET `ParseTimeZoneOffset` for `z` (1), `zz` (2) and `zzz`/`K` (3), in ticks.
    fn offset(&mut self, len: usize) -> Result<i64, Fail> {
        let negative = match self.peek() {
            Some('+') => false,
            Some('-') => true,
            _ => return Err(NO_MATCH),
        };
        self.p += 1;
        let (hours, minutes) = if len <= 2 {
            (self.digits_for(len)?, 0)
        } else {
            let hours = self.digits(1, 2)?;
            self.eat(':');
            (hours, self.digits(2, 2)?)
        };
        if minutes >= 60 {
            return Err(NO_MATCH);
        }
        let ticks = (hours * 60 + minutes) * TICKS_PER_MINUTE;
        Ok(if negative { -ticks } else { ticks })
    }
}

/// What the source said so far (-1: not given), like .NET's `DateTimeResult`.
struct Raw {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    /// Ticks of the fraction of a second.
    fraction: i64,
    weekday: i64,
    pm: Option<bool>,
    hour12: bool,
    two_digit_year: bool,
    offset: Option<i64>,
    utc: bool,
}

/// .NET `CheckNewValue`: a field given twice must have the same value.
fn set(slot: &mut i64, value: i64) -> Result<(), Fail> {
    if *slot == -1 || *slot == value {
        *slot = value;
        Ok(())
    } else {
        Err(Fail::NoMatch(Some(
            "a part is given twice with different values",
        )))
    }
}

fn set_offset(raw: &mut Raw, offset: i64) -> Result<(), Fail> {
    if raw.offset.is_some_and(|o| o != offset) {
        return Err(Fail::NoMatch(Some("two different time zone offsets")));
    }
    raw.offset = Some(offset);
    Ok(())
}

/// .NET `ParseByFormat`: matches the format item at `f[i]`; returns where the next one starts.
fn step(f: &[char], mut i: usize, s: &mut Src, r: &mut Raw, styles: u32) -> Result<usize, Fail> {
    let inner = styles & ALLOW_INNER_WHITE != 0;
    // An unmatched space may be skipped when trailing white space is allowed (.NET retries
    // with the next format character; a loop here instead of its recursion).
    while f.get(i) == Some(&' ') && !inner && !s.eat(' ') {
        if styles & ALLOW_TRAILING_WHITE != 0 && i + 1 < f.len() {
            i += 1;
        } else {
            return Err(NO_MATCH);
        }
        if f.get(i) != Some(&' ') {
            break;
        }
    }
    let Some(&ch) = f.get(i) else {
        return Ok(i);
    };
    if ch == ' ' {
        // Matched above, or skipped by AllowInnerWhite.
        return Ok(i + 1);
    }
    let n = repeat(f, i);
    let after = i + n;
    match ch {
        'y' => {
            if n <= 2 {
                r.two_digit_year = true;
            }
            let v = s.digits_for(n)?;
            set(&mut r.year, v)?;
        }
        'M' => {
            let v = match n {
                1 | 2 => s.digits_for(n)?,
                3 => s.name(&MONTHS, false)? + 1,
                _ => s.name(&MONTHS, true)? + 1,
            };
            set(&mut r.month, v)?;
        }
        'd' if n <= 2 => {
            let v = s.digits_for(n)?;
            set(&mut r.day, v)?;
        }
        'd' => {
            let v = s.name(&DAYS, n > 3)?;
            set(&mut r.weekday, v)?;
        }
        'g' => {
            if !s.starts_ci("A.D.") && !s.starts_ci("AD") {
                return Err(NO_MATCH);
            }
        }
        'h' | 'H' | 'm' | 's' => {
            r.hour12 |= ch == 'h';
            let v = s.digits_for(n.min(2))?;
            let slot = match ch {
                'm' => &mut r.minute,
                's' => &mut r.second,
                _ => &mut r.hour,
            };
            set(slot, v)?;
        }
        'f' | 'F' => {
            if n > 7 {
                return Err(Fail::NoMatch(Some("more than 7 fraction digits requested")));
            }
            let start = s.p;
            let v = s.digits(0, n)?;
            let got = s.p - start;
            if ch == 'f' && got < n {
                return Err(NO_MATCH);
            }
            let exponent = u32::try_from(7 - got).map_err(|_| NO_MATCH)?;
            let ticks = v * 10_i64.pow(exponent);
            if r.fraction >= 0 && r.fraction != ticks {
                return Err(Fail::NoMatch(Some("two different fractions of a second")));
            }
            r.fraction = ticks;
        }
        't' => {
            let pm = if n == 1 {
                // .NET compares the first letter of AM/PM case-sensitively here.
                match s.peek() {
                    Some('A') => false,
                    Some('P') => true,
                    _ => return Err(NO_MATCH),
                }
            } else if s.starts_ci("AM") {
                false
            } else if s.starts_ci("PM") {
                true
            } else {
                return Err(NO_MATCH);
            };
            if n == 1 {
                s.p += 1;
            }
            if r.pm.is_some_and(|old| old != pm) {
                return Err(Fail::NoMatch(Some("both AM and PM")));
            }
            r.pm = Some(pm);
        }
        'z' => {
            let offset = s.offset(n)?;
            set_offset(r, offset)?;
        }
        'Z' => {
            // AZURE MAY DIFFER: .NET treats Z in an input format as a UTC marker reading
            // `Z` or `GMT` in any case (not followed by a letter), not as a literal.
            set_offset(r, 0)?;
            r.utc = true;
            if !s.word_ci("GMT") && !s.word_ci("Z") {
                return Err(NO_MATCH);
            }
            return Ok(i + 1);
        }
        'K' => {
            if s.eat('Z') {
                set_offset(r, 0)?;
                r.utc = true;
            } else if matches!(s.peek(), Some('+' | '-')) {
                let offset = s.offset(3)?;
                set_offset(r, offset)?;
            }
            return Ok(i + 1);
        }
        '\'' | '"' => {
            let (text, used) = quoted(f, i).ok_or(Fail::Format("a quote is not closed"))?;
            for c in text.chars() {
                if c == ' ' && inner {
                    s.skip_ws();
                } else if !s.eat(c) {
                    return Err(NO_MATCH);
                }
            }
            return Ok(i + used);
        }
        '%' => {
            return match f.get(i + 1) {
                Some(&next) if next != '%' => Ok(i + 1),
                _ => Err(Fail::Format("% must be followed by one format character")),
            };
        }
        '\\' => {
            let next = *f
                .get(i + 1)
                .ok_or(Fail::Format("it ends with a lone backslash"))?;
            return if s.eat(next) {
                Ok(i + 2)
            } else {
                Err(NO_MATCH)
            };
        }
        '.' => {
            if s.eat('.') {
                return Ok(i + 1);
            }
            // .NET: a missing dot is fine when the format goes on with optional fraction
            // digits. Its check looks two characters ahead, so `.F` alone still fails while
            // `.FF` and longer are skipped whole.
            if i + 1 < f.len() && f.get(i + 2) == Some(&'F') {
                return Ok(i + 2 + repeat(f, i + 2));
            }
            return Err(NO_MATCH);
        }
        'G' if f.get(i..i + 3).is_some_and(|w| {
            w.iter()
                .zip("GMT".chars())
                .all(|(a, b)| a.eq_ignore_ascii_case(&b))
        }) =>
        {
            // .NET: GMT written in a format means UTC, matched case-sensitively in the source.
            r.offset = Some(0);
            if !"GMT".chars().all(|c| s.eat(c)) {
                return Err(NO_MATCH);
            }
            return Ok(i + 3);
        }
        _ => {
            return if s.eat(ch) { Ok(i + 1) } else { Err(NO_MATCH) };
        }
    }
    Ok(after)
}

/// .NET `DateTime.ParseExact` on a UTC server: the ticks and kind of the result.
pub(super) fn parse_exact(
    source: &str,
    format: &str,
    styles: u32,
    now: i64,
) -> Result<(i64, Kind), Fail> {
    if source.is_empty() {
        return Err(Fail::NoMatch(Some("it is empty")));
    }
    let mut f: Vec<char> = format.chars().collect();
    let mut raw = Raw {
        year: -1,
        month: -1,
        day: -1,
        hour: -1,
        minute: -1,
        second: -1,
        fraction: -1,
        weekday: -1,
        pm: None,
        hour12: false,
        two_digit_year: false,
        offset: None,
        utc: false,
    };
    match f.as_slice() {
        [] => return Err(Fail::Format("it is empty")),
        [c] => {
            if *c == 'U' {
                raw.offset = Some(0);
                raw.utc = true;
            }
            f = standard(*c)
                .ok_or(Fail::Format(NOT_STANDARD))?
                .chars()
                .collect();
        }
        _ => {}
    }
    let mut s = Src {
        c: source.chars().collect(),
        p: 0,
    };
    if styles & ALLOW_TRAILING_WHITE != 0 {
        while f.last().is_some_and(|c| c.is_whitespace()) {
            f.pop();
        }
        // .NET also drops spaces just inside a closing quote at the very end.
        if f.len() > 2 && matches!(f.last(), Some('\'' | '"')) {
            let quote_at = f.len() - 1;
            let mut from = quote_at;
            while from > 0 && f.get(from - 1).is_some_and(|c| c.is_whitespace()) {
                from -= 1;
            }
            f.drain(from..quote_at);
        }
        while s.c.last().is_some_and(|c| c.is_whitespace()) {
            s.c.pop();
        }
    }
    let mut i = 0;
    if styles & ALLOW_LEADING_WHITE != 0 {
        // .NET drops spaces just inside an opening quote at the very start.
        if f.len() > 2 && matches!(f.first(), Some('\'' | '"')) {
            let end = 1 + f.iter().skip(1).take_while(|c| c.is_whitespace()).count();
            f.drain(1..end);
        }
        i = f.iter().take_while(|c| c.is_whitespace()).count();
        s.skip_ws();
    }
    while i < f.len() {
        if styles & ALLOW_INNER_WHITE != 0 {
            s.skip_ws();
        }
        i = step(&f, i, &mut s, &mut raw, styles)?;
    }
    if s.p < s.c.len() {
        return Err(Fail::NoMatch(Some("there is text left over")));
    }
    finish(raw, styles, now)
}

/// The end of .NET's `DoStrictParse`: defaults, checks and the time zone.
fn finish(mut r: Raw, styles: u32, now: i64) -> Result<(i64, Kind), Fail> {
    if r.two_digit_year {
        if r.year >= 100 {
            return Err(NO_MATCH);
        }
        r.year = four_digit_year(r.year);
    }
    if r.hour12 {
        // .NET: `h` without `tt` means AM.
        if r.hour > 12 {
            return Err(Fail::NoMatch(Some("a 12-hour clock hour above 12")));
        }
        r.hour = r.hour % 12 + if r.pm == Some(true) { 12 } else { 0 };
    } else if (r.pm == Some(false) && r.hour >= 12) || (r.pm == Some(true) && r.hour < 12) {
        return Err(Fail::NoMatch(Some(
            "AM or PM does not fit the 24-hour clock hour",
        )));
    }
    if r.year == -1 || r.month == -1 || r.day == -1 {
        // AZURE MAY DIFFER: like .NET, missing date parts come from today (UTC on the server).
        let today = fields(now).ok_or(NO_MATCH)?;
        if r.month == -1 && r.day == -1 {
            if r.year != -1 {
                (r.month, r.day) = (1, 1);
            } else if styles & NO_CURRENT_DATE_DEFAULT != 0 {
                (r.year, r.month, r.day) = (1, 1, 1);
            } else {
                (r.year, r.month, r.day) = (today.year, today.month, today.day);
            }
        } else {
            if r.year == -1 {
                r.year = today.year;
            }
            r.month = r.month.max(1);
            r.day = r.day.max(1);
        }
    }
    let mut ticks = ticks_from(
        r.year,
        r.month,
        r.day,
        r.hour.max(0),
        r.minute.max(0),
        r.second.max(0),
    )
    .ok_or(Fail::NoMatch(Some("that date or time does not exist")))?;
    if r.fraction > 0 {
        ticks += r.fraction;
        if ticks > MAX_TICKS {
            return Err(NO_MATCH);
        }
    }
    if r.weekday != -1 && fields(ticks).map(|x| x.weekday) != Some(r.weekday) {
        return Err(Fail::NoMatch(Some(
            "the day of the week does not fit the date",
        )));
    }
    adjust_zone(ticks, &r, styles)
}

/// .NET `DetermineTimeZoneAdjustments` with a UTC local zone.
fn adjust_zone(ticks: i64, r: &Raw, styles: u32) -> Result<(i64, Kind), Fail> {
    let out_of_range = Fail::NoMatch(Some("the date falls outside years 1 to 9999"));
    if r.offset.is_some_and(|o| o.abs() > MAX_OFFSET_TICKS) {
        return Err(Fail::NoMatch(Some("the offset is beyond ±14:00")));
    }
    let offset = match r.offset {
        Some(o) => o,
        None if styles & ASSUME_LOCAL != 0 => {
            if styles & ADJUST_TO_UNIVERSAL == 0 {
                return Ok((ticks, Kind::Local));
            }
            0
        }
        None if styles & ASSUME_UNIVERSAL != 0 => {
            if styles & ADJUST_TO_UNIVERSAL != 0 {
                return Ok((ticks, Kind::Utc));
            }
            0
        }
        None => return Ok((ticks, Kind::Unspecified)),
    };
    if styles & ROUNDTRIP_KIND != 0 && r.utc {
        return Ok((ticks, Kind::Utc));
    }
    // AZURE MAY DIFFER: the result is converted to the server's local zone, UTC.
    let mut adjusted = ticks - offset;
    let kind = if styles & ADJUST_TO_UNIVERSAL != 0 {
        Kind::Utc
    } else {
        Kind::Local
    };
    // .NET wraps a negative result on 0001-01-01 to the same day instead of failing.
    if adjusted < 0 {
        adjusted += TICKS_PER_DAY;
    }
    if (0..=MAX_TICKS).contains(&adjusted) {
        Ok((adjusted, kind))
    } else {
        Err(out_of_range)
    }
}
