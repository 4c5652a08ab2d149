// Tumen charts: the drawings shared by the dashboard and the self-contained reports.
// Plain JS on ECharts (global `echarts`); every function takes a result as GET /api/results/{id} returns it.
'use strict';

const TumenCharts = (() => {
  const COLORS = ['#2b6cb0', '#c05621', '#2f855a', '#6b46c1', '#b83280'];
  const OBSERVED = '#111';
  const fmt = (v) => v == null || isNaN(v) ? '-' : Math.round(v).toLocaleString('en-US');
  const years = (r) => Array.from({ length: r.lastYear - r.firstYear + 1 }, (_, i) => r.firstYear + i);
  const charts = new Map(); // element -> chart, so that redraws reuse them

  function chartIn(el) {
    let c = charts.get(el);
    if (!c || c.isDisposed()) {
      c = echarts.init(el, null, { renderer: 'svg' });
      charts.set(el, c);
      new ResizeObserver(() => c.resize()).observe(el);
      exportBar(el, () => chartTitle(c), [['PNG', () => chartPng(c)], ['SVG', () => chartSvg(c)], ['CSV', () => chartCsv(c)]]);
    }
    return c;
  }

  // ---- exports: every chart as PNG or SVG, and the numbers it shows as CSV (also in the offline report)

  /** Buttons in the corner of `el`; each action returns [content (Blob), extension]. */
  function exportBar(el, name, actions) {
    const bar = document.createElement('div');
    bar.className = 'export-bar';
    for (const [label, action] of actions) {
      const b = document.createElement('button');
      b.className = 'small export';
      b.dataset.export = label.toLowerCase();
      b.textContent = label;
      b.title = 'Download as ' + label;
      b.onclick = async () => {
        const [blob, extension] = await action();
        download(blob, slug(name()) + '.' + extension);
      };
      bar.appendChild(b);
    }
    el.appendChild(bar);
  }

  function download(blob, file) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = file;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  const slug = (t) => ('tumen-' + t).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').substring(0, 80);

  function chartTitle(c) {
    const t = c.getOption().title;
    return (Array.isArray(t) ? t[0] : t)?.text || 'chart';
  }

  function chartSvg(c) {
    return [new Blob([c.renderToSVGString()], { type: 'image/svg+xml' }), 'svg'];
  }

  /** The SVG drawn on a white canvas at twice the size (no network, no library). */
  function chartPng(c) {
    const svg = c.renderToSVGString();
    const w = c.getWidth(), h = c.getHeight();
    return new Promise((resolve, reject) => {
      const img = new Image();
      img.onload = () => {
        const canvas = document.createElement('canvas');
        canvas.width = 2 * w;
        canvas.height = 2 * h;
        const g = canvas.getContext('2d');
        g.fillStyle = '#fff';
        g.fillRect(0, 0, canvas.width, canvas.height);
        g.drawImage(img, 0, 0, canvas.width, canvas.height);
        canvas.toBlob((b) => resolve([b, 'png']), 'image/png');
      };
      img.onerror = reject;
      img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);
    });
  }

  const csvCell = (v) => { const t = v == null || (typeof v === 'number' && isNaN(v)) ? '' : String(v); return /[",\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t; };
  const csvText = (rows) => rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';

  /** The numbers a chart shows: a row per year (a column per line, two per band), or its links or routes. */
  function chartRows(c) {
    const o = c.getOption();
    const sankeySeries = o.series.find((x) => x.type === 'sankey');
    if (sankeySeries) return [['from', 'to', 'people'], ...sankeySeries.links.map((l) => [l.source, l.target, l.value])];
    const routes = o.series.find((x) => x.name === 'routes');
    if (routes) {
      const out = [['from', 'to', 'mode', 'km', 'people']];
      routes.data.forEach((d) => out.push([d.route.from, d.route.to, d.route.mode, d.route.km, Math.round(d.value)]));
      return out;
    }
    const cats = (o.xAxis && o.xAxis[0] && o.xAxis[0].data) || [];
    const header = ['year'], columns = [];
    for (const x of o.series) {
      if (!x.name) continue; // the zero line
      if (x.type === 'custom') { // [category index, low, high]
        const lo = [], hi = [];
        x.data.forEach((d) => { const v = d.value || d; lo[v[0]] = v[1]; hi[v[0]] = v[2]; });
        header.push(x.name + ' low', x.name + ' high');
        columns.push(lo, hi);
      } else if (x.type === 'scatter') { // [category, value]
        const col = [];
        x.data.forEach((d) => { const v = d.value || d; col[cats.indexOf(String(v[0]))] = v[1]; });
        header.push(x.name);
        columns.push(col);
      } else {
        header.push(x.name);
        columns.push(x.data.map((d) => (d && typeof d === 'object' ? d.value : d)));
      }
    }
    return [header, ...cats.map((cat, i) => [cat, ...columns.map((col) => col[i])])];
  }

  function chartCsv(c) {
    return [new Blob([csvText(chartRows(c))], { type: 'text/csv' }), 'csv'];
  }

  /** A table element's cells as CSV (header and body rows, text as shown). */
  function tableCsv(table) {
    const rows = [...table.querySelectorAll('tr')].map((tr) => [...tr.children].map((td) => td.innerText.replace(/\s+/g, ' ').trim()));
    return [new Blob([csvText(rows)], { type: 'text/csv' }), 'csv'];
  }

  /**
   * Median line with 5-95% and 25-75% bands. Each band is one polygon from its lower to its upper bound, not a
   * stack of areas: ECharts stacks values of different signs from zero, so a negative difference's band was
   * drawn between 0 and the band's width.
   */
  function bandSeries(name, stat, color, xs, showBands) {
    const out = [];
    if (showBands) out.push(band(name + ' 5-95%', stat.p05, stat.p95, color, 0.15), band(name + ' 25-75%', stat.p25, stat.p75, color, 0.25));
    out.push({ name, type: 'line', data: stat.p50, symbol: 'none',
      lineStyle: { width: 2.5, color }, itemStyle: { color } });
    return out;
  }

  /** The area between lo[i] and hi[i] over the categories i, as one polygon (the axis extent covers both). */
  function band(name, lo, hi, color, opacity) {
    const data = lo.map((l, i) => [i, l, hi[i]]);
    return { name, type: 'custom', data, encode: { x: 0, y: [1, 2] }, silent: true, tooltip: { show: false }, z: 1,
      renderItem: (params, api) => {
        if (params.dataIndex !== 0) return null; // one polygon for the whole series, drawn with the first item
        const upper = data.map((d) => api.coord([d[0], d[2]]));
        const lower = data.map((d) => api.coord([d[0], d[1]])).reverse();
        return { type: 'polygon', shape: { points: upper.concat(lower) }, style: { fill: color, opacity } };
      } };
  }

  /** Years are categories (bars and bands share the axis). */
  function baseOption(title, subtitle, xs) {
    return {
      animation: false,
      title: { text: title, subtext: subtitle || '', left: 8, textStyle: { fontSize: 15 } },
      grid: { left: 64, right: 24, top: 64, bottom: 40 },
      tooltip: { trigger: 'axis', valueFormatter: fmt },
      legend: { top: 30, right: 10, data: [] },
      xAxis: { type: 'category', data: xs.map(String), boundaryGap: false },
      yAxis: { type: 'value', axisLabel: { formatter: (v) => Math.abs(v) >= 1000 ? (v / 1000) + 'k' : v } },
      series: [],
    };
  }

  /** Lines for one or more variants of one series, with bands when there are several runs. */
  function seriesChart(el, r, seriesName, title, subtitle, extra) {
    const xs = years(r);
    const o = baseOption(title, subtitle, xs);
    r.variants.forEach((v, i) => {
      const s = v.series[seriesName];
      if (!s) return;
      const label = r.variants.length > 1 ? v.label : 'simulated (median)';
      o.series.push(...bandSeries(label, s, COLORS[i % COLORS.length], xs, v.runs > 1));
      o.legend.data.push(label);
    });
    if (extra) extra(o, xs);
    chartIn(el).setOption(o, true);
    return o;
  }

  function arrivals(el, r) {
    return seriesChart(el, r, 'arrived_south_korea', 'Arrivals in South Korea per year',
      'simulated median, 25-75% and 5-95% of runs; black dots: observed (to 2011, the calibration record)', (o) => {
        if (!r.observed.arrivals.length) return;
        o.series.push({ name: 'observed', type: 'scatter', symbolSize: 7, itemStyle: { color: OBSERVED },
          data: r.observed.arrivals.filter((a) => a[0] >= r.firstYear && a[0] <= r.lastYear).map((a) => [String(a[0]), a[1]]) });
        o.legend.data.push('observed');
      });
  }

  function hiding(el, r) {
    return seriesChart(el, r, 'hiding_in_china', 'People hiding in China at year end',
      'simulated; black bars: published estimates (low-high)', (o) => {
        if (!r.observed.hidden.length) return;
        o.series.push({ name: 'estimates', type: 'custom', itemStyle: { color: OBSERVED },
          data: r.observed.hidden.filter((h) => h[0] >= r.firstYear && h[0] <= r.lastYear).map((h) => [h[0] - r.firstYear, h[1], h[2]]),
          encode: { x: 0, y: [1, 2] },
          renderItem: (params, api) => {
            const lo = api.coord([api.value(0), api.value(1)]), hi = api.coord([api.value(0), api.value(2)]);
            const s = { stroke: OBSERVED, lineWidth: 2.5 };
            return { type: 'group', children: [
              { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: s },
              { type: 'line', shape: { x1: lo[0] - 6, y1: lo[1], x2: lo[0] + 6, y2: lo[1] }, style: s },
              { type: 'line', shape: { x1: hi[0] - 6, y1: hi[1], x2: hi[0] + 6, y2: hi[1] }, style: s }] };
          },
          tooltip: { trigger: 'item', formatter: (p) => `${p.value[0] + r.firstYear} estimate: ${fmt(p.value[1])}-${fmt(p.value[2])}` } });
        o.legend.data.push('estimates');
      });
  }

  function enforcement(el, r) {
    const v = r.variants[0];
    const xs = years(r);
    const o = baseOption('Arrests and repatriations per year', r.variants.length > 1 ? 'first variant: ' + v.label : 'simulated median (band: 5-95% of runs for repatriations)', xs);
    const lines = [['repatriated', 'repatriated to North Korea'], ['arrested_in_china', 'arrested in China'],
      ['captured_at_border', 'captured at the border'], ['bribe_releases', 'released for a bribe']];
    lines.forEach(([key, label], i) => {
      if (!v.series[key]) return;
      o.series.push(...bandSeries(label, v.series[key], COLORS[i], xs, i === 0 && v.runs > 1));
      o.legend.data.push(label);
    });
    chartIn(el).setOption(o, true);
  }

  function sentences(el, r) {
    const v = r.variants[0];
    const xs = years(r);
    const o = baseOption('Sentences in North Korea per year', 'mean over runs, stacked', xs);
    o.xAxis.boundaryGap = true;
    o.tooltip.trigger = 'axis';
    const parts = [['sentenced_release', 'released after interrogation', '#a0aec0'],
      ['sentenced_labour_training', 'labour-training camp', '#ecc94b'], ['sentenced_kyohwaso', 'kyohwaso (prison camp)', '#dd6b20'],
      ['sentenced_kwanliso', 'kwanliso (political prison camp)', '#9b2c2c'], ['executed', 'executed', '#1a202c']];
    parts.forEach(([key, label, color]) => {
      if (!v.series[key]) return;
      o.series.push({ name: label, type: 'bar', stack: 's', data: v.series[key].mean,
        itemStyle: { color }, barCategoryGap: '10%' });
      o.legend.data.push(label);
    });
    o.legend.top = 30;
    o.grid.top = 84;
    o.legend.left = 8;
    chartIn(el).setOption(o, true);
  }

  // ---- the outcome diagram

  const NODE_LABELS = {
    crossed: 'Crossed into China', captured_at_border: 'Captured at the border', hid_in_china: 'Hid in China',
    turned_back: 'Turned back', died_crossing: 'Died crossing', arrested_in_china: 'Arrested in China',
    not_arrested: 'Never arrested', freed_after_arrest: 'Freed (bribe, UNHCR)', repatriated: 'Repatriated to NK',
    reached_south_korea: 'Reached South Korea', still_in_china: 'Still in China / on the way', went_home: 'Went home',
    died: 'Died', sentence_release: 'Released after interrogation', sentence_labour_training: 'Labour-training camp',
    sentence_kyohwaso: 'Kyohwaso', sentence_kwanliso: 'Kwanliso', executed: 'Executed',
    died_in_detention: 'Died in detention', awaiting_sentence: 'Awaiting sentence (run end)',
  };
  const NODE_COLORS = { reached_south_korea: '#2f855a', repatriated: '#c53030', executed: '#1a202c',
    sentence_kwanliso: '#9b2c2c', sentence_kyohwaso: '#dd6b20', sentence_labour_training: '#d69e2e',
    arrested_in_china: '#e53e3e', crossed: '#2b6cb0', hid_in_china: '#3182ce' };

  /** Links summed over the crossing years [from, to] (means over runs add up, so every node balances). */
  function sankeyLinks(v, r, from, to) {
    const links = [];
    for (const [name, s] of Object.entries(v.series)) {
      if (!name.startsWith('path:')) continue;
      const [source, target] = name.substring(5).split('>');
      let sum = 0;
      s.mean.forEach((x, i) => { const y = r.firstYear + i; if (y >= from && y <= to) sum += x; });
      if (sum > 0) links.push({ source, target, value: Math.round(sum) });
    }
    return links;
  }

  function sankey(el, r, variantIndex, from, to) {
    const v = r.variants[variantIndex || 0];
    const links = sankeyLinks(v, r, from, to);
    const names = new Set();
    links.forEach((l) => { names.add(l.source); names.add(l.target); });
    const crossed = links.filter((l) => l.source === 'crossed').reduce((a, l) => a + l.value, 0);
    const into = {}, out = {};
    links.forEach((l) => { out[l.source] = (out[l.source] || 0) + l.value; into[l.target] = (into[l.target] || 0) + l.value; });
    const total = (n) => Math.max(into[n] || 0, out[n] || 0);
    // Every outcome (a node nothing leaves) is labelled; a stage between is labelled when it holds at least 1 in
    // 100, so that a tiny stage's label does not sit on a large one's (its number is in the tooltip).
    const nodes = [...names].map((n) => ({ name: n, itemStyle: { color: NODE_COLORS[n] || '#718096' },
      label: { show: !out[n] || total(n) >= 0.01 * crossed } }));
    chartIn(el).setOption({
      animation: false,
      title: { text: `What became of the people who crossed in ${from}-${to}`, left: 8, textStyle: { fontSize: 15 },
        subtext: `${fmt(crossed)} crossings (${v.label}${v.runs > 1 ? ', mean of ' + v.runs + ' runs' : ''}); width = people` },
      tooltip: { trigger: 'item', formatter: (p) => p.dataType === 'edge'
        ? `${NODE_LABELS[p.data.source]} → ${NODE_LABELS[p.data.target]}: ${fmt(p.data.value)} (${(100 * p.data.value / crossed).toFixed(1)} per 100 crossings)`
        : `${NODE_LABELS[p.name]}: ${fmt(total(p.name))} (${(100 * total(p.name) / crossed).toFixed(1)} per 100)` },
      // Labels that would overlap (the smallest outcomes) are hidden; the tooltip and the CSV export have them.
      series: [{ type: 'sankey', top: 70, bottom: 36, left: 10, right: 215, nodeGap: 14, draggable: false,
        nodeAlign: 'justify', layoutIterations: 64, emphasis: { focus: 'adjacency' }, labelLayout: { hideOverlap: true },
        label: { formatter: (p) => `${NODE_LABELS[p.name] || p.name}  ${fmt(total(p.name))}`, fontSize: 12,
          textBorderColor: '#fff', textBorderWidth: 2 },
        lineStyle: { color: 'gradient', opacity: 0.35 }, data: nodes, links }],
    }, true);
  }

  // ---- the flow map

  let outlineRegistered = false;
  function registerOutline(outline) {
    if (outlineRegistered) return;
    const land = { type: 'FeatureCollection', features: outline.features.filter((f) => f.properties.layer === 'land') };
    echarts.registerMap('tumen-east-asia', land);
    outlineRegistered = true;
  }

  const KIND_COLORS = { home_region: '#c53030', crossing_point: '#dd6b20', china_border: '#d69e2e',
    china_inland: '#3182ce', mission: '#6b46c1', third_country: '#319795', destination: '#2f855a' };
  const KIND_LABELS = { home_region: 'home regions (North Korea)', crossing_point: 'river crossing points',
    china_border: 'Chinese border prefectures', china_inland: 'cities in China', mission: 'foreign missions',
    third_country: 'third countries', destination: 'South Korea' };
  /** Kinds of place drawn (and labelled) in the close-up of the border rather than on the route map. */
  const BORDER_KINDS = new Set(['home_region', 'crossing_point', 'china_border']);

  /** [[west, north], [east, south]] around the places, with a margin in degrees. */
  function frameOf(places, margin) {
    const lon = places.map((p) => p.lon), lat = places.map((p) => p.lat);
    return [[Math.min(...lon) - margin, Math.max(...lat) + margin], [Math.max(...lon) + margin, Math.min(...lat) - margin]];
  }

  /**
   * Places and routes on the outline; route widths show people moving along them in `year` (or all years
   * when year is null) for the variant; circles at border prefectures show crossings into them. `view` is
   * 'route' (every place, framed from Mongolia to Thailand; the border places unlabelled, their area boxed) or
   * 'border' (a close-up of the Tumen and Yalu: the border places and the routes between them, labelled).
   */
  function flowMap(el, r, outline, variantIndex, year, view) {
    registerOutline(outline);
    const m = r.map;
    if (!m) { el.textContent = 'The scenario of this result is not available to draw its map.'; return; }
    const closeUp = view === 'border';
    const v = r.variants[variantIndex || 0];
    const at = new Map(m.places.map((p) => [p.name, [p.lon, p.lat]]));
    const borderPlaces = m.places.filter((p) => BORDER_KINDS.has(p.kind));
    const borderFrame = frameOf(borderPlaces.length ? borderPlaces : m.places, 0.6);
    const inside = (p) => p.lon >= borderFrame[0][0] && p.lon <= borderFrame[1][0] && p.lat <= borderFrame[0][1] && p.lat >= borderFrame[1][1];
    const places = closeUp ? m.places.filter(inside) : m.places;
    const shown = new Set(places.map((p) => p.name));
    const yi = year == null ? null : year - r.firstYear;
    const pick = (s) => yi == null ? s.mean.reduce((a, b) => a + b, 0) : s.mean[yi] || 0;
    // Volume per undirected route: both directions added; the tooltip tells them apart.
    const volume = new Map();
    for (const [name, s] of Object.entries(v.series)) {
      if (!name.startsWith('route:')) continue;
      const [a, b] = name.substring(6).split('>');
      const key = [a, b].sort().join('|');
      const e = volume.get(key) || { total: 0, dirs: {} };
      const x = pick(s);
      e.total += x;
      e.dirs[`${a} → ${b}`] = x;
      volume.set(key, e);
    }
    const max = Math.max(1, ...[...volume.values()].map((e) => e.total));
    const routeData = m.routes.filter((rt) => shown.has(rt.from) && shown.has(rt.to)).map((rt) => {
      const e = volume.get([rt.from, rt.to].sort().join('|')) || { total: 0, dirs: {} };
      const w = e.total > 0 ? 1.5 + 12 * Math.sqrt(e.total / max) : 0.8;
      return { coords: [at.get(rt.from), at.get(rt.to)], value: e.total, dirs: e.dirs, route: rt,
        lineStyle: { width: w, color: e.total > 0 ? '#c05621' : '#a0aec0', opacity: e.total > 0 ? 0.8 : 0.5,
          type: rt.mode === 'flight' ? 'dashed' : 'solid' } };
    });
    const crossings = {};
    for (const [name, s] of Object.entries(v.series)) if (name.startsWith('cross:')) crossings[name.substring(6)] = pick(s);
    const maxCross = Math.max(1, ...Object.values(crossings));
    // Places at (almost) the same spot share one label, e.g. "changbai · hyesan · ryanggang" on the Yalu.
    const labelOf = new Map();
    places.forEach((p, i) => {
      const first = places.slice(0, i).find((q) => Math.abs(q.lon - p.lon) < 0.08 && Math.abs(q.lat - p.lat) < 0.08);
      const key = first ? first.name : p.name;
      labelOf.set(key, (labelOf.has(key) ? labelOf.get(key) + ' · ' : '') + p.name.replace(/_/g, ' '));
      if (first) labelOf.set(p.name, '');
    });
    const placeName = (p) => p.name.replace(/_/g, ' ');
    // One series per kind of place, so that the legend says what the colours mean.
    const kinds = Object.keys(KIND_COLORS).filter((k) => places.some((p) => p.kind === k));
    const placeSeries = kinds.map((kind) => ({
      name: KIND_LABELS[kind], type: 'scatter', coordinateSystem: 'geo', zlevel: 2,
      itemStyle: { color: KIND_COLORS[kind], borderColor: '#fff', borderWidth: 1 },
      data: places.filter((p) => p.kind === kind).map((p) => ({ name: p.name, value: [p.lon, p.lat, crossings[p.name] || 0], kind: p.kind,
        symbolSize: 7 + (crossings[p.name] ? 18 * Math.sqrt(crossings[p.name] / maxCross) : 0),
        label: { show: (closeUp || !BORDER_KINDS.has(kind)) && labelOf.get(p.name) !== '' } })),
      label: { position: 'right', formatter: (x) => labelOf.get(x.data.name), fontSize: closeUp ? 12 : 11, color: '#1a202c',
        textBorderColor: '#fff', textBorderWidth: 2.5 },
      labelLayout: { hideOverlap: true },
      tooltip: { formatter: (x) => `${esc(placeName(x.data))} (${esc(KIND_LABELS[x.data.kind])})` + (x.value[2] ? `<br>crossings into it: ${fmt(x.value[2])}` : '') },
    }));
    const borders = outline.features.filter((f) => f.properties.layer === 'border')
      .map((f) => ({ coords: f.geometry.coordinates, name: f.properties.name }));
    const labels = outline.features.filter((f) => f.properties.layer === 'label')
      .map((f) => ({ name: f.properties.name, value: f.geometry.coordinates }));
    const [[w, n], [e, sth]] = borderFrame;
    const box = closeUp ? [] : [{ coords: [[w, n], [e, n], [e, sth], [w, sth], [w, n]] }];
    chartIn(el).setOption({
      animation: false,
      backgroundColor: '#dfeaf3',
      title: { text: closeUp ? `The border: crossings and first moves, ${year == null ? 'all years' : year}`
        : `People moving along the routes, ${year == null ? 'all years' : year}`, left: 8, textStyle: { fontSize: 15 },
        subtext: `${v.label}; width ∝ √people (mean over ${v.runs} run${v.runs > 1 ? 's' : ''}); dashed: flights; circles: crossings into China`
          + (closeUp ? '' : '; box: the border close-up') },
      tooltip: { trigger: 'item' },
      legend: { show: !closeUp, orient: 'vertical', right: 10, bottom: 34, backgroundColor: 'rgba(255,255,255,0.85)', padding: 6,
        itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 }, data: kinds.map((k) => KIND_LABELS[k]) },
      geo: { map: 'tumen-east-asia', roam: true, boundingCoords: closeUp ? borderFrame : frameOf(m.places, 2.5),
        top: 62, bottom: 30, left: 10, right: 10, aspectScale: 0.8,
        itemStyle: { areaColor: '#f7f5ef', borderColor: '#8a8f98', borderWidth: 0.8 }, emphasis: { disabled: true },
        tooltip: { show: false }, silent: true },
      series: [
        { type: 'lines', coordinateSystem: 'geo', polyline: true, data: borders, silent: true,
          lineStyle: { color: '#9a8f86', width: 1, type: [4, 3], opacity: 0.9 }, tooltip: { show: false } },
        { type: 'scatter', coordinateSystem: 'geo', data: closeUp ? [] : labels, symbolSize: 0, silent: true,
          label: { show: true, formatter: '{b}', color: '#8a8f98', fontSize: 11, fontWeight: 'bold' }, tooltip: { show: false } },
        { type: 'lines', coordinateSystem: 'geo', polyline: true, data: box, silent: true,
          lineStyle: { color: '#4a5568', width: 1, type: 'dotted' }, tooltip: { show: false } },
        { name: 'routes', type: 'lines', coordinateSystem: 'geo', data: routeData, zlevel: 1,
          tooltip: { formatter: (p) => `${esc(p.data.route.from)} — ${esc(p.data.route.to)} (${esc(p.data.route.mode)}, ${fmt(p.data.route.km)} km)<br>`
            + (Object.keys(p.data.dirs).length ? Object.entries(p.data.dirs).map(([k, x]) => `${esc(k)}: ${fmt(x)}`).join('<br>') : 'no one') } },
        ...placeSeries,
      ],
    }, true);
  }

  // ---- comparison

  const HEADLINE_LABELS = { arrived_south_korea: 'arrivals in South Korea', hiding_in_china: 'hiding in China (year-end, summed)',
    repatriated: 'repatriations', arrested_in_china: 'arrests in China', bribe_releases: 'releases for a bribe',
    sentenced_kyohwaso: 'kyohwaso sentences', sentenced_kwanliso: 'kwanliso sentences', executed: 'executions',
    died: 'deaths', crossed: 'crossings' };

  /** A table of totals per variant and the paired difference from the first, with its 90% interval. */
  function compareTable(el, r, from, to) {
    if (from > r.lastYear || to < r.firstYear) { from = r.firstYear; to = r.lastYear; }
    from = Math.max(from, r.firstYear); to = Math.min(to, r.lastYear);
    const i0 = Math.max(0, from - r.firstYear), i1 = Math.min(r.lastYear, to) - r.firstYear;
    const sum = (a) => a.slice(i0, i1 + 1).reduce((x, y) => x + y, 0);
    let h = `<table class="compare"><thead><tr><th>total ${from}-${to}</th>`;
    r.variants.forEach((v) => { h += `<th>${esc(v.label)}</th>`; });
    r.variants.slice(1).forEach((v) => { h += `<th>${esc(v.label)} − ${esc(r.variants[0].label)}<br><small>mean [90% of paired runs]</small></th>`; });
    h += '</tr></thead><tbody>';
    for (const key of Object.keys(r.differences)) {
      if (key === 'hiding_in_china') continue;
      h += `<tr><td>${HEADLINE_LABELS[key] || key}</td>`;
      r.variants.forEach((v) => { h += `<td class="num">${fmt(sum(v.series[key] ? v.series[key].mean : []))}</td>`; });
      r.differences[key].forEach((d) => {
        const lo = sum(d.p05), hi = sum(d.p95), m = sum(d.mean);
        const sure = lo > 0 || hi < 0;
        h += `<td class="num ${sure ? (m > 0 ? 'up' : 'down') : ''}">${m > 0 ? '+' : ''}${fmt(m)} <small>[${fmt(lo)}, ${fmt(hi)}]</small></td>`;
      });
      h += '</tr>';
    }
    h += '</tbody></table><p class="muted">Intervals of totals are the sums of the yearly 5% and 95% differences (a conservative range). '
      + 'Runs share seeds across variants, so differences are paired run by run.</p>';
    el.innerHTML = h;
    el.classList.add('exportable');
    exportBar(el, () => `comparison totals ${from}-${to}`, [['CSV', () => tableCsv(el.querySelector('table'))]]);
  }

  function differenceChart(el, r, key) {
    const xs = years(r);
    const o = baseOption(`Difference in ${HEADLINE_LABELS[key] || key} from ${r.variants[0].label}`,
      'median of paired run differences, bands 25-75% and 5-95%', xs);
    (r.differences[key] || []).forEach((d, i) => {
      const label = r.variants[i + 1].label;
      o.series.push(...bandSeries(label, d, COLORS[(i + 1) % COLORS.length], xs, r.variants[i + 1].runs > 1));
      o.legend.data.push(label);
    });
    o.series.push({ type: 'line', data: xs.map(() => 0), symbol: 'none', silent: true,
      lineStyle: { color: '#4a5568', width: 1, type: 'dashed' }, tooltip: { show: false } });
    chartIn(el).setOption(o, true);
  }

  function esc(s) {
    return String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  }

  function overridesText(v) {
    const e = Object.entries(v.overrides || {}).map(([k, x]) => `${k} = ${x}`)
      .concat((v.dated || []).map((d) => `${d.parameter} = ${d.value} from ${d.from}`));
    return e.length ? e.join(', ') : 'the scenario as published';
  }

  // ---- the report: every chart of a result on one page

  function renderReport(root, r, outline) {
    const add = (html, cls) => { const d = document.createElement('div'); d.className = cls || ''; d.innerHTML = html; root.appendChild(d); return d; };
    const chart = (cls) => add('', 'chart ' + (cls || ''));
    let intro = `<h2>What was run</h2><ul>`;
    r.variants.forEach((v) => { intro += `<li><b>${esc(v.label)}</b> (${esc(v.scenario)}): ${v.runs} run${v.runs > 1 ? 's' : ''}, seeds ${v.seeds[0]}${v.runs > 1 ? '-' + v.seeds[v.seeds.length - 1] : ''}; levers: ${esc(overridesText(v))}</li>`; });
    intro += '</ul>';
    add(intro, 'card');
    add('<h2>Results</h2>');
    arrivals(chart(), r);
    hiding(chart(), r);
    enforcement(chart(), r);
    sentences(chart(), r);
    if (r.variants.length > 1) {
      add('<h2>Comparison</h2>');
      compareTable(add('', 'card'), r, r.firstYear, r.lastYear);
      compareTable(add('', 'card'), r, 2012, r.lastYear);
      differenceChart(chart(), r, 'arrived_south_korea');
      differenceChart(chart(), r, 'repatriated');
    }
    add('<h2>Flows</h2>');
    flowMap(chart('map'), r, outline, 0, null, 'route');
    flowMap(chart('map-closeup'), r, outline, 0, null, 'border');
    sankey(chart('sankey'), r, 0, r.firstYear, r.lastYear);
    add('<p class="muted">Map outline: hand-simplified by the Tumen project (CC0), approximate; places from the scenario\'s places.csv.</p>');
  }

  return { arrivals, hiding, enforcement, sentences, sankey, flowMap, compareTable, differenceChart, renderReport,
    fmt, esc, overridesText, download, chartRows, NODE_LABELS, HEADLINE_LABELS };
})();
