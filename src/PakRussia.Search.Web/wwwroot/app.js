// PakRussia Search: the page's behaviour. No framework, no build step, no inline script (the CSP forbids it).
// Safety rule: corpus text is only ever inserted as text nodes. The engine's highlights are HTML-escaped text
// with <mark> inserted; they are split on the mark tags and un-escaped into text nodes, never parsed as HTML.
(() => {
  'use strict';

  const { el, clear, copyText, fetchJson } = window.PakRussiaDom;

  const PAGE_SIZE = 10;
  const MAX_RESULT_WINDOW = 10000;
  const CONTEXT = 3;
  const LIST_PARAMS = ['source', 'year', 'doc', 'author'];
  // Parameters of other views (kwic.js: view=kwic, near, window, ksort, kpage), kept in the URL as they are.
  const VIEW_PARAMS = ['view', 'near', 'window', 'ksort', 'kpage'];
  const FACETS = [
    { key: 'sourceType', param: 'source', label: 'Source type' },
    { key: 'author', param: 'author', label: 'Author' },
    { key: 'document', param: 'doc', label: 'Document' },
  ];

  const $ = (id) => document.getElementById(id);
  const box = $('q');
  const form = $('search-form');
  const listbox = $('suggestions');
  const panel = $('panel');

  let state = readUrl();
  let searchController = null;
  let suggestController = null;
  let suggestTimer = 0;
  let activeOption = -1;
  let panelOpener = null;
  let corpusFingerprint = ''; // of the index that answered the last search

  // ---------- DOM helpers ----------


  const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

  /** Un-escapes the entities the engine's HTML encoder writes (&amp; &lt; &gt; &quot; &#39; &#NNN; &#xHH;). */
  function unescapeHtml(text) {
    return text.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos);/g, (_, entity) => {
      if (entity[0] !== '#') return NAMED[entity];
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      try { return String.fromCodePoint(code); } catch { return '\uFFFD'; }
    });
  }

  /** Appends highlighted text: the pieces between <mark> and </mark> become <mark> elements, all as text nodes. */
  function appendMarked(parent, html) {
    let inMark = false;
    for (const part of String(html).split(/(<mark>|<\/mark>)/)) {
      if (part === '<mark>') { inMark = true; continue; }
      if (part === '</mark>') { inMark = false; continue; }
      if (!part) continue;
      const text = document.createTextNode(unescapeHtml(part));
      parent.appendChild(inMark ? el('mark', null, text) : text);
    }
    return parent;
  }


  const plural = (n, one, many) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

  // ---------- state and URL ----------

  function emptyState() {
    return { q: '', source: [], year: [], doc: [], author: [], from: '', to: '', sort: 'relevance', page: 1, fp: '', aliases: true, views: {} };
  }

  function readUrl() {
    const params = new URLSearchParams(location.search);
    const s = emptyState();
    s.q = params.get('q') || '';
    for (const name of LIST_PARAMS) s[name] = params.getAll(name).filter(Boolean);
    s.from = params.get('from') || '';
    s.to = params.get('to') || '';
    const sort = params.get('sort');
    s.sort = sort === 'date' || sort === 'date-asc' ? sort : 'relevance';
    const page = parseInt(params.get('page') || '1', 10);
    s.page = Number.isFinite(page) && page > 0 ? page : 1;
    s.fp = (params.get('fp') || '').slice(0, 100);
    s.aliases = !['false', 'off', '0', 'no'].includes((params.get('aliases') || '').toLowerCase());
    for (const name of VIEW_PARAMS) if (params.get(name)) s.views[name] = params.get(name).slice(0, 200);
    return s;
  }

  function toQueryString(s) {
    const params = new URLSearchParams();
    if (s.q) params.set('q', s.q);
    for (const name of LIST_PARAMS) for (const value of s[name]) params.append(name, value);
    if (s.from) params.set('from', s.from);
    if (s.to) params.set('to', s.to);
    if (s.sort !== 'relevance') params.set('sort', s.sort);
    if (s.page > 1) params.set('page', String(s.page));
    if (s.fp) params.set('fp', s.fp);
    if (!s.aliases) params.set('aliases', 'false');
    for (const name of VIEW_PARAMS) if (s.views && s.views[name]) params.set(name, s.views[name]);
    return params.toString();
  }

  /** The search's parameters for the API (the permalink's corpus fingerprint is the page's own). */
  const apiQuery = (s) => toQueryString({ ...s, fp: '', views: {} });

  const hasFilters = (s) => LIST_PARAMS.some((name) => s[name].length > 0) || !!s.from || !!s.to;
  const isActive = (s) => s.q.trim() !== '' || hasFilters(s);

  /** Moves to a new state: one history entry per user action, so Back returns to the previous search. */
  function navigate(changes, options = {}) {
    const next = { ...state, ...changes };
    if (!('page' in changes)) next.page = 1;
    // A new search starts the other view on its first page too.
    if (!('views' in changes) && next.views && next.views.kpage) next.views = { ...next.views, kpage: '' };
    // A link made now is a link to the results of this corpus.
    if (!('fp' in changes)) next.fp = corpusFingerprint;
    state = next;
    const query = toQueryString(state);
    const url = query ? `?${query}` : location.pathname;
    if (options.replace) history.replaceState(null, '', url);
    else if (url !== location.pathname + location.search) history.pushState(null, '', url);
    syncControls();
    return runSearch();
  }

  function syncControls() {
    if (document.activeElement !== box || box.value.trim() !== state.q.trim()) box.value = state.q;
    $('sort').value = state.sort;
    $('aliases').checked = state.aliases;
    document.title = state.q ? `${state.q} – PakRussia Search` : 'PakRussia Search';
  }

  // ---------- search ----------


  async function runSearch() {
    // The hook of the other views (kwic.js): they read the same state.
    document.dispatchEvent(new CustomEvent('pakrussia:search', { detail: { ...state } }));
    if (searchController) searchController.abort();
    hideError();
    if (!isActive(state)) {
      showIntro();
      return;
    }

    const controller = new AbortController();
    searchController = controller;
    $('results').setAttribute('aria-busy', 'true');
    try {
      const response = await fetchJson(`api/search?${apiQuery(state)}&size=${PAGE_SIZE}`, controller.signal);
      if (controller !== searchController) return;
      renderResponse(response);
    } catch (error) {
      if (error.name === 'AbortError') return;
      renderFailure(error);
    } finally {
      if (controller === searchController) $('results').setAttribute('aria-busy', 'false');
    }
  }

  function showIntro() {
    $('intro').hidden = false;
    clear($('hits'));
    clear($('pager'));
    clear($('notices'));
    $('count').textContent = '';
    renderSnapshotControls(null);
    renderFacets({ facets: { sourceType: [], year: [], document: [], author: [] } });
    document.body.classList.remove('has-results');
    loadIndexInfo();
  }

  async function loadIndexInfo() {
    const info = $('index-info');
    if (info.textContent) return;
    try {
      const health = await fetchJson('health');
      info.textContent = `${plural(health.documents, 'document', 'documents')}, ${plural(health.passages, 'passage', 'passages')} indexed. Corpus fingerprint ${health.corpusFingerprint}.`;
    } catch (error) {
      showError(error.message);
    }
  }

  function renderFailure(error) {
    clear($('hits'));
    clear($('pager'));
    clear($('notices'));
    renderSnapshotControls(null);
    $('count').textContent = error.status === 503 ? 'The index is not available.' : 'The search could not be run.';
    showError(error.message);
  }

  function showError(message) {
    const box = $('error');
    box.textContent = message;
    box.hidden = false;
  }

  function hideError() {
    $('error').hidden = true;
    $('error').textContent = '';
  }

  function renderResponse(response) {
    $('intro').hidden = true;
    document.body.classList.add('has-results');
    renderCount(response);
    renderNotices(response);
    renderSnapshotControls(response);
    renderHits(response);
    renderPager(response);
    renderFacets(response);
  }

  function renderCount(response) {
    const total = response.total;
    const from = (response.page - 1) * response.pageSize + 1;
    const to = Math.min(total, from + response.hits.length - 1);
    let text = total === 0 ? 'No passages found' : `${plural(total, 'passage', 'passages')}`;
    if (state.q) text += ` for “${state.q}”`;
    if (typeof response.allWords === 'number' && response.allWords < total) {
      text += ` (${response.allWords.toLocaleString('en')} with every word, ${(total - response.allWords).toLocaleString('en')} with fewer)`;
    }
    if (total > 0 && response.hits.length > 0) text += ` — showing ${from}–${to}`;
    else if (total > 0) text += ` — page ${response.page} is past the last result`;
    $('count').textContent = `${text}.`;
  }

  function renderNotices(response) {
    const notices = clear($('notices'));
    for (const warning of response.warnings || []) {
      notices.appendChild(el('p', { class: 'warning' }, el('span', { class: 'visually-hidden' }, 'Note: '), warning));
    }
    if (response.expansions && response.expansions.length > 0) {
      // The aliases are part of what was searched: say which, from which line, and offer the exact search.
      notices.appendChild(el('p', { class: 'aliases-note' }, 'Also searched: ',
        response.expansions.map((e) => el('span', { class: 'alias', title: e.text }, `${e.variant} for ${e.typed} (${e.file} line ${e.line})`)).flatMap((x, i) => (i ? ['; ', x] : [x])),
        ' — ', el('button', { type: 'button', class: 'link-button exact-search', onclick: () => navigate({ aliases: false }) }, 'search exactly what I typed')));
    }
    if (response.suggestion) {
      notices.appendChild(el('p', { class: 'did-you-mean' }, 'Did you mean ',
        el('button', { type: 'button', class: 'link-button suggestion', onclick: () => navigate({ q: response.suggestion }) }, response.suggestion),
        '?'));
    }
  }

  function renderHits(response) {
    const list = clear($('hits'));
    list.setAttribute('start', String((response.page - 1) * response.pageSize + 1));
    for (const hit of response.hits) list.appendChild(renderHit(hit));
  }

  function metaLine(item) {
    const parts = [el('span', { class: `badge source-${(item.sourceType || '').replace(/[^a-z0-9-]/gi, '')}` }, item.sourceType || 'unknown')];
    if (item.date) parts.push(el('time', { datetime: item.date }, item.date));
    if (item.site) parts.push(el('span', null, item.site));
    if (item.author) parts.push(el('span', null, item.author));
    if (item.sectionHighlight) parts.push(appendMarked(el('span', { class: 'section' }, '§ '), item.sectionHighlight));
    else if (item.section) parts.push(el('span', { class: 'section' }, `§ ${item.section}`));
    return el('p', { class: 'meta' }, parts);
  }

  function renderHit(hit) {
    const textBlock = appendMarked(el('p', { class: 'passage-text' }), hit.snippet || hit.highlight);
    const article = el('article', { class: 'hit', 'data-passage': hit.passageId, 'aria-labelledby': `t-${hit.passageId}` },
      el('h3', { class: 'hit-title', id: `t-${hit.passageId}` },
        titleButton(hit)),
      metaLine(hit),
      textBlock,
      hit.missing && hit.missing.length > 0
        ? el('p', { class: 'missing' }, el('span', { class: 'muted' }, 'Missing: '), hit.missing.map((w) => el('s', null, w)).flatMap((w, i) => (i ? [', ', w] : [w])))
        : null,
      hit.aliases && hit.aliases.length > 0
        ? el('p', { class: 'alias-matches muted' }, hit.aliases.join('; '))
        : null,
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'open-context', onclick: (e) => openContext(hit.passageId, e.currentTarget) }, 'Context'),
        el('button', { type: 'button', class: 'open-document', onclick: (e) => openDocument(hit.docId, hit.passageId, e.currentTarget) }, 'Whole document'),
        similarButton(hit.passageId),
        copyButton(hit.citation),
        el('span', { class: 'passage-id muted' }, hit.passageId)));
    if (hit.duplicates && hit.duplicates.length > 0) article.appendChild(duplicatesBlock(hit));
    return el('li', null, article);
  }

  /** The hit's title; when the query matched in the title, the matched words are marked (so a hit whose text has no marks shows why it matched). */
  function titleButton(hit) {
    const button = el('button', { type: 'button', class: 'title-button', onclick: (e) => openDocument(hit.docId, hit.passageId, e.currentTarget) });
    return hit.titleHighlight ? appendMarked(button, hit.titleHighlight) : (button.append(hit.title), button);
  }

  function duplicatesBlock(hit) {
    const listId = `dups-${hit.passageId}`;
    const list = el('ul', { class: 'duplicates', id: listId, hidden: true },
      hit.duplicates.map((id) => el('li', null,
        el('button', { type: 'button', class: 'link-button', onclick: (e) => openContext(id, e.currentTarget) }, id))));
    const toggle = el('button', {
      type: 'button', class: 'duplicates-toggle', 'aria-expanded': 'false', 'aria-controls': listId,
      onclick: () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        list.hidden = !open;
      },
    }, `+${hit.duplicates.length} ${hit.duplicates.length === 1 ? 'copy' : 'copies'}`);
    return el('div', { class: 'duplicates-block' }, toggle, list);
  }

  // ---------- snapshots and permalinks ----------

  /**
   * The corpus line and "Save this search" (a download of api/snapshot for this search), and the permalink's
   * fingerprint: a URL without one gets the answering index's; a URL made on another corpus gets a notice.
   */
  function renderSnapshotControls(response) {
    const info = $('corpus-info');
    const save = $('save-search');
    const notice = clear($('stale-notice'));
    notice.hidden = true;
    if (!response) {
      info.hidden = true;
      return;
    }
    corpusFingerprint = response.corpusFingerprint || '';
    info.hidden = false;
    $('corpus-fingerprint').textContent = corpusFingerprint || 'unknown';
    save.setAttribute('href', `api/snapshot?${apiQuery(state)}`);
    if (!state.fp && corpusFingerprint) {
      state = { ...state, fp: corpusFingerprint };
      history.replaceState(null, '', `?${toQueryString(state)}`);
    } else if (state.fp && corpusFingerprint && state.fp !== corpusFingerprint) {
      notice.append(
        el('strong', null, 'This link was made on a different corpus'),
        ` (fingerprint ${state.fp}); results may differ. Current fingerprint: ${corpusFingerprint}.`);
      notice.hidden = false;
    }
  }

  // ---------- citations ----------

  function copyButton(citation) {
    const button = el('button', { type: 'button', class: 'copy-citation', 'data-citation': citation }, 'Copy citation');
    button.addEventListener('click', async () => {
      const ok = await copyText(citation);
      button.textContent = ok ? 'Copied' : 'Copy failed';
      button.classList.toggle('copied', ok);
      if (!ok) {
        const shown = el('span', { class: 'citation-text' }, citation);
        button.after(shown);
        const range = document.createRange();
        range.selectNodeContents(shown);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
      }
      setTimeout(() => { button.textContent = 'Copy citation'; button.classList.remove('copied'); }, 2500);
    });
    return button;
  }


  // ---------- paging ----------

  function renderPager(response) {
    const nav = clear($('pager'));
    const lastPage = Math.max(1, Math.min(Math.ceil(response.total / response.pageSize), Math.floor(MAX_RESULT_WINDOW / response.pageSize)));
    if (lastPage <= 1 && response.page <= 1) return;
    const current = response.page;
    const link = (page, label, attrs = {}) => {
      const s = { ...state, page };
      return el('a', {
        href: `?${toQueryString(s)}`, class: 'page-link', ...attrs,
        onclick: (e) => {
          if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
          e.preventDefault();
          navigate({ page }).then(() => $('results').focus());
        },
      }, label);
    };
    const items = [];
    items.push(current > 1 ? link(current - 1, '‹ Previous', { rel: 'prev', class: 'page-link prev' }) : el('span', { class: 'page-link disabled', 'aria-disabled': 'true' }, '‹ Previous'));
    const pages = new Set([1, lastPage]);
    for (let p = current - 2; p <= current + 2; p++) if (p >= 1 && p <= lastPage) pages.add(p);
    let previous = 0;
    for (const page of [...pages].sort((a, b) => a - b)) {
      if (page - previous > 1) items.push(el('span', { class: 'gap', 'aria-hidden': 'true' }, '…'));
      items.push(page === current
        ? el('span', { class: 'page-link current', 'aria-current': 'page' }, String(page))
        : link(page, String(page), { 'aria-label': `Page ${page}` }));
      previous = page;
    }
    items.push(current < lastPage ? link(current + 1, 'Next ›', { rel: 'next', class: 'page-link next' }) : el('span', { class: 'page-link disabled', 'aria-disabled': 'true' }, 'Next ›'));
    nav.append(...items);
  }

  // ---------- facets ----------

  function toggleValue(param, value) {
    const values = state[param].includes(value) ? state[param].filter((v) => v !== value) : [...state[param], value];
    return navigate({ [param]: values });
  }

  function renderFacets(response) {
    renderYearChart(response.facets.year || []);
    const container = clear($('facet-lists'));
    for (const facet of FACETS) {
      const values = [...(response.facets[facet.key] || [])];
      // A chosen value stays visible (with 0) so it can be unticked.
      for (const chosen of state[facet.param]) {
        if (!values.some((v) => v.value === chosen)) values.push({ value: chosen, count: 0 });
      }
      if (values.length === 0) continue;
      const fieldset = el('fieldset', { class: 'facet', 'data-facet': facet.param }, el('legend', null, facet.label));
      const list = el('ul', { class: 'facet-values' });
      values.forEach((value, i) => {
        const id = `f-${facet.param}-${i}`;
        const box = el('input', {
          type: 'checkbox', id, value: value.value, checked: state[facet.param].includes(value.value),
          onchange: () => toggleValue(facet.param, value.value),
        });
        list.appendChild(el('li', null, box,
          el('label', { for: id }, el('span', { class: 'facet-label' }, value.label || value.value), el('span', { class: 'facet-count' }, String(value.count)))));
      });
      fieldset.appendChild(list);
      container.appendChild(fieldset);
    }
    $('clear-filters').hidden = !hasFilters(state);
  }

  function renderYearChart(years) {
    const chart = clear($('year-chart'));
    const values = [...years];
    for (const chosen of state.year) if (!values.some((v) => v.value === chosen)) values.push({ value: chosen, count: 0 });
    values.sort((a, b) => a.value.localeCompare(b.value));
    if (values.length === 0) {
      chart.appendChild(el('p', { class: 'muted' }, 'No dated passages.'));
      return;
    }
    const max = Math.max(1, ...values.map((v) => v.count));
    for (const year of values) {
      const selected = state.year.includes(year.value);
      const bar = el('span', { class: 'bar' });
      bar.style.height = `${Math.max(4, Math.round((year.count / max) * 100))}%`; // CSSOM, allowed by the CSP
      chart.appendChild(el('button', {
        type: 'button', class: 'year-bar', 'data-year': year.value, 'aria-pressed': String(selected),
        'aria-label': `${year.value}: ${plural(year.count, 'passage', 'passages')}`, title: `${year.value}: ${year.count}`,
        onclick: () => toggleValue('year', year.value),
      }, el('span', { class: 'bar-area' }, bar), el('span', { class: 'bar-count', 'aria-hidden': 'true' }, String(year.count)),
      el('span', { class: 'bar-label', 'aria-hidden': 'true' }, `’${year.value.slice(2)}`)));
    }
  }

  // ---------- side panel: context and documents ----------

  function openPanel(title, opener) {
    panelOpener = opener || document.activeElement;
    $('panel-title').textContent = title;
    clear($('panel-body')).appendChild(el('p', { class: 'muted' }, 'Loading…'));
    panel.hidden = false;
    document.body.classList.add('panel-open');
    $('panel-title').focus();
  }

  function closePanel() {
    if (panel.hidden) return;
    panel.hidden = true;
    document.body.classList.remove('panel-open');
    if (panelOpener && document.contains(panelOpener)) panelOpener.focus();
    panelOpener = null;
  }

  function passageBlock(passage, focus) {
    return el('li', { class: focus ? 'passage focus' : 'passage', 'data-passage': passage.passageId, 'aria-current': focus ? 'true' : null },
      passage.section ? el('p', { class: 'section muted' }, `§ ${passage.section}`) : null,
      el('p', { class: 'passage-text' }, passage.text),
      el('p', { class: 'passage-id muted' }, `${passage.passageId} · ${passage.kind}`));
  }

  function documentHeader(doc) {
    const header = el('div', { class: 'doc-head' }, el('h3', null, doc.title), metaLine(doc));
    if (doc.url && /^https?:\/\//i.test(doc.url)) {
      header.appendChild(el('p', null, el('a', { href: doc.url, rel: 'noopener noreferrer', target: '_blank' }, doc.url)));
    }
    if (doc.dateEvidence) header.appendChild(el('p', { class: 'muted' }, `Date: ${doc.dateEvidence}`));
    return header;
  }

  async function openContext(passageId, opener) {
    openPanel('Passage in context', opener);
    try {
      const view = await fetchJson(`api/passages/${encodeURIComponent(passageId)}?context=${CONTEXT}`);
      const body = clear($('panel-body'));
      body.appendChild(documentHeader(view.document));
      const list = el('ol', { class: 'passages', start: String(view.passage.ordinal - view.before.length + 1) },
        view.before.map((p) => passageBlock(p, false)), passageBlock(view.passage, true), view.after.map((p) => passageBlock(p, false)));
      body.appendChild(list);
      body.appendChild(el('p', { class: 'citation' }, el('span', { class: 'muted' }, 'Citation: '), view.citation));
      body.appendChild(el('div', { class: 'actions' },
        copyButton(view.citation),
        el('button', { type: 'button', class: 'open-document', onclick: (e) => openDocument(view.document.docId, view.passage.passageId, e.currentTarget) }, 'Whole document'),
        similarButton(view.passage.passageId)));
      scrollToFocus(body);
    } catch (error) {
      clear($('panel-body')).appendChild(el('p', { class: 'error' }, error.message));
    }
  }

  async function openDocument(docId, passageId, opener) {
    openPanel('Document', opener || panelOpener);
    try {
      const view = await fetchJson(`api/documents/${encodeURIComponent(docId)}`);
      const body = clear($('panel-body'));
      body.appendChild(documentHeader(view.document));
      body.appendChild(el('p', { class: 'muted' }, plural(view.passages.length, 'passage', 'passages')));
      body.appendChild(el('ol', { class: 'passages', start: '1' }, view.passages.map((p) => passageBlock(p, p.passageId === passageId))));
      scrollToFocus(body);
    } catch (error) {
      clear($('panel-body')).appendChild(el('p', { class: 'error' }, error.message));
    }
  }

  // ---------- similar passages (more like this) ----------

  function similarButton(passageId) {
    return el('button', { type: 'button', class: 'open-similar', onclick: (e) => openSimilar(passageId, e.currentTarget) }, 'Similar passages');
  }

  /** The filters of the current search apply to the similar passages too. */
  function filterQuery() {
    const params = new URLSearchParams();
    for (const param of LIST_PARAMS) for (const value of state[param]) params.append(param, value);
    if (state.from) params.set('from', state.from);
    if (state.to) params.set('to', state.to);
    return params.toString();
  }

  async function openSimilar(passageId, opener) {
    openPanel('Similar passages', opener || panelOpener);
    try {
      const filters = filterQuery();
      const response = await fetchJson(`api/passages/${encodeURIComponent(passageId)}/similar?top=10${filters ? `&${filters}` : ''}`);
      const body = clear($('panel-body'));
      body.appendChild(el('p', { class: 'similar-source' }, 'Passages that share the most telling words of ',
        el('button', { type: 'button', class: 'link-button', onclick: (e) => openContext(passageId, e.currentTarget) }, passageId),
        hasFilters(state) ? ', within the current filters.' : '.'));
      if (response.terms.length > 0) {
        body.appendChild(el('p', { class: 'similar-terms muted' }, 'Compared on (word stems): ', response.terms.map((t) => t.term).join(' ')));
      }
      for (const warning of response.warnings || []) body.appendChild(el('p', { class: 'warning' }, warning));
      if (response.copies && response.copies.length > 0) {
        body.appendChild(el('p', { class: 'muted similar-copies' }, `Left out as word-for-word copies: ${response.copies.join(', ')}`));
      }
      if (response.hits.length === 0) {
        body.appendChild(el('p', { class: 'muted' }, 'No other passage shares its telling words.'));
        return;
      }
      body.appendChild(el('ol', { class: 'similar-hits' }, response.hits.map(similarHit)));
    } catch (error) {
      clear($('panel-body')).appendChild(el('p', { class: 'error' }, error.message));
    }
  }

  function similarHit(similar) {
    const hit = similar.hit;
    return el('li', { class: 'similar-hit', 'data-passage': hit.passageId },
      el('h3', { class: 'similar-title' }, hit.titleHighlight ? appendMarked(el('span'), hit.titleHighlight) : hit.title),
      metaLine(hit),
      appendMarked(el('p', { class: 'passage-text' }), hit.snippet || hit.highlight),
      el('p', { class: 'shared-terms muted' }, `Shared: ${similar.sharedTerms.join(', ')}`),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'open-context', onclick: (e) => openContext(hit.passageId, e.currentTarget) }, 'Context'),
        similarButton(hit.passageId),
        copyButton(hit.citation),
        el('span', { class: 'passage-id muted' }, hit.passageId)));
  }

  function scrollToFocus(body) {
    const focus = body.querySelector('.passage.focus');
    if (focus) focus.scrollIntoView({ block: 'center' });
  }

  // ---------- completions ----------

  function closeSuggestions() {
    listbox.hidden = true;
    clear(listbox);
    activeOption = -1;
    box.setAttribute('aria-expanded', 'false');
    box.removeAttribute('aria-activedescendant');
  }

  function options() {
    return [...listbox.querySelectorAll('[role="option"]')];
  }

  function setActive(index) {
    const all = options();
    if (all.length === 0) return;
    activeOption = (index + all.length) % all.length;
    all.forEach((option, i) => option.setAttribute('aria-selected', String(i === activeOption)));
    box.setAttribute('aria-activedescendant', all[activeOption].id);
    all[activeOption].scrollIntoView({ block: 'nearest' });
  }

  function acceptCompletion(word) {
    box.value = box.value.replace(/[\p{L}\p{N}]+$/u, '') + word + ' ';
    closeSuggestions();
    box.focus();
  }

  async function loadSuggestions() {
    const text = box.value;
    if (!/[\p{L}\p{N}]{2,}$/u.test(text)) { closeSuggestions(); return; }
    if (suggestController) suggestController.abort();
    const controller = new AbortController();
    suggestController = controller;
    try {
      const answer = await fetchJson(`api/suggest?q=${encodeURIComponent(text)}`, controller.signal);
      if (controller !== suggestController || box.value !== text || document.activeElement !== box) return;
      // A list the reader is already moving through keeps its chosen word when a later answer replaces it.
      const chosen = activeOption >= 0 ? options()[activeOption]?.textContent : null;
      clear(listbox);
      activeOption = -1;
      answer.completions.forEach((word, i) => {
        listbox.appendChild(el('li', {
          role: 'option', id: `suggestion-${i}`, 'aria-selected': 'false', class: 'option',
          onmousedown: (e) => { e.preventDefault(); acceptCompletion(word); },
        }, word));
      });
      const open = answer.completions.length > 0;
      listbox.hidden = !open;
      box.setAttribute('aria-expanded', String(open));
      const kept = chosen === null ? -1 : answer.completions.indexOf(chosen);
      if (kept >= 0) setActive(kept);
    } catch (error) {
      if (error.name !== 'AbortError') closeSuggestions();
    }
  }

  box.addEventListener('input', () => {
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(loadSuggestions, 120);
  });

  box.addEventListener('keydown', (e) => {
    const open = !listbox.hidden;
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && open) {
      // Choosing from the list shown: a completion still on its way would redraw it under the reader.
      e.preventDefault();
      clearTimeout(suggestTimer);
      if (suggestController) suggestController.abort();
      setActive(activeOption + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      loadSuggestions();
    } else if (e.key === 'Enter' && open && activeOption >= 0) {
      e.preventDefault();
      acceptCompletion(options()[activeOption].textContent);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      closeSuggestions();
    } else if (e.key === 'Tab') {
      closeSuggestions();
    }
  });

  box.addEventListener('blur', () => setTimeout(closeSuggestions, 100));

  // ---------- wiring ----------

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    closeSuggestions();
    navigate({ q: box.value.trim() });
  });

  $('sort').addEventListener('change', () => navigate({ sort: $('sort').value }));
  $('aliases').addEventListener('change', () => navigate({ aliases: $('aliases').checked }));

  $('clear-filters').addEventListener('click', () => navigate({ source: [], year: [], doc: [], author: [], from: '', to: '' }));

  $('filters-toggle').addEventListener('click', () => {
    const toggle = $('filters-toggle');
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('filters-open', open);
  });

  $('home').addEventListener('click', (e) => {
    e.preventDefault();
    navigate({ ...emptyState() });
    box.focus();
  });

  $('panel-close').addEventListener('click', closePanel);

  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      closePanel();
      return;
    }
    const target = e.target;
    const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable;
    if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      box.focus();
      box.select();
    }
  });

  window.addEventListener('popstate', () => {
    state = readUrl();
    closePanel();
    syncControls();
    runSearch();
  });

  // What other views (kwic.js) may use: the state, moving to a new one, and the passage-in-context panel.
  window.PakRussiaApp = Object.freeze({ state: () => ({ ...state }), navigate, openContext, copyButton });

  syncControls();
  runSearch();
  if (!state.q) box.focus();
})();
