// One app's log lines, newest first, from GET /apps/{app}/logs with its filters and `next` cursor (after common.js).
'use strict';

const DEFAULT_LIMIT = 50;
const parameters = formParameters(document.getElementById('query'), { limit: DEFAULT_LIMIT });
const after = new URLSearchParams(location.search).get('after'); // the `next` of the previous page
const note = document.getElementById('note');
const SHOWN_FIELDS = ['timestamp', 'level', 'service', 'message', 'app'];

async function show() {
  const apps = await allItems('/apps?');
  const known = apps.map(app => app.app);
  // an app typed into the URL is searched too, so that an unknown one says so
  const app = parameters.app || known[0];
  if (!app) {
    note.textContent = 'no app has logged a line yet';
    return;
  }
  const select = document.getElementById('app');
  select.replaceChildren(...(known.includes(app) ? known : [app, ...known]).map(name => element('option', { value: name }, name)));
  select.value = app;
  const services = Object.keys((apps.find(a => a.app === app) || {}).by_service || {});
  document.getElementById('services').replaceChildren(...services.map(service => element('option', { value: service })));

  const filters = { ...parameters, app };
  const search = Object.fromEntries(['level', 'service', 'q', 'from', 'to', 'limit'].map(name => [name, filters[name]])
    .filter(([, value]) => value !== ''));
  const page = await api('/apps/' + encodeURIComponent(app) + '/logs?' + new URLSearchParams({ ...search, ...(after ? { after } : {}) }));
  document.getElementById('lines').replaceChildren(page.items.length
    ? table(['time', 'level', 'service', 'message', 'other fields'], page.items.map(line => [line.timestamp, line.level,
      line.service, element('span', { class: 'message' }, line.message), otherFields(line)]))
    : element('p', { class: 'empty' }, after ? 'no more lines' : 'no lines match'));
  const pager = [];
  if (after) {
    pager.push(element('a', { href: pageUrl(filters) }, 'newest lines'));
  }
  if (page.next) {
    pager.push(element('a', { href: pageUrl({ ...filters, after: page.next }), id: 'next-page' }, 'next page'));
  }
  document.getElementById('pager').replaceChildren(...pager);
}

function otherFields(line) {
  const rest = Object.fromEntries(Object.entries(line).filter(([name]) => !SHOWN_FIELDS.includes(name)));
  return Object.keys(rest).length ? JSON.stringify(rest) : '';
}

connectKeyForm(() => attempt(show, note));
refreshStatus();
attempt(show, note);
