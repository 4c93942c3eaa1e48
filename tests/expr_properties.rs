//! Property tests of the expression engine: printing a tree and parsing it again gives the same
//! tree, and neither compiling nor evaluating ever panics, whatever the text or the attributes.

use proptest::prelude::*;
use scim_preflight::expr::ast::{Node, NodeKind};
use scim_preflight::expr::functions::table::FUNCTIONS;
use scim_preflight::expr::{AttributeNames, AttributeSet, EvalContext, Expression, Span, Stored};

const NAMES: &[&str] = &[
    "department",
    "givenName",
    "mail",
    "proxyAddresses",
    "IsSoftDeleted",
    "x",
];

fn leaf() -> impl Strategy<Value = Node> {
    let kind = prop_oneof![
        prop::sample::select(NAMES).prop_map(|n| NodeKind::Attribute(n.to_owned())),
        "[a-zA-Z0-9 \"\\\\><|/.,@-]{0,12}".prop_map(NodeKind::Str),
        (-1000i64..1000).prop_map(NodeKind::Number),
        (0i64..0xFFFF).prop_map(NodeKind::Hex),
    ];
    kind.prop_map(|kind| Node {
        kind,
        span: Span::default(),
    })
}

fn tree() -> impl Strategy<Value = Node> {
    leaf().prop_recursive(5, 40, 6, |inner| {
        (
            prop::sample::select(FUNCTIONS),
            prop::collection::vec(prop::option::weighted(0.85, inner), 0..6),
        )
            .prop_map(|(spec, mut args)| {
                let max = spec.max_args.min(8);
                let count = args.len().clamp(spec.min_args, max.max(spec.min_args));
                args.resize_with(count, || None);
                // `F()` reads as no arguments, so a lone empty slot is the same as none.
                if matches!(args.as_slice(), [None]) {
                    args.clear();
                }
                Node {
                    kind: NodeKind::Call {
                        name: spec.name.to_owned(),
                        name_span: Span::default(),
                        args,
                    },
                    span: Span::default(),
                }
            })
    })
}

fn attributes() -> impl Strategy<Value = Vec<Stored>> {
    let value = prop_oneof![
        Just(Stored::Absent),
        ".{0,20}".prop_map(Stored::One),
        prop::collection::vec(".{0,8}", 0..4).prop_map(Stored::Many),
    ];
    prop::collection::vec(value, NAMES.len())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn print_then_parse_gives_the_same_tree(node in tree()) {
        let text = node.to_text();
        let (parsed, _) = scim_preflight::expr::parser::parse(&text).expect("printed text parses");
        prop_assert_eq!(&parsed, &node);
        prop_assert_eq!(parsed.to_text(), text);
    }

    #[test]
    fn compiling_and_evaluating_never_panic(node in tree(), values in attributes(), seed in any::<u64>()) {
        let mut names = AttributeNames::new();
        let mut user = AttributeSet::new();
        for (name, value) in NAMES.iter().zip(values) {
            user.set(&mut names, name, value);
        }
        if let Ok(expression) = Expression::compile(&node.to_text(), &mut names) {
            let ctx = EvalContext { seed, ..EvalContext::default() };
            let _ = expression.evaluate(&user, &ctx);
            let _ = expression.explain(&user, &ctx);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = Expression::compile(&text, &mut AttributeNames::new());
    }

    #[test]
    fn expression_like_text_never_panics(text in "[A-Za-z\\[\\]\"(),\\\\ &=<>0-9-]{0,80}") {
        let mut names = AttributeNames::new();
        if let Ok(expression) = Expression::compile(&text, &mut names) {
            let _ = expression.evaluate(&AttributeSet::new(), &EvalContext::default());
        }
    }

    /// The editor's helpers run on every keystroke, at any cursor position, on half-typed text:
    /// they never panic, and their spans stay inside the text.
    #[test]
    fn editor_help_never_panics(
        text in "[A-Za-zé\\[\\]\"(),\\\\ &=<>0-9-]{0,60}|.{0,40}",
        cursor in 0usize..80,
    ) {
        use scim_preflight::expr::assist::{call_at, completions, parts};
        for (span, _) in parts(&text) {
            prop_assert!(span.start <= span.end && span.end <= text.len());
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
        let attributes = vec![("department".to_owned(), "3 users".to_owned())];
        for completion in completions(&text, cursor, &attributes) {
            let (start, end) = (completion.replace.start, completion.replace.end);
            prop_assert!(start <= end && end <= text.len());
            prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        }
        let _ = call_at(&text, cursor);
    }
}
