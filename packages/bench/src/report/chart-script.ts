/**
 * The report's inline chart code (plain browser JavaScript, no external resources): reads the embedded JSON and
 * draws SVG charts into `[data-chart]` elements. Kept as one string so the HTML stays a single self-contained file.
 */
export const CHART_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('bench-data').textContent);
  var NS = 'http://www.w3.org/2000/svg';
  var W = 640, H = 320, M = { l: 60, r: 20, t: 20, b: 50 };
  var COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
  var engines = [];
  data.summaries.forEach(function (s) { if (engines.indexOf(s.engine) < 0) engines.push(s.engine); });
  function color(engine) { return COLORS[engines.indexOf(engine) % COLORS.length]; }
  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function text(parent, x, y, s, attrs) {
    var t = el('text', Object.assign({ x: x, y: y, 'font-size': 11, fill: '#222' }, attrs || {}), parent);
    t.textContent = s;
    return t;
  }
  function svgIn(container, w, h) { return el('svg', { width: w, height: h, viewBox: '0 0 ' + w + ' ' + h }, container); }
  function scale(d0, d1, r0, r1) { var k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0); return function (v) { return r0 + (v - d0) * k; }; }
  function axes(svg, x, y, xTicks, yTicks, xLabel, yLabel, w, h) {
    el('line', { x1: M.l, y1: h - M.b, x2: w - M.r, y2: h - M.b, stroke: '#444' }, svg);
    el('line', { x1: M.l, y1: M.t, x2: M.l, y2: h - M.b, stroke: '#444' }, svg);
    // Ticks are {v, s} (s '' = tick without label; labels are d3-formatted at build time).
    xTicks.forEach(function (t) { var px = x(t.v); el('line', { x1: px, y1: h - M.b, x2: px, y2: h - M.b + (t.s ? 4 : 2), stroke: '#444' }, svg); if (t.s) text(svg, px, h - M.b + 16, t.s, { 'text-anchor': 'middle' }); });
    yTicks.forEach(function (t) { var py = y(t.v); el('line', { x1: M.l - 4, y1: py, x2: w - M.r, y2: py, stroke: '#e5e5e5' }, svg); text(svg, M.l - 6, py + 4, t.s, { 'text-anchor': 'end' }); });
    text(svg, (M.l + w - M.r) / 2, h - 10, xLabel, { 'text-anchor': 'middle', 'font-weight': 'bold' });
    text(svg, 14, (M.t + h - M.b) / 2, yLabel, { 'text-anchor': 'middle', 'font-weight': 'bold', transform: 'rotate(-90 14 ' + (M.t + h - M.b) / 2 + ')' });
  }
  // Axes come from d3-scale at build time (summary-axes.ts): {domain, ticks, labels}; labelled() pairs them for axes().
  function labelled(a) { return a.ticks.map(function (v, i) { return { v: v, s: a.labels[i] }; }); }
  function legend(container) {
    var div = document.createElement('div'); div.className = 'legend';
    engines.forEach(function (e) { var s = document.createElement('span'); s.innerHTML = '<i style="background:' + color(e) + '"></i>'; s.appendChild(document.createTextNode(e)); div.appendChild(s); });
    container.appendChild(div);
  }
  // Greedy label placement: each label goes to the first free spot (no overlap with any text, point or placed label)
  // of rings of growing radius around its point, with a leader line when it sits away from the point; a label that
  // finds no spot in the plot goes to the first free slot of the column right of the plot (the SVG grows if needed).
  function boxOf(b) { return { x: b.x, y: b.y, w: b.width, h: b.height }; }
  function hits(a, b) { return a.x < b.x + b.w + 1 && b.x < a.x + a.w + 1 && a.y < b.y + b.h + 1 && b.y < a.y + a.h + 1; }
  function free(box, taken) { for (var i = 0; i < taken.length; i++) if (hits(box, taken[i])) return false; return true; }
  function placeLabels(svg, items, bounds, column, height) {
    var taken = [];
    svg.querySelectorAll('text').forEach(function (t) { taken.push(boxOf(t.getBBox())); });
    items.forEach(function (p) { taken.push({ x: p.cx - p.r, y: p.cy - p.r, w: 2 * p.r, h: 2 * p.r }); });
    var order = items.slice().sort(function (a, b) { return a.cy - b.cy || a.cx - b.cx; });
    order.forEach(function (p) {
      var g = el('g', { 'class': 'point-label' }, svg), t = text(g, 0, 0, p.text, { 'font-size': 10 });
      // A leader line when the label sits away from its point, or when its dot touches another one (which is which);
      // such crowded labels start one ring out so that their leader line is visible.
      var crowded = items.some(function (q) { return q !== p && Math.abs(q.cx - p.cx) < q.r + p.r && Math.abs(q.cy - p.cy) < q.r + p.r; });
      var t0 = t.getBBox(), w = t0.width, h = t0.height, spot = null, near = true, first = p.r + (crowded ? 14 : 3);
      for (var r = first; r <= 90 && !spot; r += 11) {
        var d = r * 0.7, cands = [[p.cx + r, p.cy - h / 2], [p.cx - r - w, p.cy - h / 2], [p.cx + d, p.cy - d - h], [p.cx + d, p.cy + d],
          [p.cx - w / 2, p.cy - r - h], [p.cx - w / 2, p.cy + r], [p.cx - d - w, p.cy - d - h], [p.cx - d - w, p.cy + d]];
        for (var k = 0; k < cands.length; k++) {
          var b = { x: cands[k][0], y: cands[k][1], w: w, h: h };
          if (b.x >= bounds.x0 && b.x + w <= bounds.x1 && b.y >= bounds.y0 && b.y + h <= bounds.y1 && free(b, taken)) { spot = b; near = r === first; break; }
        }
      }
      if (!spot) {
        near = false;
        for (var y0 = bounds.y0; !spot; y0 += h + 2) { var c = { x: column, y: y0, w: w, h: h }; if (free(c, taken)) spot = c; }
        if (spot.y + h + 4 > height.h) { height.h = spot.y + h + 4; svg.setAttribute('height', height.h); svg.setAttribute('viewBox', '0 0 ' + svg.getAttribute('width') + ' ' + height.h); }
      }
      t.setAttribute('x', spot.x - t0.x); t.setAttribute('y', spot.y - t0.y);
      var tt = el('title', {}, g); tt.textContent = p.hover;
      taken.push(spot);
      if (!near || crowded) {
        var lx = Math.max(spot.x, Math.min(p.cx, spot.x + w)), ly = Math.max(spot.y, Math.min(p.cy, spot.y + h));
        var dx = lx - p.cx, dy = ly - p.cy, len = Math.sqrt(dx * dx + dy * dy) || 1;
        el('line', { x1: p.cx + dx / len * p.r, y1: p.cy + dy / len * p.r, x2: lx, y2: ly, stroke: '#888', 'stroke-width': 0.8, 'class': 'leader' }, svg);
      }
    });
  }
  function scatter(c) {
    var sc = data.scatter, pts = sc.points;
    if (!pts.length) { c.textContent = 'No configuration with a measured speed.'; return; }
    var LABEL_ROOM = 240, w = W + LABEL_ROOM, svg = svgIn(c, w, H);
    var l0 = Math.log10(sc.x.domain[0]), l1 = Math.log10(sc.x.domain[1]);
    var x = function (v) { return M.l + (Math.log10(v) - l0) / (l1 - l0) * (W - M.r - M.l); };
    var y = scale(sc.y.domain[0], sc.y.domain[1], H - M.b, M.t);
    axes(svg, x, y, sc.x.ticks.map(function (v, i) { return { v: v, s: sc.x.labels[i] }; }), sc.y.ticks.map(function (v, i) { return { v: v, s: sc.y.labels[i] }; }),
      'RTFx (audio s / processing s, log scale; right = faster)', 'WER', W, H);
    var items = pts.map(function (p) {
      var cx = x(p.rtfx), cy = y(p.wer), dot = el('circle', { cx: cx, cy: cy, r: 6, fill: color(p.engine), 'fill-opacity': 0.8, stroke: '#000', 'class': 'mark' }, svg);
      var tt = el('title', {}, dot); tt.textContent = p.hover;
      return { cx: cx, cy: cy, r: 6, text: p.label, hover: p.hover };
    });
    placeLabels(svg, items, { x0: M.l + 2, x1: w - 4, y0: 2, y1: H - M.b - 2 }, W + 8, { h: H });
    legend(c);
  }
  function bars(c) {
    var rows = data.summaries, bh = 22, h = M.t + M.b + rows.length * bh, w = W, left = 230;
    var svg = svgIn(c, w, h);
    var ax = data.axes.werBars, x = scale(ax.domain[0], ax.domain[1], left, w - M.r);
    labelled(ax).forEach(function (t) { var px = x(t.v); el('line', { x1: px, y1: M.t, x2: px, y2: h - M.b, stroke: '#e5e5e5' }, svg); text(svg, px, h - M.b + 16, t.s, { 'text-anchor': 'middle', 'class': 'tick' }); });
    rows.forEach(function (s, i) {
      var y0 = M.t + i * bh;
      el('rect', { x: left, y: y0 + 3, width: Math.max(1, x(s.wer) - left), height: bh - 6, fill: color(s.engine), 'fill-opacity': 0.75 }, svg);
      var lo = x(s.werCi.lower), up = x(s.werCi.upper), mid = y0 + bh / 2;
      el('line', { x1: lo, y1: mid, x2: up, y2: mid, stroke: '#000', 'stroke-width': 1.5 }, svg);
      el('line', { x1: lo, y1: mid - 5, x2: lo, y2: mid + 5, stroke: '#000' }, svg);
      el('line', { x1: up, y1: mid - 5, x2: up, y2: mid + 5, stroke: '#000' }, svg);
      text(svg, left - 6, mid + 4, s.label + (data.multiDataset ? ' [' + s.dataset + ']' : ''), { 'text-anchor': 'end', 'font-size': 10 });
    });
    text(svg, (left + w - M.r) / 2, h - 10, 'WER with 95% bootstrap CI', { 'text-anchor': 'middle', 'font-weight': 'bold' });
  }
  function sweepChart(c, group, param, metric, metricLabel, ax) {
    var values = []; group.forEach(function (s) { var v = JSON.stringify(s.params[param]); if (values.indexOf(v) < 0) values.push(v); });
    values.sort(function (a, b) { var na = Number(a), nb = Number(b); return isFinite(na) && isFinite(nb) ? na - nb : a < b ? -1 : 1; });
    var others = group[0].swept.filter(function (p) { return p !== param; });
    var lines = {};
    group.forEach(function (s) { var k = others.map(function (p) { return p + '=' + JSON.stringify(s.params[p]); }).join(' ') || 'all'; (lines[k] = lines[k] || []).push(s); });
    var w = 420, h = 260, svg = svgIn(c, w, h);
    var x = scale(0, Math.max(values.length - 1, 1), M.l + 20, w - M.r - 20), y = scale(ax.domain[0], ax.domain[1], h - M.b, M.t);
    axes(svg, x, y, values.map(function (v, i) { return { v: i, s: v }; }), labelled(ax), param, metricLabel, w, h);
    Object.keys(lines).forEach(function (k, li) {
      var pts = lines[k].slice().sort(function (a, b) { return values.indexOf(JSON.stringify(a.params[param])) - values.indexOf(JSON.stringify(b.params[param])); });
      var d = pts.map(function (s, i) { return (i ? 'L' : 'M') + x(values.indexOf(JSON.stringify(s.params[param]))) + ' ' + y(s[metric]); }).join(' ');
      var col = COLORS[li % COLORS.length];
      el('path', { d: d, fill: 'none', stroke: col, 'stroke-width': 2 }, svg);
      pts.forEach(function (s) { el('circle', { cx: x(values.indexOf(JSON.stringify(s.params[param]))), cy: y(s[metric]), r: 4, fill: col }, svg); });
      text(svg, w - M.r, M.t + 12 * (li + 1), k, { 'text-anchor': 'end', fill: col, 'font-size': 10 });
    });
  }
  function sweeps(c) {
    var groups = {};
    data.summaries.forEach(function (s) { if (s.swept.length) (groups[s.engine + ' [' + s.dataset + ']'] = groups[s.engine + ' [' + s.dataset + ']'] || []).push(s); });
    var keys = Object.keys(groups);
    if (!keys.length) { c.textContent = 'No swept parameters in these results.'; return; }
    keys.forEach(function (k) {
      var g = groups[k];
      g[0].swept.forEach(function (p) {
        var h = document.createElement('h4'); h.textContent = k + ': ' + p; c.appendChild(h);
        var row = document.createElement('div'); row.className = 'row'; c.appendChild(row);
        var ax = data.axes.sweeps[k];
        sweepChart(row, g, p, 'wer', 'WER', ax.wer); sweepChart(row, g, p, 'rtfx', 'RTFx', ax.rtfx);
      });
    });
  }
  function calibration(c) {
    var BINS = 5, svg, byEngine = {};
    data.utterances.forEach(function (u) {
      if (u.meanConfidence === null || u.error !== null || !(u.metrics.reference_words > 0)) return;
      (byEngine[u.configLabel] = byEngine[u.configLabel] || []).push([u.meanConfidence, Math.max(0, 1 - u.metrics.wer), u.engine]);
    });
    var keys = Object.keys(byEngine);
    if (!keys.length) { c.textContent = 'No engine in these results exposes confidences.'; return; }
    svg = svgIn(c, W, H);
    var x = scale(0, 1, M.l, W - M.r), y = scale(0, 1, H - M.b, M.t);
    axes(svg, x, y, labelled(data.axes.unit), labelled(data.axes.unit), 'mean token confidence (utterance)', 'word accuracy (1 - WER, floor 0)', W, H);
    el('line', { x1: x(0), y1: y(0), x2: x(1), y2: y(1), stroke: '#999', 'stroke-dasharray': '4 4' }, svg);
    keys.forEach(function (k, ki) {
      var col = COLORS[ki % COLORS.length], bins = [];
      byEngine[k].forEach(function (p) { var b = Math.min(BINS - 1, Math.floor(p[0] * BINS)); (bins[b] = bins[b] || []).push(p); el('circle', { cx: x(p[0]), cy: y(p[1]), r: 2.5, fill: col, 'fill-opacity': 0.35 }, svg); });
      var d = ''; bins.forEach(function (ps) { if (!ps) return; var mx = 0, my = 0; ps.forEach(function (p) { mx += p[0]; my += p[1]; }); d += (d ? 'L' : 'M') + x(mx / ps.length) + ' ' + y(my / ps.length); });
      el('path', { d: d, fill: 'none', stroke: col, 'stroke-width': 2 }, svg);
      text(svg, M.l + 8, M.t + 12 * (ki + 1), k, { fill: col, 'font-size': 10 });
    });
  }
  function perplexity(c) {
    (data.languageModels || []).forEach(function (lm, li) {
      var rows = data.summaries.filter(function (s) { var p = s.perplexity && s.perplexity[li]; return p && p.hypothesis.perTokenPerplexity > 0; });
      var h4 = document.createElement('h4'); h4.textContent = 'lm' + (li + 1) + ': ' + lm.name + ' (' + lm.tokenizer + ')'; c.appendChild(h4);
      if (!rows.length) { c.appendChild(document.createTextNode('No scored text.')); return; }
      var bh = 22, h = M.t + M.b + rows.length * bh, w = W, left = 230, svg = svgIn(c, w, h);
      var logs = []; rows.forEach(function (s) { var p = s.perplexity[li]; logs.push(Math.log10(p.hypothesis.perTokenPerplexity)); if (p.reference.perTokenPerplexity > 0) logs.push(Math.log10(p.reference.perTokenPerplexity)); });
      var hi = Math.max(1, Math.ceil(Math.max.apply(null, logs))), x = scale(0, hi, left, w - M.r);
      for (var t = 0; t <= hi; t++) { var px = x(t); el('line', { x1: px, y1: M.t, x2: px, y2: h - M.b, stroke: '#e5e5e5' }, svg); text(svg, px, h - M.b + 16, String(Math.pow(10, t)), { 'text-anchor': 'middle' }); }
      rows.forEach(function (s, i) {
        var p = s.perplexity[li], y0 = M.t + i * bh, mid = y0 + bh / 2;
        el('rect', { x: left, y: y0 + 3, width: Math.max(1, x(Math.log10(p.hypothesis.perTokenPerplexity)) - left), height: bh - 6, fill: color(s.engine), 'fill-opacity': 0.75 }, svg);
        if (p.reference.perTokenPerplexity > 0) { var rx = x(Math.log10(p.reference.perTokenPerplexity)); el('line', { x1: rx, y1: y0 + 1, x2: rx, y2: y0 + bh - 1, stroke: '#000', 'stroke-width': 2 }, svg); }
        text(svg, left - 6, mid + 4, s.label + (data.multiDataset ? ' [' + s.dataset + ']' : ''), { 'text-anchor': 'end', 'font-size': 10 });
      });
      text(svg, (left + w - M.r) / 2, h - 10, 'hypothesis PPL per token (bars, log scale); black tick: reference PPL', { 'text-anchor': 'middle', 'font-weight': 'bold' });
    });
  }
  var draw = { scatter: scatter, bars: bars, sweeps: sweeps, calibration: calibration, perplexity: perplexity };
  document.querySelectorAll('[data-chart]').forEach(function (c) { draw[c.getAttribute('data-chart')](c); });
  document.body.setAttribute('data-rendered', 'true');
})();
`;
