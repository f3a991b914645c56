// PakRussia Search: the concordance view (key word in context) and its collocates. Loaded after app.js, whose state
// it reads (window.PakRussiaApp) and whose 'pakrussia:search' event it follows. URL: /?view=kwic&q=…, the page's
// filters (source=, year=, doc=, author=, from=, to=), near=<word> and window=N to narrow to a collocate,
// ksort= (doc, date, 1L, 2L, 1R, 2R) and kpage=. Corpus text only ever becomes text nodes (dom.js).
(() => {
  'use strict';

  const { el, clear, fetchJson } = window.PakRussiaDom;
  const app = window.PakRussiaApp;
  if (!app) return;

  const PER_PAGE = 25;
  const CONTEXT_CHARS = 70;
  const SORTS = [['doc', 'Document order'], ['date', 'Newest first'], ['1L', '1st word left'], ['2L', '2nd word left'], ['1R', '1st word right'], ['2R', '2nd word right']];
  const LIST_PARAMS = ['source', 'year', 'doc', 'author'];
  const $ = (id) => document.getElementById(id);
  const section = $('kwic');
  let controller = null;

  const number = (n) => Number(n).toLocaleString('en');

  /** The query and filters of the page's state, as the API reads them. */
  function searchParams(state) {
    const params = new URLSearchParams();
    params.set('q', state.q);
    for (const name of LIST_PARAMS) for (const value of state[name]) params.append(name, value);
    if (state.from) params.set('from', state.from);
    if (state.to) params.set('to', state.to);
    if (state.aliases === false) params.set('aliases', 'false'); // the page's Aliases toggle applies here too
    return params;
  }

  function windowOf(views) {
    const n = parseInt(views.window || '5', 10);
    return Number.isFinite(n) && n >= 1 && n <= 10 ? n : 5;
  }


  function setViews(state, changes) {
    app.navigate({ views: { ...state.views, ...changes } });
  }

  function renderTabs(kwic) {
    $('view-passages').setAttribute('aria-pressed', String(!kwic));
    $('view-kwic').setAttribute('aria-pressed', String(kwic));
    document.body.classList.toggle('view-kwic', kwic);
    section.hidden = !kwic;
  }

  async function render(state) {
    const kwic = state.views && state.views.view === 'kwic';
    renderTabs(kwic);
    if (controller) controller.abort();
    if (!kwic) return;
    clear(section);
    if (!state.q.trim()) {
      section.appendChild(el('p', { class: 'muted' }, 'Type a word, a "phrase", a wildcard (negotiat*) or a fuzzy term (kremlim~) to see every occurrence in context.'));
      return;
    }

    const views = state.views;
    const params = searchParams(state);
    const windowSize = windowOf(views);
    const sort = SORTS.some(([value]) => value === views.ksort) ? views.ksort : 'doc';
    const page = Math.max(1, parseInt(views.kpage || '1', 10) || 1);
    const lineParams = new URLSearchParams(params);
    lineParams.set('sort', sort);
    lineParams.set('page', String(page));
    lineParams.set('perPage', String(PER_PAGE));
    if (views.near) {
      lineParams.set('near', views.near);
      lineParams.set('window', String(windowSize));
    }
    const collocateParams = new URLSearchParams(params);
    collocateParams.set('window', String(windowSize));
    collocateParams.set('top', '25');

    const current = new AbortController();
    controller = current;
    section.appendChild(el('p', { class: 'muted' }, 'Loading…'));
    section.setAttribute('aria-busy', 'true');
    try {
      const [lines, collocates] = await Promise.all([
        fetchJson(`api/kwic?${lineParams}`, current.signal),
        fetchJson(`api/collocates?${collocateParams}`, current.signal),
      ]);
      if (current !== controller) return;
      clear(section);
      section.appendChild(head(state, lines, sort, lineParams));
      section.appendChild(table(lines));
      section.appendChild(pager(state, lines));
      section.appendChild(collocateTable(state, collocates));
    } catch (error) {
      if (error.name === 'AbortError') return;
      clear(section).appendChild(el('p', { class: 'error', role: 'alert' }, error.message));
    } finally {
      if (current === controller) section.setAttribute('aria-busy', 'false');
    }
  }

  function head(state, response, sort, lineParams) {
    const text = `${number(response.total)} ${response.total === 1 ? 'line' : 'lines'} in ${number(response.passages)} ${response.passages === 1 ? 'passage' : 'passages'}`;
    const parts = [el('p', { id: 'kwic-count', class: 'kwic-count', role: 'status' }, text)];
    if (response.near) {
      parts.push(el('p', { class: 'kwic-near' }, `with “${response.near}” within ${response.window} words `,
        el('button', { type: 'button', class: 'link-button', id: 'kwic-clear-near', onclick: () => setViews(state, { near: '', kpage: '' }) }, 'show all lines')));
    }
    const select = el('select', { id: 'kwic-sort', onchange: (e) => setViews(state, { ksort: e.currentTarget.value, kpage: '' }) },
      SORTS.map(([value, label]) => el('option', { value, selected: value === sort }, label)));
    parts.push(el('label', { class: 'sort' }, 'Sort ', select));
    const exportParams = new URLSearchParams(lineParams);
    exportParams.delete('page');
    exportParams.delete('perPage');
    const link = (format) => {
      const p = new URLSearchParams(exportParams);
      p.set('format', format);
      return el('a', { href: `api/kwic?${p}`, download: `pakrussia-kwic.${format}` }, format.toUpperCase());
    };
    parts.push(el('p', { class: 'muted' }, 'Export: ', link('csv'), ' · ', link('tsv')));
    for (const warning of response.warnings || []) parts.push(el('p', { class: 'warning' }, warning));
    return el('div', { class: 'kwic-head' }, parts);
  }

  const cutStart = (text) => (text.length > CONTEXT_CHARS ? `…${text.slice(-CONTEXT_CHARS)}` : text);
  const cutEnd = (text) => (text.length > CONTEXT_CHARS ? `${text.slice(0, CONTEXT_CHARS)}…` : text);

  function table(response) {
    if (response.lines.length === 0) return el('p', { class: 'muted' }, 'No lines.');
    const rows = response.lines.map((line) => el('tr', { class: 'kwic-line', 'data-passage': line.passageId },
      // The left context ends at the match: its clip keeps the words nearest the match (kwic.css).
      el('td', { class: 'kwic-left' }, el('div', { class: 'kwic-clip' }, el('span', null, cutStart(line.left)))),
      el('td', { class: 'kwic-match' }, el('mark', null, line.match)),
      el('td', { class: 'kwic-right' }, cutEnd(line.right)),
      el('td', { class: 'kwic-source', title: line.citation },
        el('button', {
          type: 'button', class: 'link-button open-context', 'aria-label': `Open ${line.passageId} in context`,
          onclick: (e) => app.openContext(line.passageId, e.currentTarget),
        }, line.passageId))));
    return el('table', { class: 'kwic-table' },
      el('caption', { class: 'visually-hidden' }, 'Concordance lines: left context, match, right context, passage'),
      el('tbody', null, rows));
  }

  function pager(state, response) {
    const pages = Math.max(1, Math.ceil(response.total / response.perPage));
    if (pages === 1) return el('div');
    const go = (page) => setViews(state, { kpage: page > 1 ? String(page) : '' });
    return el('nav', { class: 'kwic-pager', 'aria-label': 'Concordance pages' },
      el('button', { type: 'button', disabled: response.page <= 1, onclick: () => go(response.page - 1) }, 'Previous'),
      el('span', null, `Page ${response.page} of ${number(pages)}`),
      el('button', { type: 'button', id: 'kwic-next', disabled: response.page >= pages, onclick: () => go(response.page + 1) }, 'Next'));
  }

  function collocateTable(state, response) {
    const box = el('section', { class: 'kwic-collocates', 'aria-labelledby': 'collocates-heading' },
      el('h2', { id: 'collocates-heading' }, `Collocates within ${response.window} words`),
      el('p', { class: 'muted' }, `Surface words near the ${number(response.occurrences)} matches (stop words left out), by logDice. Choose one to see only its lines.`));
    if (response.collocates.length === 0) {
      box.appendChild(el('p', { class: 'muted' }, 'No word occurs near two or more matches.'));
      return box;
    }
    const rows = response.collocates.map((c) => el('tr', null,
      el('td', null, el('button', {
        type: 'button', class: 'link-button collocate', 'data-word': c.word,
        onclick: () => setViews(state, { near: c.word, window: String(response.window), kpage: '' }),
      }, c.word)),
      el('td', null, number(c.frequency)),
      el('td', null, number(c.subcorpusFrequency)),
      el('td', null, c.logDice.toFixed(2)),
      el('td', null, c.logLikelihood.toFixed(2))));
    box.appendChild(el('table', { id: 'collocates' },
      el('thead', null, el('tr', null, ['Word', 'Frequency', 'In subcorpus', 'logDice', 'G²'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', null, rows)));
    return box;
  }

  $('view-passages').addEventListener('click', () => setViews(app.state(), { view: '', near: '', kpage: '' }));
  $('view-kwic').addEventListener('click', () => setViews(app.state(), { view: 'kwic', kpage: '' }));
  document.addEventListener('pakrussia:search', (e) => render(e.detail));
  // app.js ran its first search before this script loaded.
  render(app.state());
})();
