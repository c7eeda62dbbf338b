import { call } from './api.js';
import { openDialog } from './dialog.js';
import { h, loadScript } from './dom.js';

// A project's statistics as charts (Chart.js, shipped in this bundle): progress, the labels given, each annotator's
// completions and skips, their agreement with ground truth, the reviews they got, and completions per day.
const GREEN = '#2e9e5b';
const RED = '#c62828';
const BLUE = '#2f6fde';
const GREY = '#bcccdc';

function chart(Chart, title, testid, config) {
  const canvas = h('canvas', { role: 'img', 'aria-label': title });
  const figure = h('figure', { class: 'chart', 'data-testid': testid }, h('figcaption', {}, title),
    h('div', { class: 'chart-box' }, canvas));
  return { figure, draw: () => new Chart(canvas, { ...config, options: { maintainAspectRatio: false, animation: false,
    plugins: { legend: { display: config.data.datasets.length > 1 || config.type === 'doughnut' } },
    ...config.options } }) };
}

export async function openStatistics(projectId, names) {
  const [, stats, accuracy] = await Promise.all([loadScript('/static/vendor/chart.js/chart.umd.min.js'),
    call('GET', `projects/${projectId}/stats`), call('GET', `projects/${projectId}/annotators`)]);
  const { Chart } = window;
  const people = accuracy.annotators;
  const bar = (labels, datasets, options = {}) => ({ type: 'bar', data: { labels, datasets }, options });
  const charts = [
    chart(Chart, `Progress: ${stats.done} of ${stats.tasks} tasks done`, 'chart-progress', {
      type: 'doughnut',
      data: { labels: ['Done', 'To do'], datasets: [{ data: [stats.done, Math.max(0, stats.tasks - stats.done)],
        backgroundColor: [GREEN, GREY] }] },
    }),
    chart(Chart, 'Labels given', 'chart-labels', bar(stats.labels.map((l) => `${l.label} (${l.control})`),
      [{ label: 'Completions', data: stats.labels.map((l) => l.completions), backgroundColor: BLUE }],
      { indexAxis: 'y' })),
    chart(Chart, 'Completions per annotator', 'chart-annotators', bar(people.map((a) => names(a.user)), [
      { label: 'Completions', data: people.map((a) => a.completions), backgroundColor: BLUE },
      { label: 'Skipped', data: people.map((a) => a.skipped), backgroundColor: GREY }])),
    chart(Chart, 'Agreement with ground truth', 'chart-agreement', bar(people.map((a) => names(a.user)), [
      { label: 'Agreement', data: people.map((a) => (a.agreement == null ? null : Math.round(a.agreement * 100))),
        backgroundColor: GREEN }], { scales: { y: { min: 0, max: 100, title: { display: true, text: '%' } } } })),
    chart(Chart, 'Reviews of their completions', 'chart-reviews', bar(people.map((a) => names(a.user)), [
      { label: '▲ accepted', data: people.map((a) => a.reviews_up), backgroundColor: GREEN },
      { label: '▼ rejected', data: people.map((a) => a.reviews_down), backgroundColor: RED }],
    { scales: { x: { stacked: true }, y: { stacked: true } } })),
    chart(Chart, 'Completions per day', 'chart-days', { type: 'line',
      data: { labels: stats.days.map((d) => d.day), datasets: [{ label: 'Completions',
        data: stats.days.map((d) => d.completions), borderColor: BLUE, backgroundColor: BLUE }] } }),
  ];
  openDialog('Statistics', h('div', { class: 'stats' },
    h('p', { 'data-testid': 'stats-summary' }, `${stats.tasks} tasks, ${stats.done} done, ${stats.completions} `
      + `completions, ${stats.skipped} skipped, ${stats.predictions} predictions, ▲ ${stats.reviews_up} `
      + `▼ ${stats.reviews_down}, ${stats.ground_truth} ground truth`),
    h('div', { class: 'charts' }, charts.map((c) => c.figure))), { testid: 'stats-dialog' });
  charts.forEach((c) => c.draw());
}
