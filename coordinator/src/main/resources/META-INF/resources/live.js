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
  locks: lineChart('locks', [['lock waits/s (left)', '#58a6ff'], ['deadlocks broken/s (right)', '#f85149'],
    ['tryLock timeouts/s (right)', '#d29922']]),
};
// Waits run to thousands a second, deadlocks to a few: the rare ones get an axis of their own.
charts.locks.data.datasets.slice(1).forEach(d => d.yAxisID = 'rare');
charts.locks.options.scales.rare = { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false },
  ticks: { color: '#8b949e', precision: 0 } };
charts.locks.update('none');

const STATES = ['running', 'sleeping', 'waiting', 'parked', 'monitor'];
const perSec = (n, w) => w > 0 ? n / w : 0;
const el = (tag, text, cls) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
};

// One card per service process: its threads by role and state, then what its locks and semaphore did.
function concurrencyCard(p) {
  const card = el('div', undefined, 'card');
  card.dataset.process = p.name;
  card.append(el('h3', `${p.name}${p.lockMode ? ' · ' + p.lockMode + ' locks' : ''} · ${p.platform} platform / ${p.virtual} virtual threads`));
  const table = el('table');
  const head = table.createTHead().insertRow();
  ['role', ...STATES].forEach(h => head.append(el('th', h)));
  const rows = new Map();
  for (const t of p.threads) {
    const key = t.role + (t.virtual ? ' (virtual)' : '');
    if (!rows.has(key)) rows.set(key, {});
    rows.get(key)[t.state] = (rows.get(key)[t.state] || 0) + t.count;
  }
  const body = table.createTBody();
  for (const [role, states] of [...rows.entries()].sort()) {
    const row = body.insertRow();
    row.append(el('td', role));
    STATES.forEach(s => row.append(el('td', states[s] ? String(states[s]) : '', states[s] && s === 'monitor' ? 'blocked' : '')));
  }
  card.append(table);
  const w = p.windowSec;
  if (p.lockMode) {
    card.append(el('p', `locks in the last ${w.toFixed(1)} s: ${fmt(p.lockWaits)} waits (mean ${p.lockWaitMsMean.toFixed(3)} ms), ` +
      `held ${p.lockHoldMsMean.toFixed(3)} ms each, deadlocks broken ${p.deadlocksBroken}, tryLock timeouts ${p.tryLockTimeouts}`, 'locks'));
  }
  if (p.auditPermits !== null && p.auditPermits !== undefined) {
    card.append(el('p', `audit semaphore: ${p.auditInUse} of ${p.auditPermits} permits in use, ${p.auditWaiters} waiting; ` +
      `${fmt(p.auditWaits)} acquired in the window (mean wait ${p.auditWaitMsMean.toFixed(3)} ms)`, 'audit'));
  }
  card.append(el('p', `${p.role === 'consumer' ? 'worker queue' : 'generator queue'} ${fmt(p.workerQueue ?? 0)}, ` +
    `${p.role === 'consumer' ? 'in flight' : 'unacknowledged'} ${fmt(p.inFlight ?? 0)}; this sample took ${p.sampleMicros.toFixed(0)} µs of CPU`, 'muted'));
  return card;
}

let lastSnapshot = null;

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
    const consumers = (s.concurrency || []).filter(p => p.lockMode);
    const sum = f => consumers.reduce((a, p) => a + perSec(f(p), p.windowSec), 0);
    push(charts.locks, t, [sum(p => p.lockWaits), sum(p => p.deadlocksBroken), sum(p => p.tryLockTimeouts)]);
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
  lastSnapshot = s;
  const view = s.concurrency || [];
  document.getElementById('concurrency').replaceChildren(...view.map(concurrencyCard));
  if (view.length) {
    const micros = view.reduce((a, p) => a + p.sampleMicros, 0) / view.length;
    document.getElementById('observing').textContent = `· observing costs ${micros.toFixed(0)} µs of CPU per process ` +
      `per second (${(micros / 1e4).toFixed(3)}% of a core), sampled at 1 Hz`;
  }
  document.getElementById('events').replaceChildren(...s.events.map(e => {
    const item = document.createElement('li');
    item.textContent = e;
    return item;
  }));
}

// For tests and the curious: what the charts hold right now.
window.handoff = { points: () => charts.throughput.data.datasets.map(d => d.data.slice()),
  concurrency: () => (lastSnapshot && lastSnapshot.concurrency) || [],
  lockPoints: () => charts.locks.data.datasets.map(d => d.data.slice()) };

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
