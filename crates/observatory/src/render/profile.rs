//! The country profile as one self-contained HTML page: no script, charts in SVG, and a print
//! stylesheet so that the browser's "Save as PDF" gives a brief of a few A4 pages.

use std::fmt::Write;

use galeon_registry::Lang;

use super::esc;
use super::svg::{line_chart, Axis, Band, Line};
use crate::resources::{Breakdown, Event, Figure, Profile, Series};
use crate::texts::Texts;

/// Where the page is shown.
#[derive(Debug, Clone, Copy, Default)]
pub struct Where {
    /// Served by `galeon serve` (links to the other languages and the dashboard work), rather
    /// than written to a file.
    pub served: bool,
}

/// The profile as an HTML page.
pub fn page(p: &Profile, at: Where) -> String {
    let lang: Lang = p.lang.parse().expect("a profile's language");
    let t = Texts::of(lang);
    let title = t.fill("profile_title", &[("name", &p.name)]);
    let mut out = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body data-country=\"{}\">",
        p.lang,
        esc(&title),
        p.country
    );
    header(&mut out, p, &t, &title, at);
    figures(&mut out, p, &t);
    trade(&mut out, p, &t);
    breakdowns(&mut out, p, &t);
    index(&mut out, p, &t);
    timeline(&mut out, p, &t);
    claims(&mut out, p, &t);
    sources(&mut out, p, &t);
    out.push_str("</body></html>\n");
    out
}

fn header(out: &mut String, p: &Profile, t: &Texts, title: &str, at: Where) {
    let built = p.store_built_at.get(..10).unwrap_or(&p.store_built_at);
    let meta = t.fill("profile_meta", &[("version", p.galeon), ("built", built)]);
    let _ = write!(
        out,
        "<header><p class=\"brand\">galeon</p><h1 data-testid=\"profile-name\">{}</h1>\
         <p class=\"meta\">{}</p>",
        esc(title),
        esc(&meta)
    );
    if at.served {
        let langs: Vec<String> = (Lang::ALL.iter())
            .map(|l| {
                let name = esc(Texts::of(*l).get("lang_name"));
                match *l == t.lang {
                    true => format!("<strong>{name}</strong>"),
                    false => format!("<a href=\"?lang={}\" hreflang=\"{0}\">{name}</a>", l.tag()),
                }
            })
            .collect();
        let _ = write!(
            out,
            "<p class=\"screen\">{} · <a href=\"/#/country/{}\">{}</a> · {}</p>",
            esc(t.get("print_hint")),
            p.country,
            esc(t.get("back_to_country")),
            langs.join(" · ")
        );
    }
    out.push_str("</header>");
}

fn figures(out: &mut String, p: &Profile, t: &Texts) {
    let _ = write!(
        out,
        "<h2>{}</h2><div class=\"figures\">",
        esc(t.get("headline"))
    );
    for f in &p.headline {
        figure(out, f, t);
    }
    out.push_str("</div>");
    if !p.status.is_empty() {
        let _ = write!(
            out,
            "<h3>{}</h3><ul class=\"status\">",
            esc(t.get("fig_status"))
        );
        for e in &p.status {
            let _ = write!(
                out,
                "<li data-fact=\"{}\"><strong>{}</strong>: {} ({})</li>",
                esc(&e.id),
                esc(&e.kind),
                esc(&e.what),
                esc(&e.shown_date)
            );
        }
        out.push_str("</ul>");
    }
}

fn figure(out: &mut String, f: &Figure, t: &Texts) {
    let detail = (f.detail.as_deref()).map_or(String::new(), |d| {
        format!("<span class=\"detail\">{}</span>", esc(d))
    });
    let _ = write!(
        out,
        "<div class=\"figure\" data-testid=\"fig-{}\" data-value=\"{}\" data-year=\"{}\">\
         <span class=\"label\">{} ({})</span><span class=\"big\">{}</span>{detail}\
         <span class=\"small\">{}: {}</span></div>",
        f.id,
        f.value,
        f.year,
        esc(&f.label),
        f.period,
        esc(&f.shown),
        esc(t.get("source")),
        esc(&f.source)
    );
}

fn line_of<'a>(s: &'a Series, colour: &'a str, dash: &'a str) -> Line<'a> {
    Line {
        label: &s.label,
        colour,
        dash,
        points: s.points.iter().map(|p| (p.year, p.value)).collect(),
        breaks: (s.points.iter())
            .filter(|p| p.series_break)
            .map(|p| (p.year, p.source.clone()))
            .collect(),
    }
}

fn trade(out: &mut String, p: &Profile, t: &Texts) {
    let _ = write!(out, "<section><h2>{}</h2>", esc(t.get("trade_section")));
    let pct = |v| t.percent(v);
    let usd = |v| t.usd(v);
    let colours = [
        ("#c0392b", ""),
        ("#1f5f8b", ""),
        ("#c0392b", "6 3"),
        ("#7d6608", ""),
    ];
    let lines: Vec<Line> = (p.trade.iter().zip(colours))
        .map(|(s, (c, d))| line_of(s, c, d))
        .collect();
    let (shares, flows) = lines.split_at(2.min(lines.len()));
    let axis = |format| Axis {
        format,
        inverted: false,
        from_zero: true,
    };
    let _ = write!(
        out,
        "<div class=\"pair\"><div class=\"keep\"><h3>{}</h3>{}</div><div class=\"keep\"><h3>{}</h3>{}</div></div>",
        esc(t.get("share_chart")),
        line_chart(t.get("share_chart"), shares, None, &axis(&pct)),
        esc(t.get("flows_chart")),
        line_chart(t.get("flows_chart"), flows, None, &axis(&usd)),
    );
    let breaks: Vec<String> = (p.trade.iter())
        .flat_map(|s| {
            s.points
                .iter()
                .filter(|x| x.series_break)
                .map(move |x| (s, x))
        })
        .map(|(s, x)| format!("{} {}: {}", s.label, x.year, x.source))
        .collect();
    if !breaks.is_empty() {
        let _ = write!(
            out,
            "<p class=\"note\">{} {}</p>",
            esc(t.get("series_breaks")),
            esc(&breaks.join(" · "))
        );
    }
    out.push_str("</section>");
}

fn breakdowns(out: &mut String, p: &Profile, t: &Texts) {
    let (green, money): (Vec<&Breakdown>, Vec<&Breakdown>) = p
        .breakdowns
        .iter()
        .partition(|b| b.id == "capacity_by_fuel");
    for (section, list) in [("finance_section", money), ("green_section", green)] {
        let _ = write!(out, "<h2>{}</h2><div class=\"pair\">", esc(t.get(section)));
        for b in list {
            breakdown(out, b, t);
        }
        out.push_str("</div>");
    }
}

fn breakdown(out: &mut String, b: &Breakdown, t: &Texts) {
    let years = match b.years {
        Some((first, last)) if first < last => format!(" ({first}–{last})"),
        Some((_, last)) => format!(" ({})", t.fill("up_to", &[("year", &last.to_string())])),
        None => String::new(),
    };
    let _ = write!(
        out,
        "<section class=\"keep\" data-testid=\"{}\"><h3>{}{}</h3>",
        b.id,
        esc(&b.title),
        esc(&years)
    );
    if b.rows.is_empty() {
        let _ = write!(
            out,
            "<p class=\"note\">{}</p></section>",
            esc(t.get("no_records"))
        );
        return;
    }
    let top = b.rows[0].value.max(f64::MIN_POSITIVE);
    out.push_str("<table class=\"bars\">");
    for r in &b.rows {
        let width = 100.0 * r.value / top;
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"num\" data-value=\"{}\">{}</td>\
             <td class=\"bar\"><span style=\"width:{width:.1}%\"></span></td></tr>",
            esc(&r.name),
            r.value,
            esc(&r.shown)
        );
    }
    let _ = write!(
        out,
        "</table><p class=\"small\">{}: {}</p></section>",
        esc(t.get("source")),
        esc(&b.source)
    );
}

fn index(out: &mut String, p: &Profile, t: &Texts) {
    if p.index.is_empty() {
        return;
    }
    let rank = Series {
        indicator: "index",
        label: t.get("rank").to_string(),
        unit: "rank".into(),
        points: Vec::new(),
    };
    let mut line = line_of(&rank, "#045a8d", "");
    line.points = p
        .index
        .iter()
        .map(|r| (r.year, f64::from(r.rank)))
        .collect();
    let band = Band {
        points: (p.index.iter())
            .filter_map(|r| Some((r.year, r.p05?, r.p95?)))
            .collect(),
    };
    let whole = |v: f64| t.number(v, 0);
    let axis = Axis {
        format: &whole,
        inverted: true,
        from_zero: false,
    };
    let _ = write!(
        out,
        "<section class=\"keep\"><h2>{}</h2>{}<p class=\"note\">{}</p></section>",
        esc(t.get("index_section")),
        line_chart(t.get("index_chart"), &[line], Some(&band), &axis),
        esc(t.get("index_note"))
    );
}

fn timeline(out: &mut String, p: &Profile, t: &Texts) {
    let _ = write!(out, "<h2>{}</h2>", esc(t.get("timeline_section")));
    if p.timeline.is_empty() {
        let _ = write!(out, "<p class=\"note\">{}</p>", esc(t.get("no_records")));
        return;
    }
    let _ = write!(
        out,
        "<table class=\"data\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        esc(t.get("date")),
        esc(t.get("what")),
        esc(t.get("source"))
    );
    for e in &p.timeline {
        event(out, e, t);
    }
    out.push_str("</tbody></table>");
}

fn event(out: &mut String, e: &Event, t: &Texts) {
    // A sentence not translated yet is shown in English, marked as such.
    let untranslated = match e.text_lang == t.lang {
        true => String::new(),
        false => format!(
            " <small class=\"untranslated\">({})</small>",
            esc(t.get("not_translated"))
        ),
    };
    let text = format!(
        "<span lang=\"{}\">{}</span>{untranslated}",
        e.text_lang.tag(),
        esc(&e.text)
    );
    let _ = write!(
        out,
        "<tr data-fact=\"{}\"><td class=\"date\">{}</td><td><strong>{}: {}</strong><br>{text}</td>\
         <td class=\"src\">{}</td></tr>",
        esc(&e.id),
        esc(&e.shown_date),
        esc(&e.kind),
        esc(&e.what),
        sources_of(e)
    );
}

/// A fact's sources, short: each publisher, linked to the document where it has an address.
fn sources_of(e: &Event) -> String {
    let each: Vec<String> = (e.sources.iter())
        .map(|s| match &s.url {
            // Only web addresses become links (never `javascript:` or a local file).
            Some(url) if url.starts_with("https://") || url.starts_with("http://") => format!(
                "<a href=\"{}\" title=\"{}\">{}</a>",
                esc(url),
                esc(&s.title),
                esc(&s.publisher)
            ),
            _ => format!(
                "<span title=\"{}\">{}</span>",
                esc(&s.title),
                esc(&s.publisher)
            ),
        })
        .collect();
    each.join("; ")
}

fn claims(out: &mut String, p: &Profile, t: &Texts) {
    let _ = write!(
        out,
        "<h2>{}</h2><p class=\"note\">{}</p>",
        esc(&t.fill("claims_section", &[("name", &p.name)])),
        esc(t.get("claims_scope"))
    );
    if p.claims.is_empty() {
        let _ = write!(out, "<p>{}</p>", esc(t.get("no_claims")));
        return;
    }
    out.push_str("<ul class=\"claims\">");
    for c in &p.claims {
        let _ = write!(
            out,
            "<li data-claim=\"{}\"><span class=\"verdict v-{}\">{}</span> <q lang=\"en\">{}</q> \
             <span class=\"small\">(§{})</span></li>",
            esc(&c.id),
            c.verdict,
            esc(&c.verdict_label),
            esc(&c.text),
            esc(&c.section)
        );
    }
    out.push_str("</ul>");
}

fn sources(out: &mut String, p: &Profile, t: &Texts) {
    let _ = write!(
        out,
        "<h2>{}</h2><ul class=\"sources\">",
        esc(t.get("sources_section"))
    );
    for s in &p.sources {
        let _ = write!(out, "<li>{}</li>", esc(s));
    }
    let built = p.store_built_at.get(..10).unwrap_or(&p.store_built_at);
    let cite = t.fill(
        "cite_line",
        &[
            ("version", p.galeon),
            ("url", env!("CARGO_PKG_REPOSITORY")),
            ("built", built),
        ],
    );
    let _ = write!(
        out,
        "</ul><footer><p class=\"cite\">{}</p></footer>",
        esc(&cite)
    );
}

const STYLE: &str = "\
body{font-family:system-ui,'Noto Sans','Noto Sans CJK SC',sans-serif;max-width:60rem;margin:1.5rem auto;padding:0 1rem;color:#222;line-height:1.4}\
.brand{font-weight:700;letter-spacing:.05em;color:#8e6c3a;margin:0}h1{margin:.2rem 0 .3rem;font-size:1.7rem}\
h2{border-bottom:2px solid #8e6c3a;padding-bottom:.15rem;margin-top:1.4rem;font-size:1.25rem}h3{font-size:1rem;margin:.8rem 0 .3rem}\
.meta,.small,.note,.src{color:#555;font-size:.85rem}.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.6rem}\
.figure{border:1px solid #ddd;border-radius:4px;padding:.5rem .7rem;display:flex;flex-direction:column;break-inside:avoid}\
.figure .label{font-size:.85rem}.figure .detail{font-size:.85rem}.figure .big{font-size:1.35rem;font-weight:600;margin:.15rem 0}\
.status{padding-left:1.1rem;margin:.2rem 0}.pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:0 1.2rem}table.data{table-layout:fixed}table.data th:nth-child(1){width:16%}table.data th:nth-child(2){width:58%}table.data th:nth-child(3){width:26%}svg.chart{width:100%;height:auto;display:block}\
svg .grid{stroke:#e3e3e3}svg .tick,svg .legend{font-size:11px;fill:#444}svg .band{fill:#bdc9e1}\
svg .break{stroke:#777;stroke-dasharray:2 3}table{border-collapse:collapse;width:100%;font-size:.85rem}\
td,th{padding:.25rem .4rem;border-bottom:1px solid #eee;vertical-align:top;text-align:left}\
td.num{text-align:right;white-space:nowrap}td.src{overflow-wrap:anywhere}table.bars td:first-child{width:40%}\
td.bar span{display:block;height:.7rem;background:#8e6c3a;-webkit-print-color-adjust:exact;print-color-adjust:exact}\
.untranslated{color:#777;font-size:.8rem}.verdict{font-size:.8rem;padding:.05rem .35rem;border-radius:3px;background:#eee;white-space:nowrap}\
.v-supported,.v-supported_at_edge{background:#d8efd8}.v-contradicted,.v-mischaracterised,.v-internally_inconsistent{background:#f6d5d1}\
.v-partly_supported{background:#fbeccc}.claims li,.sources li{margin:.25rem 0;font-size:.9rem}.cite{font-size:.85rem;color:#444}\
@page{size:A4;margin:14mm 12mm}\
@media print{body{margin:0;max-width:none;font-size:9pt}.figure{padding:.3rem .5rem}.figure .big{font-size:1.15rem}h2{margin-top:.9rem}.figures{grid-template-columns:repeat(4,1fr);gap:.4rem}.figure .label,.figure .small{font-size:7.5pt}.pair{grid-template-columns:1fr 1fr}svg.chart{max-height:52mm}.claims li,.sources li{font-size:8pt;margin:.1rem 0}table{font-size:8pt}td,th{padding:.1rem .3rem}td.src{font-size:7pt}table.data span[lang]{font-size:7.5pt}.status{columns:2;font-size:8pt}.screen{display:none}h2{break-after:avoid}h3{break-after:avoid}\
.keep{break-inside:avoid}tr{break-inside:avoid}a{color:inherit;text-decoration:none}}";
