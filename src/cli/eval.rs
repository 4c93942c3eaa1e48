//! `scim-preflight eval`: evaluate an expression the way Azure would, from the command line.

use std::path::Path;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::Args;

use super::EXIT_BAD_INPUT;
use super::input::read_text;
use super::output::{print_data, print_text, say};
use crate::expr::batch::{self, outcome_json};
use crate::expr::{AttributeNames, AttributeSet, EvalContext, Expression, Outcome, Stored};

/// Options of `scim-preflight eval`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  scim-preflight eval 'Item(Split([department], \" > \"), 2)' --attr 'department=Contoso > Sales > EMEA'\n  scim-preflight eval 'Join(\",\", [proxyAddresses])' --attr proxyAddresses=a@x.com --attr proxyAddresses=b@x.com --json\n  scim-preflight eval --batch cases.json"
)]
pub struct EvalArgs {
    /// The expression, as you would type it in Azure's mapping editor.
    #[arg(required_unless_present_any = ["batch", "assumptions"], conflicts_with = "batch")]
    pub expression: Option<String>,

    /// List every behaviour Microsoft does not document and the choice this preview makes
    /// ("Azure may differ here"), then exit.
    #[arg(long, exclusive = true)]
    pub assumptions: bool,

    /// An attribute of the test user, NAME=VALUE. Repeat a name for a multi-valued attribute.
    /// Attributes not given are null (absent).
    #[arg(long = "attr", value_name = "NAME=VALUE")]
    pub attrs: Vec<String>,

    /// Print the result as JSON: {"value": ...}, {"value": null, "flow": "ignored"} or {"error": ...}.
    #[arg(long)]
    pub json: bool,

    /// Evaluate a JSON array of {"expression": ..., "attributes": {...}} cases from FILE ("-" for
    /// standard input) and print a JSON array of results in the same order.
    #[arg(long, value_name = "FILE")]
    pub batch: Option<String>,

    /// The time Now() returns, e.g. 2026-01-01T09:00:00Z (default: the current time).
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub now: Option<DateTime<Utc>>,

    /// The seed for Guid() and RandomString(): the same seed gives the same values.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
}

fn parse_time(text: &str) -> Result<DateTime<Utc>, String> {
    crate::expr::datetime::parse_loose(text)
        .ok_or_else(|| format!("`{text}` is not a time; use a form like 2026-01-01T09:00:00Z"))
}

/// Runs the command.
pub fn run(args: &EvalArgs) -> ExitCode {
    if args.assumptions {
        let text: String = crate::expr::assumptions::all_choices()
            .map(|(topic, choice)| format!("{topic}: {choice}\n"))
            .collect();
        return print_text("eval", &text, ExitCode::SUCCESS);
    }
    let now = args
        .now
        .unwrap_or_else(|| DateTime::from_timestamp(Utc::now().timestamp(), 0).unwrap_or_default());
    let ctx = EvalContext {
        now,
        seed: args.seed,
        ..EvalContext::default()
    };
    if let Some(file) = &args.batch {
        return run_batch(file, &ctx);
    }
    let text = args.expression.as_deref().unwrap_or_default();
    let mut names = AttributeNames::new();
    let mut user = AttributeSet::new();
    let mut values: Vec<(String, Vec<String>)> = Vec::new();
    for attr in &args.attrs {
        let Some((name, value)) = attr.split_once('=') else {
            say!("error: --attr {attr}: write NAME=VALUE, e.g. --attr department=Sales");
            return ExitCode::from(EXIT_BAD_INPUT);
        };
        match values.iter_mut().find(|(n, _)| n == name) {
            Some((_, list)) => list.push(value.to_owned()),
            None => values.push((name.to_owned(), vec![value.to_owned()])),
        }
    }
    for (name, list) in &values {
        let stored = match list.as_slice() {
            [one] => Stored::One(one.clone()),
            many => Stored::Many(many.to_vec()),
        };
        user.set(&mut names, name, stored);
    }
    let expression = match Expression::compile(text, &mut names) {
        Ok(expression) => expression,
        Err(error) => {
            say!("error: {}", error.describe(text));
            say!("{}", indent(&error.caret(text)));
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let known: Vec<&str> = values.iter().map(|(n, _)| n.as_str()).collect();
    if let Some(problem) = expression
        .miscased_attributes(known.iter().copied())
        .first()
    {
        say!("error: {}", problem.describe(text));
        say!("{}", indent(&problem.caret(text)));
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    let evaluation = expression.evaluate(&user, &ctx);
    for note in expression.notes().iter().chain(&evaluation.notes) {
        say!("note ({}): {}", note.kind.label(), note.message);
    }
    if args.json {
        let exit = match evaluation.outcome {
            Outcome::Error(_) => ExitCode::from(EXIT_BAD_INPUT),
            _ => ExitCode::SUCCESS,
        };
        return print_data("eval", exit, |out| {
            writeln!(out, "{}", outcome_json(&evaluation.outcome))
        });
    }
    match &evaluation.outcome {
        Outcome::Values(values) => {
            let text: String = values.iter().map(|value| format!("{value}\n")).collect();
            print_text("eval", &text, ExitCode::SUCCESS)
        }
        Outcome::Null => {
            say!("note: the result is null: Azure sends nothing for this attribute.");
            ExitCode::SUCCESS
        }
        Outcome::FlowIgnored => {
            say!("note: IgnoreFlowIfNullOrEmpty: Azure leaves this attribute out.");
            ExitCode::SUCCESS
        }
        Outcome::Error(error) => {
            let shown = crate::expr::ParseError {
                span: error.span,
                message: error.message.clone(),
            };
            say!("error: {}", shown.describe(text));
            say!("{}", indent(&shown.caret(text)));
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("  {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn run_batch(file: &str, ctx: &EvalContext<'_>) -> ExitCode {
    let input = match read_text(Path::new(file)) {
        Ok(input) => input,
        Err(error) => {
            say!("error: {error}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    match batch::run(&input, ctx) {
        Ok(output) => print_data("eval", ExitCode::SUCCESS, |out| writeln!(out, "{output}")),
        Err(message) => {
            say!("error: {file}: {message}");
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}
