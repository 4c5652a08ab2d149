// Tumen dashboard: four pages over the JSON API (docs/WEB.md). Plain JS, no build step.
'use strict';

const $ = (sel) => document.querySelector(sel);
const state = {
  scenario: null,      // GET /api/scenarios/{name}
  levers: {},          // lever name -> value the user typed (only changed ones)
  result: null,        // the result shown on Results and Flows
  comparison: null,    // the result shown on Compare
  outline: null,       // the map outline (GeoJSON)
  job: null,           // the job being watched
};

// ---- talking to the server

async function api(method, path, body) {
  const res = await fetch(path, { method, headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined });
  const data = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
  if (!res.ok) {
    const problems = (data.problems || []).map((p) => `• ${p.key || ''}: ${p.message}`).join('\n');
    throw new Error(data.error + (problems ? '\n' + problems : ''));
  }
  return data;
}

function showError(e) {
  const box = $('#error');
  box.textContent = e ? String(e.message || e) : '';
  box.hidden = !e;
}

// ---- pages

function showPage(name) {
  history.replaceState(null, '', '#' + name);
  document.querySelectorAll('.tab').forEach((t) => t.classList.toggle('active', t.dataset.page === name));
  document.querySelectorAll('.page').forEach((p) => p.classList.toggle('active', p.id === 'page-' + name));
  // Charts drawn while hidden have no size; draw the page now that it shows.
  if (name === 'results' && state.result) drawResults();
  if (name === 'flows' && state.result) drawFlows();
  if (name === 'compare' && state.comparison) drawComparison();
}

// ---- Scenario page

async function loadScenarios() {
  const list = await api('GET', '/api/scenarios');
  const sel = $('#scenario-select');
  sel.innerHTML = list.map((s) => `<option value="${s.name}">${s.name}${s.error ? ' (broken)' : ''}</option>`).join('');
  if (list.length) await loadScenario(list[0].name);
  return list;
}

async function loadScenario(name) {
  state.scenario = await api('GET', '/api/scenarios/' + encodeURIComponent(name));
  state.levers = {};
  const s = state.scenario;
  $('#scenario-description').textContent = `${s.description} (${s.start} to ${s.end}; seed ${s.seed})`;
  drawLevers();
  drawTimeline();
  updateChanged();
}

function drawLevers() {
  const groups = {};
  for (const l of state.scenario.levers) (groups[l.group] ||= []).push(l);
  const filter = $('#lever-filter').value.trim().toLowerCase();
  let html = '';
  for (const [group, levers] of Object.entries(groups)) {
    const shown = levers.filter((l) => !filter || l.name.toLowerCase().includes(filter) || (l.source || '').toLowerCase().includes(filter));
    if (!shown.length) continue;
    const open = filter || ['hiding', 'arrest', 'unhcr', 'brokers'].includes(group) ? ' open' : '';
    html += `<details class="group"${open}><summary>${group} <span class="muted small">(${shown.length})</span></summary>`;
    for (const l of shown) {
      const value = l.name in state.levers ? state.levers[l.name] : l.value;
      const range = l.calibrated ? `prior ${l.priorMin}-${l.priorMax}` : l.max == null ? `≥ ${l.min}` : `${l.min}-${l.max}`;
      const src = l.source ? TumenCharts.esc(l.source) : '<i>assumption, estimated by calibration</i>';
      html += `<div class="lever${l.name in state.levers ? ' changed' : ''}" data-name="${l.name}">
        <span class="name" title="${TumenCharts.esc(l.file)}:${l.line}">${l.name}</span>
        <input type="number" step="any" data-lever="${l.name}" value="${value}" min="${l.min}" ${l.max == null ? '' : `max="${l.max}"`}>
        <span class="small">${l.unit}<br><span class="muted">${range}</span></span>
        <span class="src">${l.calibrated ? '<span class="tag cal">calibrated</span>' : ''}${src}</span></div>`;
    }
    html += '</details>';
  }
  $('#levers').innerHTML = html || '<p class="muted">No lever matches.</p>';
}

function drawTimeline() {
  const rows = state.scenario.timeline.map((e) => {
    const effect = e.parameter ? `<br><span class="muted">${e.effect} ${e.parameter} by ${e.valueRef || e.value}</span>` : '';
    return `<tr><td>${e.start}${e.end ? '<br>to ' + e.end : ''}</td><td><span class="kind">${e.kind}</span><br>${TumenCharts.esc(e.event)}${effect}</td></tr>`;
  });
  $('#timeline').innerHTML = `<table class="timeline">${rows.join('')}</table>`;
}

function onLeverInput(input) {
  const name = input.dataset.lever;
  const lever = state.scenario.levers.find((l) => l.name === name);
  const v = Number(input.value);
  const row = input.closest('.lever');
  if (input.value === '' || v === lever.value) delete state.levers[name];
  else state.levers[name] = v;
  row.classList.toggle('changed', name in state.levers);
  row.classList.toggle('invalid', input.value !== '' && !input.checkValidity());
  updateChanged();
}

function updateChanged() {
  const e = Object.entries(state.levers);
  $('#changed-levers').textContent = e.length ? 'Changed: ' + e.map(([k, v]) => `${k} = ${v}`).join(', ') : 'No lever changed.';
}

async function runFromScenario() {
  showError(null);
  let body;
  try {
    body = Experiment.scenarioRequest(); // experiment.js: the levers, from the start or from a date
  } catch (e) {
    showError(e);
    return;
  }
  await startJob(body, 'results');
}

// ---- jobs

async function startJob(body, page) {
  try {
    const job = await api('POST', '/api/jobs', body);
    state.job = { id: job.id, page };
    watchJob();
  } catch (e) {
    showError(e);
  }
}

async function watchJob() {
  const box = $('#job-status');
  if (!state.job) return;
  let j;
  try {
    j = await api('GET', '/api/jobs/' + state.job.id);
  } catch (e) {
    showError(e);
    return;
  }
  box.classList.toggle('idle', j.status !== 'running' && j.status !== 'queued');
  box.querySelector('.fill').style.width = (100 * j.progress).toFixed(1) + '%';
  box.querySelector('.job-text').textContent = `Job ${j.id} (${j.kind}, ${j.runs} run${j.runs > 1 ? 's' : ''}): ${j.status}`
    + (j.status === 'running' ? ` ${(100 * j.progress).toFixed(0)}%` : '');
  box.dataset.status = j.status;
  $('#cancel-button').hidden = !(j.status === 'running' || j.status === 'queued');
  $('#run-button').disabled = $('#compare-button').disabled = !$('#cancel-button').hidden;
  if (j.status === 'running' || j.status === 'queued') {
    setTimeout(watchJob, 400);
    return;
  }
  const page = state.job.page;
  state.job.done = true;
  if (j.status === 'failed') showError(new Error('The job failed: ' + j.error));
  if (j.status === 'done') {
    await refreshResultLists();
    if (page === 'compare') await openComparison(j.resultId);
    else await openResult(j.resultId);
    showPage(page);
  }
}

async function cancelJob() {
  if (state.job) await api('DELETE', '/api/jobs/' + state.job.id).catch(showError);
}

// ---- Results and Flows pages

async function refreshResultLists() {
  const rows = await api('GET', '/api/results');
  const label = (r) => `#${r.id} ${r.kind}: ${r.scenario}${r.members ? ` (${r.members} runs)` : r.seed != null ? ` (seed ${r.seed})` : ''}, ${r.created.replace('T', ' ').substring(0, 16)}`;
  $('#result-select').innerHTML = rows.filter((r) => r.kind !== 'compare')
    .map((r) => `<option value="${r.id}">${TumenCharts.esc(label(r))}</option>`).join('');
  $('#compare-select').innerHTML = rows.filter((r) => r.kind === 'compare')
    .map((r) => `<option value="${r.id}">${TumenCharts.esc(label(r))}</option>`).join('');
  if (state.result) $('#result-select').value = state.result.id;
  if (state.comparison) $('#compare-select').value = state.comparison.id;
}

async function openResult(id) {
  state.result = await api('GET', '/api/results/' + id);
  $('#result-select').value = id;
  $('#page-results').dataset.resultId = id;
  $('#report-link').href = `/api/results/${id}/report.html`;
  const r = state.result;
  const v = r.variants[0];
  const total = (k) => v.series[k] ? v.series[k].mean.reduce((a, b) => a + b, 0) : 0;
  $('#result-summary').textContent = `${r.kind}, ${r.runs} run${r.runs > 1 ? 's' : ''}, ${r.firstYear}-${r.lastYear}; levers: ${TumenCharts.overridesText(v)}. `
    + `Mean totals: ${TumenCharts.fmt(total('crossed'))} crossings, ${TumenCharts.fmt(total('arrived_south_korea'))} arrivals, ${TumenCharts.fmt(total('repatriated'))} repatriations.`;
  const slider = $('#year-slider');
  slider.min = r.firstYear;
  slider.max = r.lastYear;
  $('#flow-variant').innerHTML = r.variants.map((x, i) => `<option value="${i}">${TumenCharts.esc(x.label)}</option>`).join('');
  drawResults();
  drawFlows();
}

function drawResults() {
  const r = state.result;
  if (!$('#page-results').classList.contains('active')) return;
  TumenCharts.arrivals($('#chart-arrivals'), r);
  TumenCharts.hiding($('#chart-hiding'), r);
  TumenCharts.enforcement($('#chart-enforcement'), r);
  TumenCharts.sentences($('#chart-sentences'), r);
}

function drawFlows() {
  const r = state.result;
  if (!$('#page-flows').classList.contains('active') || !state.outline) return;
  const all = $('#all-years').checked;
  const year = Number($('#year-slider').value);
  $('#year-label').textContent = all ? 'all years' : year;
  const vi = Number($('#flow-variant').value || 0);
  TumenCharts.flowMap($('#flow-map'), r, state.outline, vi, all ? null : year, 'route');
  TumenCharts.flowMap($('#flow-closeup'), r, state.outline, vi, all ? null : year, 'border');
  const p = $('#sankey-period').value;
  const [from, to] = p === 'all' ? [r.firstYear, r.lastYear] : p.split('-').map(Number);
  TumenCharts.sankey($('#sankey'), r, vi, from, to);
  $('#page-flows').dataset.drawn = `${r.id}:${all ? 'all' : year}`;
}

let playing = null;
function togglePlay() {
  if (playing) {
    clearInterval(playing);
    playing = null;
    $('#play-button').textContent = '▶ Play';
    return;
  }
  $('#all-years').checked = false;
  $('#play-button').textContent = '❚❚ Pause';
  const slider = $('#year-slider');
  playing = setInterval(() => {
    slider.value = Number(slider.value) >= Number(slider.max) ? slider.min : Number(slider.value) + 1;
    drawFlows();
  }, 700);
}

// ---- Compare page

async function runComparison() {
  showError(null);
  let body;
  try {
    body = Experiment.comparisonRequest(); // experiment.js: the variants as the page shows them
  } catch (e) {
    showError(e);
    return;
  }
  await startJob(body, 'compare');
}

async function openComparison(id) {
  state.comparison = await api('GET', '/api/results/' + id);
  $('#compare-select').value = id;
  $('#page-compare').dataset.resultId = id;
  drawComparison();
}

function drawComparison() {
  const r = state.comparison;
  if (!$('#page-compare').classList.contains('active')) return;
  const p = $('#compare-period').value;
  const [from, to] = p === 'all' ? [r.firstYear, r.lastYear] : p === 'hist' ? [r.firstYear, 2011] : [2012, r.lastYear];
  TumenCharts.compareTable($('#compare-table'), r, from, to);
  TumenCharts.arrivals($('#chart-compare-arrivals'), r);
  TumenCharts.differenceChart($('#chart-compare-diff'), r, 'arrived_south_korea');
  TumenCharts.differenceChart($('#chart-compare-repatriated'), r, 'repatriated');
  TumenCharts.hiding($('#chart-compare-hiding'), r);
}

// ---- wiring

async function init() {
  document.querySelectorAll('.tab').forEach((t) => { t.onclick = () => showPage(t.dataset.page); });
  $('#scenario-select').onchange = (e) => loadScenario(e.target.value).catch(showError);
  $('#levers').addEventListener('input', (e) => { if (e.target.dataset.lever) onLeverInput(e.target); });
  $('#lever-filter').oninput = drawLevers;
  $('#reset-button').onclick = () => { state.levers = {}; drawLevers(); updateChanged(); };
  $('#run-button').onclick = runFromScenario;
  $('#cancel-button').onclick = cancelJob;
  $('#result-select').onchange = (e) => openResult(e.target.value).catch(showError);
  $('#compare-select').onchange = (e) => openComparison(e.target.value).catch(showError);
  $('#compare-period').onchange = drawComparison;
  $('#year-slider').oninput = () => { $('#all-years').checked = false; drawFlows(); };
  $('#all-years').onchange = drawFlows;
  $('#flow-variant').onchange = drawFlows;
  $('#sankey-period').onchange = drawFlows;
  $('#play-button').onclick = togglePlay;
  $('#compare-button').onclick = runComparison;
  try {
    state.outline = await (await fetch('/geo/east-asia.geojson')).json();
    await Experiment.init(await loadScenarios());
    await refreshResultLists();
    const first = $('#result-select').value;
    if (first) await openResult(first);
    const cmp = $('#compare-select').value;
    if (cmp) await openComparison(cmp);
  } catch (e) {
    showError(e);
  }
  const page = location.hash.substring(1);
  if (['scenario', 'results', 'flows', 'compare'].includes(page)) showPage(page);
  document.body.dataset.ready = 'true';
}

init();
