//! Server-side SVG charts for the plan page: the geometry is computed here and drawn by the
//! `chart` macro in `plan_charts.html` (auto-escaped, classes from app.css, no inline styles).
//! Each chart is laid out twice, wide for desktops and narrow for phones, so text stays legible.

use chrono::{Duration, NaiveDate};
use hireloop_core::market::money;
use serde::Serialize;

/// The two layouts: viewBox widths that show at about 1:1 on a laptop and on a 390px phone.
pub const WIDE: f64 = 720.0;
pub const NARROW: f64 = 340.0;

const PAD: f64 = 12.0;
const BAR: f64 = 18.0;
const ROW: f64 = 44.0;
/// Average glyph widths at the charts' 12px font and 13px bold labels, for laying out text.
const GLYPH: f64 = 7.4;
const GLYPH_BOLD: f64 = 8.0;
const LINE: f64 = 15.0;

#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Unique in the page; the title and description ids derive from it.
    pub id: String,
    pub variant: &'static str,
    pub title: String,
    /// The numbers in words, for screen readers.
    pub desc: String,
    pub width: f64,
    pub height: f64,
    pub rects: Vec<Rect>,
    pub lines: Vec<Line>,
    pub texts: Vec<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub class: String,
    /// A tooltip with the exact figure.
    pub tip: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
    pub class: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Text {
    pub x: f64,
    pub y: f64,
    pub text: String,
    pub anchor: &'static str,
    pub class: &'static str,
}

impl Chart {
    fn new(id: &str, variant: &'static str, title: &str, desc: String, width: f64) -> Self {
        Chart {
            id: format!("{id}-{variant}"),
            variant,
            title: title.into(),
            desc,
            width,
            height: 0.0,
            rects: Vec::new(),
            lines: Vec::new(),
            texts: Vec::new(),
        }
    }

    fn text(
        &mut self,
        x: f64,
        y: f64,
        text: impl Into<String>,
        anchor: &'static str,
        class: &'static str,
    ) {
        self.texts.push(Text {
            x: round(x),
            y: round(y),
            text: text.into(),
            anchor,
            class,
        });
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, class: String, tip: String) {
        self.rects.push(Rect {
            x: round(x),
            y: round(y),
            w: round(w.max(0.0)),
            h: round(h),
            class,
            tip,
        });
    }

    fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, class: &'static str) {
        self.lines.push(Line {
            x1: round(x1),
            y1: round(y1),
            x2: round(x2),
            y2: round(y2),
            class,
        });
    }

    /// A bar's label above it, wrapped at spaces to fit `width`; returns the height of the extra lines.
    fn label(&mut self, x: f64, y: f64, text: &str, width: f64) -> f64 {
        let lines = wrap(text, (width / GLYPH_BOLD).floor().max(8.0) as usize);
        let extra = (lines.len().saturating_sub(1)) as f64 * LINE;
        for (i, line) in lines.into_iter().enumerate() {
            self.text(x, y + i as f64 * LINE, line, "start", "bar-label");
        }
        extra
    }

    /// Legend entries flowed into rows that fit the width; returns the y below them.
    fn legend(&mut self, y: f64, entries: &[(String, String)]) -> f64 {
        let mut x = PAD;
        let mut y = y;
        for (class, label) in entries {
            let w = 18.0 + label.chars().count() as f64 * GLYPH;
            if x + w > self.width - PAD && x > PAD {
                x = PAD;
                y += 20.0;
            }
            self.rect(x, y - 10.0, 12.0, 12.0, class.clone(), label.clone());
            self.text(x + 17.0, y, label.clone(), "start", "legend");
            x += w + 14.0;
        }
        y + 14.0
    }
}

/// Both layouts of one chart.
#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    pub wide: Chart,
    pub narrow: Chart,
}

/// Splits `text` into lines of at most `max` characters, at spaces where there are any.
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        let fits = current.chars().count() + 1 + word.chars().count() <= max;
        if current.is_empty() || fits {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        } else {
            lines.push(std::mem::take(&mut current));
            current.push_str(word);
        }
    }
    lines.push(current);
    lines
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// A step of 1, 2, 2.5 or 5 × 10^k giving at most `ticks` intervals up to `max`.
fn nice_step(max: f64, ticks: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let raw = max / ticks;
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * magnitude)
}

/// Whole weeks between ticks: 1, 2, 4, 8, 13 (a quarter), 26, 52.
fn week_step(weeks: f64, ticks: f64) -> f64 {
    [1.0, 2.0, 4.0, 8.0, 13.0, 26.0]
        .into_iter()
        .find(|step| weeks / step <= ticks)
        .unwrap_or(52.0)
}

/// Axis labels for dollars: 50k, 1.2M.
fn short_usd(v: f64) -> String {
    if v >= 1_000_000.0 {
        format!("{}M", trim(v / 1_000_000.0))
    } else if v >= 1_000.0 {
        format!("{}k", trim(v / 1_000.0))
    } else {
        trim(v)
    }
}

fn trim(v: f64) -> String {
    let s = format!("{v:.1}");
    s.trim_end_matches(".0").to_string()
}

/// One bar of a stacked bar chart: its label and its parts, by series index.
pub struct StackedBar {
    pub label: String,
    pub parts: Vec<(usize, f64)>,
}

/// Horizontal stacked bars in USD per year, a label above each, a shared axis and a legend.
pub fn stacked_bars(id: &str, title: &str, series: &[String], bars: &[StackedBar]) -> Pair {
    let total = |b: &StackedBar| b.parts.iter().map(|(_, v)| v).sum::<f64>();
    let desc = bars
        .iter()
        .map(|b| {
            let parts: Vec<String> = b
                .parts
                .iter()
                .filter(|(_, v)| *v > 0.0)
                .map(|(s, v)| format!("{} {}", series[*s], money(*v)))
                .collect();
            format!(
                "{}: {} USD ({})",
                b.label,
                money(total(b)),
                parts.join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let max = bars.iter().map(total).fold(0.0, f64::max);
    let draw = |variant: &'static str, width: f64| {
        let mut chart = Chart::new(id, variant, title, desc.clone(), width);
        let ticks = if width < 500.0 { 4.0 } else { 6.0 };
        let step = nice_step(max, ticks);
        let top = (max / step).ceil().max(1.0) * step;
        let left = PAD + 4.0;
        let right = width - PAD - 14.0;
        let scale = |v: f64| left + v / top * (right - left);
        let mut y = PAD + 14.0;
        for bar in bars {
            y += chart.label(
                left,
                y,
                &format!("{}: {} USD", bar.label, money(total(bar))),
                right - left,
            );
            let mut x = 0.0;
            for (s, v) in bar.parts.iter().filter(|(_, v)| *v > 0.0) {
                chart.rect(
                    scale(x),
                    y + 6.0,
                    scale(x + v) - scale(x),
                    BAR,
                    format!("series-{s}"),
                    format!("{}: {} USD", series[*s], money(*v)),
                );
                x += v;
            }
            y += ROW;
        }
        let axis_y = y - ROW + 6.0 + BAR + 6.0;
        chart.line(left, axis_y, right, axis_y, "axis");
        let mut t = 0.0;
        while t <= top + step / 2.0 {
            let x = scale(t);
            chart.line(x, axis_y, x, axis_y + 4.0, "axis");
            if t > 0.0 {
                chart.line(x, PAD, x, axis_y, "grid");
            }
            chart.text(x, axis_y + 17.0, short_usd(t), "middle", "tick");
            t += step;
        }
        chart.text(right, axis_y + 34.0, "USD per year", "end", "axis-title");
        let entries: Vec<(String, String)> = series
            .iter()
            .enumerate()
            .filter(|(s, _)| {
                bars.iter()
                    .any(|b| b.parts.iter().any(|(i, v)| i == s && *v > 0.0))
            })
            .map(|(s, name)| (format!("series-{s}"), name.clone()))
            .collect();
        chart.height = round(chart.legend(axis_y + 58.0, &entries) + PAD);
        chart
    };
    Pair {
        wide: draw("wide", WIDE),
        narrow: draw("narrow", NARROW),
    }
}

/// One row of the timeline: a phase (earliest span, then how late it may run) or a window.
pub struct GanttRow {
    pub label: String,
    /// Days after the search starts.
    pub earliest_start: i64,
    pub earliest_end: i64,
    pub latest_end: i64,
    pub kind: GanttKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum GanttKind {
    Phase,
    Window,
}

/// A Gantt-like chart in weeks from `start`: phases as bars, milestones as date windows.
pub fn gantt(id: &str, title: &str, start: NaiveDate, rows: &[GanttRow]) -> Pair {
    let date = |d: i64| (start + Duration::days(d)).format("%Y-%m-%d").to_string();
    let desc = rows
        .iter()
        .map(|r| match r.kind {
            GanttKind::Phase => format!(
                "{}: from {} to between {} and {}",
                r.label,
                date(r.earliest_start),
                date(r.earliest_end),
                date(r.latest_end)
            ),
            GanttKind::Window => format!(
                "{}: between {} and {}",
                r.label,
                date(r.earliest_start),
                date(r.latest_end)
            ),
        })
        .collect::<Vec<_>>()
        .join("; ");
    let max_days = rows.iter().map(|r| r.latest_end).max().unwrap_or(0).max(7);
    let weeks = (max_days as f64 / 7.0).ceil();
    let draw = |variant: &'static str, width: f64| {
        let mut chart = Chart::new(id, variant, title, desc.clone(), width);
        let step = week_step(weeks, if width < 500.0 { 5.0 } else { 10.0 });
        let top = (weeks / step).ceil() * step;
        let left = PAD + 4.0;
        let right = width - PAD - 14.0;
        let scale = |days: f64| left + days / (top * 7.0) * (right - left);
        let mut y = PAD + 14.0;
        for row in rows {
            y += chart.label(left, y, &row.label, right - left);
            let (from, to) = (row.earliest_start as f64, row.latest_end as f64);
            match row.kind {
                GanttKind::Phase => {
                    let end = row.earliest_end as f64;
                    chart.rect(
                        scale(from),
                        y + 6.0,
                        scale(end) - scale(from),
                        BAR,
                        "gantt-phase".into(),
                        format!(
                            "{}: {} to {}",
                            row.label,
                            date(row.earliest_start),
                            date(row.earliest_end)
                        ),
                    );
                    if to > end {
                        chart.rect(
                            scale(end),
                            y + 6.0,
                            scale(to) - scale(end),
                            BAR,
                            "gantt-slack".into(),
                            format!("{}: may run to {}", row.label, date(row.latest_end)),
                        );
                    }
                }
                GanttKind::Window => {
                    // A same-day window still gets a visible mark.
                    let w = (scale(to) - scale(from)).max(4.0);
                    chart.rect(
                        scale(from),
                        y + 6.0,
                        w,
                        BAR,
                        "gantt-window".into(),
                        format!(
                            "{}: {} to {}",
                            row.label,
                            date(row.earliest_start),
                            date(row.latest_end)
                        ),
                    );
                }
            }
            y += ROW;
        }
        let axis_y = y - ROW + 6.0 + BAR + 6.0;
        chart.line(left, axis_y, right, axis_y, "axis");
        let mut w = 0.0;
        while w <= top + step / 2.0 {
            let x = scale(w * 7.0);
            chart.line(x, axis_y, x, axis_y + 4.0, "axis");
            if w > 0.0 {
                chart.line(x, PAD, x, axis_y, "grid");
            }
            chart.text(x, axis_y + 17.0, trim(w), "middle", "tick");
            w += step;
        }
        chart.text(
            right,
            axis_y + 34.0,
            format!("weeks from the search start, {}", date(0)),
            "end",
            "axis-title",
        );
        let entries = [
            ("gantt-phase".to_string(), "earliest".to_string()),
            ("gantt-slack".to_string(), "may run to".to_string()),
            ("gantt-window".to_string(), "expected window".to_string()),
        ];
        chart.height = round(chart.legend(axis_y + 58.0, &entries) + PAD);
        chart
    };
    Pair {
        wide: draw("wide", WIDE),
        narrow: draw("narrow", NARROW),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round_and_labels_short() {
        assert_eq!(nice_step(228_000.0, 6.0), 50_000.0);
        assert_eq!(nice_step(228_000.0, 4.0), 100_000.0);
        assert_eq!(nice_step(13.0, 10.0), 2.0);
        assert_eq!(week_step(21.0, 10.0), 4.0);
        assert_eq!(week_step(21.0, 5.0), 8.0);
        assert_eq!(week_step(3.0, 10.0), 1.0);
        assert_eq!(short_usd(250_000.0), "250k");
        assert_eq!(short_usd(1_500_000.0), "1.5M");
        assert_eq!(
            wrap("staffing firm search to offer", 14),
            ["staffing firm", "search to", "offer"]
        );
        assert_eq!(
            wrap("averyveryverylongword x", 5),
            ["averyveryverylongword", "x"]
        );
    }

    #[test]
    fn stacked_parts_fill_the_bar_in_proportion_and_fit_the_width() {
        let series = vec!["salary".to_string(), "fee".to_string()];
        let pair = stacked_bars(
            "c",
            "Cost",
            &series,
            &[StackedBar {
                label: "First year, with every cost counted once".into(),
                parts: vec![(0, 150_000.0), (1, 50_000.0)],
            }],
        );
        for chart in [&pair.wide, &pair.narrow] {
            let bars: Vec<_> = chart.rects.iter().filter(|r| r.h == BAR).collect();
            assert_eq!(bars.len(), 2);
            assert!((bars[0].w / bars[1].w - 3.0).abs() < 0.05, "{bars:?}");
            assert!(chart.texts.iter().all(|t| t.x <= chart.width));
            // The narrow layout wraps a long label instead of running off the edge.
            let labels = chart
                .texts
                .iter()
                .filter(|t| t.class == "bar-label")
                .count();
            assert_eq!(labels, if chart.width == NARROW { 2 } else { 1 });
            assert!(chart
                .desc
                .contains("counted once: 200,000 USD (salary 150,000, fee 50,000)"));
        }
        assert_eq!(pair.narrow.id, "c-narrow");
    }

    #[test]
    fn gantt_rows_end_at_their_latest_day() {
        let start = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let rows = [GanttRow {
            label: "sourcing".into(),
            earliest_start: 0,
            earliest_end: 7,
            latest_end: 14,
            kind: GanttKind::Phase,
        }];
        let pair = gantt("t", "Timeline", start, &rows);
        let slack = pair
            .wide
            .rects
            .iter()
            .find(|r| r.class == "gantt-slack")
            .unwrap();
        let phase = pair
            .wide
            .rects
            .iter()
            .find(|r| r.class == "gantt-phase")
            .unwrap();
        assert!((slack.w - phase.w).abs() < 0.2);
        assert!(pair.wide.desc.contains("2026-03-09 and 2026-03-16"));
    }
}
