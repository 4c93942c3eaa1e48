//! Tests: every date vector of `expression_vectors.json` (named after its id), the .NET and VB
//! rules around them, and a pseudo-random sweep showing no input panics.

use chrono::{DateTime, TimeZone, Utc};

use super::format::format_date_time_at;
use super::*;
use crate::expr::testing::Lcg;

/// CDate: panics (test failure) when the text does not parse.
fn d(s: &str) -> DateTime<Utc> {
    parse_loose(s).unwrap_or_else(|| panic!("`{s}` should parse"))
}

/// CDate rendered as Azure renders a date.
fn cdate(s: &str) -> String {
    render(&d(s))
}

fn utc(y: i32, mo: u32, day: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, day, h, mi, s)
        .single()
        .expect("valid test date")
}

/// FormatDateTime with "today" fixed at 2021-08-25 17:41:18 UTC.
fn fdt(source: &str, styles: Option<&str>, input: &str, output: &str) -> Result<String, String> {
    let today = to_ticks(&utc(2021, 8, 25, 17, 41, 18)).expect("in range");
    format_date_time_at(source, styles, input, output, today)
}

fn ok(source: &str, input: &str, output: &str) -> String {
    fdt(source, None, input, output).unwrap_or_else(|e| panic!("{e}"))
}

// ---- The vectors ------------------------------------------------------------------------------

#[test]
fn v009_cdate_positive_offset_date_only() {
    assert_eq!(cdate("2021-06-30+08:00"), "6/29/2021 4:00:00 PM");
}

#[test]
fn v010_cdate_iso_with_offset() {
    assert_eq!(cdate("2009-06-15T01:45:30-07:00"), "6/15/2009 8:45:30 AM");
}

#[test]
fn v034_dateadd_two_weeks() {
    let r = date_add("ww", 2, d("2012-03-16-07:00")).map(|x| render(&x));
    assert_eq!(r.as_deref(), Ok("3/30/2012 7:00:00 AM"));
}

#[test]
fn v035_dateadd_ten_months() {
    let r = date_add("m", 10, d("2012-03-16-07:00")).map(|x| render(&x));
    assert_eq!(r.as_deref(), Ok("1/16/2013 7:00:00 AM"));
}

#[test]
fn v037_dateadd_month_clamps_to_month_end() {
    // Inferred: .NET AddMonths clamps 31 January + 1 month to 28 February.
    let r = date_add("m", 1, d("2021-01-31T00:00:00Z")).map(|x| render(&x));
    assert_eq!(r.as_deref(), Ok("2/28/2021 12:00:00 AM"));
}

#[test]
fn v038_dateadd_hours_cross_midnight() {
    // Inferred.
    let r = date_add("h", 5, d("2021-08-24T22:00:00Z")).map(|x| render(&x));
    assert_eq!(r.as_deref(), Ok("8/25/2021 3:00:00 AM"));
}

#[test]
fn v039_datediff_days() {
    assert_eq!(
        date_diff("d", d("2021-08-18+08:00"), d("2021-08-31+08:00")),
        Ok(13)
    );
}

#[test]
fn v040_datediff_same_day() {
    assert_eq!(
        date_diff("d", d("2021-08-31+08:00"), d("2021-08-31+08:00")),
        Ok(0)
    );
}

#[test]
fn v042_datediff_weeks_count_sunday_boundaries() {
    // Now() replaced by its documented value; truncating -492.78 weeks would give -492.
    assert_eq!(
        date_diff("ww", d("8/25/2021 5:41:18 PM"), d("2012-03-16-07:00")),
        Ok(-493)
    );
}

#[test]
fn v045_datediff_hours() {
    assert_eq!(date_diff("h", d("2021-08-24"), d("2021-08-25")), Ok(24));
}

#[test]
fn v046_datediff_minutes() {
    assert_eq!(date_diff("n", d("2021-08-24"), d("2021-08-25")), Ok(1440));
}

#[test]
fn v048_datediff_compared_with_a_number() {
    // Inferred: IIF(DateDiff(...) > 5, "False", "True") gives "False" because 13 > 5.
    let days = date_diff("d", d("2021-08-18+08:00"), d("2021-08-31+08:00"));
    assert!(days.is_ok_and(|n| n > 5));
}

#[test]
fn v049_datediff_from_now_to_hire_date() {
    // With Active = 0 the Switch answers "False" without dates; the date branch, with Now()
    // fixed at the docs' value, must read the hire date and count more than 5 days.
    assert_eq!(cdate("2030-01-01-08:00"), "1/1/2030 8:00:00 AM");
    let days = date_diff("d", d("8/25/2021 5:41:18 PM"), d("2030-01-01-08:00"));
    assert_eq!(days, Ok(3050));
}

#[test]
fn v050_datefromnum() {
    // Inferred rendering of the documented 1 January 2012 11:00 PM (UTC).
    let r = from_filetime(129_699_324_000_000_000).map(|x| render(&x));
    assert_eq!(r.as_deref(), Some("1/1/2012 11:00:00 PM"));
}

#[test]
fn v051_numfromdate_of_formatted_contract_end() {
    // Inferred: 2020-12-31-08:00 is 08:00 UTC, still the 31st, then 23:59:59-08:00 is
    // 2021-01-01T07:59:59Z.
    let day = ok("2020-12-31-08:00", "yyyy-MM-ddzzz", "yyyy-MM-dd");
    assert_eq!(day, "2020-12-31");
    assert_eq!(
        to_filetime(&d(&format!("{day} 23:59:59-08:00"))),
        132_539_615_990_000_000
    );
    // The older documented idiom appended "T23:59:59-08:00".
    assert_eq!(
        to_filetime(&d(&format!("{day}T23:59:59-08:00"))),
        132_539_615_990_000_000
    );
}

#[test]
fn v052_numfromdate_of_formatted_us_date() {
    // Inferred.
    let day = ok(
        "12/31/2020 12:00:00 AM",
        "M/d/yyyy hh:mm:ss tt",
        "yyyy-MM-dd",
    );
    assert_eq!(day, "2020-12-31");
    assert_eq!(
        to_filetime(&d(&format!("{day} 23:59:59-08:00"))),
        132_539_615_990_000_000
    );
}

#[test]
fn v053_numfromdate_inverse_of_datefromnum() {
    // Inferred.
    assert_eq!(
        to_filetime(&d("2012-01-01T23:00:00Z")),
        129_699_324_000_000_000
    );
    assert_eq!(
        try_to_filetime(&d("2012-01-01T23:00:00Z")),
        Some(129_699_324_000_000_000)
    );
}

#[test]
fn v054_now_renders_and_reads_back() {
    // Non-deterministic: check the form, and that it is the current UTC time.
    let now = now();
    let shown = render(&now);
    let back = d(&shown);
    assert!(shown.ends_with(" AM") || shown.ends_with(" PM"), "{shown}");
    assert!((Utc::now() - back).num_seconds().abs() < 60);
    assert_eq!(now.timestamp_subsec_nanos() % 100, 0);
}

#[test]
fn v056_formatdatetime_documented_example() {
    assert_eq!(
        ok("20150123105347.1Z", "yyyyMMddHHmmss.fZ", "yyyy-MM-dd"),
        "2015-01-23"
    );
}

#[test]
fn v058_formatdatetime_z_is_literal_in_output() {
    // Inferred.
    let r = ok(
        "1/5/2023 10:30:00 AM",
        "M/d/yyyy hh:mm:ss tt",
        "yyyyMMddHHmmss.fZ",
    );
    assert_eq!(r, "20230105103000.0Z");
}

#[test]
fn v059_formatdatetime_offset_moves_the_day() {
    // Inferred, low confidence: RoundtripKind converts +08:00 to the UTC server's local time.
    assert_eq!(
        ok("2020-12-31+08:00", "yyyy-MM-ddzzz", "yyyy-MM-dd"),
        "2020-12-30"
    );
}

// ---- The DateDiff table of the docs -----------------------------------------------------------

#[test]
fn datediff_doc_table() {
    let (now, hire) = (d("8/25/2021 5:41:18 PM"), d("2012-03-16-07:00"));
    assert_eq!(date_diff("d", now, hire), Ok(-3449));
    assert_eq!(date_diff("ww", now, hire), Ok(-493));
    assert_eq!(date_diff("m", now, hire), Ok(-113));
    assert_eq!(date_diff("yyyy", now, hire), Ok(-9));
    assert_eq!(date_diff("s", d("2021-08-24"), d("2021-08-25")), Ok(86_400));
}

// ---- render and parse_loose -------------------------------------------------------------------

#[test]
fn render_twelve_hour_clock() {
    assert_eq!(render(&utc(2020, 3, 16, 7, 0, 0)), "3/16/2020 7:00:00 AM");
    assert_eq!(render(&utc(2020, 3, 16, 0, 5, 9)), "3/16/2020 12:05:09 AM");
    assert_eq!(render(&utc(2020, 3, 16, 12, 0, 0)), "3/16/2020 12:00:00 PM");
    assert_eq!(
        render(&utc(2020, 12, 1, 23, 59, 59)),
        "12/1/2020 11:59:59 PM"
    );
    assert_eq!(render(&utc(1, 1, 1, 0, 0, 0)), "1/1/0001 12:00:00 AM");
}

#[test]
fn render_reads_back() {
    for dt in [
        utc(1, 1, 1, 0, 0, 0),
        utc(2020, 2, 29, 12, 0, 0),
        utc(2021, 8, 25, 17, 41, 18),
        utc(1999, 12, 31, 0, 59, 59),
        utc(2000, 1, 1, 12, 30, 0),
        utc(9999, 12, 31, 23, 59, 59),
    ] {
        assert_eq!(parse_loose(&render(&dt)), Some(dt), "{dt}");
    }
}

#[test]
fn parse_loose_forms() {
    let cases = [
        ("2021-08-24", "8/24/2021 12:00:00 AM"),
        ("  2021-08-24  ", "8/24/2021 12:00:00 AM"),
        ("2021-8-4", "8/4/2021 12:00:00 AM"),
        ("2021/08/24", "8/24/2021 12:00:00 AM"),
        ("2021-08-24T17:41:18Z", "8/24/2021 5:41:18 PM"),
        ("2021-08-24t17:41:18z", "8/24/2021 5:41:18 PM"),
        ("2021-08-24T17:41Z", "8/24/2021 5:41:00 PM"),
        ("2021-08-24T17:41:18.1234567Z", "8/24/2021 5:41:18 PM"),
        ("2021-08-24T17:41:18+02:00", "8/24/2021 3:41:18 PM"),
        ("2021-08-24T17:41:18+0200", "8/24/2021 3:41:18 PM"),
        ("2021-08-24T17:41:18-7", "8/25/2021 12:41:18 AM"),
        ("2021-08-24 17:41:18", "8/24/2021 5:41:18 PM"),
        ("2021-08-24 5:41:18 PM", "8/24/2021 5:41:18 PM"),
        ("2021-08-24 17:41:18 -02:00", "8/24/2021 7:41:18 PM"),
        ("2021-08-24Z", "8/24/2021 12:00:00 AM"),
        ("8/24/2021", "8/24/2021 12:00:00 AM"),
        ("08/24/2021 17:41", "8/24/2021 5:41:00 PM"),
        ("8/24/2021 5 PM", "8/24/2021 5:00:00 PM"),
        ("8/24/2021 12:30 am", "8/24/2021 12:30:00 AM"),
        ("8/24/2021 12:30 PM", "8/24/2021 12:30:00 PM"),
        ("8-24-2021", "8/24/2021 12:00:00 AM"),
        ("8/24/21", "8/24/2021 12:00:00 AM"),
        ("8/24/45", "8/24/1945 12:00:00 AM"),
        ("24 August 2021", "8/24/2021 12:00:00 AM"),
        ("24-Aug-2021", "8/24/2021 12:00:00 AM"),
        ("Aug 24, 2021", "8/24/2021 12:00:00 AM"),
        ("august 24 2021 10:00 AM", "8/24/2021 10:00:00 AM"),
        ("Tue, 24 Aug 2021 17:41:18 GMT", "8/24/2021 5:41:18 PM"),
        ("Tuesday, August 24, 2021", "8/24/2021 12:00:00 AM"),
        ("2021-08-24T23:59:59.99999999Z", "8/25/2021 12:00:00 AM"),
        ("0001-01-01T01:00:00+02:00", "1/1/0001 11:00:00 PM"),
        ("9999-12-31T23:59:59Z", "12/31/9999 11:59:59 PM"),
    ];
    for (input, expected) in cases {
        let got = parse_loose(input).map(|x| render(&x));
        assert_eq!(got.as_deref(), Some(expected), "{input}");
    }
    let frac = d("2021-08-24T17:41:18.1234567Z");
    assert_eq!(frac.timestamp_subsec_nanos(), 123_456_700);
}

#[test]
fn parse_loose_rejects() {
    for input in [
        "",
        "   ",
        "garbage",
        "2021",
        "20210824",
        "2021-13-01",
        "2021-02-29",
        "2021-08-24T25:00",
        "2021-08-24T5:00",
        "2021-08-24T17",
        "2021-08-24T05:00 PM",
        "8/24/2021 13:00 PM",
        "8/24/2021 5",
        "2021-08-24+15:00",
        "2021-08-24+02:75",
        "Mon, 24 Aug 2021",
        "0000-01-01",
        "10000-01-01",
        "9999-12-31T23:00:00-02:00",
        "2021-08-24 junk",
        "2021-08-24T17:41:18Zulu",
        "2021-08-24T17:41:18.",
        "8/24/202",
        "99999999999999999999-1-1",
    ] {
        assert_eq!(parse_loose(input), None, "{input}");
    }
}

// ---- DateAdd ------------------------------------------------------------------------------------

#[test]
fn dateadd_leap_years_and_month_ends() {
    let leap = utc(2020, 2, 29, 6, 30, 0);
    assert_eq!(date_add("yyyy", 1, leap), Ok(utc(2021, 2, 28, 6, 30, 0)));
    assert_eq!(date_add("yyyy", 4, leap), Ok(utc(2024, 2, 29, 6, 30, 0)));
    assert_eq!(date_add("yyyy", -1, leap), Ok(utc(2019, 2, 28, 6, 30, 0)));
    assert_eq!(
        date_add("m", 1, utc(2020, 1, 31, 0, 0, 0)),
        Ok(utc(2020, 2, 29, 0, 0, 0))
    );
    assert_eq!(
        date_add("m", -1, utc(2021, 3, 31, 0, 0, 0)),
        Ok(utc(2021, 2, 28, 0, 0, 0))
    );
    assert_eq!(
        date_add("m", -13, utc(2021, 1, 15, 0, 0, 0)),
        Ok(utc(2019, 12, 15, 0, 0, 0))
    );
    assert_eq!(
        date_add("q", 1, utc(2021, 11, 30, 0, 0, 0)),
        Ok(utc(2022, 2, 28, 0, 0, 0))
    );
    assert_eq!(date_add("d", 1, leap), Ok(utc(2020, 3, 1, 6, 30, 0)));
}

#[test]
fn dateadd_other_intervals() {
    let start = utc(2021, 8, 24, 10, 0, 0);
    assert_eq!(date_add("y", 2, start), Ok(utc(2021, 8, 26, 10, 0, 0)));
    assert_eq!(date_add("w", 2, start), Ok(utc(2021, 8, 26, 10, 0, 0)));
    assert_eq!(date_add("D", -10, start), Ok(utc(2021, 8, 14, 10, 0, 0)));
    assert_eq!(date_add("WW", 1, start), Ok(utc(2021, 8, 31, 10, 0, 0)));
    assert_eq!(date_add("n", 90, start), Ok(utc(2021, 8, 24, 11, 30, 0)));
    assert_eq!(date_add("s", -1, start), Ok(utc(2021, 8, 24, 9, 59, 59)));
    assert!(date_add("s", i64::from(i32::MAX), start).is_ok());
}

#[test]
fn dateadd_errors() {
    let start = utc(2021, 8, 24, 10, 0, 0);
    let unknown = date_add("x", 1, start).unwrap_err();
    assert!(
        unknown.contains("yyyy (year)") && unknown.contains("n (minute)"),
        "{unknown}"
    );
    assert!(
        date_add("mi", 1, start)
            .unwrap_err()
            .contains("minutes are n")
    );
    assert!(date_add("", 1, start).is_err());
    assert!(date_add("yyyy", 8000, start).is_err());
    assert!(date_add("m", 120_001, start).is_err());
    assert!(date_add("d", -1, utc(1, 1, 1, 0, 0, 0)).is_err());
    assert!(date_add("s", 1, utc(9999, 12, 31, 23, 59, 59)).is_err());
    for value in [i64::MAX, i64::MIN, i64::from(i32::MAX) + 1] {
        for interval in ["yyyy", "q", "m", "y", "d", "w", "ww", "h", "n", "s"] {
            assert!(
                date_add(interval, value, start).is_err(),
                "{interval} {value}"
            );
        }
    }
    for interval in ["yyyy", "q", "m", "d", "ww", "h"] {
        assert!(
            date_add(interval, i64::from(i32::MAX), start).is_err(),
            "{interval}"
        );
        assert!(
            date_add(interval, i64::from(i32::MIN), start).is_err(),
            "{interval}"
        );
    }
}

// ---- DateDiff -----------------------------------------------------------------------------------

#[test]
fn datediff_negative_and_truncation() {
    let (a, b) = (utc(2021, 8, 25, 0, 0, 0), utc(2021, 8, 24, 0, 30, 0));
    assert_eq!(date_diff("h", a, b), Ok(-23));
    assert_eq!(date_diff("d", a, b), Ok(0));
    assert_eq!(date_diff("n", a, b), Ok(-1410));
    assert_eq!(date_diff("d", b, a), Ok(0));
    assert_eq!(
        date_diff("d", utc(2021, 8, 31, 0, 0, 0), utc(2021, 8, 18, 0, 0, 0)),
        Ok(-13)
    );
}

#[test]
fn datediff_calendar_boundaries() {
    let (eve, new_year) = (utc(2020, 12, 31, 23, 59, 59), utc(2021, 1, 1, 0, 0, 0));
    assert_eq!(date_diff("yyyy", eve, new_year), Ok(1));
    assert_eq!(date_diff("m", eve, new_year), Ok(1));
    assert_eq!(date_diff("q", eve, new_year), Ok(1));
    assert_eq!(
        date_diff("q", utc(2021, 1, 1, 0, 0, 0), utc(2021, 3, 31, 0, 0, 0)),
        Ok(0)
    );
    assert_eq!(
        date_diff("q", utc(2021, 3, 31, 0, 0, 0), utc(2021, 4, 1, 0, 0, 0)),
        Ok(1)
    );
    assert_eq!(date_diff("y", eve, new_year), Ok(0));
    // Saturday to Sunday: a new week ("ww") but not 7 days ("w").
    let (sat, sun) = (utc(2021, 8, 21, 1, 0, 0), utc(2021, 8, 22, 23, 0, 0));
    assert_eq!(date_diff("ww", sat, sun), Ok(1));
    assert_eq!(date_diff("w", sat, sun), Ok(0));
    assert_eq!(date_diff("ww", sun, sat), Ok(-1));
    // VB keeps the time of day when it moves both dates to their week's start, so a later time
    // on the first date loses the boundary: 6 days 2 hours truncate to 0 weeks.
    let (sat_late, sun_early) = (utc(2021, 8, 21, 23, 0, 0), utc(2021, 8, 22, 1, 0, 0));
    assert_eq!(date_diff("ww", sat_late, sun_early), Ok(0));
    assert_eq!(
        date_diff("w", utc(2021, 8, 1, 0, 0, 0), utc(2021, 8, 15, 0, 0, 0)),
        Ok(2)
    );
}

#[test]
fn datediff_errors() {
    let a = utc(2021, 8, 25, 0, 0, 0);
    assert!(date_diff("days", a, a).unwrap_err().contains("ww (week)"));
    assert!(date_diff("ww", utc(1, 1, 1, 0, 0, 0), a).is_err());
    assert_eq!(
        date_diff("d", utc(1, 1, 1, 0, 0, 0), utc(9999, 12, 31, 0, 0, 0)),
        Ok(3_652_058)
    );
    let far = Utc
        .with_ymd_and_hms(20000, 1, 1, 0, 0, 0)
        .single()
        .expect("chrono date");
    assert!(date_diff("d", a, far).is_err());
    assert!(date_add("d", 1, far).is_err());
}

// ---- FILETIME -----------------------------------------------------------------------------------

#[test]
fn filetime_range() {
    assert_eq!(from_filetime(0), Some(utc(1601, 1, 1, 0, 0, 0)));
    assert_eq!(from_filetime(-1), None);
    assert_eq!(from_filetime(i64::MAX), None);
    assert_eq!(from_filetime(i64::MIN), None);
    let last = 2_650_467_743_999_999_999;
    assert_eq!(
        from_filetime(last).map(|x| render(&x)).as_deref(),
        Some("12/31/9999 11:59:59 PM")
    );
    assert_eq!(from_filetime(last + 1), None);
    assert_eq!(from_filetime(last).map(|x| to_filetime(&x)), Some(last));
    assert_eq!(to_filetime(&utc(1601, 1, 1, 0, 0, 0)), 0);
    assert_eq!(try_to_filetime(&utc(1600, 12, 31, 23, 59, 59)), None);
    assert_eq!(to_filetime(&utc(1600, 12, 31, 23, 59, 59)), -10_000_000);
    assert_eq!(try_to_filetime(&utc(1, 1, 1, 0, 0, 0)), None);
}

// ---- FormatDateTime -----------------------------------------------------------------------------

#[test]
fn formatdatetime_mismatch_messages() {
    assert_eq!(
        fdt("2015/01/23", None, "yyyyMMdd", "yyyy-MM-dd"),
        Err("\"2015/01/23\" does not match the input format \"yyyyMMdd\"".to_string())
    );
    let feb30 = fdt("2015-02-30", None, "yyyy-MM-dd", "yyyy").unwrap_err();
    assert!(feb30.contains("does not exist"), "{feb30}");
    let dow = fdt("Monday, 24 August 2021", None, "dddd, dd MMMM yyyy", "d").unwrap_err();
    assert!(dow.contains("day of the week"), "{dow}");
    let far = fdt("2020-12-31+15:00", None, "yyyy-MM-ddzzz", "d").unwrap_err();
    assert!(far.contains("14:00"), "{far}");
    assert!(fdt("", None, "yyyy", "yyyy").is_err());
    assert!(
        fdt("2015", None, "", "yyyy")
            .unwrap_err()
            .contains("input format")
    );
    assert!(
        fdt("20150123", None, "yyyyMMdd", "h")
            .unwrap_err()
            .contains("%")
    );
    assert!(
        fdt("2015", None, "yyyy", "'abc")
            .unwrap_err()
            .contains("quote")
    );
    assert!(
        fdt("2015", None, "yyyy", "yyyy\\")
            .unwrap_err()
            .contains("backslash")
    );
    assert!(fdt("2015", None, "yyyy", "yyyy%").is_err());
    assert!(fdt("2015", None, "yyyy", "ffffffff").is_err());
    assert!(
        fdt("2015", None, "'2015", "yyyy")
            .unwrap_err()
            .contains("quote")
    );
    assert!(
        fdt("2015", None, "h", "yyyy")
            .unwrap_err()
            .contains("standard format")
    );
}

#[test]
fn formatdatetime_styles() {
    let offset_input = |styles, output| fdt("2020-12-31+08:00", styles, "yyyy-MM-ddzzz", output);
    assert_eq!(
        offset_input(Some(""), "yyyy-MM-dd K"),
        Ok("2020-12-30 +00:00".into())
    );
    assert_eq!(
        offset_input(Some("  "), "yyyy-MM-dd K"),
        Ok("2020-12-30 +00:00".into())
    );
    assert_eq!(
        offset_input(Some("AdjustToUniversal"), "yyyy-MM-dd K"),
        Ok("2020-12-30 Z".into())
    );
    assert_eq!(
        offset_input(Some("none"), "HH:mm zzz"),
        Ok("16:00 +00:00".into())
    );
    assert_eq!(offset_input(Some("128"), "HH:mm"), Ok("16:00".into()));
    let unknown = offset_input(Some("RoundtripKind, Bogus"), "d").unwrap_err();
    assert!(
        unknown.contains("\"Bogus\"") && unknown.contains("AssumeUniversal"),
        "{unknown}"
    );
    assert!(offset_input(Some("RoundtripKind|AssumeUniversal"), "d").is_err());
    assert!(offset_input(Some("AssumeLocal, AssumeUniversal"), "d").is_err());
    assert!(offset_input(Some("256"), "d").is_err());
    assert_eq!(parse_styles(None), Ok(131));
    assert_eq!(
        parse_styles(Some("DateTimeStyles.AllowWhiteSpaces | RoundtripKind")),
        Ok(135)
    );
    // Whitespace: allowed around by default, not with explicit styles that leave it out.
    assert_eq!(ok(" 20150123 ", "yyyyMMdd", "yyyy-MM-dd"), "2015-01-23");
    assert!(fdt(" 20150123", Some("None"), "yyyyMMdd", "yyyy-MM-dd").is_err());
    let inner = fdt(
        "2015 01 23",
        Some("AllowInnerWhite"),
        "yyyyMMdd",
        "yyyy-MM-dd",
    );
    assert_eq!(inner, Ok("2015-01-23".into()));
    // A quoted literal matches its spaces exactly; AllowInnerWhite lets any run of white space
    // (or none) stand for each.
    assert_eq!(ok("2015 at 01", "yyyy' at 'MM", "yyyy-MM"), "2015-01");
    assert!(fdt("2015  at 01", None, "yyyy' at 'MM", "yyyy-MM").is_err());
    let inner = fdt(
        "2015  at01",
        Some("AllowInnerWhite"),
        "yyyy' at 'MM",
        "yyyy-MM",
    );
    assert_eq!(inner, Ok("2015-01".into()));
}

#[test]
fn formatdatetime_kind_and_offsets() {
    // K shows how the input was read; z always shows the UTC server's offset.
    assert_eq!(
        ok("2021-08-24T10:00:00Z", "yyyy-MM-ddTHH:mm:ssK", "HH:mm K"),
        "10:00 Z"
    );
    assert_eq!(
        ok(
            "2021-08-24T10:00:00+02:00",
            "yyyy-MM-ddTHH:mm:ssK",
            "HH:mm K"
        ),
        "08:00 +00:00"
    );
    assert_eq!(
        ok("2021-08-24T10:00:00", "yyyy-MM-ddTHH:mm:ssK", "HH:mm[K]"),
        "10:00[]"
    );
    assert_eq!(
        ok(
            "2021-08-24T10:00:00-07:30",
            "yyyy-MM-ddTHH:mm:sszzz",
            "z zz zzz"
        ),
        "+0 +00 +00:00"
    );
    let assume = |styles| {
        fdt(
            "2021-08-24 10:00",
            Some(styles),
            "yyyy-MM-dd HH:mm",
            "HH:mm K",
        )
    };
    assert_eq!(assume("AssumeUniversal"), Ok("10:00 +00:00".into()));
    assert_eq!(
        assume("AssumeUniversal, AdjustToUniversal"),
        Ok("10:00 Z".into())
    );
    assert_eq!(assume("AssumeLocal"), Ok("10:00 +00:00".into()));
    assert_eq!(assume("None"), Ok("10:00 ".into()));
    // Z in an input format is a UTC marker: Z or GMT in any case, not followed by a letter.
    assert_eq!(
        ok("20150123105347.1GMT", "yyyyMMddHHmmss.fZ", "yyyy-MM-dd K"),
        "2015-01-23 Z"
    );
    assert_eq!(ok("20150123105347.1z", "yyyyMMddHHmmss.fZ", "%K"), "Z");
    assert!(fdt("20150123105347.1X", None, "yyyyMMddHHmmss.fZ", "d").is_err());
    assert!(fdt("20150123105347.1Zulu", None, "yyyyMMddHHmmss.fZ", "d").is_err());
    // GMT written in a format is UTC too, but read as an offset (local kind).
    let rfc = ok(
        "Fri, 23 Jan 2015 10:53:47 GMT",
        "ddd, dd MMM yyyy HH:mm:ss GMT",
        "o",
    );
    assert_eq!(rfc, "2015-01-23T10:53:47.0000000+00:00");
    assert!(
        fdt(
            "Fri, 23 Jan 2015 10:53:47 gmt",
            None,
            "ddd, dd MMM yyyy HH:mm:ss GMT",
            "o"
        )
        .is_err()
    );
}

#[test]
fn formatdatetime_hours_and_marks() {
    assert_eq!(ok("05:00", "hh:mm", "HH:mm"), "05:00");
    assert_eq!(ok("12:15", "hh:mm", "HH:mm"), "00:15");
    assert_eq!(ok("5:00 pm", "h:mm tt", "HH:mm"), "17:00");
    assert_eq!(ok("12:00 PM", "h:mm tt", "HH:mm h tt t"), "12:00 12 PM P");
    assert_eq!(ok("5:00 P", "h:mm t", "HH:mm"), "17:00");
    assert!(fdt("5:00 p", None, "h:mm t", "HH:mm").is_err());
    assert!(fdt("13:00 PM", None, "hh:mm tt", "HH:mm").is_err());
    assert!(fdt("17:00 AM", None, "HH:mm tt", "HH:mm").is_err());
    assert_eq!(ok("17:00 PM", "HH:mm tt", "HH:mm"), "17:00");
    assert!(fdt("24:00", None, "HH:mm", "HH:mm").is_err());
}

#[test]
fn formatdatetime_names_years_and_defaults() {
    assert_eq!(ok("24-aug-2021", "dd-MMM-yyyy", "yyyy-MM-dd"), "2021-08-24");
    assert_eq!(
        ok("August 24, 2021", "MMMM dd, yyyy", "yyyy-MM-dd"),
        "2021-08-24"
    );
    assert!(fdt("Augus 24, 2021", None, "MMMM dd, yyyy", "d").is_err());
    assert_eq!(
        ok(
            "Tuesday, 24 August 2021",
            "dddd, dd MMMM yyyy",
            "ddd dd MMM yy"
        ),
        "Tue 24 Aug 21"
    );
    assert_eq!(ok("24/08/21", "dd/MM/yy", "yyyy-MM-dd"), "2021-08-24");
    assert_eq!(ok("24/08/99", "dd/MM/yy", "yyyy-MM-dd"), "1999-08-24");
    assert_eq!(
        ok("2021-08-05", "yyyy-MM-dd", "y yy yyy yyyyy M d"),
        "21 21 2021 02021 8 5"
    );
    assert!(fdt("2021-8-5", None, "yyyy-MM-dd", "d").is_err());
    assert_eq!(ok("2021-8-5", "yyyy-M-d", "yyyy-MM-dd"), "2021-08-05");
    // Missing parts: today's date (fixed at 2021-08-25 here), or 0001-01-01.
    assert_eq!(ok("10:30", "HH:mm", "yyyy-MM-dd HH:mm"), "2021-08-25 10:30");
    let none = fdt(
        "10:30",
        Some("NoCurrentDateDefault"),
        "HH:mm",
        "yyyy-MM-dd HH:mm",
    );
    assert_eq!(none, Ok("0001-01-01 10:30".into()));
    assert_eq!(ok("2021", "yyyy", "yyyy-MM-dd"), "2021-01-01");
    assert_eq!(ok("08", "MM", "yyyy-MM-dd"), "2021-08-01");
    assert!(fdt("2021 2022", None, "yyyy yyyy", "d").is_err());
    assert_eq!(ok("2021 2021", "yyyy yyyy", "yyyy"), "2021");
}

#[test]
fn formatdatetime_fractions() {
    assert_eq!(
        ok("10:00:05.120", "HH:mm:ss.fff", "ss.FFF|ss.fff|ss.F"),
        "05.12|05.120|05.1"
    );
    assert_eq!(ok("10:00:05.000", "HH:mm:ss.fff", "ss.FFF"), "05");
    assert!(fdt("10:00:05.12", None, "HH:mm:ss.fff", "HH").is_err());
    assert_eq!(ok("10:00:05.12", "HH:mm:ss.FFF", "fffffff"), "1200000");
    // .NET skips a missing dot before FF… but not before a lone F.
    assert_eq!(ok("10:00:05", "HH:mm:ss.FF", "HH:mm:ss"), "10:00:05");
    assert!(fdt("10:00:05", None, "HH:mm:ss.F", "HH:mm:ss").is_err());
    assert!(fdt("10:00:05.12345678", None, "HH:mm:ss.ffffffff", "d").is_err());
}

#[test]
fn formatdatetime_standard_formats() {
    let out = |f| ok("20150123105347.1Z", "yyyyMMddHHmmss.fZ", f);
    assert_eq!(out("o"), "2015-01-23T10:53:47.1000000Z");
    assert_eq!(out("O"), "2015-01-23T10:53:47.1000000Z");
    assert_eq!(out("s"), "2015-01-23T10:53:47");
    assert_eq!(out("u"), "2015-01-23 10:53:47Z");
    assert_eq!(out("d"), "01/23/2015");
    assert_eq!(out("D"), "Friday, 23 January 2015");
    assert_eq!(out("f"), "Friday, 23 January 2015 10:53");
    assert_eq!(out("F"), "Friday, 23 January 2015 10:53:47");
    assert_eq!(out("U"), "Friday, 23 January 2015 10:53:47");
    assert_eq!(out("g"), "01/23/2015 10:53");
    assert_eq!(out("G"), "01/23/2015 10:53:47");
    assert_eq!(out(""), "01/23/2015 10:53:47");
    assert_eq!(out("t"), "10:53");
    assert_eq!(out("T"), "10:53:47");
    assert_eq!(out("R"), "Fri, 23 Jan 2015 10:53:47 GMT");
    assert_eq!(out("M"), "January 23");
    assert_eq!(out("Y"), "2015 January");
    assert_eq!(out("%h"), "10");
    assert_eq!(out("%d"), "23");
    assert_eq!(out("yyyy'-'MM\\T\"x\"g"), "2015-01TxA.D.");
    assert!(
        fdt("20150123", None, "yyyyMMdd", "Q")
            .unwrap_err()
            .contains("standard format")
    );
    // Standard formats also work as input formats.
    let roundtrip = ok(
        "2015-01-23T10:53:47.1000000Z",
        "o",
        "yyyy-MM-dd HH:mm:ss.fff K",
    );
    assert_eq!(roundtrip, "2015-01-23 10:53:47.100 Z");
    assert_eq!(
        ok("Fri, 23 Jan 2015 10:53:47 GMT", "r", "s"),
        "2015-01-23T10:53:47"
    );
    assert_eq!(ok("2015-01-23 10:53:47Z", "u", "s"), "2015-01-23T10:53:47");
    assert_eq!(ok("01/23/2015", "d", "s"), "2015-01-23T00:00:00");
    assert_eq!(ok("Friday, 23 January 2015 10:53:47", "U", "%K"), "Z");
    // One character is a standard format, and K is not one.
    assert!(fdt("2015", None, "yyyy", "K").is_err());
}

#[test]
fn formatdatetime_stray_spaces_in_formats() {
    // §10.1 item 7: a documented output format had stray spaces. In an input format the
    // default styles ignore them; in an output format they are printed.
    let r = ok(
        "20150123105347.1Z",
        " yyyyMMddHHmmss.fZ ",
        " yyyyMMddHHmmss.fZ ",
    );
    assert_eq!(r, " 20150123105347.1Z ");
    // .NET also drops spaces just inside a quote that opens or closes the input format.
    assert_eq!(ok("2015x", "' 'yyyy'x '", "yyyy"), "2015");
}

// ---- No input panics ----------------------------------------------------------------------------

impl Lcg {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }

    fn chars_string(&mut self, alphabet: &[char], max_len: usize) -> String {
        let len = self.below(max_len + 1);
        (0..len)
            .map(|_| {
                alphabet
                    .get(self.below(alphabet.len()))
                    .copied()
                    .unwrap_or('x')
            })
            .collect()
    }

    fn any_number(&mut self) -> i64 {
        let raw = i64::from_ne_bytes(((self.next() << 31) ^ self.next()).to_ne_bytes());
        match self.below(4) {
            0 => raw,
            1 => raw % 1000,
            2 => [
                i64::MAX,
                i64::MIN,
                0,
                -1,
                1,
                i64::from(i32::MAX),
                i64::from(i32::MIN),
            ][self.below(7)],
            _ => raw % 200_000_000_000_000_000,
        }
    }
}

#[test]
fn no_input_panics() {
    let alphabet: Vec<char> =
        "0123456789012345-/:.,+ TZzyMdhHmsfFtKgG'\"\\%APMampJanAugustMonGMTé\u{0}\u{3000}\u{1F600}"
            .chars()
            .collect();
    let formats = [
        "yyyy-MM-dd",
        "yyyyMMddHHmmss.fZ",
        "M/d/yyyy hh:mm:ss tt",
        "yyyy-MM-ddzzz",
        "o",
        "r",
        "U",
        "dddd, dd MMMM yyyy",
        "HH:mm:ss.FFF K",
        "yy",
        "'lit' \\x %d",
    ];
    let styles = [
        None,
        Some(""),
        Some("None"),
        Some("AllowWhiteSpaces"),
        Some("AdjustToUniversal"),
        Some("AssumeLocal"),
        Some("AssumeUniversal, AllowInnerWhite"),
        Some("NoCurrentDateDefault"),
        Some("junk"),
    ];
    let intervals = [
        "yyyy", "q", "m", "y", "d", "w", "ww", "h", "n", "s", "x", "", "WW", "ſ",
    ];
    let mut rng = Lcg(0x5eed);
    let mut parsed = 0;
    let mut formatted = 0;
    for round in 0..4000 {
        let text = if round % 2 == 0 {
            rng.chars_string(&alphabet, 40)
        } else {
            // Date-like text: mostly valid, sometimes not.
            let mut t = [
                rng.pick(&[
                    "2021",
                    "0001",
                    "9999",
                    "21",
                    "1",
                    "Aug 24, ",
                    "Tue, 24 Aug ",
                ]),
                rng.pick(&["-", "/", "."]),
                rng.pick(&["08", "8", "13", "02"]),
                rng.pick(&["-", "/", "."]),
                rng.pick(&["24", "29", "31", "5", "2021"]),
                rng.pick(&[
                    "",
                    "T10:00",
                    "T10:00:05.5",
                    " 5:41:18 PM",
                    " 13:00",
                    "t23:59:59.9999999",
                ]),
                rng.pick(&["", "Z", "+02:00", "-07:00", "+15:00", " GMT", "-0800"]),
            ]
            .concat();
            if rng.below(4) == 0 {
                let at = rng.below(t.len());
                if t.is_char_boundary(at) {
                    t.insert(
                        at,
                        alphabet
                            .get(rng.below(alphabet.len()))
                            .copied()
                            .unwrap_or('x'),
                    );
                }
            }
            t
        };
        let date = parse_loose(&text)
            .or_else(|| from_filetime(rng.any_number()))
            .unwrap_or_else(|| utc(2021, 8, 24, 10, 0, 0));
        parsed += usize::from(parse_loose(&text).is_some());
        let _ = render(&date);
        let _ = to_filetime(&date);
        let _ = try_to_filetime(&date);
        let input = if round % 2 == 0 {
            rng.pick(&formats).to_string()
        } else {
            rng.chars_string(&alphabet, 12)
        };
        let output = if round % 3 == 0 {
            rng.pick(&formats).to_string()
        } else {
            rng.chars_string(&alphabet, 16)
        };
        let style = styles.get(rng.below(styles.len())).copied().flatten();
        formatted += usize::from(format_date_time(&text, style, &input, &output).is_ok());
        // Text that a format produced, read back with the same format.
        if let Ok(made) = fdt("2021-08-24T17:41:18.1234567+02:00", None, "o", &input) {
            formatted += usize::from(fdt(&made, style, &input, &output).is_ok());
        }
        let interval = rng.pick(&intervals);
        let value = rng.any_number();
        let _ = date_add(interval, value, date);
        let other = from_filetime(rng.any_number()).unwrap_or(date);
        let _ = date_diff(interval, date, other);
        let _ = date_diff(interval, other, date);
    }
    for extreme in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
        let _ = render(&extreme);
        let _ = to_filetime(&extreme);
        assert_eq!(try_to_filetime(&extreme), None);
        assert!(date_add("d", 1, extreme).is_err());
        assert!(date_diff("d", extreme, extreme).is_err());
    }
    let long = "y".repeat(5000) + &" ".repeat(5000) + &"F".repeat(3);
    assert!(fdt("2021", None, &long, "yyyy").is_err());
    assert!(fdt("2021", None, "yyyy", &"y".repeat(300)).is_ok());
    let spaces = " ".repeat(100_000) + "x";
    assert!(
        fdt(
            "2021",
            Some("AllowTrailingWhite"),
            &format!("yyyy{spaces}"),
            "yyyy"
        )
        .is_err()
    );
    // The sweep must have exercised the success paths too.
    assert!(
        parsed > 50 && formatted > 500,
        "parsed {parsed}, formatted {formatted}"
    );
}
