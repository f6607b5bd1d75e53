#include "solver/report/gantt_html.hpp"

#include "solver/report/text.hpp"

namespace makepack::report {

namespace {

constexpr const char* kStyle = R"css(
html,body{margin:0;padding:0;background:#fff;color:#222;font:13px Helvetica,Arial,sans-serif}
#bar{position:sticky;top:0;left:0;z-index:5;display:flex;gap:18px;align-items:center;padding:5px 12px;
  background:#f7f7f9;border-bottom:1px solid #ddd;font-size:12px;color:#444}
#bar label{cursor:pointer}
#chart{overflow:auto}
#chart.fit svg{width:100%;height:auto}
#tip{position:fixed;z-index:10;display:none;pointer-events:none;max-width:460px;white-space:pre-line;
  background:rgba(255,255,255,.97);border:1px solid #888;border-radius:4px;padding:6px 9px;
  font-size:12px;line-height:1.35;box-shadow:0 2px 8px rgba(0,0,0,.25)}
#tip b{font-size:13px}
svg.focus .row:not(.on),svg.focus .stk:not(.on){opacity:.22}
svg .bar:hover{stroke:#000;stroke-width:1.4}
)css";

constexpr const char* kScript = R"js(
(function () {
  'use strict';
  var svg = document.getElementById('gantt');
  var box = document.getElementById('chart');
  var tip = document.getElementById('tip');
  var fit = document.getElementById('fit');
  if (!svg) return;
  var NS = 'http://www.w3.org/2000/svg';
  var x0 = +svg.getAttribute('data-x0'), pxh = +svg.getAttribute('data-pxh');
  var horizon = +svg.getAttribute('data-horizon'), unit = +svg.getAttribute('data-unit-minutes') || 60;
  var startText = svg.getAttribute('data-start');
  var start = startText ? Date.parse(startText + ':00Z') : NaN;
  var days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  var months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  function two(n) { return (n < 10 ? '0' : '') + n; }
  function when(t) {
    if (isNaN(start)) return 't=' + Math.round(t);
    var d = new Date(start + Math.round(t) * unit * 60000);
    return days[d.getUTCDay()] + ' ' + d.getUTCDate() + ' ' + months[d.getUTCMonth()] + ' ' +
      two(d.getUTCHours()) + ':' + two(d.getUTCMinutes());
  }
  // Native <title> tooltips become data-tip, shown by the styled tooltip below.
  var titles = svg.querySelectorAll('title');
  for (var i = 0; i < titles.length; ++i) {
    var t = titles[i], parent = t.parentNode;
    if (parent === svg) continue;
    parent.setAttribute('data-tip', t.textContent);
    parent.removeChild(t);
  }
  // Time cursor.
  var cursor = document.createElementNS(NS, 'line');
  cursor.setAttribute('stroke', '#d62728');
  cursor.setAttribute('stroke-width', '1');
  cursor.setAttribute('pointer-events', 'none');
  cursor.setAttribute('y1', '52');
  cursor.setAttribute('y2', svg.getAttribute('height'));
  cursor.style.display = 'none';
  svg.appendChild(cursor);
  var focused = null;
  function focus(p) {
    if (p === focused) return;
    var on = svg.querySelectorAll('.on');
    for (var i = 0; i < on.length; ++i) on[i].classList.remove('on');
    focused = p;
    if (p === null) { svg.classList.remove('focus'); return; }
    var all = svg.querySelectorAll('[data-p="' + p + '"]');
    for (var j = 0; j < all.length; ++j) all[j].classList.add('on');
    svg.classList.add('focus');
  }
  function stockAt(el, t) {
    var steps = el.getAttribute('data-steps').split(' '), level = 0;
    for (var i = 0; i < steps.length; ++i) {
      var kv = steps[i].split(':');
      if (+kv[0] > t) break;
      level = +kv[1];
    }
    return level;
  }
  function grouped(v) { return Math.round(v).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
  var point = svg.createSVGPoint();
  svg.addEventListener('mousemove', function (e) {
    point.x = e.clientX; point.y = e.clientY;
    var p = point.matrixTransform(svg.getScreenCTM().inverse());
    var t = (p.x - x0) / pxh;
    var inside = t >= 0 && t <= horizon;
    cursor.style.display = inside ? '' : 'none';
    if (inside) { cursor.setAttribute('x1', p.x); cursor.setAttribute('x2', p.x); }
    var target = e.target.closest ? e.target.closest('[data-tip]') : null;
    var pasted = e.target.closest ? e.target.closest('.row[data-p], .stk[data-p], .key[data-p]') : null;
    focus(pasted ? pasted.getAttribute('data-p') : null);
    var text = target ? target.getAttribute('data-tip') : '';
    if (target && target.hasAttribute('data-steps') && inside)
      text += '\n' + when(t) + ': ' + grouped(stockAt(target, t)) + ' lbs in stock';
    if (!text && inside) text = when(t);
    if (!text) { tip.style.display = 'none'; return; }
    var lines = text.split('\n');
    tip.textContent = '';
    var head = document.createElement('b');
    head.textContent = lines.shift();
    tip.appendChild(head);
    if (lines.length) tip.appendChild(document.createTextNode('\n' + lines.join('\n')));
    tip.style.display = 'block';
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var x = e.clientX + 14, y = e.clientY + 14;
    if (x + w > window.innerWidth - 4) x = Math.max(4, e.clientX - w - 14);
    if (y + h > window.innerHeight - 4) y = Math.max(4, e.clientY - h - 14);
    tip.style.left = x + 'px'; tip.style.top = y + 'px';
  });
  svg.addEventListener('mouseleave', function () { tip.style.display = 'none'; cursor.style.display = 'none'; focus(null); });
  // Fit to the window width by default when that keeps the text readable.
  var natural = +svg.getAttribute('width');
  function applyFit() { box.classList.toggle('fit', fit.checked); }
  fit.checked = natural > box.clientWidth && box.clientWidth / natural >= 0.6;
  fit.addEventListener('change', applyFit);
  applyFit();
})();
)js";

}  // namespace

std::string gantt_html(const Instance& instance, const Schedule& schedule, const ObjectiveBreakdown& objective,
                       const GanttOptions& options) {
    GanttOptions svg_options = options;
    svg_options.for_html = true;
    const std::string svg = gantt_svg(instance, schedule, objective, svg_options);
    std::string html;
    html.reserve(svg.size() + 8192);
    html += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    html += "<title>" + xml_escape(gantt_title(instance, objective)) + "</title>\n";
    html += "<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
    html += "<div id=\"bar\"><label><input type=\"checkbox\" id=\"fit\"> fit to window width</label>"
            "<span>Hover a bar for details; the paste under the pointer is highlighted on every lane "
            "and in the stock lanes.</span><span>makepack report</span></div>\n";
    html += "<div id=\"chart\">\n" + svg + "</div>\n<div id=\"tip\"></div>\n";
    html += "<script>" + std::string(kScript) + "</script>\n</body>\n</html>\n";
    return html;
}

}  // namespace makepack::report
