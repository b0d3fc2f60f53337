//! SPARQL 1.1 over a knowledge graph, in an in-memory store.
//!
//! [`SparqlGraph::new`] loads the graph's RDF view (the same quads every RDF
//! export writes, one named graph per source file) into an in-memory
//! [`oxigraph`] store, and the merge of all those graphs (each triple once) as
//! its default graph, so most questions need no `GRAPH` clause while
//! `GRAPH ?g { ... }` still reaches one source file's facts, as in the N-Quads
//! export. The vocabulary
//! prefixes (`mg:`, `schema:`, `prov:`, `rdf:`, `rdfs:`, `xsd:`) and `mgid:` for
//! entity IRIs are declared for every query.
//!
//! Answers are collected whole and put in a fixed order: rows in the order the
//! query's `ORDER BY` gives, or sorted when it has none; triples sorted.

use crate::export::ExportOptions;
use crate::export::iri::IriError;
use crate::export::triples::Dataset;
use crate::model::KnowledgeGraph;
use crate::vocab::{self, BASE_PREFIX};
use oxigraph::model::{GraphNameRef, Literal, NamedNode, Term, Triple, Variable};
use oxigraph::sparql::{QueryResults, QuerySolution, SparqlEvaluator};
use oxigraph::store::Store;
use spargebra::algebra::GraphPattern;
use spargebra::term::GroundTerm;
use std::fmt;

/// A knowledge graph loaded into a store that answers SPARQL queries.
pub struct SparqlGraph {
    store: Store,
    base_iri: String,
    quads: usize,
}

/// What a query returned.
#[derive(Debug)]
pub enum Answer {
    /// `SELECT`: the projected variables and one solution per row.
    Solutions {
        /// Variables in the order of the projection.
        variables: Vec<Variable>,
        /// The rows.
        rows: Vec<QuerySolution>,
    },
    /// `ASK`: whether the pattern matched.
    Boolean(bool),
    /// `CONSTRUCT` or `DESCRIBE`: the triples, sorted and without duplicates.
    Graph(Vec<Triple>),
}

impl Answer {
    /// Number of rows, triples, or 1 for a boolean.
    pub fn len(&self) -> usize {
        match self {
            Answer::Solutions { rows, .. } => rows.len(),
            Answer::Boolean(_) => 1,
            Answer::Graph(triples) => triples.len(),
        }
    }

    /// Whether there are no rows or triples (a boolean is never empty).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A query that could not be run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SparqlError {
    /// The text is not SPARQL; `line` and `column` are 1-based when known.
    Syntax {
        /// Line of the query text.
        line: Option<usize>,
        /// Column (in characters) of the query text.
        column: Option<usize>,
        /// What the parser expected.
        message: String,
    },
    /// A variable given with `--var` is not a valid SPARQL variable name.
    Variable(String),
    /// The base IRI cannot name entities.
    Iri(String),
    /// Evaluating the query failed.
    Evaluation(String),
}

impl fmt::Display for SparqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SparqlError::Syntax {
                line: Some(line),
                column: Some(column),
                message,
            } => write!(f, "{line}:{column}: syntax error: {message}"),
            SparqlError::Syntax { message, .. } => write!(f, "syntax error: {message}"),
            SparqlError::Variable(name) => write!(f, "'{name}' is not a variable name"),
            SparqlError::Iri(message) => write!(f, "{message}"),
            SparqlError::Evaluation(message) => write!(f, "query failed: {message}"),
        }
    }
}

impl std::error::Error for SparqlError {}

impl From<IriError> for SparqlError {
    fn from(e: IriError) -> Self {
        SparqlError::Iri(e.to_string())
    }
}

impl SparqlGraph {
    /// Loads the RDF view of `graph` (entity IRIs under `options.base_iri`).
    pub fn new(graph: &KnowledgeGraph, options: &ExportOptions) -> Result<Self, SparqlError> {
        let dataset = Dataset::new(graph, options)?;
        let store = Store::new().map_err(|e| SparqlError::Evaluation(e.to_string()))?;
        let union = dataset
            .triples()
            .into_iter()
            .map(|t| t.in_graph(GraphNameRef::DefaultGraph).into_owned());
        store
            .extend(dataset.quads().map(|q| q.into_owned()).chain(union))
            .map_err(|e| SparqlError::Evaluation(e.to_string()))?;
        Ok(SparqlGraph {
            store,
            base_iri: options.base_iri.clone(),
            quads: dataset.len(),
        })
    }

    /// Number of quads loaded.
    pub fn len(&self) -> usize {
        self.quads
    }

    /// Whether the graph is empty.
    pub fn is_empty(&self) -> bool {
        self.quads == 0
    }

    /// Runs `text` with each `(name, value)` of `bindings` given to the query
    /// as if bound before evaluation.
    pub fn query(&self, text: &str, bindings: &[(String, Term)]) -> Result<Answer, SparqlError> {
        let mut parsed = parser(&self.base_iri)?
            .parse_query(text)
            .map_err(syntax_error)?;
        let ordered = has_order(&parsed);
        bind(&mut parsed, bindings)?;
        let prepared = SparqlEvaluator::new().for_query(parsed);
        let evaluation = |e: &dyn fmt::Display| SparqlError::Evaluation(e.to_string());
        match prepared
            .on_store(&self.store)
            .execute()
            .map_err(|e| evaluation(&e))?
        {
            QueryResults::Boolean(value) => Ok(Answer::Boolean(value)),
            QueryResults::Solutions(solutions) => {
                let variables = solutions.variables().to_vec();
                let mut rows = solutions
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| evaluation(&e))?;
                if !ordered {
                    rows.sort_by_cached_key(row_key);
                }
                Ok(Answer::Solutions { variables, rows })
            }
            QueryResults::Graph(triples) => {
                let mut triples = triples
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| evaluation(&e))?;
                triples.sort_by_cached_key(|t| t.to_string());
                triples.dedup();
                Ok(Answer::Graph(triples))
            }
        }
    }
}

/// Checks that `text` is a SPARQL query, before any minutes are read.
pub fn check(text: &str, base_iri: &str) -> Result<(), SparqlError> {
    parser(base_iri)?.parse_query(text).map_err(syntax_error)?;
    Ok(())
}

/// A parser that knows the vocabulary prefixes and `mgid:` for `base_iri`.
fn parser(base_iri: &str) -> Result<spargebra::SparqlParser, SparqlError> {
    let mut parser = spargebra::SparqlParser::new();
    let prefixes = vocab::PREFIXES
        .iter()
        .copied()
        .chain([(BASE_PREFIX, base_iri)]);
    for (prefix, iri) in prefixes {
        parser = parser
            .with_prefix(prefix, iri)
            .map_err(|e| SparqlError::Iri(format!("<{iri}> is not an IRI: {e}")))?;
    }
    Ok(parser)
}

/// A `--var` value as an RDF term: `<iri>` is an IRI, `YYYY-MM-DD` a date, a
/// whole number an integer, anything else a plain string.
pub fn term_of(value: &str) -> Result<Term, SparqlError> {
    if let Some(iri) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        return NamedNode::new(iri)
            .map(Term::from)
            .map_err(|e| SparqlError::Iri(format!("<{iri}> is not an IRI: {e}")));
    }
    if value.parse::<jiff::civil::Date>().is_ok() && value.len() == 10 {
        return Ok(Literal::new_typed_literal(value, vocab::xsd::DATE).into());
    }
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) && value.len() < 19 {
        return Ok(Literal::new_typed_literal(value, vocab::xsd::INTEGER).into());
    }
    Ok(Literal::new_simple_literal(value).into())
}

/// Gives each `(name, value)` to the query as a one-row `VALUES` joined to
/// its `WHERE` pattern, below its filters, so a filter (or `FILTER EXISTS`)
/// that reads the variable sees the value.
fn bind(query: &mut spargebra::Query, bindings: &[(String, Term)]) -> Result<(), SparqlError> {
    if bindings.is_empty() {
        return Ok(());
    }
    let mut variables = Vec::new();
    let mut row = Vec::new();
    for (name, value) in bindings {
        variables.push(Variable::new(name).map_err(|_| SparqlError::Variable(name.clone()))?);
        row.push(Some(match value {
            Term::NamedNode(n) => GroundTerm::NamedNode(n.clone()),
            Term::Literal(l) => GroundTerm::Literal(l.clone()),
            _ => return Err(SparqlError::Variable(name.clone())),
        }));
    }
    let values = GraphPattern::Values {
        variables,
        bindings: vec![row],
    };
    let (spargebra::Query::Select { pattern, .. }
    | spargebra::Query::Construct { pattern, .. }
    | spargebra::Query::Describe { pattern, .. }
    | spargebra::Query::Ask { pattern, .. }) = query;
    let taken = std::mem::replace(
        pattern,
        GraphPattern::Bgp {
            patterns: Vec::new(),
        },
    );
    *pattern = with_values(taken, &values);
    Ok(())
}

/// `pattern` with `values` joined under its solution modifiers, grouping,
/// `BIND`s and filters.
fn with_values(pattern: GraphPattern, values: &GraphPattern) -> GraphPattern {
    let inner = |p: Box<GraphPattern>| Box::new(with_values(*p, values));
    match pattern {
        GraphPattern::Project {
            inner: p,
            variables,
        } => GraphPattern::Project {
            inner: inner(p),
            variables,
        },
        GraphPattern::Distinct { inner: p } => GraphPattern::Distinct { inner: inner(p) },
        GraphPattern::Reduced { inner: p } => GraphPattern::Reduced { inner: inner(p) },
        GraphPattern::Slice {
            inner: p,
            start,
            length,
        } => GraphPattern::Slice {
            inner: inner(p),
            start,
            length,
        },
        GraphPattern::OrderBy {
            inner: p,
            expression,
        } => GraphPattern::OrderBy {
            inner: inner(p),
            expression,
        },
        GraphPattern::Group {
            inner: p,
            variables,
            aggregates,
        } => GraphPattern::Group {
            inner: inner(p),
            variables,
            aggregates,
        },
        GraphPattern::Filter { expr, inner: p } => GraphPattern::Filter {
            expr,
            inner: inner(p),
        },
        GraphPattern::Extend {
            inner: p,
            variable,
            expression,
        } => GraphPattern::Extend {
            inner: inner(p),
            variable,
            expression,
        },
        other => GraphPattern::Join {
            left: Box::new(values.clone()),
            right: Box::new(other),
        },
    }
}

/// Whether the solutions of `query` come in an order the query asks for.
fn has_order(query: &spargebra::Query) -> bool {
    let spargebra::Query::Select { pattern, .. } = query else {
        return false;
    };
    let mut pattern = pattern;
    loop {
        match pattern {
            GraphPattern::OrderBy { .. } => return true,
            GraphPattern::Project { inner, .. }
            | GraphPattern::Distinct { inner }
            | GraphPattern::Reduced { inner }
            | GraphPattern::Slice { inner, .. } => pattern = inner,
            _ => return false,
        }
    }
}

/// A sort key for a row: each value in N-Triples syntax, unbound first.
fn row_key(row: &QuerySolution) -> Vec<Option<String>> {
    row.values()
        .iter()
        .map(|v| v.as_ref().map(|t| t.to_string()))
        .collect()
}

/// Turns the parser's `error at L:C: expected ...` into line, column and message.
fn syntax_error(e: spargebra::SparqlSyntaxError) -> SparqlError {
    let text = e.to_string();
    let located = text.strip_prefix("error at ").and_then(|rest| {
        let (position, message) = rest.split_once(": ")?;
        let (line, column) = position.split_once(':')?;
        Some((
            line.parse().ok()?,
            column.parse().ok()?,
            message.to_string(),
        ))
    });
    match located {
        Some((line, column, message)) => SparqlError::Syntax {
            line: Some(line),
            column: Some(column),
            message,
        },
        None => SparqlError::Syntax {
            line: None,
            column: None,
            message: text,
        },
    }
}
