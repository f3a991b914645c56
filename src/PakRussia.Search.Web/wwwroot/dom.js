// PakRussia Search: DOM and fetch helpers shared by app.js, quote.js, kwic.js, trend.js and stats.js. Loaded first.
// Safety rule: strings become text nodes, never HTML.
(() => {
  'use strict';

  /** Creates an element; strings among the children become text nodes (never HTML). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name === 'text') node.textContent = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  /** Removes every child of a node. */
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  /** Copies text to the clipboard (the Clipboard API where allowed, else a hidden textarea); true when it worked. */
  async function copyText(text) {
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        return true;
      }
    } catch {
      // fall through to the old way
    }
    const area = el('textarea', { class: 'offscreen', readonly: true, 'aria-hidden': 'true' });
    area.value = text;
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch { ok = false; }
    area.remove();
    return ok;
  }

  /**
   * GETs JSON; a refusal throws an Error with the server's problem detail (never a library message) and its status.
   */
  async function fetchJson(url, signal) {
    const response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
    let body = null;
    try { body = await response.json(); } catch { body = null; }
    if (!response.ok) {
      const detail = body && body.detail ? body.detail : `The server answered ${response.status}.`;
      const error = new Error(detail);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  window.PakRussiaDom = Object.freeze({ el, clear, copyText, fetchJson });
})();
