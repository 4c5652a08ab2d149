// Experiments: the Compare page's variants (any scenario, each with levers that hold from the start or from a
// date), presets matching the shipped variants, and saving and loading an experiment as a JSON file or a link.
// An experiment is the job request itself (the body of POST /api/jobs, docs/WEB.md), so a saved file can also
// be run with curl. Uses app.js's globals ($, state, api, showError, startJob, loadScenario, ...) at call time.
'use strict';

const Experiment = (() => {
  const esc = (s) => TumenCharts.esc(s);
  const levers = {}; // scenario name -> its levers (GET /api/scenarios/{name})
  let scenarios = []; // GET /api/scenarios

  async function leversOf(name) {
    if (!levers[name]) {
      levers[name] = (await api('GET', '/api/scenarios/' + encodeURIComponent(name))).levers;
      const list = document.createElement('datalist');
      list.id = 'levers-of-' + name;
      list.innerHTML = leverNames(levers[name]).map((n) => `<option value="${esc(n)}"></option>`).join('');
      document.body.appendChild(list);
    }
    return levers[name];
  }

  /** Lever names as overrides take them, and each yearly series' own name, which a dated lever sets whole. */
  function leverNames(ls) {
    const names = new Set();
    for (const l of ls) {
      names.add(l.name);
      if (l.name.includes('@')) names.add(l.name.split('@')[0]);
    }
    return [...names];
  }

  // ---- the variants of a comparison

  function scenarioOptions(selected) {
    return scenarios.filter((s) => !s.error)
      .map((s) => `<option value="${esc(s.name)}"${s.name === selected ? ' selected' : ''}>${esc(s.name)}</option>`).join('');
  }

  /** Adds a variant card: {label, scenario, overrides, dated}. */
  function addVariant(v) {
    const n = document.querySelectorAll('.variant').length;
    if (n >= 4) return null;
    const scenario = v.scenario || (scenarios[0] && scenarios[0].name);
    const div = document.createElement('div');
    div.className = 'variant';
    div.innerHTML = `<input class="v-label" aria-label="label" value="${esc(v.label || (n === 0 ? 'baseline' : 'variant ' + String.fromCharCode(65 + n)))}">
      <div><label>scenario <select class="v-scenario">${scenarioOptions(scenario)}</select></label>
        <span class="v-description muted small"></span>
        <div class="v-levers"></div>
        <button class="small v-add-lever">+ lever</button></div>
      <button class="small v-remove" title="remove this variant">✕</button>`;
    const select = div.querySelector('.v-scenario');
    const describe = () => {
      const s = scenarios.find((x) => x.name === select.value);
      div.querySelector('.v-description').textContent = s ? s.description : '';
      leversOf(select.value).catch(showError);
      div.querySelectorAll('.l-name').forEach((i) => i.setAttribute('list', 'levers-of-' + select.value));
    };
    select.onchange = describe;
    div.querySelector('.v-add-lever').onclick = () => addLever(div, {});
    div.querySelector('.v-remove').onclick = () => { if (document.querySelectorAll('.variant').length > 2) div.remove(); };
    $('#variants').appendChild(div);
    for (const [parameter, value] of Object.entries(v.overrides || {})) addLever(div, { parameter, value });
    for (const d of v.dated || []) addLever(div, d);
    describe();
    return div;
  }

  /** One lever row: name, value, and "from" (empty: from the start of the run; a year or a date). */
  function addLever(div, l) {
    const row = document.createElement('div');
    row.className = 'v-lever';
    const scenario = div.querySelector('.v-scenario').value;
    row.innerHTML = `<input class="l-name" placeholder="lever, e.g. unhcr.access_probability" list="levers-of-${esc(scenario)}" value="${esc(l.parameter || '')}">
      = <input class="l-value" type="number" step="any" value="${l.value == null ? '' : esc(l.value)}">
      from <input class="l-from short-date" placeholder="start" title="empty: from the start of the run; or a year (2026) or a date (2026-06-01)" value="${esc(l.from || '')}">
      <button class="small l-remove" title="remove this lever">✕</button>`;
    row.querySelector('.l-remove').onclick = () => row.remove();
    div.querySelector('.v-levers').appendChild(row);
    return row;
  }

  function clearVariants() {
    $('#variants').innerHTML = '';
  }

  function readVariant(div, i) {
    const label = div.querySelector('.v-label').value.trim() || 'variant ' + String.fromCharCode(65 + i);
    const v = { label, scenario: div.querySelector('.v-scenario').value, overrides: {}, dated: [] };
    for (const row of div.querySelectorAll('.v-lever')) {
      const name = row.querySelector('.l-name').value.trim();
      const text = row.querySelector('.l-value').value.trim();
      const from = row.querySelector('.l-from').value.trim();
      if (!name && !text) continue;
      if (!name || text === '' || isNaN(Number(text))) throw new Error(`${label}: a lever needs a name and a number (got '${name}' = '${text}')`);
      if (from) v.dated.push({ parameter: name.split('@')[0], from, value: Number(text) });
      else v.overrides[name] = Number(text);
    }
    return v;
  }

  /** The Compare page as a job request. */
  function comparisonRequest() {
    const req = { kind: 'compare', runs: Number($('#compare-runs').value),
      variants: [...document.querySelectorAll('.variant')].map(readVariant) };
    if ($('#compare-seed').value) req.seed = Number($('#compare-seed').value);
    return req;
  }

  async function setComparison(req) {
    clearVariants();
    await Promise.all(req.variants.map((v) => leversOf(v.scenario).catch(() => null)));
    req.variants.forEach((v) => addVariant(v));
    $('#compare-runs').value = req.runs || 5;
    $('#compare-seed').value = req.seed == null ? '' : req.seed;
  }

  // ---- presets (applied to the last variant)

  /** Policy changes from 2026, as scenarios/korea-unhcr makes its one: history stays as it was. */
  const PRESETS = [
    { key: 'unhcr', text: 'UNHCR reviews claims from 2026', label: 'UNHCR review from 2026',
      dated: [{ parameter: 'unhcr.access_probability', from: '2026', value: 0.8 }] },
    { key: 'bribes', text: 'bribes twice as dear from 2026', label: 'bribes x2 from 2026',
      dated: [{ parameter: 'arrest.bribe_price_usd', from: '2026', value: 12000 }] },
    { key: 'lenient', text: 'China arrests half as often from 2026', label: 'arrests /2 from 2026',
      dated: [{ parameter: 'hiding.enforcement', from: '2026', value: 0.5 }] },
  ];

  function drawPresets() {
    const base = scenarios.find((s) => s.name === 'korea') || scenarios[0];
    let h = 'Presets (applied to the last variant): ';
    h += PRESETS.map((p) => `<button class="link preset" data-preset="${p.key}">${esc(p.text)}</button>`).join(' ');
    h += ' <button class="link preset" data-preset="current">the levers set on the Scenario page</button>';
    const others = scenarios.filter((s) => !s.error && base && s.name !== base.name);
    if (others.length) {
      h += '<br>Shipped scenarios: ' + others.map((s) => `<button class="link preset" data-preset="scenario:${esc(s.name)}" title="${esc(s.description)}">${esc(s.name)}</button>`).join(' ');
    }
    $('#presets').innerHTML = h;
    document.querySelectorAll('.preset').forEach((b) => { b.onclick = () => applyPreset(b.dataset.preset); });
  }

  function applyPreset(key) {
    const variants = [...document.querySelectorAll('.variant')];
    const last = variants[variants.length - 1];
    const baseScenario = variants[0].querySelector('.v-scenario').value;
    let v;
    if (key.startsWith('scenario:')) {
      const name = key.substring(9);
      v = { label: name, scenario: name };
    } else if (key === 'current') {
      const r = scenarioRequest();
      v = { label: 'my levers', scenario: r.scenario, overrides: r.overrides, dated: r.dated };
    } else {
      const p = PRESETS.find((x) => x.key === key);
      v = { label: p.label, scenario: baseScenario, dated: p.dated };
    }
    const div = addVariant(v);
    last.replaceWith(div);
  }

  // ---- the Scenario page's levers as a request

  /** A run or ensemble of the Scenario page: changed levers from the start, or all from the date given. */
  function scenarioRequest() {
    const kind = document.querySelector('input[name="run-kind"]:checked').value;
    const from = $('#levers-from').value.trim();
    const req = { kind, scenario: state.scenario.name, overrides: {}, dated: [] };
    for (const [name, value] of Object.entries(state.levers)) {
      if (!from) { req.overrides[name] = value; continue; }
      const parameter = name.split('@')[0];
      if (req.dated.some((d) => d.parameter === parameter)) {
        throw new Error(`two knots of ${parameter} changed: a lever from a date sets the whole series; change one`);
      }
      req.dated.push({ parameter, from, value });
    }
    if (kind === 'ensemble') req.runs = Number($('#runs-input').value);
    if ($('#seed-input').value) req.seed = Number($('#seed-input').value);
    return req;
  }

  async function setScenarioPage(req) {
    const dates = [...new Set((req.dated || []).map((d) => d.from))];
    if (dates.length > 1) throw new Error('this lever set has levers from different dates; the Scenario page holds one date');
    await loadScenario(req.scenario);
    $('#scenario-select').value = req.scenario;
    const ls = state.scenario.levers;
    state.levers = { ...(req.overrides || {}) };
    for (const d of req.dated || []) {
      const knots = ls.filter((l) => l.name.startsWith(d.parameter + '@'));
      state.levers[knots.length ? knots[0].name : d.parameter] = d.value;
    }
    $('#levers-from').value = dates[0] || '';
    document.querySelector(`input[name="run-kind"][value="${req.kind === 'ensemble' ? 'ensemble' : 'run'}"]`).checked = true;
    if (req.runs) $('#runs-input').value = req.runs;
    $('#seed-input').value = req.seed == null ? '' : req.seed;
    drawLevers();
    updateChanged();
  }

  // ---- files and links

  /** Checks that a text is an experiment (a job request); the server checks the rest when it runs. */
  function parse(text) {
    let req;
    try {
      req = JSON.parse(text);
    } catch (e) {
      throw new Error('not an experiment file (JSON expected): ' + e.message);
    }
    if (!req || typeof req !== 'object' || !['run', 'ensemble', 'compare'].includes(req.kind || 'run')) {
      throw new Error('not an experiment: "kind" must be run, ensemble or compare');
    }
    if (req.kind === 'compare' && (!Array.isArray(req.variants) || req.variants.length < 2)) throw new Error('a comparison needs 2 to 4 variants');
    if (req.kind !== 'compare' && !req.scenario) throw new Error('the experiment names no scenario');
    return req;
  }

  async function open(req) {
    if (req.kind === 'compare') {
      await setComparison(req);
      showPage('compare');
    } else {
      await setScenarioPage(req);
      showPage('scenario');
    }
  }

  const toBase64Url = (text) => btoa(String.fromCharCode(...new TextEncoder().encode(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const fromBase64Url = (b) => new TextDecoder().decode(Uint8Array.from(atob(b.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));

  /** The address that opens this experiment (the dashboard, with ?experiment=...). */
  function link(req) {
    const url = new URL(location.href);
    url.search = '';
    url.searchParams.set('experiment', toBase64Url(JSON.stringify(req)));
    url.hash = req.kind === 'compare' ? 'compare' : 'scenario';
    return url.toString();
  }

  function save(req) {
    const name = req.kind === 'compare' ? req.variants.map((v) => v.label).join('-vs-') : req.scenario + '-levers';
    TumenCharts.download(new Blob([JSON.stringify(req, null, 2) + '\n'], { type: 'application/json' }),
      ('tumen-experiment-' + name).toLowerCase().replace(/[^a-z0-9]+/g, '-').substring(0, 80) + '.json');
  }

  function showLink(req, box) {
    const url = link(req);
    box.hidden = false;
    box.value = url;
    box.select();
    history.replaceState(null, '', url);
    if (navigator.clipboard) navigator.clipboard.writeText(url).catch(() => {});
  }

  /** Wires the buttons; `fromUrl` opens an experiment given in the address. */
  async function init(list) {
    scenarios = list;
    drawPresets();
    const withError = (f) => async () => { showError(null); try { await f(); } catch (e) { showError(e); } };
    $('#add-variant').onclick = () => addVariant({ scenario: document.querySelector('.variant .v-scenario')?.value });
    $('#save-comparison').onclick = withError(() => save(comparisonRequest()));
    $('#link-comparison').onclick = withError(() => showLink(comparisonRequest(), $('#comparison-link')));
    $('#save-levers').onclick = withError(() => save(scenarioRequest()));
    $('#link-levers').onclick = withError(() => showLink(scenarioRequest(), $('#levers-link')));
    for (const input of document.querySelectorAll('.load-experiment')) {
      input.onchange = withError(async () => {
        const file = input.files[0];
        input.value = '';
        if (file) await open(parse(await file.text()));
      });
    }
    // The default comparison: the flagship against its shipped UNHCR variant, as the README's compare command.
    const names = list.filter((s) => !s.error).map((s) => s.name);
    const base = names.includes('korea') ? 'korea' : names[0];
    addVariant({ label: 'baseline', scenario: base });
    if (names.includes('korea-unhcr')) addVariant({ label: 'korea-unhcr', scenario: 'korea-unhcr' });
    else addVariant({ label: PRESETS[0].label, scenario: base, dated: PRESETS[0].dated });
    const given = new URLSearchParams(location.search).get('experiment');
    if (given) {
      try {
        await open(parse(fromBase64Url(given)));
      } catch (e) {
        showError(new Error('The experiment in this address cannot be opened: ' + e.message));
      }
    }
    return Boolean(given);
  }

  return { init, comparisonRequest, scenarioRequest, parse, link, open };
})();
