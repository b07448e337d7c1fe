// Shared by the dashboard and the area pages: API calls with the saved key, error texts, DOM built from text.
'use strict';

const KEY_STORAGE = 'streamlytics.apiKey';
const COLORS = ['#3b7ddd', '#e8793b', '#2a9d8f', '#b5179e', '#8d99ae', '#e63946'];
const DEFAULT_RETRY_SECONDS = 2;

class HttpError extends Error {
  constructor(response, body) {
    super((body && body.error && body.error.message) || 'HTTP ' + response.status);
    this.status = response.status;
    this.retryAfterSeconds = Number(response.headers.get('Retry-After')) || DEFAULT_RETRY_SECONDS;
  }
}

async function api(path) {
  const headers = { Accept: 'application/json' };
  const key = localStorage.getItem(KEY_STORAGE);
  if (key) {
    headers['X-API-Key'] = key;
  }
  const response = await fetch(path, { headers });
  const body = await response.json().catch(() => null);
  document.getElementById('key-needed').hidden = response.status !== 401;
  if (!response.ok) {
    throw new HttpError(response, body);
  }
  return body;
}

/** Every page of a list route ({"items": [...], "next": cursor}); `path` has a query string already. */
async function allItems(path) {
  const items = [];
  let after = '';
  do {
    const page = await api(path + '&limit=1000' + (after ? '&after=' + encodeURIComponent(after) : ''));
    items.push(...page.items);
    after = page.next;
  } while (after);
  return items;
}

function failure(error) {
  if (error.status === 503) {
    return 'not answerable right now (rebalancing or restoring); retrying';
  }
  return error.status === 401 || error.status === 403 ? 'needs an API key with query scope' : error.message;
}

/** Runs `task`, which may leave a note; shows its failure in `noteElement`, and retries a 503 after the server's Retry-After. */
async function attempt(task, noteElement) {
  noteElement.textContent = '';
  try {
    await task();
  } catch (error) {
    noteElement.textContent = failure(error);
    if (error.status === 503) {
      setTimeout(() => attempt(task, noteElement), error.retryAfterSeconds * 1000);
    }
  }
}

// the dashboard builds some markup as strings: every server field in it goes through here
function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** An element with attributes (`on…` functions become listeners) and children; strings become text nodes, never markup. */
function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (typeof value === 'function') {
      node.addEventListener(name.substring(2), value);
    } else if (value != null) {
      node.setAttribute(name, value);
    }
  });
  children.flat().forEach(child => node.append(child instanceof Node ? child : String(child ?? '–')));
  return node;
}

/** A table of `rows` (arrays of cells: text or nodes) under `headings`. */
function table(headings, rows) {
  return element('table', null, element('tr', null, headings.map(h => element('th', null, h))),
    rows.map(cells => element('tr', null, cells.map(cell => element('td', null, cell)))));
}

function fixed(value, digits) {
  return value == null ? null : Number(value).toFixed(digits);
}

function isoDay(date) {
  return date.toISOString().substring(0, 10);
}

function daysAgo(days) {
  return isoDay(new Date(Date.now() - days * 24 * 3600 * 1000));
}

/**
 * A page's parameters live in its URL's query string: fills the form's fields from it (or `defaults`) and answers the
 * values; the form submits by GET to the same page, so every view can be linked.
 */
function formParameters(form, defaults) {
  const query = new URLSearchParams(location.search);
  const values = {};
  [...form.elements].filter(field => field.name).forEach(field => {
    values[field.name] = query.get(field.name) ?? defaults[field.name] ?? '';
    field.value = values[field.name];
  });
  return values;
}

function pageUrl(parameters) {
  const query = new URLSearchParams(Object.entries(parameters).filter(([, value]) => value !== '' && value != null));
  return location.pathname + '?' + query;
}

async function refreshStatus() {
  const status = document.getElementById('status');
  const ready = await fetch('/ready').then(r => r.json()).catch(() => null);
  status.textContent = ready && ready.status === 'READY' ? 'ready' : 'not ready' + (ready && ready.error ? ': ' + ready.error.message : '');
  status.className = 'status ' + (ready && ready.status === 'READY' ? 'ok' : 'bad');
}

/** The header's key field: saved in localStorage, then `onSaved` runs (the page shows itself again). */
function connectKeyForm(onSaved) {
  document.getElementById('api-key').value = localStorage.getItem(KEY_STORAGE) || '';
  document.getElementById('key-form').addEventListener('submit', event => {
    event.preventDefault();
    const key = document.getElementById('api-key').value.trim();
    if (key) {
      localStorage.setItem(KEY_STORAGE, key);
    } else {
      localStorage.removeItem(KEY_STORAGE);
    }
    onSaved();
  });
}
