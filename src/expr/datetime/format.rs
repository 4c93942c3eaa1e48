//! .NET date format strings with the invariant culture for FormatDateTime:
//! `DateTime.ParseExact(source, inputFormat, InvariantCulture, styles)` (in `exact.rs`) and then
//! `ToString(outputFormat, InvariantCulture)` (here), on a server whose local time zone is UTC.

use super::exact::{Fail, parse_exact};
use super::{DAYS, MONTHS, fields, parse_styles, to_ticks};

/// .NET's `DateTimeKind`: what a parsed date says about its zone. It matters for `K`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Unspecified,
    Utc,
    Local,
}

/// FormatDateTime(source, [dateTimeStyles], inputFormat, outputFormat): .NET
/// `DateTime.ParseExact(source, inputFormat, InvariantCulture, styles)` then
/// `ToString(outputFormat, InvariantCulture)`. `styles` None/empty means
/// `RoundtripKind | AllowLeadingWhite | AllowTrailingWhite` (Azure's documented default);
/// otherwise a comma- or `|`-separated list of .NET DateTimeStyles names (AdjustToUniversal,
/// AssumeUniversal, AssumeLocal, RoundtripKind, AllowWhiteSpaces, AllowLeadingWhite,
/// AllowTrailingWhite, AllowInnerWhite, NoCurrentDateDefault, None) — unknown names are an Err
/// naming the valid ones. The server's local time zone is UTC. Err(message) in plain English
/// when the source does not match the input format (say which format was expected), e.g.
/// "`2015/01/23` does not match the input format `yyyyMMdd`".
pub fn format_date_time(
    source: &str,
    styles: Option<&str>,
    input_format: &str,
    output_format: &str,
) -> Result<String, String> {
    let now = to_ticks(&super::now()).unwrap_or(0);
    format_date_time_at(source, styles, input_format, output_format, now)
}

/// [`format_date_time`] with "today" given (in ticks), for tests.
pub(super) fn format_date_time_at(
    source: &str,
    styles: Option<&str>,
    input_format: &str,
    output_format: &str,
    now: i64,
) -> Result<String, String> {
    let styles = parse_styles(styles)?;
    let (ticks, kind) = parse_exact(source, input_format, styles, now).map_err(|e| match e {
        Fail::Format(why) => {
            format!("The input format \"{input_format}\" is not a valid .NET date format: {why}.")
        }
        Fail::NoMatch(None) => {
            format!("\"{source}\" does not match the input format \"{input_format}\"")
        }
        Fail::NoMatch(Some(why)) => {
            format!("\"{source}\" does not match the input format \"{input_format}\" ({why})")
        }
    })?;
    format(ticks, kind, output_format).map_err(|why| {
        format!("The output format \"{output_format}\" is not a valid .NET date format: {why}.")
    })
}

/// The invariant culture's pattern for a one-letter (standard) format.
pub(super) fn standard(c: char) -> Option<&'static str> {
    Some(match c {
        'd' => "MM/dd/yyyy",
        'D' => "dddd, dd MMMM yyyy",
        'f' => "dddd, dd MMMM yyyy HH:mm",
        'F' | 'U' => "dddd, dd MMMM yyyy HH:mm:ss",
        'g' => "MM/dd/yyyy HH:mm",
        'G' => "MM/dd/yyyy HH:mm:ss",
        'm' | 'M' => "MMMM dd",
        'o' | 'O' => "yyyy'-'MM'-'dd'T'HH':'mm':'ss.fffffffK",
        'r' | 'R' => "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
        's' => "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
        't' => "HH:mm",
        'T' => "HH:mm:ss",
        'u' => "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
        'y' | 'Y' => "yyyy MMMM",
        _ => return None,
    })
}

pub(super) const NOT_STANDARD: &str = "a format of one character is a .NET standard format (d D f F g G M \
                            O R s t T u U Y), and this is not one; put % before a single custom \
                            specifier, e.g. %d";

/// How many times `f[i]` repeats from `i`.
pub(super) fn repeat(f: &[char], i: usize) -> usize {
    match f.get(i) {
        Some(&c) => f.iter().skip(i).take_while(|&&x| x == c).count(),
        None => 0,
    }
}

/// The text of a quoted literal starting at `f[i]` (backslash escapes inside) and the number
/// of format characters it used; `None` when the quote is not closed.
pub(super) fn quoted(f: &[char], i: usize) -> Option<(String, usize)> {
    let quote = *f.get(i)?;
    let mut text = String::new();
    let mut p = i + 1;
    while let Some(&c) = f.get(p) {
        p += 1;
        if c == quote {
            return Some((text, p - i));
        }
        if c == '\\' {
            text.push(*f.get(p)?);
            p += 1;
        } else {
            text.push(c);
        }
    }
    None
}

/// .NET `DateTime.ToString(format, InvariantCulture)` on a UTC server.
fn format(ticks: i64, kind: Kind, format: &str) -> Result<String, String> {
    let mut f: Vec<char> = format.chars().collect();
    match f.as_slice() {
        [] => f = "MM/dd/yyyy HH:mm:ss".chars().collect(),
        // `U` converts to UTC first: a no-op on a UTC server.
        [c] => f = standard(*c).ok_or(NOT_STANDARD)?.chars().collect(),
        _ => {}
    }
    custom(ticks, kind, &f)
}

/// Appends `value` with at least `width` digits.
fn pad(out: &mut String, value: i64, width: usize) {
    out.push_str(&format!("{value:0width$}"));
}

/// The full or three-letter name at `index`.
fn name(names: &[&'static str], index: i64, full: bool) -> &'static str {
    let name = usize::try_from(index)
        .ok()
        .and_then(|i| names.get(i))
        .copied()
        .unwrap_or("");
    if full {
        name
    } else {
        name.get(..3).unwrap_or(name)
    }
}

/// .NET `FormatCustomized`.
fn custom(ticks: i64, kind: Kind, f: &[char]) -> Result<String, String> {
    let x = fields(ticks).ok_or("the date is outside years 1 to 9999")?;
    let mut out = String::new();
    let mut i = 0;
    while let Some(&ch) = f.get(i) {
        let n = repeat(f, i);
        let mut used = n;
        match ch {
            'g' => out.push_str("A.D."),
            'h' => pad(&mut out, (x.hour + 11) % 12 + 1, n.min(2)),
            'H' => pad(&mut out, x.hour, n.min(2)),
            'm' => pad(&mut out, x.minute, n.min(2)),
            's' => pad(&mut out, x.second, n.min(2)),
            'f' | 'F' => {
                let exponent = u32::try_from(7_usize.checked_sub(n).ok_or("more than 7 f or F")?)
                    .map_err(|_| "more than 7 f or F")?;
                let mut fraction = x.frac / 10_i64.pow(exponent);
                let mut digits = n;
                if ch == 'F' {
                    while digits > 0 && fraction % 10 == 0 {
                        fraction /= 10;
                        digits -= 1;
                    }
                }
                if digits > 0 {
                    pad(&mut out, fraction, digits);
                } else if out.ends_with('.') {
                    // .NET drops the dot before an all-zero F fraction.
                    out.pop();
                }
            }
            't' => {
                let mark = if x.hour < 12 { "AM" } else { "PM" };
                out.push_str(if n == 1 {
                    mark.get(..1).unwrap_or(mark)
                } else {
                    mark
                });
            }
            'd' if n <= 2 => pad(&mut out, x.day, n),
            'd' => out.push_str(name(&DAYS, x.weekday, n > 3)),
            'M' if n <= 2 => pad(&mut out, x.month, n),
            'M' => out.push_str(name(&MONTHS, x.month - 1, n > 3)),
            'y' if n <= 2 => pad(&mut out, x.year % 100, n),
            'y' => pad(&mut out, x.year, n),
            // AZURE MAY DIFFER: the server's zone is UTC, so every offset prints as zero.
            'z' => out.push_str(match n {
                1 => "+0",
                2 => "+00",
                _ => "+00:00",
            }),
            _ => {
                used = 1;
                match ch {
                    // AZURE MAY DIFFER: K follows the kind ParseExact gave (see `Kind`).
                    'K' => out.push_str(match kind {
                        Kind::Utc => "Z",
                        Kind::Local => "+00:00",
                        Kind::Unspecified => "",
                    }),
                    '\'' | '"' => {
                        let (text, len) = quoted(f, i).ok_or("a quote is not closed")?;
                        out.push_str(&text);
                        used = len;
                    }
                    '%' => match f.get(i + 1) {
                        Some(&next) if next != '%' => {
                            out.push_str(&custom(ticks, kind, &[next])?);
                            used = 2;
                        }
                        _ => return Err("% must be followed by one format character".into()),
                    },
                    '\\' => {
                        out.push(*f.get(i + 1).ok_or("it ends with a lone backslash")?);
                        used = 2;
                    }
                    other => out.push(other),
                }
            }
        }
        i += used;
    }
    Ok(out)
}
