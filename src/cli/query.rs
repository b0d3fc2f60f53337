//! `minutegraph query`: SPARQL 1.1 over the graph of the given minutes, in an
//! in-memory store, with the ready-made questions of `queries/` by name.

use super::input::ReadArgs;
use super::render;
use super::{EXIT_OK, EXIT_USAGE};
use clap::Args;
use minutegraph::error::Error;
use minutegraph::export::{DEFAULT_BASE_IRI, ExportOptions};
use minutegraph::query::shipped::{self, SHIPPED};
use minutegraph::query::sparql::{self, Answer, SparqlError, SparqlGraph};
use minutegraph::vocab::{self, BASE_PREFIX};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// Files and folders of minutes, and the query itself unless --file or
    /// --name gives it (the argument that reads as SPARQL: it starts with
    /// SELECT, ASK, CONSTRUCT, DESCRIBE, PREFIX or BASE).
    #[arg(value_name = "PATH|QUERY")]
    items: Vec<PathBuf>,
    /// Read the query from this file.
    #[arg(long, value_name = "FILE", conflicts_with = "name")]
    file: Option<PathBuf>,
    /// Run a ready-made query (see --list).
    #[arg(short, long, value_name = "NAME")]
    name: Option<String>,
    /// List the ready-made queries and the values they need.
    #[arg(long, conflicts_with_all = ["file", "name"])]
    list: bool,
    /// Bind a variable before the query runs (repeatable): `<iri>` is an IRI,
    /// YYYY-MM-DD a date, a whole number an integer, anything else a string.
    #[arg(long = "var", value_name = "NAME=VALUE")]
    vars: Vec<String>,
    /// Output format: table, csv, tsv, json or xml for SELECT and ASK;
    /// turtle, ntriples, rdfxml or jsonld for CONSTRUCT and DESCRIBE
    /// (default: table, or turtle for a graph).
    #[arg(short, long)]
    format: Option<String>,
    #[command(flatten)]
    read: ReadArgs,
    /// Base IRI for entity IRIs (`mgid:` in queries).
    #[arg(long, default_value = DEFAULT_BASE_IRI)]
    base_iri: String,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Where the query text came from, for error messages.
struct QueryText {
    origin: String,
    text: String,
    needs: Vec<shipped::Parameter<'static>>,
}

/// Run `query`.
pub fn run(args: QueryArgs) -> Result<u8, Error> {
    if args.list {
        return list(args.output.as_deref());
    }
    let (query, paths) = query_text(&args)?;
    let bindings = bindings(&args.vars, &query)?;
    if let Err(e) = sparql::check(&query.text, &args.base_iri) {
        eprintln!("minutegraph: {}", describe(&query, &e));
        return Ok(EXIT_USAGE);
    }
    let format = OutputFormat::from_name(args.format.as_deref())?;
    let read = args.read.run(&paths)?.read();
    let outcome = &read.outcome;
    let options = ExportOptions {
        base_iri: args.base_iri.clone(),
        ..ExportOptions::default()
    };
    let graph = SparqlGraph::new(&outcome.graph, &options)
        .map_err(|e| Error::Usage(describe(&query, &e)))?;
    let answer = match graph.query(&query.text, &bindings) {
        Ok(answer) => answer,
        Err(e) => {
            eprintln!("minutegraph: {}", describe(&query, &e));
            return Ok(EXIT_USAGE);
        }
    };
    let format = format.for_answer(&answer)?;
    super::write_output_of(outcome, args.output.as_deref(), |out| {
        write_answer(out, &answer, format, &args.base_iri)
    })?;
    Ok(read.finish())
}

/// The query text and the paths of minutes, from the arguments.
fn query_text(args: &QueryArgs) -> Result<(QueryText, Vec<PathBuf>), Error> {
    let mut paths = args.items.clone();
    let query = if let Some(name) = &args.name {
        let query = shipped::shipped(name).ok_or_else(|| {
            let names: Vec<&str> = SHIPPED.iter().map(|q| q.name).collect();
            Error::Usage(format!(
                "no ready-made query '{name}' (there are: {})",
                names.join(", ")
            ))
        })?;
        QueryText {
            origin: format!("queries/{name}.rq"),
            text: query.text.to_string(),
            needs: query.parameters(),
        }
    } else if let Some(file) = &args.file {
        let text = std::fs::read_to_string(file).map_err(|e| Error::Io {
            path: file.display().to_string(),
            source: e,
        })?;
        QueryText {
            origin: file.display().to_string(),
            text,
            needs: Vec::new(),
        }
    } else {
        let found: Vec<usize> = paths
            .iter()
            .enumerate()
            .filter(|(_, p)| p.to_str().is_some_and(reads_as_sparql))
            .map(|(i, _)| i)
            .collect();
        let [index] = found[..] else {
            return Err(Error::Usage(if found.is_empty() {
                "no query: give one as an argument (SELECT ...), or use --file or --name".into()
            } else {
                "more than one argument reads as a query; give one, or use --file".into()
            }));
        };
        let text = paths.remove(index).to_string_lossy().into_owned();
        QueryText {
            origin: "<query>".into(),
            text,
            needs: Vec::new(),
        }
    };
    if paths.is_empty() {
        paths.push(PathBuf::from("."));
    }
    Ok((query, paths))
}

/// Whether an argument is a query rather than a path: its first word, after
/// comments, is a SPARQL query form or prologue keyword.
fn reads_as_sparql(text: &str) -> bool {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or("");
    ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE"]
        .iter()
        .any(|k| first.eq_ignore_ascii_case(k))
        && text.contains(char::is_whitespace)
}

/// `--var NAME=VALUE` as bindings; every value a ready-made query needs must be given.
fn bindings(vars: &[String], query: &QueryText) -> Result<Vec<(String, Term)>, Error> {
    let mut out: Vec<(String, Term)> = Vec::new();
    for var in vars {
        let (name, value) = var.split_once('=').ok_or_else(|| {
            Error::Usage(format!(
                "--var {var}: expected NAME=VALUE, e.g. topic=\"status page\""
            ))
        })?;
        let name = name.trim().trim_start_matches(['?', '$']);
        let term = sparql::term_of(value).map_err(|e| Error::Usage(format!("--var {var}: {e}")))?;
        out.retain(|(n, _)| n != name);
        out.push((name.to_string(), term));
    }
    if query.origin.starts_with("queries/")
        && let Some((name, _)) = out
            .iter()
            .find(|(n, _)| !query.needs.iter().any(|p| p.name == n))
    {
        return Err(Error::Usage(format!(
            "{} takes no --var {name} (see --list)",
            query.origin
        )));
    }
    for needed in &query.needs {
        if !out.iter().any(|(n, _)| n == needed.name) {
            return Err(Error::Usage(format!(
                "{} needs --var {}=VALUE ({})",
                query.origin, needed.name, needed.help
            )));
        }
    }
    Ok(out)
}

/// The error with where it is: `origin:line:col: ...`, then the line and a caret.
fn describe(query: &QueryText, error: &SparqlError) -> String {
    let SparqlError::Syntax {
        line: Some(line),
        column: Some(column),
        ..
    } = error
    else {
        return format!("{}: {error}", query.origin);
    };
    let source = query.text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let source = render::one_line(source);
    let caret = " ".repeat(column.saturating_sub(1).min(source.chars().count()));
    format!(
        "{}:{error}\n{line:>5} | {source}\n      | {caret}^",
        query.origin
    )
}

fn list(output: Option<&std::path::Path>) -> Result<u8, Error> {
    super::write_output(output, |out| {
        for q in SHIPPED {
            writeln!(out, "{:<26} {}", q.name, q.summary()).map_err(render::io)?;
            for p in q.parameters() {
                writeln!(out, "{:<26}   --var {}=...  {}", "", p.name, p.help)
                    .map_err(render::io)?;
            }
        }
        Ok(())
    })?;
    Ok(EXIT_OK)
}

/// How an answer is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OutputFormat {
    /// Not given: table for solutions, Turtle for a graph.
    Default,
    Table,
    Csv,
    Results(QueryResultsFormat),
    Rdf(RdfFormat),
}

impl OutputFormat {
    fn from_name(name: Option<&str>) -> Result<Self, Error> {
        Ok(match name {
            None => OutputFormat::Default,
            Some("table") => OutputFormat::Table,
            Some("csv") => OutputFormat::Csv,
            Some("tsv") => OutputFormat::Results(QueryResultsFormat::Tsv),
            Some("json") => OutputFormat::Results(QueryResultsFormat::Json),
            Some("xml") => OutputFormat::Results(QueryResultsFormat::Xml),
            Some("turtle") => OutputFormat::Rdf(RdfFormat::Turtle),
            Some("ntriples") => OutputFormat::Rdf(RdfFormat::NTriples),
            Some("rdfxml") => OutputFormat::Rdf(RdfFormat::RdfXml),
            Some("jsonld") => OutputFormat::Rdf(RdfFormat::JsonLd {
                profile: Default::default(),
            }),
            Some(other) => {
                return Err(Error::Usage(format!(
                    "unknown query output format '{other}' (expected table, csv, tsv, json, xml, \
                     turtle, ntriples, rdfxml or jsonld)"
                )));
            }
        })
    }

    /// The format for this answer, or a usage error when it cannot hold it.
    fn for_answer(self, answer: &Answer) -> Result<Self, Error> {
        match (self, answer) {
            (OutputFormat::Default, Answer::Graph(_)) => Ok(OutputFormat::Rdf(RdfFormat::Turtle)),
            (OutputFormat::Default, _) => Ok(OutputFormat::Table),
            (OutputFormat::Rdf(_), Answer::Graph(_)) => Ok(self),
            (OutputFormat::Rdf(_), _) => Err(Error::Usage(
                "SELECT and ASK answers are tables: use --format table, csv, tsv, json or xml"
                    .into(),
            )),
            (_, Answer::Graph(_)) => Err(Error::Usage(
                "CONSTRUCT and DESCRIBE answers are RDF: use --format turtle, ntriples, rdfxml \
                 or jsonld"
                    .into(),
            )),
            _ => Ok(self),
        }
    }
}

fn write_answer(
    out: &mut dyn Write,
    answer: &Answer,
    format: OutputFormat,
    base_iri: &str,
) -> Result<(), Error> {
    let failed = render::io;
    match (answer, format) {
        (Answer::Graph(triples), OutputFormat::Rdf(rdf)) => {
            let mut serializer = RdfSerializer::from_format(rdf);
            for (prefix, iri) in prefixes(base_iri) {
                serializer = serializer
                    .with_prefix(prefix, iri)
                    .map_err(|e| Error::Usage(format!("<{iri}>: {e}")))?;
            }
            let mut writer = serializer.for_writer(out);
            for t in triples {
                writer.serialize_triple(t).map_err(failed)?;
            }
            writer.finish().map_err(failed)?;
            Ok(())
        }
        (Answer::Boolean(value), OutputFormat::Results(f)) => {
            QueryResultsSerializer::from_format(f)
                .serialize_boolean_to_writer(out, *value)
                .map_err(failed)?;
            Ok(())
        }
        (Answer::Boolean(value), _) => writeln!(out, "{value}").map_err(failed),
        (Answer::Solutions { variables, rows }, OutputFormat::Results(f)) => {
            let mut writer = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(out, variables.clone())
                .map_err(failed)?;
            for row in rows {
                writer.serialize(row).map_err(failed)?;
            }
            writer.finish().map_err(failed)?;
            Ok(())
        }
        (Answer::Solutions { variables, rows }, OutputFormat::Csv) => {
            let header: Vec<&str> = variables.iter().map(|v| v.as_str()).collect();
            let cells = cells(rows, variables.len(), plain);
            render::write_csv(out, &header, &cells)
        }
        (Answer::Solutions { variables, rows }, _) => {
            let header: Vec<&str> = variables.iter().map(|v| v.as_str()).collect();
            let cells = cells(rows, variables.len(), |t| compact(t, base_iri));
            render::write_aligned_table(out, &header, &cells)
        }
        (Answer::Graph(_), _) => Err(Error::Usage("a graph needs an RDF format".into())),
    }
}

fn cells(
    rows: &[oxigraph::sparql::QuerySolution],
    width: usize,
    show: impl Fn(&Term) -> String,
) -> Vec<Vec<String>> {
    rows.iter()
        .map(|row| {
            (0..width)
                .map(|i| row.get(i).map(&show).unwrap_or_default())
                .collect()
        })
        .collect()
}

/// The vocabulary prefixes and `mgid:`, as written in graph answers.
fn prefixes(base_iri: &str) -> impl Iterator<Item = (&'static str, &str)> {
    vocab::PREFIXES
        .iter()
        .copied()
        .chain([(BASE_PREFIX, base_iri)])
}

/// A term as SPARQL CSV writes it: an IRI or the literal's text.
fn plain(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::BlankNode(b) => b.to_string(),
        Term::Literal(l) => l.value().to_string(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// A term for a table: an IRI under a known namespace as `prefix:rest`.
fn compact(term: &Term, base_iri: &str) -> String {
    if let Term::NamedNode(n) = term {
        let iri = n.as_str();
        // The base first: it is usually longer than any namespace it shares a start with.
        let known = std::iter::once((BASE_PREFIX, base_iri)).chain(vocab::PREFIXES.iter().copied());
        for (prefix, ns) in known {
            if let Some(rest) = iri.strip_prefix(ns) {
                return format!("{prefix}:{rest}");
            }
        }
    }
    plain(term)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_argument_is_told_from_paths() {
        assert!(reads_as_sparql("SELECT * WHERE { ?s ?p ?o }"));
        assert!(reads_as_sparql("# c\nprefix mg: <x>\nASK {}"));
        assert!(!reads_as_sparql("minutes/select"));
        assert!(!reads_as_sparql("select"));
        assert!(!reads_as_sparql("notes/2025 ASK.md"));
    }

    #[test]
    fn syntax_errors_point_at_line_and_column() {
        let query = QueryText {
            origin: "q.rq".into(),
            text: "SELECT ?s\nWHERE { ?s ?p }".into(),
            needs: Vec::new(),
        };
        let error = sparql::check(&query.text, DEFAULT_BASE_IRI).unwrap_err();
        let message = describe(&query, &error);
        assert!(message.starts_with("q.rq:2:"), "{message}");
        let lines: Vec<&str> = message.lines().collect();
        assert!(lines[1].ends_with("WHERE { ?s ?p }"), "{message}");
        assert!(lines[2].ends_with('^'), "{message}");
    }

    #[test]
    fn terms_are_compacted_for_tables() {
        let iri = Term::from(oxigraph::model::NamedNode::new_unchecked(format!(
            "{DEFAULT_BASE_IRI}person/lu-chen"
        )));
        assert_eq!(compact(&iri, DEFAULT_BASE_IRI), "mgid:person/lu-chen");
        let class = Term::from(vocab::mg::MEETING.into_owned());
        assert_eq!(compact(&class, DEFAULT_BASE_IRI), "mg:Meeting");
        let date = Term::from(oxigraph::model::Literal::new_typed_literal(
            "2025-01-09",
            vocab::xsd::DATE,
        ));
        assert_eq!(compact(&date, DEFAULT_BASE_IRI), "2025-01-09");
    }
}
