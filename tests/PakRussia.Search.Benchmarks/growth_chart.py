"""Draws docs/growth.svg from run-growth.sh's growth.jsonl: p50 and p99 of top-10 (facets off and on, AND and OR)
against passages on the left, index size and peak RSS on the right; passages on a logarithmic axis.

    python3 growth_chart.py growth.jsonl docs/growth.svg"""
import json, math, sys
from xml.sax.saxutils import escape

rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
sizes = sorted({r["passages"] for r in rows})
def line(engine, mode, key):
    pts = {r["passages"]: r[key] for r in rows if r["engine"] == engine and r["mode"] == mode}
    return [(n, pts[n]) for n in sizes if n in pts]
builds = {r["passages"]: r for r in rows if r["engine"] == "pakrussia" and r["mode"] == "and"}
W, H, M = 980, 420, 60
panel = (W - 3 * M) / 2
def xpos(n, x0):
    lo, hi = math.log10(sizes[0]), math.log10(sizes[-1])
    return x0 + (math.log10(n) - lo) / (hi - lo or 1) * panel
def axis(x0, ymax, unit, title, series):
    out = [f'<text x="{x0 + panel / 2}" y="22" text-anchor="middle" font-weight="bold">{escape(title)}</text>',
           f'<line x1="{x0}" y1="{H - M}" x2="{x0 + panel}" y2="{H - M}" stroke="#333"/>',
           f'<line x1="{x0}" y1="{M}" x2="{x0}" y2="{H - M}" stroke="#333"/>']
    for i in range(5):
        v = ymax * i / 4; y = H - M - (H - 2 * M) * i / 4
        out.append(f'<text x="{x0 - 6}" y="{y + 4}" text-anchor="end" font-size="11">{v:g}</text>')
        out.append(f'<line x1="{x0}" y1="{y}" x2="{x0 + panel}" y2="{y}" stroke="#ddd"/>')
    out.append(f'<text x="{x0 - 42}" y="{H / 2}" transform="rotate(-90 {x0 - 42} {H / 2})" text-anchor="middle" font-size="12">{escape(unit)}</text>')
    for n in sizes:
        out.append(f'<text x="{xpos(n, x0)}" y="{H - M + 16}" text-anchor="middle" font-size="11">{n / 1000:,.0f}k</text>')
    out.append(f'<text x="{x0 + panel / 2}" y="{H - 18}" text-anchor="middle" font-size="12">passages (log scale)</text>')
    for k, (label, pts, color, dash) in enumerate(series):
        d = " ".join(f'{xpos(n, x0):.1f},{H - M - (H - 2 * M) * min(v, ymax) / ymax:.1f}' for n, v in pts)
        out.append(f'<polyline points="{d}" fill="none" stroke="{color}" stroke-width="2" stroke-dasharray="{dash}"/>')
        for n, v in pts:
            out.append(f'<circle cx="{xpos(n, x0):.1f}" cy="{H - M - (H - 2 * M) * min(v, ymax) / ymax:.1f}" r="3" fill="{color}"/>')
        out.append(f'<text x="{x0 + 8}" y="{M + 14 + 14 * k}" font-size="11" fill="{color}">{escape(label)}</text>')
    return out
lat = []
colors = {"and": "#1f77b4", "or": "#d62728"}
for mode in ("and", "or"):
    for engine, dash in (("pakrussia", ""), ("pakrussia+facets", "6,3")):
        for key, width in (("query_p50_ms", "p50"), ("query_p99_ms", "p99")):
            label = f'{mode.upper()} {"facets on" if "facets" in engine else "facets off"} {width}'
            pts = line(engine, mode, key)
            if pts:
                lat.append((label, pts, colors[mode] if width == "p99" else ("#6baed6" if mode == "and" else "#fc9272"), dash))
ymax_lat = max(v for _, pts, _, _ in lat for _, v in pts)
ymax_lat = math.ceil(ymax_lat / 5) * 5
peak = {n: max(r["peak_rss_mb"] for r in rows if r["passages"] == n) for n in sizes}
mem = [("index size on disk (MB)", [(n, builds[n]["index_bytes"] / 1e6) for n in sizes if n in builds], "#2ca02c", ""),
       ("peak RSS while building (MB)", [(n, builds[n]["build_peak_rss_mb"]) for n in sizes if n in builds], "#9467bd", "6,3"),
       ("peak RSS, build and all queries (MB)", [(n, peak[n]) for n in sizes], "#8c564b", "2,2")]
ymax_mem = math.ceil(max(v for _, pts, _, _ in mem for _, v in pts) / 500) * 500
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>']
svg += axis(M + 10, ymax_lat, "ms per query (top 10)", "Latency against passages (dashed: facets on)", lat)
svg += axis(2 * M + panel + 10, ymax_mem, "MB", "Index size and memory against passages", mem)
svg.append("</svg>")
open(sys.argv[2], "w").write("\n".join(svg) + "\n")
print(f"wrote {sys.argv[2]} ({len(sizes)} sizes)")
