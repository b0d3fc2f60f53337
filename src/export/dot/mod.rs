//! Graphviz DOT, written by hand with fixed ordering and full escaping, in
//! three views chosen with [`DotView`].
//!
//! Every view is meant to fit a page with its defaults: `full` draws every
//! node and edge (one cluster per meeting) while the graph has at most
//! [`DETAIL_LIMIT`] nodes, and an overview above that (a cluster per series of
//! meetings holding the people, services, issues and topics seen in most
//! meetings); `meeting` draws the latest meetings as clusters of their agenda
//! items, decisions and actions, in rows; `topics` draws topic threads as rows
//! against time as columns. [`ExportOptions::top`](super::ExportOptions) says
//! how many things are drawn and [`ExportOptions::row`](super::ExportOptions)
//! how many go in a row; the graph's label says what was left out. Labels are
//! single-line, truncated with an ellipsis (the whole text in the tooltip)
//! and escaped.

mod detail;
mod index;
mod layout;
mod meetings;
mod overview;
mod topics;
mod writer;

use super::{ExportOptions, Exporter, Format, write_error};
use crate::error::Error;
use crate::model::KnowledgeGraph;
use index::Index;
use std::io::{self, BufWriter, Write};

/// Most nodes the `full` view draws one by one; larger graphs get an overview.
///
/// The detailed view draws every edge, and with more than a meeting or two
/// of people, services and topics those edges cross everywhere and the
/// drawing outgrows a page; the overview stays readable at any size.
pub const DETAIL_LIMIT: usize = 60;

/// What a DOT export shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DotView {
    /// Every node and edge (an overview above [`DETAIL_LIMIT`] nodes).
    #[default]
    Full,
    /// One cluster per meeting with its agenda items, decisions and actions.
    Meeting,
    /// Topic threads linked to the meetings they were discussed in, in date order.
    Topics,
}

impl DotView {
    /// Every view, in a fixed order.
    pub const ALL: [DotView; 3] = [DotView::Full, DotView::Meeting, DotView::Topics];

    /// The name used by `--view`.
    pub fn name(self) -> &'static str {
        match self {
            DotView::Full => "full",
            DotView::Meeting => "meeting",
            DotView::Topics => "topics",
        }
    }

    /// Find a view by its name (`meetings` and `topic` are accepted too).
    pub fn from_name(name: &str) -> Option<DotView> {
        let name = name.to_ascii_lowercase();
        DotView::ALL
            .into_iter()
            .find(|v| v.name() == name)
            .or(match name.as_str() {
                "meetings" => Some(DotView::Meeting),
                "topic" => Some(DotView::Topics),
                _ => None,
            })
    }
}

/// Writes Graphviz DOT in the view given by [`ExportOptions::view`].
#[derive(Clone, Copy, Debug, Default)]
pub struct DotExporter;

impl Exporter for DotExporter {
    fn write(
        &self,
        graph: &KnowledgeGraph,
        options: &ExportOptions,
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        let mut out = BufWriter::new(out);
        write_view(graph, options, &mut out)
            .and_then(|()| out.flush())
            .map_err(|e| write_error(Format::Dot, e))
    }
}

fn write_view(
    graph: &KnowledgeGraph,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let index = Index::new(graph);
    // Zero of anything would draw an empty page.
    let (top, row) = (options.top.map(|n| n.max(1)), options.row.map(|n| n.max(1)));
    match options.view {
        DotView::Full if graph.node_count() <= DETAIL_LIMIT => detail::write(&index, out),
        DotView::Full => overview::write(&index, top, row, out),
        DotView::Meeting => meetings::write(&index, top, row, out),
        DotView::Topics => topics::write(&index, top, row, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_round_trip_through_their_names() {
        for view in DotView::ALL {
            assert_eq!(DotView::from_name(view.name()), Some(view));
        }
        assert_eq!(DotView::from_name("Meetings"), Some(DotView::Meeting));
        assert_eq!(DotView::from_name("timeline"), None);
    }
}
