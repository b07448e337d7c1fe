// A merchant's report over a range, from GET /merchants/{merchant_id}/report: its days and their top flyers (after common.js).
'use strict';

const parameters = formParameters(document.getElementById('query'), { from: daysAgo(6), to: daysAgo(0) });
const note = document.getElementById('note');

async function show() {
  if (!parameters.merchant_id) {
    note.textContent = 'enter a merchant id';
    return;
  }
  const days = await allItems('/merchants/' + encodeURIComponent(parameters.merchant_id) + '/report?'
    + new URLSearchParams({ from: parameters.from, to: parameters.to }));
  document.getElementById('days').replaceChildren(days.length
    ? table(['date', 'flyer opens', 'unique users', 'sessions', 'total hours', 'avg session (min)'],
      days.map(day => [day.date, day.flyer_opens, day.unique_users, day.sessions, fixed(day.total_hours, 2),
        fixed(day.avg_session_minutes, 1)]))
    : element('p', { class: 'empty' }, 'no flyer opens of this merchant in these days'));
  const flyers = days.flatMap(day => day.top_flyers.map((flyer, i) => [day.date, i + 1, flyer.flyer_id, flyer.sessions,
    fixed(flyer.total_hours, 2)]));
  document.getElementById('flyers').replaceChildren(flyers.length
    ? table(['date', 'rank', 'flyer', 'sessions', 'total hours'], flyers)
    : element('p', { class: 'empty' }, 'no timed sessions'));
}

connectKeyForm(() => attempt(show, note));
refreshStatus();
attempt(show, note);
