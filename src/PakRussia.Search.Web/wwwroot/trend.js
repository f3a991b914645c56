// PakRussia Search: the frequency-over-time chart, drawn as SVG by this module (no library), with a table beside it
// that holds the same numbers for screen readers and copying. Each year's point and table cell open that year's
// concordance lines: /?view=kwic&q=<term>&year=<year> plus the current filters (the KWIC view reads that URL).
// Corpus text (the terms) only ever becomes text nodes or attribute values, never HTML.
(() => {
  'use strict';

  const { el, clear } = window.PakRussiaDom;
  const SVG = 'http://www.w3.org/2000/svg';
  const WIDTH = 560;
  const HEIGHT = 260;
  const PAD = { left: 48, right: 16, top: 16, bottom: 40 };

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined) node.setAttribute(name, String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  /** The concordance of one term in one year, with the current filters (their own year choices replaced). */
  function concordanceUrl(term, year, filters) {
    const params = new URLSearchParams();
    params.set('view', 'kwic');
    params.set('q', term);
    params.set('year', String(year));
    for (const [name, value] of filters) {
      if (name !== 'year' && name !== 'q' && name !== 'view' && name !== 'page') params.append(name, value);
    }
    return `/?${params.toString()}`;
  }

  const format = (x) => (Math.round(x * 100) / 100).toFixed(2);

  /**
   * Draws the chart and the table of a /api/trend answer into container. filters: the current filter parameters
   * ([name, value] pairs) carried into the concordance links. Years without a date are listed, not drawn.
   */
  function draw(container, response, filters) {
    clear(container);
    const terms = response.terms;
    const dated = response.years.filter((y) => typeof y.year === 'number');
    const undated = response.years.filter((y) => typeof y.year !== 'number');
    if (response.years.length === 0) {
      container.appendChild(el('p', { class: 'muted' }, 'No text is left with these filters.'));
      return;
    }

    const max = Math.max(0, ...dated.flatMap((y) => terms.map((t) => y.per10k[t])));
    const top = max > 0 ? max * 1.1 : 1;
    const innerW = WIDTH - PAD.left - PAD.right;
    const innerH = HEIGHT - PAD.top - PAD.bottom;
    const x = (i) => PAD.left + (dated.length === 1 ? innerW / 2 : (i * innerW) / (dated.length - 1));
    const y = (v) => PAD.top + innerH - (v / top) * innerH;

    const chart = svg('svg', {
      class: 'trend-chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img',
      'aria-label': `Occurrences per 10,000 words per year of ${terms.join(', ')}; the table has the same numbers`,
    });
    // Axes and a few gridlines, labelled per 10,000 words.
    for (let k = 0; k <= 4; k++) {
      const value = (top * k) / 4;
      chart.appendChild(svg('line', { class: 'grid', x1: PAD.left, x2: WIDTH - PAD.right, y1: y(value), y2: y(value) }));
      chart.appendChild(svg('text', { class: 'axis-label', x: PAD.left - 6, y: y(value) + 4, 'text-anchor': 'end' }, format(value)));
    }
    dated.forEach((row, i) => {
      chart.appendChild(svg('text', { class: 'axis-label year-label', x: x(i), y: HEIGHT - PAD.bottom + 18, 'text-anchor': 'middle' }, String(row.year)));
    });
    chart.appendChild(svg('text', { class: 'axis-title', x: PAD.left, y: HEIGHT - 6 }, 'per 10,000 words; choose a point for its concordance lines'));

    terms.forEach((term, t) => {
      const series = svg('g', { class: `series series-${t % 6}`, 'data-term': term });
      if (dated.length > 1) {
        series.appendChild(svg('polyline', { class: 'line', points: dated.map((row, i) => `${x(i)},${y(row.per10k[term])}`).join(' ') }));
      }
      dated.forEach((row, i) => {
        const link = svg('a', { href: concordanceUrl(term, row.year, filters), class: 'point-link' },
          svg('circle', {
            class: 'point', cx: x(i), cy: y(row.per10k[term]), r: 5,
            'data-year': row.year, 'data-term': term, 'data-value': format(row.per10k[term]),
          }, svg('title', {}, `${term}, ${row.year}: ${row.counts[term]} (${format(row.per10k[term])} per 10,000 words) in ${row.documents[term]} of ${row.totalDocuments} documents`)));
        series.appendChild(link);
      });
      chart.appendChild(series);
    });

    const legend = el('ul', { class: 'trend-legend' },
      terms.map((term, t) => el('li', { class: `series-${t % 6}` }, el('span', { class: 'swatch', 'aria-hidden': 'true' }), term)));

    const head = el('tr', {}, el('th', { scope: 'col' }, 'Year'), el('th', { scope: 'col' }, 'Words'), el('th', { scope: 'col' }, 'Documents'),
      terms.flatMap((term) => [el('th', { scope: 'col' }, `${term}`), el('th', { scope: 'col' }, 'per 10k'), el('th', { scope: 'col' }, 'docs')]));
    const rows = [...dated, ...undated].map((row) => el('tr', { 'data-year': typeof row.year === 'number' ? String(row.year) : '' },
      el('th', { scope: 'row' }, typeof row.year === 'number' ? String(row.year) : 'undated'),
      el('td', {}, row.words.toLocaleString('en')),
      el('td', {}, String(row.totalDocuments)),
      terms.flatMap((term) => [
        el('td', { class: 'count' }, typeof row.year === 'number'
          ? el('a', { href: concordanceUrl(term, row.year, filters), 'data-term': term }, String(row.counts[term]))
          : String(row.counts[term])),
        el('td', { class: 'rate', 'data-term': term }, format(row.per10k[term])),
        el('td', {}, String(row.documents[term])),
      ])));
    const table = el('table', { class: 'trend-table' },
      el('caption', {}, 'Occurrences per year, per 10,000 words of that year\'s text, and documents that have the term'),
      el('thead', {}, head), el('tbody', {}, rows));

    container.appendChild(el('div', { class: 'trend' }, el('figure', { class: 'trend-figure' }, chart, legend), el('div', { class: 'trend-table-wrap' }, table)));
  }

  window.PakRussiaTrend = Object.freeze({ draw, concordanceUrl });
})();
