//! The audit report: Markdown and self-contained HTML (charts as inline SVG, no scripts).

use std::fmt::Write as _;

use crate::said::Said;
use crate::verify::{short_number, ClaimResult, Evidence, FileReport, Verdict};

fn md_escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn anchor(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

fn summary_line(report: &FileReport) -> String {
    Verdict::ALL
        .iter()
        .map(|v| format!("{} {}", report.summary.get(v).copied().unwrap_or(0), v))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn citation(report: &FileReport) -> String {
    let d = &report.document;
    let mut s = format!("{} ({}). {}.", d.authors, d.published, d.title);
    if let Some(v) = &d.venue {
        s.push_str(&format!(" {v}."));
    }
    if let Some(u) = &d.url {
        s.push_str(&format!(" {u}"));
    }
    s
}

/// The report as Markdown. `charts` maps a claim id to the relative path of its chart, where
/// one was written.
pub fn markdown(
    reports: &[FileReport],
    context: &str,
    charts: &dyn Fn(&str) -> Option<String>,
) -> String {
    let mut out = String::new();
    for report in reports {
        let _ = writeln!(out, "# Audit: {}\n", report.document.title);
        let _ = writeln!(out, "Document: {}\n", citation(report));
        let _ = writeln!(out, "{context}\n");
        let _ = writeln!(
            out,
            "Claims file: `{}`. Verdicts: {}.\n",
            report.file,
            summary_line(report)
        );
        let _ = writeln!(out, "| Claim | § | Verdict | Reason |\n|---|---|---|---|");
        for c in &report.claims {
            let _ = writeln!(
                out,
                "| [{}](#{}) | {} | **{}** | {} |",
                c.id,
                anchor(&c.id),
                c.section,
                c.verdict,
                md_escape(&c.reason.to_string())
            );
        }
        out.push('\n');
        for c in &report.claims {
            claim_markdown(&mut out, c, charts(&c.id));
        }
        if !report.unchecked.is_empty() {
            let _ = writeln!(
                out,
                "## Sentences judged not checkable

{} sentences of the document state nothing a \
                 source could check; each is listed with why.

| § | Sentence | Why |\n|---|---|---|",
                report.unchecked.len()
            );
            for u in &report.unchecked {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    u.section,
                    md_escape(&u.text),
                    md_escape(&u.reason)
                );
            }
            out.push('\n');
        }
    }
    out
}

fn claim_markdown(out: &mut String, c: &ClaimResult, chart: Option<String>) {
    let _ = writeln!(out, "## {}\n", c.id);
    let _ = writeln!(out, "> {}\n", c.text.replace('\n', " "));
    let mut whereabouts = format!("§{}", c.section);
    if let Some(p) = &c.page {
        whereabouts.push_str(&format!(", p. {p}"));
    }
    if let Some(cites) = &c.cites {
        whereabouts.push_str(&format!("; the document cites {cites}"));
    }
    let _ = writeln!(out, "{whereabouts}.\n");
    let _ = writeln!(out, "**Verdict: {}** — {}\n", c.verdict, c.reason);
    for p in &c.parts {
        let _ = writeln!(
            out,
            "- *{}* — claimed **{}** → **{}**: {}",
            p.what, p.claimed, p.verdict, p.reason
        );
        if let Some(f) = &p.faithful {
            let _ = writeln!(
                out,
                "  - faithful to the cited work: **{}** — {}",
                f.verdict, f.reason
            );
        }
    }
    out.push('\n');
    let evidence: Vec<&Evidence> = c.parts.iter().flat_map(|p| &p.evidence).collect();
    if !evidence.is_empty() {
        let _ = writeln!(
            out,
            "| Check | Role | Computed | Difference | Coverage | Verdict | Sources |\n|---|---|---|---|---|---|---|"
        );
        for e in evidence {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                md_escape(&e.label.to_string()),
                role(e),
                md_escape(&e.shown.to_string()),
                &e.difference
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                md_escape(&coverage(e)),
                e.verdict,
                md_escape(&Said::List(e.sources.clone()).to_string())
            );
        }
        out.push('\n');
    }
    if let Some(path) = chart {
        let _ = writeln!(out, "![series for {}]({path})\n", c.id);
    }
    if let Some(n) = &c.notes {
        let _ = writeln!(out, "Note: {n}\n");
    }
}

/// Coverage, with a bound's measured margin.
fn coverage(e: &Evidence) -> String {
    let mut said: Vec<String> = e.coverage.iter().map(ToString::to_string).collect();
    if let Some(m) = &e.margin {
        said.push(format!("margin {m}"));
    }
    said.join("; ")
}

fn role(e: &Evidence) -> &'static str {
    match e.role {
        crate::spec::Role::Decides => "decides",
        crate::spec::Role::UpperBound => "upper bound",
        crate::spec::Role::LowerBound => "lower bound",
        crate::spec::Role::Proxy => "proxy",
        crate::spec::Role::Alternative => "alternative",
        crate::spec::Role::Cited => "cited work",
        crate::spec::Role::Context => "context",
    }
}

/// The first scanned series of a claim with the claimed value, for its chart.
pub fn chart_of(c: &ClaimResult) -> Option<String> {
    c.parts.iter().find_map(|p| {
        p.evidence.iter().find(|e| e.series.len() >= 2).map(|e| {
            let (label, claimed) = (e.label.to_string(), p.claimed.to_string());
            svg(&label, &e.series, e.year, p.claimed_number, &claimed)
        })
    })
}

/// A small line chart: the series, the checked year marked, the claimed value as a dashed line.
pub fn svg(
    title: &str,
    series: &[(i32, f64)],
    year: Option<i32>,
    claimed: Option<f64>,
    claimed_text: &str,
) -> String {
    let (w, h, left, right, top, bottom) = (560.0, 220.0, 64.0, 16.0, 28.0, 28.0);
    let x0 = series.first().map(|p| p.0).unwrap_or(0) as f64;
    let x1 = series.last().map(|p| p.0).unwrap_or(1) as f64;
    let mut ymax = series.iter().map(|p| p.1).fold(0.0_f64, f64::max);
    if let Some(c) = claimed {
        ymax = ymax.max(c);
    }
    let ymin = series.iter().map(|p| p.1).fold(0.0_f64, f64::min);
    let ymax = if ymax <= ymin { ymin + 1.0 } else { ymax };
    let sx = |x: f64| left + (x - x0) / (x1 - x0).max(1.0) * (w - left - right);
    let sy = |y: f64| top + (ymax - y) / (ymax - ymin) * (h - top - bottom);
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{}" font-family="sans-serif" font-size="11">"##,
        html_escape(title)
    );
    let _ = write!(
        s,
        r##"<text x="{left}" y="16" font-weight="bold">{}</text>"##,
        html_escape(title)
    );
    for i in 0..=4 {
        let v = ymin + (ymax - ymin) * i as f64 / 4.0;
        let y = sy(v);
        let _ = write!(
            s,
            r##"<line x1="{left}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{}" y="{:.1}" text-anchor="end">{}</text>"##,
            w - right,
            left - 4.0,
            y + 4.0,
            short_number(v)
        );
    }
    let step = (((x1 - x0) / 8.0).ceil() as i32).max(1);
    let mut yr = x0 as i32;
    while yr as f64 <= x1 {
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{}" text-anchor="middle">{yr}</text>"##,
            sx(yr as f64),
            h - 8.0
        );
        yr += step;
    }
    let points: Vec<String> = series
        .iter()
        .map(|(x, y)| format!("{:.1},{:.1}", sx(*x as f64), sy(*y)))
        .collect();
    let _ = write!(
        s,
        r##"<polyline fill="none" stroke="#1f5f8b" stroke-width="2" points="{}"/>"##,
        points.join(" ")
    );
    if let Some(c) = claimed {
        let y = sy(c);
        let _ = write!(
            s,
            r##"<line x1="{left}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#c0392b" stroke-dasharray="5,4"/><text x="{}" y="{:.1}" text-anchor="end" fill="#c0392b">claimed: {}</text>"##,
            w - right,
            w - right,
            y - 4.0,
            html_escape(claimed_text)
        );
    }
    if let Some(yr) = year {
        if let Some((_, v)) = series.iter().find(|(x, _)| *x == yr) {
            let _ = write!(
                s,
                r##"<circle cx="{:.1}" cy="{:.1}" r="4" fill="#c0392b"/>"##,
                sx(yr as f64),
                sy(*v)
            );
        } else {
            let x = sx(yr as f64).min(w - right);
            let _ = write!(
                s,
                r##"<line x1="{x:.1}" x2="{x:.1}" y1="{top}" y2="{}" stroke="#c0392b" stroke-dasharray="2,3"/><text x="{:.1}" y="{}" text-anchor="end" fill="#c0392b">{yr}: no data</text>"##,
                h - bottom,
                x - 3.0,
                top + 10.0
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// The report as one self-contained HTML page.
pub fn html(reports: &[FileReport], context: &str) -> String {
    let mut out = String::from(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
    );
    let title = reports
        .first()
        .map(|r| format!("Audit: {}", r.document.title))
        .unwrap_or_else(|| "galeon audit".into());
    let _ = write!(out, "<title>{}</title>", html_escape(&title));
    out.push_str(
        "<style>body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;line-height:1.45;color:#222}\
         table{border-collapse:collapse;width:100%;margin:.6em 0;font-size:.9em}td,th{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}\
         blockquote{border-left:4px solid #999;margin:.5em 0;padding:.2em 1em;background:#f7f7f7}\
         .v{font-weight:bold;padding:.1em .4em;border-radius:3px}.supported{background:#d5f0dc}.supported-at-the-edge{background:#e8f5d0}\
         .partly-supported,.mischaracterised,.internally-inconsistent{background:#f9dcc0}.contradicted{background:#f8d3cf}\
         .inconclusive{background:#fbeec6}.not-checkable{background:#e4e4e4}section{margin-top:2em;border-top:1px solid #ddd}</style></head><body>",
    );
    for report in reports {
        let _ = write!(
            out,
            "<h1>{}</h1>",
            html_escape(&format!("Audit: {}", report.document.title))
        );
        let _ = write!(out, "<p>Document: {}</p>", html_escape(&citation(report)));
        let _ = write!(out, "<p>{}</p>", html_escape(context));
        let _ = write!(
            out,
            "<p>Claims file: <code>{}</code>. Verdicts: {}.</p>",
            html_escape(&report.file),
            html_escape(&summary_line(report))
        );
        out.push_str("<table><tr><th>Claim</th><th>§</th><th>Verdict</th><th>Reason</th></tr>");
        for c in &report.claims {
            let _ = write!(
                out,
                "<tr><td><a href=\"#{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                anchor(&c.id),
                html_escape(&c.id),
                html_escape(&c.section),
                badge(c.verdict),
                html_escape(&c.reason.to_string())
            );
        }
        out.push_str("</table>");
        for c in &report.claims {
            let _ = write!(
                out,
                "<section id=\"{}\"><h2>{}</h2>",
                anchor(&c.id),
                html_escape(&c.id)
            );
            let _ = write!(out, "<blockquote>{}</blockquote>", html_escape(&c.text));
            let mut whereabouts = format!("§{}", c.section);
            if let Some(p) = &c.page {
                whereabouts.push_str(&format!(", p. {p}"));
            }
            if let Some(cites) = &c.cites {
                whereabouts.push_str(&format!("; the document cites {cites}"));
            }
            let _ = write!(out, "<p>{}.</p>", html_escape(&whereabouts));
            let _ = write!(
                out,
                "<p>Verdict: {} — {}</p><ul>",
                badge(c.verdict),
                html_escape(&c.reason.to_string())
            );
            for p in &c.parts {
                let _ = write!(
                    out,
                    "<li><em>{}</em> — claimed <strong>{}</strong> → {}: {}</li>",
                    html_escape(&p.what.to_string()),
                    html_escape(&p.claimed.to_string()),
                    badge(p.verdict),
                    html_escape(&p.reason.to_string())
                );
                if let Some(f) = &p.faithful {
                    let _ = write!(
                        out,
                        "<ul><li>faithful to the cited work: {} — {}</li></ul>",
                        badge(f.verdict),
                        html_escape(&f.reason.to_string())
                    );
                }
            }
            out.push_str("</ul>");
            let evidence: Vec<&Evidence> = c.parts.iter().flat_map(|p| &p.evidence).collect();
            if !evidence.is_empty() {
                out.push_str("<table><tr><th>Check</th><th>Role</th><th>Computed</th><th>Difference</th><th>Coverage</th><th>Verdict</th><th>Sources</th></tr>");
                for e in evidence {
                    let _ = write!(
                        out,
                        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        html_escape(&e.label.to_string()),
                        role(e),
                        html_escape(&e.shown.to_string()),
                        html_escape(&e.difference.as_ref().map(ToString::to_string).unwrap_or_default()),
                        html_escape(&coverage(e)),
                        badge(e.verdict),
                        html_escape(&Said::List(e.sources.clone()).to_string())
                    );
                }
                out.push_str("</table>");
            }
            if let Some(svg) = chart_of(c) {
                out.push_str(&svg);
            }
            if let Some(n) = &c.notes {
                let _ = write!(
                    out,
                    "<p><small>Note: {}</small></p>",
                    html_escape(&n.to_string())
                );
            }
            out.push_str("</section>");
        }
        if !report.unchecked.is_empty() {
            let _ = write!(
                out,
                "<section id=\"unchecked\"><h2>Sentences judged not checkable</h2><p>{} sentences of \
                 the document state nothing a source could check; each is listed with why.</p>\
                 <table><tr><th>§</th><th>Sentence</th><th>Why</th></tr>",
                report.unchecked.len()
            );
            for u in &report.unchecked {
                let _ = write!(
                    out,
                    "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                    html_escape(&u.section),
                    html_escape(&u.text),
                    html_escape(&u.reason)
                );
            }
            out.push_str("</table></section>");
        }
    }
    out.push_str("</body></html>\n");
    out
}

fn badge(v: Verdict) -> String {
    format!(
        "<span class=\"v {}\">{}</span>",
        v.as_str().replace(' ', "-"),
        v.as_str()
    )
}
