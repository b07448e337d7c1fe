// A customer's days over a range, from GET /customers/{customer_id}/stats: a chart and a table (after common.js).
'use strict';

const parameters = formParameters(document.getElementById('query'), { from: daysAgo(6), to: daysAgo(0) });
const note = document.getElementById('note');

const chart = new Chart(document.getElementById('chart-days'), {
  type: 'bar',
  data: {
    labels: [],
    datasets: [
      { label: 'success', data: [], backgroundColor: COLORS[2] },
      { label: 'failed (5xx)', data: [], backgroundColor: COLORS[5] },
      { label: 'client errors (4xx)', data: [], backgroundColor: COLORS[1] },
      { label: 'p99 (ms)', data: [], type: 'line', borderColor: COLORS[0], backgroundColor: COLORS[0], yAxisID: 'ms' },
    ],
  },
  options: {
    maintainAspectRatio: false, animation: false,
    scales: {
      x: { stacked: true },
      y: { stacked: true, beginAtZero: true, title: { display: true, text: 'requests' } },
      ms: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: 'p99 (ms)' } },
    },
  },
});

async function show() {
  if (!parameters.customer_id) {
    note.textContent = 'enter a customer id';
    return;
  }
  const days = await api('/customers/' + encodeURIComponent(parameters.customer_id) + '/stats?'
    + new URLSearchParams({ from: parameters.from, to: parameters.to }));
  chart.data.labels = days.map(day => day.date);
  ['success_requests', 'failed_requests', 'client_errors', 'duration_p99']
    .forEach((field, i) => { chart.data.datasets[i].data = days.map(day => day[field]); });
  chart.update();
  document.getElementById('days').replaceChildren(days.length
    ? table(['date', 'success', 'failed (5xx)', 'client errors (4xx)', 'mean (ms)', 'p50 (ms)', 'p99 (ms)', 'uptime (%)'],
      days.map(day => [day.date, day.success_requests, day.failed_requests, day.client_errors, fixed(day.duration_mean, 1),
        fixed(day.duration_p50, 1), fixed(day.duration_p99, 1), fixed(day.uptime_percentage, 2)]))
    : element('p', { class: 'empty' }, 'no requests of this customer in these days'));
}

connectKeyForm(() => attempt(show, note));
refreshStatus();
attempt(show, note);
