//! Small charts drawn as inline SVG, so that a page needs no script and prints as it shows.

use std::fmt::Write;

use super::esc;

const W: f64 = 720.0;
const H: f64 = 210.0;
// Room for the longest tick label ("2,2 mil M US$" at 11 px).
const LEFT: f64 = 100.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 30.0;
const BOTTOM: f64 = 26.0;

/// One line of a chart: its label, colour, dash pattern (`""` for solid) and points, with the
/// years where its source changes.
pub struct Line<'a> {
    /// The legend's label.
    pub label: &'a str,
    /// A CSS colour.
    pub colour: &'a str,
    /// `stroke-dasharray`, or empty.
    pub dash: &'a str,
    /// (year, value) points in order.
    pub points: Vec<(i32, f64)>,
    /// Years where the series changes source, with the new source.
    pub breaks: Vec<(i32, String)>,
}

/// A band between two values per year (a rank interval, say).
pub struct Band {
    /// (year, low, high).
    pub points: Vec<(i32, f64, f64)>,
}

/// How the y axis runs.
pub struct Axis<'a> {
    /// Labels of the ticks.
    pub format: &'a dyn Fn(f64) -> String,
    /// Ranks: 1 at the top.
    pub inverted: bool,
    /// Whether the axis starts at zero.
    pub from_zero: bool,
}

/// A line chart of `lines` (and a `band` under them) over their years; empty when no line has
/// a point.
pub fn line_chart(title: &str, lines: &[Line], band: Option<&Band>, axis: &Axis) -> String {
    let years = (lines.iter().flat_map(|l| l.points.iter().map(|p| p.0)))
        .chain(band.into_iter().flat_map(|b| b.points.iter().map(|p| p.0)));
    let (Some(x0), Some(x1)) = (years.clone().min(), years.max()) else {
        return String::new();
    };
    let values = (lines.iter().flat_map(|l| l.points.iter().map(|p| p.1))).chain(
        band.into_iter()
            .flat_map(|b| b.points.iter().flat_map(|p| [p.1, p.2])),
    );
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    let lo = if axis.from_zero { lo.min(0.0) } else { lo };
    let hi = if hi > lo { hi } else { lo + 1.0 };
    let x = |year: i32| match x1 > x0 {
        true => LEFT + (W - LEFT - RIGHT) * f64::from(year - x0) / f64::from(x1 - x0),
        false => (LEFT + W - RIGHT) / 2.0,
    };
    let y = |v: f64| {
        let share = (v - lo) / (hi - lo);
        let share = if axis.inverted { share } else { 1.0 - share };
        TOP + (H - TOP - BOTTOM) * share
    };
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\">",
        esc(title)
    );
    grid(&mut svg, (x0, x1), (lo, hi), &x, &y, axis.format);
    if let Some(band) = band {
        let upper = band.points.iter().map(|p| (x(p.0), y(p.2)));
        let lower = band.points.iter().rev().map(|p| (x(p.0), y(p.1)));
        let _ = write!(
            svg,
            "<polygon class=\"band\" points=\"{}\"/>",
            path(upper.chain(lower))
        );
    }
    // Legend entries side by side, each as wide as its label (about 6 px a character at 11 px).
    let mut legend_x = LEFT;
    for line in lines {
        draw(&mut svg, line, legend_x, &x, &y);
        legend_x += 30.0 + 6.0 * line.label.chars().count() as f64;
    }
    svg.push_str("</svg>");
    svg
}

fn path(points: impl Iterator<Item = (f64, f64)>) -> String {
    let pairs: Vec<String> = points.map(|(a, b)| format!("{a:.1},{b:.1}")).collect();
    pairs.join(" ")
}

fn grid(
    svg: &mut String,
    (x0, x1): (i32, i32),
    (lo, hi): (f64, f64),
    x: &dyn Fn(i32) -> f64,
    y: &dyn Fn(f64) -> f64,
    format: &dyn Fn(f64) -> String,
) {
    for i in 0..=4 {
        let v = lo + (hi - lo) * f64::from(i) / 4.0;
        let (yy, label) = (y(v), esc(&format(v)));
        let _ = write!(
            svg,
            "<line class=\"grid\" x1=\"{LEFT}\" x2=\"{}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\"/>\
             <text class=\"tick\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{label}</text>",
            W - RIGHT,
            LEFT - 6.0,
            yy + 4.0
        );
    }
    let step = ((x1 - x0) / 6).max(1);
    for year in (x0..=x1).filter(|yr| (yr - x0) % step == 0) {
        let _ = write!(
            svg,
            "<text class=\"tick\" x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{year}</text>",
            x(year),
            H - 8.0
        );
    }
}

fn draw(svg: &mut String, line: &Line, lx: f64, x: &dyn Fn(i32) -> f64, y: &dyn Fn(f64) -> f64) {
    if line.points.is_empty() {
        return;
    }
    let points = path(line.points.iter().map(|p| (x(p.0), y(p.1))));
    let dash = match line.dash {
        "" => String::new(),
        d => format!(" stroke-dasharray=\"{d}\""),
    };
    let _ = write!(
        svg,
        "<polyline fill=\"none\" stroke=\"{c}\" stroke-width=\"2\"{dash} points=\"{points}\"/>\
         <rect x=\"{lx:.0}\" y=\"8\" width=\"14\" height=\"4\" fill=\"{c}\"/>\
         <text class=\"legend\" x=\"{tx:.0}\" y=\"14\">{label}</text>",
        c = line.colour,
        tx = lx + 18.0,
        label = esc(line.label),
    );
    for (year, source) in &line.breaks {
        let xx = x(*year);
        let _ = write!(
            svg,
            "<line class=\"break\" x1=\"{xx:.1}\" x2=\"{xx:.1}\" y1=\"{TOP}\" y2=\"{}\">\
             <title>{}</title></line>",
            H - BOTTOM,
            esc(source)
        );
    }
}
