//! VB.NET's `DateAdd` and `DateDiff` (Microsoft.VisualBasic.DateAndTime), which Azure's DateAdd
//! and DateDiff follow: the documented results (DateDiff `ww` = -493 in the docs) only come
//! out of VB's rules.

use chrono::{DateTime, Utc};

use super::{
    MAX_TICKS, TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE, TICKS_PER_SECOND, days_in_month,
    fields, from_ticks, ticks_from, to_ticks,
};

/// VB's `DateInterval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Interval {
    Year,
    Quarter,
    Month,
    DayOfYear,
    Day,
    Weekday,
    WeekOfYear,
    Hour,
    Minute,
    Second,
}

/// VB's `DateIntervalFromString`: the code in any case.
fn interval(code: &str, function: &str) -> Result<Interval, String> {
    // AZURE MAY DIFFER: VB accepts any case and q, y, w; Azure documents yyyy m d ww h n s.
    Ok(match code.to_uppercase().as_str() {
        "YYYY" => Interval::Year,
        "Q" => Interval::Quarter,
        "M" => Interval::Month,
        "Y" => Interval::DayOfYear,
        "D" => Interval::Day,
        "W" => Interval::Weekday,
        "WW" => Interval::WeekOfYear,
        "H" => Interval::Hour,
        "N" => Interval::Minute,
        "S" => Interval::Second,
        other => {
            let hint = match other {
                "MI" | "MIN" | "MINUTE" | "MINUTES" => " (minutes are n, as in VB)",
                "MM" => " (months are m, minutes are n)",
                "YY" | "YEAR" | "YEARS" => " (years are yyyy; y is the day of the year)",
                _ => "",
            };
            return Err(format!(
                "\"{code}\" is not a {function} interval{hint}. Use yyyy (year), q (quarter), \
                 m (month), y (day of year), d (day), w (weekday), ww (week), h (hour), \
                 n (minute) or s (second)."
            ));
        }
    })
}

/// The ticks of a date, or the error .NET would give for a date outside its range.
fn net_ticks(dt: &DateTime<Utc>) -> Result<i64, String> {
    to_ticks(dt).ok_or_else(|| "The date is outside the years 1 to 9999 that .NET can hold.".into())
}

/// DateAdd(interval, value, dateTime) with VB semantics: intervals yyyy (year), q (quarter),
/// m (month), y (day of year = day), d (day), w (weekday = day), ww (week), h, n (minute), s.
/// Month/year arithmetic clamps to the month's last day like .NET AddMonths. Err for an unknown
/// interval (message lists the valid ones) or overflow.
pub fn date_add(
    interval_code: &str,
    value: i64,
    dt: DateTime<Utc>,
) -> Result<DateTime<Utc>, String> {
    let interval = interval(interval_code, "DateAdd")?;
    // VB converts the number to a 32-bit Integer first (CInt), failing beyond it.
    let n = i64::from(
        i32::try_from(value)
            .map_err(|_| format!("DateAdd cannot add {value}: VB's limit is ±2147483647."))?,
    );
    let ticks = net_ticks(&dt)?;
    let result = match interval {
        Interval::Year => n.checked_mul(12).and_then(|m| add_months(ticks, m)),
        Interval::Quarter => n.checked_mul(3).and_then(|m| add_months(ticks, m)),
        Interval::Month => add_months(ticks, n),
        Interval::Day | Interval::DayOfYear | Interval::Weekday => add(ticks, n, TICKS_PER_DAY),
        Interval::WeekOfYear => n.checked_mul(7).and_then(|d| add(ticks, d, TICKS_PER_DAY)),
        Interval::Hour => add(ticks, n, TICKS_PER_HOUR),
        Interval::Minute => add(ticks, n, TICKS_PER_MINUTE),
        Interval::Second => add(ticks, n, TICKS_PER_SECOND),
    };
    result.and_then(from_ticks).ok_or_else(|| {
        format!(
            "DateAdd(\"{interval_code}\", {value}, …) falls outside the years 1 to 9999 that \
             .NET can hold."
        )
    })
}

/// `ticks + count × unit`, within the .NET range.
fn add(ticks: i64, count: i64, unit: i64) -> Option<i64> {
    let result = ticks.checked_add(count.checked_mul(unit)?)?;
    (0..=MAX_TICKS).contains(&result).then_some(result)
}

/// .NET `AddMonths`: the same day in the target month, or its last day; the time is kept.
fn add_months(ticks: i64, months: i64) -> Option<i64> {
    if !(-120_000..=120_000).contains(&months) {
        return None;
    }
    let f = fields(ticks)?;
    let index = (f.year * 12 + f.month - 1).checked_add(months)?;
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
    let day = f.day.min(days_in_month(year, month));
    ticks_from(year, month, day, 0, 0, 0)?.checked_add(ticks % TICKS_PER_DAY)
}

/// DateDiff(interval, date1, date2) = date2 − date1 with VB.NET DateAndTime.DateDiff semantics
/// (see the table in expressions.md: yyyy/q/m count calendar boundaries; d/h/n/s truncate the
/// TimeSpan; ww moves both dates back to their week's Sunday, then days / 7; w = days / 7
/// truncated; y = d).
pub fn date_diff(
    interval_code: &str,
    date1: DateTime<Utc>,
    date2: DateTime<Utc>,
) -> Result<i64, String> {
    let interval = interval(interval_code, "DateDiff")?;
    let (t1, t2) = (net_ticks(&date1)?, net_ticks(&date2)?);
    let range = || "The date is outside the years 1 to 9999 that .NET can hold.".to_string();
    let (f1, f2) = (fields(t1).ok_or_else(range)?, fields(t2).ok_or_else(range)?);
    // Both lie within the .NET range, so the difference cannot overflow. VB truncates a double
    // (TimeSpan.TotalDays…); the exact integer division differs only within 100 ns of a
    // boundary.
    let span = t2 - t1;
    Ok(match interval {
        Interval::Year => f2.year - f1.year,
        Interval::Month => (f2.year - f1.year) * 12 + f2.month - f1.month,
        Interval::Quarter => (f2.year - f1.year) * 4 + (f2.month - 1) / 3 - (f1.month - 1) / 3,
        Interval::Day | Interval::DayOfYear => span / TICKS_PER_DAY,
        Interval::Hour => span / TICKS_PER_HOUR,
        Interval::Minute => span / TICKS_PER_MINUTE,
        Interval::Second => span / TICKS_PER_SECOND,
        Interval::Weekday => span / TICKS_PER_DAY / 7,
        Interval::WeekOfYear => {
            // AZURE MAY DIFFER: VB's default first day of the week, Sunday. VB moves each date
            // back by (weekday − Sunday + 8) mod 7 + 1 days: to the Saturday before its week,
            // which keeps the week boundaries at Sunday.
            let back = |t: i64, weekday: i64| add(t, -((weekday - 1 + 8) % 7 + 1), TICKS_PER_DAY);
            let (s1, s2) = (back(t1, f1.weekday), back(t2, f2.weekday));
            let (Some(s1), Some(s2)) = (s1, s2) else {
                return Err(
                    "DateDiff(\"ww\", …) needs dates after the first week of the year 1.".into(),
                );
            };
            (s2 - s1) / TICKS_PER_DAY / 7
        }
    })
}
