//! The text of the Turtle family (N-Triples, N-Quads, Turtle, TriG), written
//! one subject's [`Description`] at a time into a byte buffer.
//!
//! Each description's text is complete on its own (it ends with ` .\n`), so
//! descriptions can be written on several threads and joined in order. The
//! bytes are those of oxttl's serializers, which these writers replaced for
//! speed (the formatting machinery cost more than building the statements):
//! the same term syntax, prefixed names, `a` for `rdf:type`, bare numbers and
//! booleans in Turtle, and the same layout of `;` and `,`. A test compares
//! both on random statements.

use super::mapping::Value;
use super::triples::Description;
use oxrdf::vocab::{rdf, xsd};
use oxrdf::{GraphNameRef, LiteralRef, NamedNode, NamedNodeRef};
use rustc_hash::FxHashMap;
use std::io::{self, Write};

/// How terms are written: plain N-Triples terms, or Turtle with prefixes.
#[derive(Clone, Copy, Debug)]
pub(super) enum Terms<'p> {
    /// N-Triples and N-Quads: every IRI in full, every literal quoted.
    Plain,
    /// Turtle and TriG: prefixed names where a prefix fits, `a`, bare numbers.
    Turtle(&'p Prefixes),
}

/// The prefixes of a Turtle document, and how each term of a vocabulary is
/// written under them: found once, not for every statement that uses it.
#[derive(Debug)]
pub(super) struct Prefixes {
    /// (name, namespace) in the order they are declared and tried: longest
    /// namespace first, so the longest fits, then by name.
    declared: Vec<(&'static str, &'static str)>,
    /// The text of each vocabulary term, by its IRI.
    terms: FxHashMap<&'static str, Box<[u8]>>,
}

impl Prefixes {
    /// `prefixes` (name, namespace), with every term of `vocabularies` written under them.
    pub(super) fn new(
        prefixes: &[(&'static str, &'static str)],
        vocabularies: &[&[NamedNodeRef<'static>]],
    ) -> Self {
        let mut declared = prefixes.to_vec();
        declared.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
        let mut prefixes = Prefixes {
            declared,
            terms: FxHashMap::default(),
        };
        let terms = vocabularies
            .iter()
            .flat_map(|terms| terms.iter())
            .map(|term| {
                let mut text = Vec::new();
                Terms::Turtle(&prefixes).iri(&mut text, term.as_str());
                (term.as_str(), text.into_boxed_slice())
            })
            .collect();
        prefixes.terms = terms;
        prefixes
    }
}

impl Terms<'_> {
    /// `@prefix` lines, written before the first statement.
    pub(super) fn prelude(self, out: &mut Vec<u8>) {
        if let Terms::Turtle(prefixes) = self {
            for (name, namespace) in &prefixes.declared {
                out.extend_from_slice(b"@prefix ");
                out.extend_from_slice(name.as_bytes());
                out.extend_from_slice(b": <");
                out.extend_from_slice(namespace.as_bytes());
                out.extend_from_slice(b"> .\n");
            }
        }
    }

    /// An IRI of a vocabulary (a predicate, class or datatype): most are
    /// the known terms, written as they were once.
    fn term(self, out: &mut Vec<u8>, iri: &str) {
        if let Terms::Turtle(prefixes) = self
            && let Some(text) = prefixes.terms.get(iri)
        {
            out.extend_from_slice(text);
            return;
        }
        self.iri(out, iri);
    }

    pub(super) fn iri(self, out: &mut Vec<u8>, iri: &str) {
        if let Terms::Turtle(prefixes) = self {
            for (name, namespace) in &prefixes.declared {
                // Most IRIs are entities' and fit no prefix: the last byte
                // of a namespace tells them apart before comparing the rest.
                if iri.as_bytes().get(namespace.len().wrapping_sub(1))
                    != namespace.as_bytes().last()
                {
                    continue;
                }
                if let Some(local) = iri.strip_prefix(namespace) {
                    let mark = out.len();
                    out.extend_from_slice(name.as_bytes());
                    out.push(b':');
                    if push_local_name(out, local) {
                        return;
                    }
                    out.truncate(mark);
                }
            }
        }
        out.push(b'<');
        out.extend_from_slice(iri.as_bytes());
        out.push(b'>');
    }

    fn predicate(self, out: &mut Vec<u8>, predicate: NamedNodeRef<'_>) {
        match self {
            Terms::Turtle(_) if predicate == rdf::TYPE => out.push(b'a'),
            _ => self.term(out, predicate.as_str()),
        }
    }

    fn literal(self, out: &mut Vec<u8>, literal: LiteralRef<'_>) {
        let value = literal.value();
        if let Some(language) = literal.language() {
            quoted(out, value);
            out.push(b'@');
            out.extend_from_slice(language.as_bytes());
            return;
        }
        let datatype = literal.datatype();
        if datatype == xsd::STRING {
            quoted(out, value);
            return;
        }
        if let Terms::Turtle(_) = self {
            let bare = match datatype {
                xsd::BOOLEAN => matches!(value, "true" | "false"),
                xsd::INTEGER => is_integer(value),
                xsd::DECIMAL => is_decimal(value),
                xsd::DOUBLE => is_double(value),
                _ => false,
            };
            if bare {
                out.extend_from_slice(value.as_bytes());
                return;
            }
        }
        quoted(out, value);
        out.extend_from_slice(b"^^");
        self.term(out, datatype.as_str());
    }

    fn value(self, out: &mut Vec<u8>, value: &Value) {
        match value {
            Value::Iri(iri) => self.iri(out, iri.as_str()),
            Value::Term(term) => self.term(out, term.as_str()),
            Value::Literal(literal) => self.literal(out, literal.as_ref()),
            Value::Short(text, datatype) => {
                self.literal(out, LiteralRef::new_typed_literal(text.as_str(), *datatype))
            }
        }
    }

    /// The statements of `description`, in graph `graph`: one line each
    /// (N-Triples, N-Quads), or one block (Turtle, TriG).
    pub(super) fn description(
        self,
        out: &mut Vec<u8>,
        description: &Description,
        graph: GraphNameRef<'_>,
    ) {
        match self {
            Terms::Plain => self.lines(out, description, graph),
            Terms::Turtle(_) => self.block(out, description, !graph.is_default_graph()),
        }
    }

    /// One line per statement (N-Triples, or N-Quads with `graph`).
    fn lines(self, out: &mut Vec<u8>, description: &Description, graph: GraphNameRef<'_>) {
        let mut subject = Vec::with_capacity(description.subject.as_str().len() + 2);
        self.iri(&mut subject, description.subject.as_str());
        let mut name = Vec::new();
        if let GraphNameRef::NamedNode(g) = graph {
            name.push(b' ');
            self.iri(&mut name, g.as_str());
        }
        for (predicate, object) in &description.facts {
            out.extend_from_slice(&subject);
            out.push(b' ');
            self.predicate(out, *predicate);
            out.push(b' ');
            self.value(out, object);
            out.extend_from_slice(&name);
            out.extend_from_slice(b" .\n");
        }
    }

    /// One Turtle block: the subject, its predicates after `;`, objects of
    /// one predicate after `,`. Inside a named graph (TriG) lines are indented
    /// one tab more.
    fn block(self, out: &mut Vec<u8>, description: &Description, in_graph: bool) {
        let mut last: Option<NamedNodeRef<'_>> = None;
        for (predicate, object) in &description.facts {
            match last {
                None => {
                    if in_graph {
                        out.push(b'\t');
                    }
                    self.iri(out, description.subject.as_str());
                    out.push(b' ');
                    self.predicate(out, *predicate);
                }
                Some(p) if p == *predicate => out.extend_from_slice(b" ,"),
                Some(_) => {
                    out.extend_from_slice(if in_graph { b" ;\n\t\t" } else { b" ;\n\t" });
                    self.predicate(out, *predicate);
                }
            }
            out.push(b' ');
            self.value(out, object);
            last = Some(*predicate);
        }
        if last.is_some() {
            out.extend_from_slice(b" .\n");
        }
    }
}

/// Joins the texts of descriptions in order into one document: the prefixes
/// before the first statement and, in TriG, each named graph's statements
/// inside `<graph> { ... }`.
pub(super) struct Joiner<'p> {
    terms: Terms<'p>,
    started: bool,
    /// The named graph whose block is open.
    open: Option<NamedNode>,
}

impl<'p> Joiner<'p> {
    pub(super) fn new(terms: Terms<'p>) -> Self {
        Joiner {
            terms,
            started: false,
            open: None,
        }
    }

    /// Writes `text`, the statements of one description in graph `name`.
    pub(super) fn push(
        &mut self,
        out: &mut impl Write,
        name: GraphNameRef<'_>,
        text: &[u8],
    ) -> io::Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        if let Terms::Turtle(_) = self.terms {
            let mut head = Vec::new();
            if !self.started {
                self.terms.prelude(&mut head);
            }
            let name = match name {
                GraphNameRef::NamedNode(n) => Some(n),
                _ => None,
            };
            if name != self.open.as_ref().map(NamedNode::as_ref) {
                if self.open.is_some() {
                    head.extend_from_slice(b"}\n");
                }
                if let Some(name) = name {
                    self.terms.iri(&mut head, name.as_str());
                    head.extend_from_slice(b" {\n");
                }
                self.open = name.map(NamedNodeRef::into_owned);
            }
            out.write_all(&head)?;
        }
        self.started = true;
        out.write_all(text)
    }

    /// Closes the last graph block.
    pub(super) fn finish(&mut self, out: &mut impl Write) -> io::Result<()> {
        if self.open.take().is_some() {
            out.write_all(b"}\n")?;
        }
        Ok(())
    }
}

/// A quoted string with N-Triples escapes.
fn quoted(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    // Most values need no escape: every byte of a character that does is a
    // control, `"`, `\`, DEL, or the first byte (0xEF) of U+FFFE or U+FFFF.
    if !text
        .bytes()
        .any(|b| b < 0x20 || matches!(b, b'"' | b'\\' | 0x7F | 0xEF))
    {
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
        return;
    }
    let mut plain = 0;
    for (i, c) in text.char_indices() {
        let escape: &[u8] = match c {
            '\u{8}' => b"\\b",
            '\t' => b"\\t",
            '\n' => b"\\n",
            '\u{C}' => b"\\f",
            '\r' => b"\\r",
            '"' => b"\\\"",
            '\\' => b"\\\\",
            '\0'..='\u{1F}' | '\u{7F}' | '\u{FFFE}' | '\u{FFFF}' => b"",
            _ => continue,
        };
        out.extend_from_slice(&text.as_bytes()[plain..i]);
        plain = i + c.len_utf8();
        if escape.is_empty() {
            out.extend_from_slice(format!("\\u{:04X}", u32::from(c)).as_bytes());
        } else {
            out.extend_from_slice(escape);
        }
    }
    out.extend_from_slice(&text.as_bytes()[plain..]);
    out.push(b'"');
}

/// Writes `local` as the local part of a prefixed name, escaping what the
/// grammar allows to be escaped; false (and nothing meaningful written) when
/// it cannot be one.
fn push_local_name(out: &mut Vec<u8>, local: &str) -> bool {
    // The vocabulary's names (`name`, `AgendaItem`, `meetingOf`) are ASCII
    // letters, digits, `_` and `-`: written as they are, unless a `-` leads.
    if !local.starts_with('-')
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        out.extend_from_slice(local.as_bytes());
        return true;
    }
    let mut chars = local.chars();
    let Some(first) = chars.next() else {
        return true;
    };
    if is_pn_chars_u(first) || first == ':' || first.is_ascii_digit() {
        push_char(out, first);
    } else if can_be_escaped(first) {
        out.push(b'\\');
        push_char(out, first);
    } else {
        return false;
    }
    while let Some(c) = chars.next() {
        if is_pn_chars(c) || c == ':' || (c == '.' && !chars.as_str().is_empty()) {
            push_char(out, c);
        } else if can_be_escaped(c) {
            out.push(b'\\');
            push_char(out, c);
        } else {
            return false;
        }
    }
    true
}

fn push_char(out: &mut Vec<u8>, c: char) {
    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
}

/// `PN_CHARS_BASE | '_'` of the Turtle grammar.
fn is_pn_chars_u(c: char) -> bool {
    matches!(c,
        'A'..='Z'
        | 'a'..='z'
        | '_'
        | '\u{00C0}'..='\u{00D6}'
        | '\u{00D8}'..='\u{00F6}'
        | '\u{00F8}'..='\u{02FF}'
        | '\u{0370}'..='\u{037D}'
        | '\u{037F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}'
        | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}'
        | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

/// `PN_CHARS` of the Turtle grammar.
fn is_pn_chars(c: char) -> bool {
    is_pn_chars_u(c)
        || matches!(c,
            '-' | '0'..='9' | '\u{00B7}' | '\u{0300}'..='\u{036F}' | '\u{203F}'..='\u{2040}')
}

/// Characters a local name may carry after a backslash (`PN_LOCAL_ESC`).
fn can_be_escaped(c: char) -> bool {
    matches!(
        c,
        '_' | '~'
            | '.'
            | '-'
            | '!'
            | '$'
            | '&'
            | '\''
            | '('
            | ')'
            | '*'
            | '+'
            | ','
            | ';'
            | '='
            | '/'
            | '?'
            | '#'
            | '@'
            | '%'
    )
}

/// `[+-]? [0-9]+`
fn is_integer(value: &str) -> bool {
    let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// `[+-]? [0-9]* '.' [0-9]+`
fn is_decimal(value: &str) -> bool {
    let unsigned = value.strip_prefix(['+', '-']).unwrap_or(value);
    let fraction = unsigned.trim_start_matches(|c: char| c.is_ascii_digit());
    fraction
        .strip_prefix('.')
        .is_some_and(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// `[+-]? ([0-9]+ '.' [0-9]* EXPONENT | '.' [0-9]+ EXPONENT | [0-9]+ EXPONENT)`
fn is_double(value: &str) -> bool {
    let unsigned = value.strip_prefix(['+', '-']).unwrap_or(value);
    let after_whole = unsigned.trim_start_matches(|c: char| c.is_ascii_digit());
    let with_whole = after_whole.len() < unsigned.len();
    let (with_fraction, rest) = match after_whole.strip_prefix('.') {
        Some(f) => {
            let rest = f.trim_start_matches(|c: char| c.is_ascii_digit());
            (rest.len() < f.len(), rest)
        }
        None => (false, after_whole),
    };
    let Some(exponent) = rest.strip_prefix(['e', 'E']) else {
        return false;
    };
    let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    (with_whole || with_fraction)
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::mapping::{Facts, ShortText};
    use crate::vocab::{PREFIXES, mg, schema};
    use oxrdf::{GraphName, Literal, NamedNode, Quad, Triple};
    use oxttl::{NQuadsSerializer, NTriplesSerializer, TriGSerializer, TurtleSerializer};
    use proptest::prelude::*;

    /// Texts that reach every branch: escapes, control and non-BMP characters,
    /// characters a local name must escape or cannot hold, number shapes.
    fn pieces() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("a".to_string()),
            Just("Z9".to_string()),
            Just(".".to_string()),
            Just("-".to_string()),
            Just("_".to_string()),
            Just("~".to_string()),
            Just("%20".to_string()),
            Just("/".to_string()),
            Just("#".to_string()),
            Just(":".to_string()),
            Just("\"".to_string()),
            Just("\\".to_string()),
            Just("\n\r\t\u{8}\u{c}".to_string()),
            Just("\u{0}\u{1f}\u{7f}".to_string()),
            Just("\u{fffe}\u{ffff}".to_string()),
            Just("é·\u{300}".to_string()),
            Just("\u{203f}".to_string()),
            Just("😀".to_string()),
            Just("+".to_string()),
            Just("1".to_string()),
            Just("e".to_string()),
            Just("E-3".to_string()),
            Just("true".to_string()),
        ];
        let number = "[+-]?[0-9]{0,2}[.]?[0-9]{0,2}([eE][+-]?[0-9]{0,2})?";
        prop_oneof![
            proptest::collection::vec(piece, 0..6).prop_map(|p| p.concat()),
            number,
        ]
    }

    /// An IRI under one of the prefixes, under the entity base, or elsewhere,
    /// with a local part that may or may not make a prefixed name.
    fn iri() -> impl Strategy<Value = NamedNode> {
        let namespace = prop_oneof![
            Just(mg::NS.to_string()),
            Just(schema::NS.to_string()),
            Just(
                xsd::INTEGER
                    .as_str()
                    .trim_end_matches("integer")
                    .to_string()
            ),
            Just(crate::export::DEFAULT_BASE_IRI.to_string()),
            Just("http://example.org/x/".to_string()),
        ];
        let local = "[a-zA-Z0-9._~:/#!$&'()*+,;=@%-]{0,6}";
        (namespace, local).prop_filter_map("an IRI", |(ns, local)| {
            NamedNode::new(format!("{ns}{local}")).ok()
        })
    }

    fn literal() -> impl Strategy<Value = Literal> {
        let datatype = prop_oneof![
            Just(xsd::STRING),
            Just(xsd::INTEGER),
            Just(xsd::DECIMAL),
            Just(xsd::DOUBLE),
            Just(xsd::BOOLEAN),
            Just(xsd::DATE),
        ];
        prop_oneof![
            (pieces(), datatype).prop_map(|(v, d)| Literal::new_typed_literal(v, d)),
            pieces().prop_map(|v| Literal::new_language_tagged_literal_unchecked(v, "en-gb")),
        ]
    }

    fn predicate() -> impl Strategy<Value = NamedNodeRef<'static>> {
        prop_oneof![
            Just(rdf::TYPE),
            Just(mg::LINE),
            Just(mg::SOURCE),
            Just(schema::NAME),
        ]
    }

    fn description() -> impl Strategy<Value = Description> {
        let short = prop_oneof![
            (any::<u64>(), Just(xsd::INTEGER)).prop_map(|(n, d)| (n.to_string(), d)),
            ("[0-9]{4}-[0-9]{2}-[0-9]{2}", Just(xsd::DATE)),
            (
                "-?[0-9.e]{0,6}",
                prop_oneof![Just(xsd::DECIMAL), Just(xsd::DOUBLE)]
            ),
        ]
        .prop_filter_map("a short text", |(text, datatype)| {
            Some(Value::Short(ShortText::new(&text)?, datatype))
        });
        let value = prop_oneof![
            iri().prop_map(Value::Iri),
            prop_oneof![
                Just(mg::MEETING),
                Just(schema::EVENT),
                Just(crate::vocab::prov::WAS_DERIVED_FROM)
            ]
            .prop_map(Value::Term),
            literal().prop_map(Value::Literal),
            short,
        ];
        (iri(), proptest::collection::vec((predicate(), value), 0..6))
            .prop_map(|(subject, facts): (NamedNode, Facts)| Description::new(subject, facts))
    }

    /// Descriptions with distinct subjects, and the graph each is in.
    fn dataset() -> impl Strategy<Value = Vec<(Option<NamedNode>, Description)>> {
        let graph = proptest::option::of(iri());
        proptest::collection::vec((graph, description()), 0..5).prop_map(|mut all| {
            all.sort_by(|a, b| a.0.cmp(&b.0));
            let mut seen = std::collections::HashSet::new();
            all.retain(|(g, d)| seen.insert((g.clone(), d.subject.clone())));
            all
        })
    }

    fn text(bytes: Vec<u8>) -> String {
        String::from_utf8(bytes).expect("UTF-8")
    }

    fn triples(d: &Description) -> impl Iterator<Item = Triple> + '_ {
        d.triples().map(|t| t.into_owned())
    }

    fn name(graph: &Option<NamedNode>) -> GraphNameRef<'_> {
        graph
            .as_ref()
            .map_or(GraphNameRef::DefaultGraph, |g| g.as_ref().into())
    }

    /// The joined document of `all` as TriG (or Turtle when all are in the default graph).
    fn trig(all: &[(Option<NamedNode>, Description)], terms: Terms<'_>) -> Vec<u8> {
        let mut out = Vec::new();
        let mut joiner = Joiner::new(terms);
        for (graph, d) in all {
            let mut text = Vec::new();
            terms.block(&mut text, d, graph.is_some());
            joiner.push(&mut out, name(graph), &text).unwrap();
        }
        joiner.finish(&mut out).unwrap();
        out
    }

    proptest! {
        #[test]
        fn writes_what_oxttl_writes(all in dataset()) {
            let prefixes = Prefixes::new(&PREFIXES, &crate::vocab::TERMS);
            let turtle = Terms::Turtle(&prefixes);

            let mut nt = NTriplesSerializer::new().for_writer(Vec::new());
            let mut ours = Vec::new();
            let mut nq = NQuadsSerializer::new().for_writer(Vec::new());
            let mut ours_nq = Vec::new();
            for (graph, d) in &all {
                for t in triples(d) {
                    nt.serialize_triple(&t).unwrap();
                    let g = graph.clone().map_or(GraphName::DefaultGraph, GraphName::from);
                    nq.serialize_quad(&Quad::new(t.subject, t.predicate, t.object, g)).unwrap();
                }
                Terms::Plain.lines(&mut ours, d, GraphNameRef::DefaultGraph);
                Terms::Plain.lines(&mut ours_nq, d, name(graph));
            }
            prop_assert_eq!(text(nt.finish()), text(ours));
            prop_assert_eq!(text(nq.finish()), text(ours_nq));

            // Turtle of the descriptions of the default graph (distinct subjects).
            let mut ttl = TurtleSerializer::new();
            let mut tg = TriGSerializer::new();
            for (p, ns) in PREFIXES {
                ttl = ttl.with_prefix(p, ns).unwrap();
                tg = tg.with_prefix(p, ns).unwrap();
            }
            let mut ttl = ttl.for_writer(Vec::new());
            let default: Vec<_> = all.iter().filter(|(g, _)| g.is_none()).cloned().collect();
            for (_, d) in &default {
                for t in triples(d) {
                    ttl.serialize_triple(&t).unwrap();
                }
            }
            let ours = trig(&default, turtle);
            prop_assert_eq!(text(ttl.finish().unwrap()), text(ours));

            let mut tg = tg.for_writer(Vec::new());
            for (graph, d) in &all {
                for t in triples(d) {
                    let g = graph.clone().map_or(GraphName::DefaultGraph, GraphName::from);
                    tg.serialize_quad(&Quad::new(t.subject, t.predicate, t.object, g)).unwrap();
                }
            }
            prop_assert_eq!(text(tg.finish().unwrap()), text(trig(&all, turtle)));
        }
    }
}
