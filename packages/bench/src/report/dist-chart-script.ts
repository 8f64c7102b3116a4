/**
 * Browser code of the distribution charts and the token-confidence view (plain JavaScript, inlined in the report).
 * Axes come precomputed from d3-scale (see `chart-data.ts`); this only maps values to pixels, draws rows (one label
 * line each, long labels shortened with the full text on hover), gives every mark a hover title, and switches
 * charts that have a log axis between linear and log.
 */
export const DIST_CHART_SCRIPT = String.raw`
(function () {
  'use strict';
  var charts = JSON.parse(document.getElementById('bench-dist').textContent);
  var tokens = JSON.parse(document.getElementById('bench-tokens').textContent);
  var NS = 'http://www.w3.org/2000/svg';
  var SERIES = ['#4e79a7', '#e15759', '#59a14f', '#f28e2b', '#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#ff9da7', '#bab0ac'];
  var LEFT = 270, RIGHT = 24, TOP = 10, BOTTOM = 44, ROW = 24, WIDTH = 900;
  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function label(parent, x, y, s, attrs) { var t = el('text', Object.assign({ x: x, y: y, 'font-size': 11, fill: '#222' }, attrs || {}), parent); t.textContent = s; return t; }
  function hover(node, s) { var t = el('title', {}, node); t.textContent = s; node.setAttribute('data-hover', s); return node; }
  function short(s, n) { return s.length > n ? s.slice(0, n - 1) + '\u2026' : s; }
  function mapper(scale, log) {
    var d0 = scale.domain[0], d1 = scale.domain[1];
    if (log) { var l0 = Math.log10(d0), l1 = Math.log10(d1); return function (v) { var x = Math.log10(Math.max(v, d0)); return LEFT + (x - l0) / (l1 - l0) * (WIDTH - LEFT - RIGHT); }; }
    return function (v) { return LEFT + (v - d0) / (d1 - d0) * (WIDTH - LEFT - RIGHT); };
  }
  function frame(svg, scale, x, h, title) {
    scale.ticks.forEach(function (t, i) {
      var px = x(t);
      el('line', { x1: px, y1: TOP, x2: px, y2: h - BOTTOM, stroke: scale.labels[i] ? '#ddd' : '#f0f0f0' }, svg);
      if (scale.labels[i]) label(svg, px, h - BOTTOM + 15, scale.labels[i], { 'text-anchor': 'middle', 'class': 'tick' });
    });
    el('line', { x1: LEFT, y1: h - BOTTOM, x2: WIDTH - RIGHT, y2: h - BOTTOM, stroke: '#444' }, svg);
    label(svg, (LEFT + WIDTH - RIGHT) / 2, h - 8, title, { 'text-anchor': 'middle', 'font-weight': 'bold' });
  }
  function rowLabel(svg, y, s) { hover(label(svg, LEFT - 8, y + 4, short(s, 44), { 'text-anchor': 'end', 'class': 'row-label' }), s); }
  function drawStrip(svg, c, scale, log) {
    var h = TOP + BOTTOM + c.rows.length * ROW * 1.5, x = mapper(scale, log), rh = ROW * 1.5;
    svg.setAttribute('height', h); svg.setAttribute('viewBox', '0 0 ' + WIDTH + ' ' + h);
    frame(svg, scale, x, h, c.axis.title + (log ? ' (log scale)' : ''));
    c.rows.forEach(function (r, i) {
      var y0 = TOP + i * rh, mid = y0 + rh / 2;
      rowLabel(svg, mid, r.label);
      if (isFinite(r.q1)) hover(el('rect', { x: x(r.q1), y: mid - 7, width: Math.max(1, x(r.q3) - x(r.q1)), height: 14, fill: '#cfd8e3', stroke: '#7a8ca3' }, svg), 'quartiles ' + r.q1.toPrecision(3) + ' \u2013 ' + r.q3.toPrecision(3) + ', median ' + r.median.toPrecision(3) + ' (' + r.values.length + ' values)');
      if (isFinite(r.median)) el('line', { x1: x(r.median), y1: mid - 9, x2: x(r.median), y2: mid + 9, stroke: '#1f3a5f', 'stroke-width': 2 }, svg);
      r.values.forEach(function (v, k) {
        var jitter = ((k * 37) % 11 - 5) * 1.1;
        hover(el('circle', { cx: x(v), cy: mid + jitter, r: 2.8, fill: SERIES[i % SERIES.length], 'fill-opacity': 0.7, 'class': 'mark' }, svg), r.hover[k]);
      });
    });
  }
  function drawBars(svg, c, scale, log) {
    var n = c.stacked ? 1 : c.series.length, RH = Math.max(ROW, 8 + 7 * n), h = TOP + BOTTOM + c.rows.length * RH, x = mapper(scale, log);
    svg.setAttribute('height', h); svg.setAttribute('viewBox', '0 0 ' + WIDTH + ' ' + h);
    frame(svg, scale, x, h, c.axis.title + (log ? ' (log scale)' : ''));
    c.rows.forEach(function (r, i) {
      var y0 = TOP + i * RH, bh = (RH - 6) / n, acc = 0;
      rowLabel(svg, y0 + RH / 2, r.label);
      r.values.forEach(function (v, k) {
        if (v === null || v === 0) return;
        var x0 = c.stacked ? x(acc) : x(scale.domain[0]), x1 = c.stacked ? x(acc + v) : x(v), yy = c.stacked ? y0 + 3 : y0 + 3 + k * bh;
        hover(el('rect', { x: x0, y: yy, width: Math.max(1, x1 - x0), height: c.stacked ? RH - 6 : bh, fill: SERIES[k % SERIES.length], 'class': 'mark' }, svg), r.label + ' \u00b7 ' + r.hover[k]);
        acc += v;
      });
    });
  }
  function legend(container, series) {
    if (series.length < 2) return;
    var div = document.createElement('div'); div.className = 'legend';
    series.forEach(function (s, k) { var sp = document.createElement('span'); sp.innerHTML = '<i style="background:' + SERIES[k % SERIES.length] + '"></i>'; sp.appendChild(document.createTextNode(s)); div.appendChild(sp); });
    container.appendChild(div);
  }
  charts.forEach(function (c) {
    var box = document.querySelector('[data-dist="' + c.id + '"]');
    if (!box) return;
    if (!c.rows.length) { box.textContent = 'Nothing to show in these results.'; return; }
    var log = false, svg = el('svg', { width: WIDTH, 'class': 'dist' }, null);
    function render() {
      while (svg.firstChild) svg.removeChild(svg.firstChild);
      var scale = log && c.axis.log ? c.axis.log : c.axis.linear;
      (c.kind === 'strip' ? drawStrip : drawBars)(svg, c, scale, log && !!c.axis.log);
    }
    if (c.axis.log) {
      var lab = document.createElement('label'); lab.className = 'logswitch';
      var cb = document.createElement('input'); cb.type = 'checkbox'; cb.setAttribute('data-log', c.id);
      cb.addEventListener('change', function () { log = cb.checked; render(); });
      lab.appendChild(cb); lab.appendChild(document.createTextNode(' log scale (outliers)')); box.appendChild(lab);
    }
    legend(box, c.series || []);
    box.appendChild(svg);
    render();
  });
  var sel = document.getElementById('conf-utt'), view = document.getElementById('conf-view');
  function colour(p) { return 'hsl(' + Math.round(120 * Math.max(0, Math.min(1, p))) + ',75%,78%)'; }
  function showTokens(i) {
    var u = tokens[i]; view.innerHTML = '';
    if (!u) { view.textContent = 'No engine in these results reports per-token confidence.'; return; }
    u.tokens.forEach(function (t, k) {
      var s = document.createElement('span'); s.className = 'tok'; s.textContent = t;
      s.style.background = colour(u.confidences[k]);
      s.title = JSON.stringify(t) + ': confidence ' + u.confidences[k].toFixed(3); view.appendChild(s);
    });
  }
  tokens.forEach(function (u, i) { var o = document.createElement('option'); o.value = String(i); o.textContent = u.label; sel.appendChild(o); });
  sel.addEventListener('change', function () { showTokens(Number(sel.value)); });
  showTokens(0);
  document.body.setAttribute('data-dist-rendered', 'true');
})();
`;
