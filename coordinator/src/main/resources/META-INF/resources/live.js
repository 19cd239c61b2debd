// The live page: one server-sent event per second from /api/live, drawn with Chart.js.
const POINTS = 240; // two minutes of history at two snapshots a second
const fmt = n => Math.round(n).toLocaleString('en');

function lineChart(id, series) {
  return new Chart(document.getElementById(id), {
    type: 'line',
    data: { labels: [], datasets: series.map(([label, color]) => ({ label, data: [], borderColor: color,
      backgroundColor: color, borderWidth: 2, pointRadius: 0, tension: .2 })) },
    options: { animation: false, responsive: true, maintainAspectRatio: false,
      scales: { x: { ticks: { color: '#8b949e', maxTicksLimit: 8 } }, y: { beginAtZero: true, ticks: { color: '#8b949e' } } },
      plugins: { legend: { labels: { color: '#e6e6e6' } } } }
  });
}

const charts = {
  throughput: lineChart('throughput', [['produced/s', '#58a6ff'], ['consumed/s', '#3fb950']]),
  backlog: lineChart('backlog', [['lag', '#f0883e'], ['producer queue', '#a371f7'], ['consumer queues', '#db61a2']]),
  pressure: lineChart('pressure', [['paused partitions', '#f85149'], ['credits in flight (most of one producer)', '#d29922']]),
};

function push(chart, label, values) {
  chart.data.labels.push(label);
  values.forEach((v, i) => chart.data.datasets[i].data.push(v));
  if (chart.data.labels.length > POINTS) {
    chart.data.labels.shift();
    chart.data.datasets.forEach(d => d.data.shift());
  }
  chart.update('none');
}

let lastElapsed = -1;
function show(s) {
  document.getElementById('scenario').textContent = s.runId ? `${s.scenario} · ${s.runId}` : '';
  const state = document.getElementById('state');
  const failed = s.state === 'finished' && s.verdict.startsWith('FAILED');
  state.textContent = s.state;
  state.className = 'badge ' + (failed ? 'failed' : s.state);
  document.getElementById('verdict').textContent = s.verdict || '';
  for (const [id, value] of [['written', s.written], ['processed', s.processed], ['producedRate', s.producedPerSec],
                             ['consumedRate', s.consumedPerSec], ['lag', s.lag], ['paused', s.pausedPartitions]]) {
    document.getElementById(id).textContent = fmt(value);
  }
  if (s.state !== 'idle' && s.elapsedSec !== lastElapsed) {
    lastElapsed = s.elapsedSec;
    const t = s.elapsedSec.toFixed(0) + ' s';
    push(charts.throughput, t, [s.producedPerSec, s.consumedPerSec]);
    push(charts.backlog, t, [s.lag, s.producerQueue, s.consumerQueue]);
    push(charts.pressure, t, [s.pausedPartitions, s.creditsInFlight]);
  }
  // Built as elements with text, never as HTML: the page holds the API token, so nothing shown may run as code.
  document.querySelector('#processes tbody').replaceChildren(...s.processes.map(p => {
    const row = document.createElement('tr');
    for (const [value, cls] of [[p.name], [p.pid], [p.state, p.state], [p.exitCode ?? '']]) {
      const cell = row.insertCell();
      cell.textContent = value;
      if (cls) cell.className = cls;
    }
    return row;
  }));
  document.getElementById('events').replaceChildren(...s.events.map(e => {
    const item = document.createElement('li');
    item.textContent = e;
    return item;
  }));
}

// For tests and the curious: what the charts hold right now.
window.handoff = { points: () => charts.throughput.data.datasets.map(d => d.data.slice()) };

// The run so far first (a page opened mid-run shows all of it), then a snapshot a second.
fetch('/api/live/history').then(answer => answer.json()).catch(() => []).then(history => {
  history.forEach(show);
  const source = new EventSource('/api/live');
  source.onmessage = event => show(JSON.parse(event.data));
});

// The buttons change the run, so they need the API token. The coordinator prints this page's address with the
// token in its fragment (#token=...), which a browser never sends anywhere; the page keeps it for this tab only and
// sends it in a header of its own, never in a cookie (a browser attaches cookies to forged requests too).
const given = new URLSearchParams(location.hash.slice(1)).get('token');
if (given) {
  sessionStorage.setItem('handoff-token', given);
  history.replaceState(null, '', location.pathname + location.search); // out of the address bar and history
}
const token = sessionStorage.getItem('handoff-token');

document.querySelectorAll('button[data-action]').forEach(button => button.addEventListener('click', async () => {
  const answer = await fetch('/api/live/' + button.dataset.action,
    { method: 'POST', headers: token ? { 'Authorization': 'Bearer ' + token } : {} });
  const body = await answer.json();
  document.getElementById('actionResult').textContent = answer.status === 401
    ? 'the buttons need the API token: open this page at the address the coordinator printed (it ends in #token=...)'
    : body.error || ('asked: ' + button.textContent);
}));
