//! Combining verdicts: checks into a part, parts into a sentence, and the band a claimed value
//! allows.

use super::*;

/// Combines the parts of a sentence (documented in docs/claims.md): a sentence that contradicts
/// itself says so first; then contradicted parts make it contradicted, or partly supported when
/// other parts hold; a mischaracterised part (and nothing contradicted) makes it
/// mischaracterised; all parts supported make it supported (at the edge if any part is).
pub(super) fn combine_parts(parts: &[PartResult]) -> (Verdict, Said) {
    let single = parts.len() == 1;
    let label = |p: &PartResult| {
        if single {
            p.reason.clone()
        } else {
            say!("said_part", what = &p.what, reason = &p.reason)
        }
    };
    let of = |v: Verdict| parts.iter().filter(move |p| p.verdict == v);
    let listing = |v: Verdict| {
        let list: Vec<&PartResult> = of(v).collect();
        match list.len() {
            1 => label(list[0]),
            n => say!("said_and_more", reason = label(list[0]), n = n - 1),
        }
    };
    let supported = parts.iter().filter(|p| p.verdict.supports()).count();
    if of(Verdict::InternallyInconsistent).next().is_some() {
        return (
            Verdict::InternallyInconsistent,
            listing(Verdict::InternallyInconsistent),
        );
    }
    if of(Verdict::Contradicted).next().is_some() {
        if supported > 0 {
            let held: Vec<Said> = (parts.iter())
                .filter(|p| p.verdict.supports())
                .map(|p| p.what.clone())
                .collect();
            let reason = say!(
                "said_holds",
                reason = listing(Verdict::Contradicted),
                held = Said::List(held)
            );
            return (Verdict::PartlySupported, reason);
        }
        return (Verdict::Contradicted, listing(Verdict::Contradicted));
    }
    if of(Verdict::Mischaracterised).next().is_some() {
        return (
            Verdict::Mischaracterised,
            listing(Verdict::Mischaracterised),
        );
    }
    if supported == parts.len() {
        let edge = of(Verdict::SupportedAtEdge).next();
        let verdict = if edge.is_some() {
            Verdict::SupportedAtEdge
        } else {
            Verdict::Supported
        };
        let reason = if single {
            parts[0].reason.clone()
        } else if let Some(p) = edge {
            say!("said_all_edge", n = parts.len(), part = label(p))
        } else {
            say!("said_all", n = parts.len())
        };
        return (verdict, reason);
    }
    if of(Verdict::NotCheckable).count() == parts.len() {
        return (Verdict::NotCheckable, label(&parts[0]));
    }
    let open: Vec<Said> = (parts.iter())
        .filter(|p| !p.verdict.supports())
        .map(|p| {
            let verdict = Said::Say(p.verdict.key(), vec![]);
            say!(
                "said_open_part",
                what = &p.what,
                verdict = verdict,
                reason = &p.reason
            )
        })
        .collect();
    let reason = if supported > 0 {
        say!(
            "said_some",
            n = supported,
            of = parts.len(),
            open = Said::List(open)
        )
    } else if single {
        parts[0].reason.clone()
    } else {
        Said::List(open)
    };
    (Verdict::Inconclusive, reason)
}

/// The interval of values the claim's wording allows, with the tolerance.
#[derive(Debug, Clone, Copy)]
pub(super) struct Allowed {
    pub(super) lo: f64,
    pub(super) hi: f64,
    pub(super) strict_lo: bool,
    pub(super) strict_hi: bool,
    /// The value the band is drawn around, for a tolerance band (not for one-sided hedges or
    /// quantifiers, whose bounds are thresholds rather than tolerances).
    pub(super) centre: Option<f64>,
}

impl Allowed {
    pub(super) fn of(part: &Part, claimed: f64) -> Allowed {
        let slack = part.tolerance * claimed.abs() + part.tolerance_abs;
        let (lo, hi, strict_lo, strict_hi) = match part.hedge {
            Hedge::Plain | Hedge::Exactly | Hedge::About | Hedge::Includes => {
                (claimed - slack, claimed + slack, false, false)
            }
            // Quantifiers: `claimed` is the whole; "most" is more than half of it, "many" at
            // least a quarter (docs/claims.md, declared thresholds).
            Hedge::Most => (0.5 * claimed, claimed + part.tolerance_abs, true, false),
            Hedge::Many => (0.25 * claimed, claimed + part.tolerance_abs, false, false),
            // "almost 18": a little under 18; rounding allows a hair over.
            Hedge::Almost => (
                claimed - slack,
                claimed + 0.02 * claimed.abs() + part.tolerance_abs,
                false,
                false,
            ),
            Hedge::MoreThan => (claimed - part.tolerance_abs, f64::INFINITY, true, false),
            Hedge::AtLeast => (claimed - part.tolerance_abs, f64::INFINITY, false, false),
            Hedge::LessThan => (f64::NEG_INFINITY, claimed + part.tolerance_abs, false, true),
            Hedge::AtMost => (
                f64::NEG_INFINITY,
                claimed + part.tolerance_abs,
                false,
                false,
            ),
        };
        let centre = match part.hedge {
            Hedge::Plain | Hedge::Exactly | Hedge::About | Hedge::Includes | Hedge::Almost => {
                Some(claimed)
            }
            _ => None,
        };
        Allowed {
            lo,
            hi,
            strict_lo,
            strict_hi,
            centre,
        }
    }

    /// Whether `x`, inside the band, lies in its outer fifth on its side of the claimed value.
    pub(super) fn at_edge(&self, x: f64) -> bool {
        let Some(c) = self.centre else {
            return false;
        };
        let (gap, slack) = if x < c {
            (c - x, c - self.lo)
        } else {
            (x - c, self.hi - c)
        };
        slack > 0.0 && gap > (1.0 - EDGE) * slack
    }

    pub(super) fn holds(&self, x: f64) -> bool {
        let above = if self.strict_lo {
            x > self.lo
        } else {
            x >= self.lo
        };
        let below = if self.strict_hi {
            x < self.hi
        } else {
            x <= self.hi
        };
        above && below
    }

    pub(super) fn below(&self, x: f64) -> bool {
        if self.strict_lo {
            x <= self.lo
        } else {
            x < self.lo
        }
    }

    pub(super) fn above(&self, x: f64) -> bool {
        if self.strict_hi {
            x >= self.hi
        } else {
            x > self.hi
        }
    }
}

/// Combines the checks on one part (documented in docs/claims.md).
pub(super) fn combine_checks(evidence: &[Evidence]) -> (Verdict, Said) {
    let voting: Vec<&Evidence> = evidence.iter().filter(|e| e.role.votes()).collect();
    // The sentence's own list against its own count: a mismatch is the sentence's, whatever
    // the data say.
    if let Some(e) = voting
        .iter()
        .find(|e| e.from == Origin::Listed && e.verdict == Verdict::Contradicted)
    {
        return (
            Verdict::InternallyInconsistent,
            say!("said_contradicts_itself", reason = &e.reason),
        );
    }
    let fits = fitting_years(evidence);
    let supported: Vec<&&Evidence> = voting.iter().filter(|e| e.verdict.supports()).collect();
    let contradicted: Vec<&&Evidence> = voting
        .iter()
        .filter(|e| e.verdict == Verdict::Contradicted)
        .collect();
    let alternative = evidence
        .iter()
        .find(|e| e.role == Role::Alternative && e.verdict.supports());
    match (supported.is_empty(), contradicted.is_empty()) {
        (false, false) => {
            let given = |list: &[&&Evidence]| -> Said {
                let each = (list.iter())
                    .map(|e| say!("said_gives", label = &e.label, shown = &e.shown))
                    .collect();
                Said::Series(each)
            };
            let reason = say!(
                "said_disagree",
                supports = given(&supported),
                contradicts = given(&contradicted)
            );
            (Verdict::Inconclusive, reason)
        }
        (true, false) => {
            let as_written = say!("said_as_written", reason = &contradicted[0].reason);
            if let Some(f) = fits.first() {
                (
                    Verdict::Mischaracterised,
                    Said::List(vec![as_written, f.clone()]),
                )
            } else if let Some(a) = alternative {
                let scope = a.scope.clone().unwrap_or_else(|| "".into());
                let reason = say!(
                    "said_other_scope",
                    as_written = as_written,
                    reason = &a.reason,
                    scope = scope
                );
                (Verdict::Mischaracterised, reason)
            } else {
                (Verdict::Contradicted, as_written)
            }
        }
        (false, true) => {
            let clear = supported.iter().find(|e| e.verdict == Verdict::Supported);
            match clear {
                Some(e) => (Verdict::Supported, e.reason.clone()),
                None => (Verdict::SupportedAtEdge, supported[0].reason.clone()),
            }
        }
        (true, true) => {
            let append_fits = |reason: Said| match fits.first() {
                Some(f) => Said::List(vec![reason, f.clone()]),
                None => reason,
            };
            let first = voting
                .iter()
                .find(|e| e.verdict == Verdict::Inconclusive)
                .or_else(|| voting.first());
            match first {
                Some(e) => {
                    let verdict = if voting.iter().all(|e| e.verdict == Verdict::NotCheckable) {
                        Verdict::NotCheckable
                    } else {
                        Verdict::Inconclusive
                    };
                    (verdict, append_fits(e.reason.clone()))
                }
                None if evidence.iter().any(|e| e.role == Role::Cited) => {
                    (Verdict::NotCheckable, say!("said_only_cited"))
                }
                None => (Verdict::NotCheckable, say!("said_no_deciding_check")),
            }
        }
    }
}

/// For scanned one-year checks whose claimed value fits other years: "the claimed value fits
/// X in 2002 (18.0 bn), likely the intended year".
pub(super) fn fitting_years(evidence: &[Evidence]) -> Vec<Said> {
    evidence
        .iter()
        .filter(|e| {
            e.role.votes()
                && !e.fitting_years.is_empty()
                && e.year.is_some_and(|y| !e.fitting_years.contains(&y))
        })
        .map(|e| {
            let shown: Vec<Said> = e
                .fitting_years
                .iter()
                .map(|y| {
                    let v = e.series.iter().find(|(sy, _)| sy == y).map(|(_, v)| *v);
                    match v {
                        Some(v) => say!("said_year_amount", year = *y, n = number_said(v)),
                        None => Said::from(*y),
                    }
                })
                .collect();
            say!("said_fits", label = &e.label, years = Said::Series(shown))
        })
        .collect()
}
