// PakRussia Search: the corpus tools under the search box: "Trend" (frequency over time, drawn by trend.js),
// "Distinctive words" (keywords of the current search against the rest of the corpus) and "Dispersion" (where the
// term occurs in each document). Each works on the page's current query and filters, read from the URL, and is
// chosen with ?view=trend|keywords|dispersion. Corpus text only ever becomes text nodes, never HTML.
(() => {
  'use strict';

  const { el, clear, fetchJson } = window.PakRussiaDom;
  const $ = (id) => document.getElementById(id);
  const tabs = $('stats-tabs');
  const view = $('stats-view');
  if (!tabs || !view) return;
  const VIEWS = ['trend', 'keywords', 'dispersion'];
  const FILTERS = ['source', 'year', 'doc', 'author', 'from', 'to'];
  let open = null;
  let controller = null;

  function current() {
    const params = new URLSearchParams(location.search);
    const filters = [];
    for (const name of FILTERS) for (const value of params.getAll(name)) if (value) filters.push([name, value]);
    return { q: (params.get('q') || '').trim(), view: params.get('view'), filters, bySource: params.get('bySource') === 'true' };
  }


  /** The terms of the trend: the query split on commas outside quotes ("gas pipeline", russia → two terms). */
  function termsOf(q) {
    const terms = [];
    let term = '';
    let quoted = false;
    for (const c of q) {
      if (c === '"') quoted = !quoted;
      if (c === ',' && !quoted) { if (term.trim()) terms.push(term.trim()); term = ''; } else term += c;
    }
    if (term.trim()) terms.push(term.trim());
    return terms.slice(0, 10);
  }

  function select(name, record) {
    open = VIEWS.includes(name) ? name : null;
    for (const button of tabs.querySelectorAll('button[data-view]')) {
      button.setAttribute('aria-pressed', button.dataset.view === open ? 'true' : 'false');
    }
    if (record) {
      const params = new URLSearchParams(location.search);
      if (open) params.set('view', open); else params.delete('view');
      push(null, '', `?${params.toString()}`); // the page's own history entry, not the search's
    }
    render();
  }

  async function render() {
    if (controller) controller.abort();
    clear(view);
    view.hidden = !open;
    if (!open) return;
    const s = current();
    const params = new URLSearchParams(s.filters);
    controller = new AbortController();
    const signal = controller.signal;
    view.setAttribute('aria-busy', 'true');
    try {
      if (open === 'trend') {
        const terms = termsOf(s.q);
        if (terms.length === 0) return note('Type a word or a "quoted phrase" in the search box (several: separate them with commas) to see it over time.');
        for (const term of terms) params.append('term', term);
        if (s.bySource) params.set('bySource', 'true');
        const trend = await fetchJson(`api/trend?${params}`, signal);
        view.appendChild(el('h2', {}, 'Frequency over time'));
        view.appendChild(el('p', { class: 'muted' }, `${trend.words.toLocaleString('en')} words of text; a word counts with its other forms (pipeline, pipelines).`));
        view.appendChild(bySourceToggle(s.bySource));
        if (!s.bySource) {
          const chart = el('div', { id: 'trend' });
          view.appendChild(chart);
          window.PakRussiaTrend.draw(chart, trend, s.filters);
        } else {
          drawBySource(trend, s.filters);
        }
      } else if (open === 'keywords') {
        if (!s.q && s.filters.length === 0) return note('Search or choose a filter first: distinctive words compare that part of the corpus with the rest.');
        if (s.q) params.set('q', s.q);
        renderKeywords(await fetchJson(`api/keywords?${params}`, signal));
      } else {
        if (!s.q) return note('Type a word or a "quoted phrase" in the search box to see where it occurs in each document.');
        params.set('term', s.q);
        renderDispersion(await fetchJson(`api/dispersion?${params}`, signal));
      }
    } catch (error) {
      if (error.name === 'AbortError') return;
      clear(view);
      view.appendChild(el('p', { class: 'error', role: 'alert' }, error.message));
    } finally {
      view.setAttribute('aria-busy', 'false');
    }
  }

  /** "Split by source type": one chart per source type, kept in the URL (bySource=true) so the view can be shared. */
  function bySourceToggle(checked) {
    const box = el('input', { type: 'checkbox', id: 'trend-by-source' });
    box.checked = checked;
    box.addEventListener('change', () => {
      const params = new URLSearchParams(location.search);
      if (box.checked) params.set('bySource', 'true'); else params.delete('bySource');
      replace(null, '', `?${params.toString()}`);
      render();
    });
    return el('p', { class: 'trend-options' }, el('label', { for: 'trend-by-source' }, box, ' Split by source type'));
  }

  /**
   * The trend split by source type (the API's rows per year and source) as small multiples: one chart and table per
   * source type, on the same rates, each year's concordance opened with that source chosen.
   */
  function drawBySource(trend, filters) {
    const sources = [...new Set(trend.years.map((row) => row.source || ''))].sort();
    for (const source of sources) {
      const rows = trend.years.filter((row) => (row.source || '') === source);
      const words = rows.reduce((sum, row) => sum + row.words, 0);
      const section = el('section', { class: 'trend-source', 'data-source': source });
      section.appendChild(el('h3', {}, source || 'no source type', el('span', { class: 'muted' }, ` · ${words.toLocaleString('en')} words`)));
      const chart = el('div', { class: 'trend-source-chart' });
      section.appendChild(chart);
      view.appendChild(section);
      const own = filters.filter(([name]) => name !== 'source');
      if (source) own.push(['source', source]);
      window.PakRussiaTrend.draw(chart, { ...trend, years: rows }, own);
    }
  }

  function note(text) {
    view.appendChild(el('p', { class: 'muted stats-note' }, text));
  }

  function renderKeywords(response) {
    view.appendChild(el('h2', {}, 'What is distinctive here'));
    view.appendChild(el('p', { class: 'muted' },
      `${response.targetPassages.toLocaleString('en')} passages (${response.targetWords.toLocaleString('en')} words) against the rest of the corpus `
      + `(${response.referenceWords.toLocaleString('en')} words); words used at least ${response.minFrequency} times, by log-likelihood.`));
    for (const warning of response.warnings) view.appendChild(el('p', { class: 'muted' }, warning));
    if (response.keywords.length === 0) return note('No word is over-represented that often here.');
    view.appendChild(el('table', { class: 'keywords-table' },
      el('caption', {}, 'Distinctive words: G² is the log-likelihood (above 3.84: p < 0.05); log ratio 1 means twice as frequent per word'),
      el('thead', {}, el('tr', {}, ['Word', 'Here', 'Elsewhere', 'G²', 'Log ratio'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, response.keywords.map((k) => el('tr', { 'data-word': k.word },
        el('th', { scope: 'row' }, k.word), el('td', {}, String(k.frequency)), el('td', {}, String(k.referenceFrequency)),
        el('td', {}, k.logLikelihood.toFixed(2)), el('td', {}, k.logRatio.toFixed(2)))))));
  }

  function renderDispersion(response) {
    const SVG = 'http://www.w3.org/2000/svg';
    view.appendChild(el('h2', {}, 'Dispersion'));
    view.appendChild(el('p', { class: 'muted' },
      `“${response.term}” occurs ${response.total.toLocaleString('en')} times in ${response.totalDocuments.toLocaleString('en')} documents. `
      + 'Each strip is one document from start to end; each mark is one occurrence.'));
    if (response.documents.length === 0) return;
    const list = el('ol', { class: 'dispersion' });
    for (const d of response.documents) {
      const strip = document.createElementNS(SVG, 'svg');
      strip.setAttribute('class', 'strip');
      strip.setAttribute('viewBox', '0 0 1000 20');
      strip.setAttribute('preserveAspectRatio', 'none');
      strip.setAttribute('role', 'img');
      strip.setAttribute('aria-label', `${d.count} occurrences in ${d.length.toLocaleString('en')} characters`);
      const frame = document.createElementNS(SVG, 'rect');
      for (const [k, v] of Object.entries({ class: 'frame', x: 0, y: 0, width: 1000, height: 20 })) frame.setAttribute(k, String(v));
      strip.appendChild(frame);
      for (const offset of d.offsets) {
        const mark = document.createElementNS(SVG, 'rect');
        const at = d.length > 0 ? Math.min(998, (offset / d.length) * 1000) : 0;
        for (const [k, v] of Object.entries({ class: 'mark', x: at.toFixed(1), y: 0, width: 2, height: 20, 'data-offset': offset })) mark.setAttribute(k, String(v));
        strip.appendChild(mark);
      }
      list.appendChild(el('li', { class: 'dispersion-row', 'data-doc': d.docId },
        el('span', { class: 'dispersion-title' }, d.title, el('span', { class: 'muted' }, ` ${d.sourceType}${d.year ? ', ' + d.year : ''}`)),
        el('span', { class: 'dispersion-count' }, String(d.count)), strip));
    }
    view.appendChild(list);
  }

  for (const button of tabs.querySelectorAll('button[data-view]')) {
    button.addEventListener('click', () => select(open === button.dataset.view ? null : button.dataset.view, true));
  }

  // The search writes the URL from its own state (history.pushState for a new search, replaceState to add the corpus
  // fingerprint), which knows nothing of these views: an open view stays in the URL and follows the new query and
  // filters; a URL that names another view (?view=kwic) closes it.
  function withView(url) {
    if (!open || url === undefined || url === null) return url;
    const target = new URL(String(url), location.href);
    if (target.searchParams.has('view')) return url;
    target.searchParams.set('view', open);
    if (open === 'trend' && current().bySource) target.searchParams.set('bySource', 'true');
    return `${target.pathname}${target.search}${target.hash}`;
  }
  const push = history.pushState.bind(history);
  const replace = history.replaceState.bind(history);
  history.pushState = (data, title, url) => {
    push(data, title, withView(url));
    setTimeout(() => select(current().view, false), 0);
  };
  history.replaceState = (data, title, url) => replace(data, title, withView(url));
  window.addEventListener('popstate', () => select(current().view, false));
  select(current().view, false);
})();
