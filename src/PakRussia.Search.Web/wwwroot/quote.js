// PakRussia Search: the "find a quote" box. Asks /api/quote and shows where the quote comes from: the verdict,
// the passage with the matched words marked (from the answer's offsets), the differences, every occurrence
// earliest first with the original marked, and a "copy citation" button in the chosen style (remembered in
// localStorage). Safety rule as in app.js: corpus text is only ever inserted as text nodes, never as HTML.
(() => {
  'use strict';

  const { el, clear, copyText } = window.PakRussiaDom;

  const STYLE_KEY = 'pakrussia.citationStyle';
  const STYLES = ['plain', 'apa', 'bibtex', 'ris'];
  const CONTEXT = 300; // characters shown either side of the matched words

  const $ = (id) => document.getElementById(id);
  const form = $('quote-form');
  if (!form) return;
  const input = $('quote-text');
  const styleSelect = $('citation-style');
  const output = $('quote-result');
  const errorBox = $('quote-error');
  let last = null;
  let controller = null;



  // ---------- citation style ----------

  function savedStyle() {
    try {
      const value = localStorage.getItem(STYLE_KEY);
      return STYLES.includes(value) ? value : 'plain';
    } catch {
      return 'plain';
    }
  }

  styleSelect.value = savedStyle();
  styleSelect.addEventListener('change', () => {
    try { localStorage.setItem(STYLE_KEY, styleSelect.value); } catch { /* private mode: not remembered */ }
    if (last) render(last);
  });

  function citationIn(match, style) {
    const all = match.citations || {};
    return all[style] || match.citation;
  }


  function copyButton(match) {
    const button = el('button', { type: 'button', class: 'copy-citation' }, 'Copy citation');
    button.addEventListener('click', async () => {
      const ok = await copyText(citationIn(match, styleSelect.value));
      button.textContent = ok ? 'Copied' : 'Copy failed';
      button.classList.toggle('copied', ok);
      setTimeout(() => { button.textContent = 'Copy citation'; button.classList.remove('copied'); }, 2500);
    });
    return button;
  }

  // ---------- lookup ----------

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    lookup(input.value.trim());
  });

  async function lookup(text) {
    if (controller) controller.abort();
    controller = new AbortController();
    errorBox.hidden = true;
    clear(output).appendChild(el('p', { class: 'muted' }, 'Looking…'));
    output.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(`api/quote?text=${encodeURIComponent(text)}`, { signal: controller.signal, headers: { Accept: 'application/json' } });
      let body = null;
      try { body = await response.json(); } catch { body = null; }
      if (!response.ok) throw new Error(body && body.detail ? body.detail : `The server answered ${response.status}.`);
      last = body;
      render(body);
    } catch (error) {
      if (error.name === 'AbortError') return;
      last = null;
      clear(output);
      errorBox.textContent = error.message;
      errorBox.hidden = false;
    } finally {
      output.setAttribute('aria-busy', 'false');
    }
  }

  // ---------- rendering ----------

  /** The passage around the match, the matched words in a <mark>: three text nodes cut at the answer's offsets. */
  function markedPassage(text, start, end) {
    let from = Math.max(0, start - CONTEXT);
    let to = Math.min(text.length, end + CONTEXT);
    if (from > 0) { const space = text.indexOf(' ', from); if (space >= 0 && space < start) from = space + 1; }
    if (to < text.length) { const space = text.lastIndexOf(' ', to); if (space >= end) to = space; }
    return el('p', { class: 'quote-passage' },
      (from > 0 ? '…' : '') + text.slice(from, start),
      el('mark', null, text.slice(start, end)),
      text.slice(end, to) + (to < text.length ? '…' : ''));
  }

  function describe(difference) {
    const corpus = (difference.corpusWords || []).join(' ');
    const quote = (difference.quoteWords || []).join(' ');
    if (difference.kind === 'changed') return `the corpus has “${corpus}” where the quote has “${quote}”`;
    if (difference.kind === 'missing') return `the quote leaves out “${corpus}”`;
    return `the quote adds “${quote}”`;
  }

  function renderMatch(match) {
    const verdict = match.exact ? 'Word for word' : `Near match (similarity ${match.similarity.toFixed(3)})`;
    const places = match.occurrences.length === 1 ? '1 place' : `${match.occurrences.length} places`;
    const section = el('section', { class: 'quote-match', 'data-passage': match.passageId },
      el('h3', null, el('span', { class: `quote-verdict ${match.exact ? 'exact' : 'near'}` }, verdict), ` in ${places}: `, match.title,
        ` (${match.date || 'undated'})`),
      el('p', { class: 'muted' }, match.passageId + (match.throughPassageId ? ` → ${match.throughPassageId}` : '')),
      markedPassage(match.text, match.start, match.end));
    if (match.differences.length > 0) {
      section.appendChild(el('ul', { class: 'quote-differences', 'aria-label': 'Differences' },
        match.differences.map((d) => el('li', null, describe(d)))));
    }
    section.appendChild(el('p', { class: 'muted' }, 'Occurrences, earliest first:'));
    section.appendChild(el('ol', { class: 'quote-occurrences' }, match.occurrences.map((o) =>
      el('li', { class: o.isOriginal ? 'original' : null, 'data-passage': o.passageId },
        `${o.date || 'undated'} — ${o.title} — ${o.passageId}`,
        o.isOriginal ? el('span', { class: 'badge-original' }, 'original') : null))));
    section.appendChild(el('p', { class: 'quote-citation' }, citationIn(match, styleSelect.value)));
    section.appendChild(copyButton(match));
    return section;
  }

  function render(result) {
    clear(output);
    if (!result.found) {
      output.appendChild(el('p', { class: 'quote-verdict not-found' }, `Not found. ${result.message || ''}`));
      if (result.closest && result.closest.length > 0) {
        output.appendChild(el('p', { class: 'muted' }, 'Closest passages:'));
        output.appendChild(el('ol', { class: 'quote-closest' }, result.closest.map((c) =>
          el('li', { 'data-passage': c.passageId }, `${c.similarity.toFixed(3)} — ${c.title} (${c.date || 'undated'}) — ${c.passageId}: `,
            el('span', { class: 'muted' }, c.text.length > 240 ? c.text.slice(0, 240) + '…' : c.text)))));
      }
      return;
    }
    for (const match of result.matches) output.appendChild(renderMatch(match));
  }
})();
