"""A picture of a dyad's series for a person: events by QuadClass, Goldstein and escalation."""

from __future__ import annotations

from pathlib import Path

from eventwire.analytics.dyads import DyadPeriod
from eventwire.analytics.escalation import Z_THRESHOLD

# QuadClass names and colours: cooperation in greens/blues, conflict in orange/red.
QUADS = (
    ("verbal cooperation", "#8fbc8f"),
    ("material cooperation", "#2e8b57"),
    ("verbal conflict", "#f4a460"),
    ("material conflict", "#b22222"),
)


def plot_series(series: list[DyadPeriod], title: str, out: Path) -> None:
    """Draw the series to a PNG: stacked event counts above, Goldstein and z-score below."""
    import matplotlib

    matplotlib.use("Agg")  # files only: no display needed, none opened
    import matplotlib.pyplot as plt

    days = [p.period for p in series]
    figure, (counts, scores) = plt.subplots(
        2, 1, figsize=(10, 6), sharex=True, gridspec_kw={"height_ratios": [3, 2]}
    )
    width = _bar_width(series)
    bottom = [0] * len(series)
    for quad, (label, colour) in enumerate(QUADS):
        heights = [p.quad_counts[quad] for p in series]
        counts.bar(
            days, heights, width=width, bottom=bottom, label=label, color=colour, align="edge"
        )
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    for period in series:
        if period.alert:
            counts.annotate("▲ alert", (period.period, period.events), ha="center", va="bottom")
    counts.set_ylabel("events")
    counts.set_title(title)
    counts.legend(loc="upper left", fontsize="small")
    scores.plot(days, [p.goldstein_sum for p in series], color="#444444", label="Goldstein sum")
    scores.axhline(0, color="#999999", linewidth=0.5)
    scores.set_ylabel("Goldstein sum")
    z_axis = scores.twinx()
    z_axis.plot(
        days,
        [p.zscore if p.zscore is not None else float("nan") for p in series],
        color="#b22222",
        linestyle="--",
        label="escalation z",
    )
    z_axis.axhline(Z_THRESHOLD, color="#b22222", linewidth=0.5, linestyle=":")
    z_axis.set_ylabel("escalation z")
    lines = scores.get_legend_handles_labels()
    more = z_axis.get_legend_handles_labels()
    scores.legend(lines[0] + more[0], lines[1] + more[1], loc="lower left", fontsize="small")
    figure.autofmt_xdate()
    figure.tight_layout()
    figure.savefig(out, dpi=100)
    plt.close(figure)


def _bar_width(series: list[DyadPeriod]) -> float:
    if len(series) < 2:
        return 0.8
    return 0.8 * (series[1].period - series[0].period).days
