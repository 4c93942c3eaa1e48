//! Date and time rules for the attribute-mapping functions CDate, DateAdd, DateDiff,
//! DateFromNum, FormatDateTime, Now and NumFromDate, computed offline exactly as Azure's
//! provisioning service computes them.
//!
//! That service is a .NET program on a server whose local time zone is UTC, so the rules are
//! .NET's: `DateTime.Parse` and `DateTime.ParseExact` with the invariant culture, `ToString`
//! with .NET format strings, and VB.NET's `DateAdd`/`DateDiff`. Internally a date is a .NET tick
//! count (100 ns since 0001-01-01), which keeps the .NET range (years 1 to 9999) and precision.
//!
//! - this file: ticks, [`render`], [`parse_loose`], the AD FILETIME conversions, [`ASSUMPTIONS`];
//! - `loose.rs`: the part of `DateTime.Parse` that CDate needs;
//! - `exact.rs`: `DateTime.ParseExact` with .NET date format strings and `DateTimeStyles`;
//! - `format.rs`: `ToString` with .NET date format strings, and [`format_date_time`];
//! - `vb.rs`: [`date_add`] and [`date_diff`].

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Timelike, Utc};

mod exact;
mod format;
mod loose;
#[cfg(test)]
mod tests;
mod vb;

pub use format::format_date_time;
pub use vb::{date_add, date_diff};

/// Each choice this module makes where Azure's behaviour is not documented, one sentence each,
/// for the window to show. The code marks each place with an `AZURE MAY DIFFER:` comment.
pub const ASSUMPTIONS: &[&str] = &[
    "CDate reads a date written without a time zone offset as UTC.",
    "CDate reads the common forms of .NET DateTime.Parse (ISO 8601, 2020-03-16-07:00, \
     M/d/yyyy h:mm:ss tt, month names such as 5 January 2021, RFC 1123), but not the rarer ones \
     .NET also reads, such as a time without a date or a month and day without a year.",
    "Two-digit years follow .NET's default window: 00 to 29 mean 2000 to 2029, 30 to 99 mean 1930 \
     to 1999.",
    "FormatDateTime runs on a server whose local time zone is UTC: an input with an offset is \
     converted to UTC, so an output format without an offset can show the previous or next \
     calendar day, and z, zz and zzz print the server's +00:00 rather than the input's offset.",
    "In FormatDateTime's output, K prints Z when the input was read as UTC (a Z matched with the \
     RoundtripKind style, or AdjustToUniversal), +00:00 when it was read with an offset or an \
     Assume style, and nothing otherwise.",
    "In FormatDateTime's input format, Z is .NET's UTC marker: it accepts Z or GMT in any case, \
     not only a literal Z (in the output format Z is a literal).",
    "FormatDateTime's dateTimeStyles are .NET DateTimeStyles names, case-insensitive, separated \
     by commas or |; an empty value means RoundtripKind, AllowLeadingWhite, AllowTrailingWhite.",
    "FormatDateTime with an input format that has no date takes today's date in UTC, as .NET does.",
    "DateAdd and DateDiff accept the interval in any case and also VB's q, y and w, as VB's \
     DateAdd and DateDiff do.",
    "DateAdd fails for an amount beyond ±2147483647, because VB's DateAdd first converts it to a \
     32-bit whole number.",
    "DateDiff with ww counts weeks that start on Sunday (VB's default) and, like VB, keeps the \
     time of day, so Saturday 11 PM to Sunday 1 AM counts 0 weeks.",
    "DateFromNum fails for negative numbers and for numbers past the year 9999, as .NET's \
     DateTime.FromFileTimeUtc does.",
    "NumFromDate of a date before 1601 gives a negative number here; Azure most likely fails \
     instead.",
];

/// .NET ticks per unit.
const TICKS_PER_SECOND: i64 = 10_000_000;
const TICKS_PER_MINUTE: i64 = 60 * TICKS_PER_SECOND;
const TICKS_PER_HOUR: i64 = 60 * TICKS_PER_MINUTE;
const TICKS_PER_DAY: i64 = 24 * TICKS_PER_HOUR;
/// `DateTime.MaxValue.Ticks` (9999-12-31 23:59:59.9999999).
const MAX_TICKS: i64 = 3_155_378_975_999_999_999;
/// The ticks of 1601-01-01, where AD FILETIME counts from.
const FILETIME_EPOCH_TICKS: i64 = 504_911_232_000_000_000;
/// Seconds from 1601-01-01 to the Unix epoch.
const FILETIME_EPOCH_TO_UNIX_SECONDS: i64 = 11_644_473_600;
/// .NET refuses offsets beyond ±14:00.
const MAX_OFFSET_TICKS: i64 = 14 * TICKS_PER_HOUR;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// The calendar fields of a tick count (UTC, proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fields {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    /// Ticks within the second (0 to 9 999 999).
    frac: i64,
    /// 0 = Sunday … 6 = Saturday.
    weekday: i64,
}

/// The fields of a tick count; `None` outside the .NET range.
fn fields(ticks: i64) -> Option<Fields> {
    if !(0..=MAX_TICKS).contains(&ticks) {
        return None;
    }
    let days = ticks / TICKS_PER_DAY;
    let rem = ticks % TICKS_PER_DAY;
    let date = NaiveDate::from_num_days_from_ce_opt(i32::try_from(days.checked_add(1)?).ok()?)?;
    Some(Fields {
        year: i64::from(date.year()),
        month: i64::from(date.month()),
        day: i64::from(date.day()),
        hour: rem / TICKS_PER_HOUR,
        minute: rem % TICKS_PER_HOUR / TICKS_PER_MINUTE,
        second: rem % TICKS_PER_MINUTE / TICKS_PER_SECOND,
        frac: rem % TICKS_PER_SECOND,
        weekday: i64::from(date.weekday().num_days_from_sunday()),
    })
}

/// Ticks of a calendar date and time, like .NET's `new DateTime(…)`; `None` when it does not
/// exist (month 13, 30 February, hour 24, year 0 or 10000…).
fn ticks_from(year: i64, month: i64, day: i64, hour: i64, minute: i64, second: i64) -> Option<i64> {
    if !(1..=9999).contains(&year)
        || !(0..24).contains(&hour)
        || !(0..60).contains(&minute)
        || !(0..60).contains(&second)
    {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(year).ok()?,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )?;
    let days = i64::from(date.num_days_from_ce()).checked_sub(1)?;
    let time = hour * TICKS_PER_HOUR + minute * TICKS_PER_MINUTE + second * TICKS_PER_SECOND;
    days.checked_mul(TICKS_PER_DAY)?.checked_add(time)
}

/// The number of days in a month (`DateTime.DaysInMonth`); 0 for a month that does not exist.
fn days_in_month(year: i64, month: i64) -> i64 {
    (28..=31)
        .rev()
        .find(|&d| ticks_from(year, month, d, 0, 0, 0).is_some())
        .unwrap_or(0)
}

/// The .NET ticks of a chrono date; `None` outside years 1 to 9999. Below 100 ns is dropped.
fn to_ticks(dt: &DateTime<Utc>) -> Option<i64> {
    let naive = dt.naive_utc();
    let days = i64::from(naive.date().num_days_from_ce()).checked_sub(1)?;
    let secs = i64::from(naive.time().num_seconds_from_midnight());
    // A chrono leap second (nanosecond ≥ 1e9) counts as the last tick of its second.
    let nanos = i64::from(naive.time().nanosecond().min(999_999_999));
    let ticks = days
        .checked_mul(TICKS_PER_DAY)?
        .checked_add(secs * TICKS_PER_SECOND + nanos / 100)?;
    (0..=MAX_TICKS).contains(&ticks).then_some(ticks)
}

/// A chrono date from .NET ticks; `None` outside the .NET range.
fn from_ticks(ticks: i64) -> Option<DateTime<Utc>> {
    if !(0..=MAX_TICKS).contains(&ticks) {
        return None;
    }
    let date =
        NaiveDate::from_num_days_from_ce_opt(i32::try_from(ticks / TICKS_PER_DAY + 1).ok()?)?;
    let rem = ticks % TICKS_PER_DAY;
    let time = NaiveTime::from_num_seconds_from_midnight_opt(
        u32::try_from(rem / TICKS_PER_SECOND).ok()?,
        u32::try_from(rem % TICKS_PER_SECOND * 100).ok()?,
    )?;
    Some(date.and_time(time).and_utc())
}

/// The current UTC time at .NET precision (100 ns), as `Now()` gives it.
pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    to_ticks(&now).and_then(from_ticks).unwrap_or(now)
}

/// Renders a DateTime the way Azure renders one as a string result: `M/d/yyyy h:mm:ss tt`,
/// invariant culture (AM/PM), in UTC. e.g. 3/16/2020 7:00:00 AM
pub fn render(dt: &DateTime<Utc>) -> String {
    let hour = dt.hour();
    let hour12 = match hour % 12 {
        0 => 12,
        h => h,
    };
    format!(
        "{}/{}/{:04} {}:{:02}:{:02} {}",
        dt.month(),
        dt.day(),
        dt.year(),
        hour12,
        dt.minute(),
        dt.second(),
        if hour < 12 { "AM" } else { "PM" }
    )
}

/// CDate and the date arguments of DateAdd/DateDiff/NumFromDate: parse any string .NET
/// `DateTime.Parse(s, CultureInfo.InvariantCulture)` would accept that admins realistically
/// have: ISO 8601 forms with or without time, with `Z`, `+hh:mm`, `-hh:mm` offsets, and the
/// documented odd forms `2020-03-16-07:00` (date followed directly by an offset) and
/// `2021-06-30+08:00`; `yyyy-MM-dd HH:mm:ss[offset]`; the invariant US form
/// `M/d/yyyy h:mm:ss tt` (what `render` produces must parse back) and `M/d/yyyy`; fractional
/// seconds. An offset is honoured and the result converted to UTC; no offset means UTC.
/// None when unparseable. Leading/trailing whitespace allowed.
///
/// Also read: `yyyy/M/d`, `M-d-yyyy`, `M/d/yy`, month names (`5 January 2021`,
/// `Jan 5, 2021`), a leading day name that must fit the date, `GMT` and RFC 1123
/// (`Tue, 05 Jan 2021 10:00:00 GMT`).
pub fn parse_loose(s: &str) -> Option<DateTime<Utc>> {
    loose::parse(s).and_then(from_ticks)
}

/// DateFromNum: AD FILETIME (100-ns ticks since 1601-01-01 UTC) to a DateTime. None if out of range.
///
/// Like .NET's `DateTime.FromFileTimeUtc`: negative numbers and numbers past 9999-12-31 fail.
pub fn from_filetime(ticks: i64) -> Option<DateTime<Utc>> {
    // AZURE MAY DIFFER: assumes DateFromNum is DateTime.FromFileTimeUtc (fails below 0).
    if ticks < 0 {
        return None;
    }
    from_ticks(ticks.checked_add(FILETIME_EPOCH_TICKS)?)
}

/// The dateTimeStyles argument of FormatDateTime as .NET `DateTimeStyles` flags. None or blank
/// gives Azure's default (`RoundtripKind, AllowLeadingWhite, AllowTrailingWhite`); otherwise
/// names separated by `,` or `|` in any case (or a number), checked the way .NET checks them.
/// Err names the valid values.
pub fn parse_styles(styles: Option<&str>) -> Result<u32, String> {
    exact::parse_styles(styles)
}

/// NumFromDate: a DateTime to AD FILETIME ticks.
///
/// A date before 1601 gives a negative number (.NET's `ToFileTimeUtc` would fail: see
/// [`try_to_filetime`]); a date beyond the i64 range saturates. Below 100 ns is dropped.
pub fn to_filetime(dt: &DateTime<Utc>) -> i64 {
    // AZURE MAY DIFFER: Azure most likely fails before 1601; the number is given regardless.
    if let Some(filetime) = try_to_filetime(dt) {
        return filetime;
    }
    let hundred_ns = i64::from(dt.timestamp_subsec_nanos().min(999_999_999) / 100);
    dt.timestamp()
        .saturating_add(FILETIME_EPOCH_TO_UNIX_SECONDS)
        .saturating_mul(TICKS_PER_SECOND)
        .saturating_add(hundred_ns)
}

/// NumFromDate exactly as .NET's `ToFileTimeUtc`: `None` before 1601 or outside years 1 to 9999.
pub fn try_to_filetime(dt: &DateTime<Utc>) -> Option<i64> {
    let ticks = to_ticks(dt)?.checked_sub(FILETIME_EPOCH_TICKS)?;
    (ticks >= 0).then_some(ticks)
}
