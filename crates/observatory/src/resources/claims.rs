//! Claims from the literature and their verdicts.

use std::collections::BTreeSet;

use galeon_claims::{FileReport, Verdict};
use serde_json::json;

use crate::{Answer, Error, Table};

/// Which claims.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClaimsQuery {
    /// Only claims with this verdict.
    pub verdict: Option<Verdict>,
}

/// A verdict written by its id (`supported`, `not_checkable`…).
pub fn verdict(id: &str) -> Result<Verdict, Error> {
    (Verdict::ALL.into_iter().find(|v| v.id() == id)).ok_or_else(|| {
        let ids: Vec<&str> = Verdict::ALL.map(|x| x.id()).to_vec();
        Error::Invalid(format!("verdict {id:?}: use one of {}", ids.join(", ")))
    })
}

/// One row per claim: its sentence, verdict, reason, and the claimed and computed values;
/// `meta.documents` has each document with its verdict counts.
pub fn claims(reports: &[FileReport], q: &ClaimsQuery) -> Answer {
    let mut t = Table::new(
        "claims",
        &[
            "document", "id", "section", "text", "verdict", "reason", "claimed", "computed",
        ],
    );
    let mut sources = BTreeSet::new();
    for f in reports {
        let shown = (f.claims.iter()).filter(|c| q.verdict.is_none_or(|v| c.verdict == v));
        for c in shown {
            let evidence = c.parts.iter().flat_map(|p| &p.evidence);
            sources.extend(evidence.flat_map(|e| e.sources.iter().cloned()));
            t.push(vec![
                f.document.id.as_str().into(),
                c.id.as_str().into(),
                c.section.as_str().into(),
                c.text.as_str().into(),
                c.verdict.id().into(),
                c.reason.as_str().into(),
                c.claimed_summary().into(),
                c.computed_summary().into(),
            ]);
        }
    }
    t.sources = sources.into_iter().collect();
    let documents: Vec<_> = (reports.iter())
        .map(|f| json!({"document": f.document, "summary": f.summary}))
        .collect();
    t.note("documents", documents);
    Ok(t)
}

/// One claim in full (parts, checks, evidence, the SQL that reproduces each number) with its
/// document: `{"data": claim, "document": …, "provenance": …}`.
pub fn claim(
    reports: &[FileReport],
    id: &str,
    store_built_at: Option<&str>,
) -> Result<serde_json::Value, Error> {
    for f in reports {
        if let Some(c) = f.claims.iter().find(|c| c.id == id) {
            let provenance =
                json!({"store_built_at": store_built_at, "galeon": env!("CARGO_PKG_VERSION")});
            return Ok(json!({"data": c, "document": f.document, "provenance": provenance}));
        }
    }
    Err(Error::NotFound(format!(
        "no claim {id:?}: /api/claims or `galeon verify` lists them"
    )))
}
