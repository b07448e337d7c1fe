// The Spark jobs of a day, from GET /analytics/summary, and one job's detail from its job route (after common.js).
'use strict';

const JOBS_PER_PAGE = 100;
const parameters = formParameters(document.getElementById('query'), { date: daysAgo(0) });
const after = new URLSearchParams(location.search).get('after'); // the `next` of the previous page of jobs
const note = document.getElementById('note');

/** The page's URL showing `job`: it can be linked, and reloading it opens the job again. */
function jobUrl(job) {
  return pageUrl({ date: parameters.date, after, job_id: job.job_id, app_id: job.app_id });
}

function jobKey(job) {
  return (job.app_id || '') + '/' + job.job_id;
}

function jobRoute(job) {
  const id = encodeURIComponent(job.job_id);
  return job.app_id ? '/analytics/apps/' + encodeURIComponent(job.app_id) + '/jobs/' + id : '/analytics/jobs/' + id;
}

const percent = rate => rate == null ? null : (rate * 100).toFixed(1) + '%';

async function show() {
  const day = await api('/analytics/summary?' + new URLSearchParams({ date: parameters.date, limit: JOBS_PER_PAGE, ...(after ? { after } : {}) }));
  const s = day.summary;
  const figure = (label, value) => element('div', { class: 'figure' }, element('b', null, value), label);
  document.getElementById('summary').replaceChildren(figure('jobs', s.total_jobs), figure('tasks', s.total_tasks),
    figure('failed tasks', s.failed_tasks), figure('avg success rate', percent(s.avg_success_rate)),
    figure('avg duration (s)', s.avg_duration_seconds == null ? null : Math.round(s.avg_duration_seconds)));
  document.getElementById('jobs').replaceChildren(day.jobs.length
    ? table(['job', 'app', 'user', 'status', 'start', 'end', 'duration (s)', 'tasks', 'failed', 'success rate'],
      day.jobs.map(job => [element('a', { href: jobUrl(job), 'data-job': jobKey(job), onclick: event => openJob(event, job) }, job.job_id), job.app_id,
        job.user, job.status, job.start_time, job.end_time, job.duration_seconds, job.total_tasks, job.failed_tasks,
        percent(job.success_rate)]))
    : element('p', { class: 'empty' }, 'no jobs started on this day'));
  const pager = [];
  if (after) {
    pager.push(element('a', { href: pageUrl({ date: parameters.date }) }, 'first jobs'));
  }
  if (day.next) {
    pager.push(element('a', { href: pageUrl({ date: parameters.date, after: day.next }), id: 'next-jobs' }, 'next jobs'));
  }
  document.getElementById('jobs-pager').replaceChildren(...pager);
  markSelected();
}

function openJob(event, job) {
  event.preventDefault();
  history.pushState(null, '', jobUrl(job));
  showJob();
}

/** Highlights the row of the job the URL names. */
function markSelected() {
  const selected = new URLSearchParams(location.search);
  const key = jobKey({ job_id: selected.get('job_id'), app_id: selected.get('app_id') });
  document.querySelectorAll('#jobs a[data-job]').forEach(link => link.closest('tr').classList.toggle('selected', link.dataset.job === key));
}

function showJob() {
  const selected = new URLSearchParams(location.search);
  const wanted = { job_id: selected.get('job_id'), app_id: selected.get('app_id') };
  document.getElementById('job-card').hidden = !wanted.job_id;
  markSelected();
  if (!wanted.job_id) {
    return;
  }
  document.getElementById('job-title').textContent = wanted.app_id ? wanted.app_id + ' / ' + wanted.job_id : wanted.job_id;
  document.getElementById('job').replaceChildren();
  attempt(async () => {
    const job = await api(jobRoute(wanted));
    const ms = value => value == null ? null : Math.round(value);
    const fields = [['status', job.status], ['user', job.user], ['app', job.app_id], ['start', job.start_time],
      ['end', job.end_time], ['duration (s)', job.duration_seconds], ['tasks', job.total_tasks],
      ['successful tasks', job.successful_tasks], ['failed tasks', job.failed_tasks], ['killed tasks', job.killed_tasks],
      ['success rate', percent(job.success_rate)], ['task duration p50 (ms)', ms(job.task_duration_ms.p50)],
      ['task duration p95 (ms)', ms(job.task_duration_ms.p95)], ['task duration max (ms)', ms(job.task_duration_ms.max)]];
    document.getElementById('job').replaceChildren(...fields.flatMap(([name, value]) =>
      [element('dt', null, name), element('dd', { 'data-field': name }, value)]));
  }, document.getElementById('job-note'));
}

window.addEventListener('popstate', showJob);
connectKeyForm(() => attempt(show, note));
refreshStatus();
attempt(show, note);
showJob();
