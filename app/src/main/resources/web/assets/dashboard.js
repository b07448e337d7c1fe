// The live dashboard: reads only the public HTTP API of the instance that served it, every few seconds (after common.js).
'use strict';

const INGEST_SAMPLE_MS = 2000;
const REFRESH_MS = 5000;
const INGEST_POINTS = 150; // five minutes of samples

function note(id, text) {
  document.getElementById('note-' + id).textContent = text || '';
}

function barChart(id, label, color, linkOf) {
  const options = { indexAxis: 'y', maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } } };
  if (linkOf) { // a bar opens the page about its label
    options.onClick = (event, bars, chart) => {
      if (bars.length) {
        location.href = linkOf(chart.data.labels[bars[0].index]);
      }
    };
    options.onHover = (event, bars) => { event.native.target.style.cursor = bars.length ? 'pointer' : 'default'; };
  }
  return new Chart(document.getElementById(id), {
    type: 'bar',
    data: { labels: [], datasets: [{ label, data: [], backgroundColor: color }] },
    options,
  });
}

const charts = {
  ingest: new Chart(document.getElementById('chart-ingest'), {
    type: 'line',
    data: { labels: [], datasets: [] },
    options: {
      maintainAspectRatio: false, animation: false, elements: { point: { radius: 0 } },
      scales: { x: { ticks: { maxTicksLimit: 10, maxRotation: 0 } }, y: { beginAtZero: true } },
    },
  }),
  p99: barChart('chart-p99', 'p99 (ms)', COLORS[0]),
  errors: barChart('chart-errors', '5xx share', COLORS[5]),
  apps: barChart('chart-apps', 'ERROR + FATAL lines', COLORS[1], app => '/ui/logs?' + new URLSearchParams({ app, level: 'ERROR' })),
};

// --- ingest rate: the difference of two readings of the topics' end offsets
let lastOffsets = null;

async function sampleIngest() {
  try {
    const reading = await api('/topics');
    const at = Date.parse(reading.at);
    if (lastOffsets && at > lastOffsets.at) {
      const seconds = (at - lastOffsets.at) / 1000;
      const chart = charts.ingest;
      chart.data.labels.push(new Date(at).toISOString().substring(11, 19));
      reading.topics.forEach((topic, i) => {
        let dataset = chart.data.datasets.find(d => d.label === topic.topic);
        if (!dataset) {
          dataset = { label: topic.topic, data: chart.data.labels.slice(1).map(() => 0), borderColor: COLORS[i % COLORS.length], tension: 0.2 };
          chart.data.datasets.push(dataset);
        }
        const before = lastOffsets.topics[topic.topic] ?? topic.end_offset;
        dataset.data.push(Math.max(0, (topic.end_offset - before) / seconds));
      });
      if (chart.data.labels.length > INGEST_POINTS) {
        chart.data.labels.shift();
        chart.data.datasets.forEach(d => d.data.shift());
      }
      chart.update();
      note('ingest', '');
    } else if (!lastOffsets) {
      note('ingest', 'measuring…');
    }
    lastOffsets = { at, topics: Object.fromEntries(reading.topics.map(t => [t.topic, t.end_offset])) };
  } catch (error) {
    note('ingest', failure(error));
  }
}

// --- top endpoints
function showBars(chart, rows, value) {
  chart.data.labels = rows.map(r => r.label);
  chart.data.datasets[0].data = rows.map(value);
  chart.update();
}

async function refreshEndpoints(by, chart, noteId, value, empty) {
  try {
    const page = await api('/endpoints/top?window=1h&n=8&by=' + by);
    const rows = page.items.map(row => ({ ...row, label: row.endpoint }));
    showBars(chart, rows, value);
    note(noteId, rows.length ? '' : empty);
  } catch (error) {
    note(noteId, failure(error));
  }
}

// --- apps by errors
async function refreshApps() {
  try {
    const apps = await allItems('/apps?');
    const errors = app => (app.by_level.ERROR || 0) + (app.by_level.FATAL || 0);
    const top = apps.filter(app => errors(app) > 0).sort((a, b) => errors(b) - errors(a) || a.app.localeCompare(b.app)).slice(0, 8);
    showBars(charts.apps, top.map(app => ({ label: app.app, errors: errors(app) })), row => row.errors);
    note('apps', top.length ? await lastHourErrors(top[0].app) : 'no app has logged an error');
  } catch (error) {
    note('apps', failure(error));
  }
}

async function lastHourErrors(app) {
  const page = await api('/apps/' + encodeURIComponent(app) + '/stats?window=1m&limit=1000');
  const lines = page.items.reduce((sum, w) => sum + (w.by_level.ERROR || 0) + (w.by_level.FATAL || 0), 0);
  return app + ': ' + lines + ' of them in the last hour';
}

// --- today's jobs: the route may be absent (404) or the day empty
async function refreshJobs() {
  const today = new Date().toISOString().substring(0, 10);
  document.getElementById('jobs-date').textContent = today + ' (UTC)';
  const box = document.getElementById('jobs');
  try {
    const day = await api('/analytics/summary?date=' + today);
    const s = day.summary || {};
    if (!s.total_jobs) {
      box.innerHTML = '<span class="empty">no jobs</span>';
      return;
    }
    const figure = (label, value) => `<div class="figure"><b>${escapeHtml(value ?? '–')}</b>${label}</div>`;
    box.innerHTML = figure('jobs', s.total_jobs) + figure('tasks', s.total_tasks) + figure('failed tasks', s.failed_tasks)
      + figure('avg success rate', s.avg_success_rate == null ? null : (s.avg_success_rate * 100).toFixed(1) + '%')
      + figure('avg duration (s)', s.avg_duration_seconds == null ? null : Math.round(s.avg_duration_seconds));
  } catch (error) {
    box.innerHTML = error.status === 404 ? '<span class="empty">no jobs</span>' : `<span class="empty">${escapeHtml(failure(error))}</span>`;
  }
}

// --- anomalies
async function refreshAnomalies() {
  const box = document.getElementById('anomalies');
  try {
    const from = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
    const page = await api('/anomalies?limit=1000&from=' + encodeURIComponent(from));
    const rows = page.items.slice(-20).reverse();
    if (!rows.length) {
      box.innerHTML = '<p class="empty">no anomalies in the last 24 hours</p>';
      return;
    }
    box.innerHTML = '<table><tr><th>minute</th><th>endpoint</th><th>requests</th><th>breach</th></tr>'
      + rows.map(a => `<tr><td>${escapeHtml(String(a.window_start).substring(0, 16).replace('T', ' '))}</td>`
        + `<td>${escapeHtml(a.endpoint)}</td><td>${escapeHtml(a.count)}</td><td>`
        + a.breaches.map(breach).join(', ') + '</td></tr>').join('') + '</table>';
  } catch (error) {
    box.innerHTML = `<p class="empty">${escapeHtml(failure(error))}</p>`;
  }
}

// every server field goes through escapeHtml: the answer may come from any instance the group advertises
function breach(b) {
  const digits = b.metric === 'p95' ? 0 : 3;
  return escapeHtml(`${b.metric} ${Number(b.value).toFixed(digits)} > ${Number(b.threshold).toFixed(digits)}`);
}

function refresh() {
  refreshStatus();
  refreshEndpoints('p99', charts.p99, 'p99', row => row.p99, 'no requests this hour');
  refreshEndpoints('error_rate', charts.errors, 'errors', row => row.error_rate, 'no requests this hour');
  refreshApps();
  refreshJobs();
  refreshAnomalies();
}

connectKeyForm(refresh);
sampleIngest();
refresh();
setInterval(sampleIngest, INGEST_SAMPLE_MS);
setInterval(refresh, REFRESH_MS);
