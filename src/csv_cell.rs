//! CSV cells a spreadsheet cannot run: a cell that Excel, LibreOffice or Google Sheets would read
//! as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return, or their
//! full-width forms) gets a leading `'`, as OWASP's CSV-injection guidance says. The csv writer
//! quotes the cell where needed. Directory data is written by many hands: a display name
//! `=HYPERLINK(…)` must stay text in the admin's spreadsheet.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula when they come first.
const FORMULA_START: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// `cell`, with a `'` in front when a spreadsheet would read it as a formula.
pub fn safe(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_START) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_everything_else_stays() {
        assert_eq!(safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(safe("+47 22 00 00 00"), "'+47 22 00 00 00");
        assert_eq!(safe("-1"), "'-1");
        assert_eq!(safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe("\t=1"), "'\t=1");
        assert_eq!(safe("＝1+1"), "'＝1+1");
        assert_eq!(safe("Sales"), "Sales");
        assert_eq!(safe("a=b"), "a=b");
        assert_eq!(safe(""), "");
    }
}
