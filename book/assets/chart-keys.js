/* A chart's points by keyboard. When a chart (.chart-frame, focusable) has focus, the Right and
   Left arrow keys step through its points in the order of the x axis, Home and End go to the
   first and the last, Escape clears. The current point is ringed (a mark laid over the chart: the
   chart itself is not changed) and its text, the same as the mouse's tooltip, is written in a
   readout under the chart that screen readers announce (aria-live). A short hint names the keys
   while the chart has keyboard focus. The words are the page's (#tracker-words); no request
   leaves the page. */
(function () {
  "use strict";
  var CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
  var LATIN = /[A-Za-z]/;
  var words = {};

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }

  /* The chart's points, left to right (points at the same x keep the chart's own order). */
  function points(frame) {
    var found = Array.prototype.slice.call(frame.querySelectorAll("svg.marks g.role-mark.mark-symbol > path, svg.marks path[aria-roledescription='point']"));
    found = found.filter(function (p) { return fields(p).length; });
    var x = found.map(function (p) { var r = p.getBoundingClientRect(); return r.left + r.width / 2; });
    return found.map(function (p, i) { return i; })
      .sort(function (a, b) { return (x[a] - x[b]) || (a - b); })
      .map(function (i) { return found[i]; });
  }

  /* What the tooltip shows for a point: [label, value] pairs; from Vega's item when the SVG
     renderer has bound it, else from the point's aria-label (Vega writes the tooltip there). */
  function fields(point) {
    var item = point.__data__;
    var tip = item && item.tooltip;
    if (tip && typeof tip === "object") {
      return Object.keys(tip).map(function (k) { return [k, tip[k] == null ? "" : String(tip[k])]; })
        .filter(function (f) { return f[1] !== ""; });
    }
    if (typeof tip === "string" && tip) { return [["", tip]]; }
    var label = point.getAttribute("aria-label");
    return label ? [["", label]] : [];
  }

  /* A value in the other script than the page's (a Chinese quote on an English page, an English
     source title on a Chinese one) is marked with its language. */
  function valueNode(value) {
    var page = (document.documentElement.lang || "en").slice(0, 2);
    var span = document.createElement("span");
    span.textContent = value;
    if (page === "en" && CJK.test(value)) { span.lang = "zh"; }
    if (page === "zh" && !CJK.test(value) && LATIN.test(value)) { span.lang = "en"; }
    return span;
  }

  function Keys(frame) {
    this.frame = frame;
    this.current = -1;
    this.hint = document.createElement("p");
    this.hint.className = "chart-keys-hint";
    this.hint.hidden = true;
    this.hint.textContent = words.chart_keys || "";
    this.readout = document.createElement("div");
    this.readout.className = "chart-readout";
    this.readout.setAttribute("aria-live", "polite");
    this.readout.setAttribute("aria-atomic", "true");
    this.ring = document.createElement("span");
    this.ring.className = "chart-point-ring";
    this.ring.setAttribute("aria-hidden", "true");
    this.ring.hidden = true;
    frame.appendChild(this.ring);
    frame.parentNode.insertBefore(this.hint, frame.nextSibling);
    this.hint.parentNode.insertBefore(this.readout, this.hint.nextSibling);
    frame.setAttribute("aria-keyshortcuts", "ArrowRight ArrowLeft Home End Escape");
    frame.addEventListener("keydown", this.key.bind(this));
    frame.addEventListener("focus", this.focus.bind(this));
    frame.addEventListener("blur", this.blur.bind(this));
  }

  Keys.prototype.focus = function () {
    if (this.frame.matches(":focus-visible")) { this.hint.hidden = false; }
  };

  Keys.prototype.blur = function () {
    this.hint.hidden = true;
  };

  Keys.prototype.key = function (event) {
    if (event.target !== this.frame || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var list = points(this.frame);
    var last = list.length - 1;
    var at = Math.min(this.current, last);
    var next;
    switch (event.key) {
      case "ArrowRight": next = at < 0 ? 0 : Math.min(at + 1, last); break;
      case "ArrowLeft": next = at < 0 ? last : Math.max(at - 1, 0); break;
      case "Home": next = 0; break;
      case "End": next = last; break;
      case "Escape":
        if (this.current < 0) { return; }
        this.clear();
        event.preventDefault();
        return;
      default: return;
    }
    event.preventDefault();
    this.hint.hidden = false;
    if (last >= 0) { this.show(list, next); }
  };

  Keys.prototype.show = function (list, index) {
    var point = list[index];
    this.current = index;
    this.point = point;
    this.place();
    var readout = this.readout;
    readout.textContent = "";
    var count = document.createElement("strong");
    count.textContent = format(words.chart_point || "{n}/{total}", { n: index + 1, total: list.length });
    readout.appendChild(count);
    fields(point).forEach(function (f) {
      var field = document.createElement("span");
      field.className = "chart-readout-field";
      if (f[0]) {
        (words.chart_field || "{label}: {value}").split(/(\{label\}|\{value\})/).forEach(function (part) {
          if (part === "{label}") { field.appendChild(document.createTextNode(f[0])); }
          else if (part === "{value}") { field.appendChild(valueNode(f[1])); }
          else if (part) { field.appendChild(document.createTextNode(part)); }
        });
      } else {
        field.appendChild(valueNode(f[1]));
      }
      readout.appendChild(field);
    });
  };

  /* The ring is laid over the point, in the frame's own coordinates. */
  Keys.prototype.place = function () {
    if (this.current < 0 || !this.point || !this.point.isConnected) { this.ring.hidden = true; return; }
    var box = this.point.getBoundingClientRect();
    var frame = this.frame.getBoundingClientRect();
    var size = Math.max(box.width, box.height, 8) + 12;
    this.ring.style.width = size + "px";
    this.ring.style.height = size + "px";
    this.ring.style.left = (box.left - frame.left + this.frame.scrollLeft + box.width / 2 - size / 2) + "px";
    this.ring.style.top = (box.top - frame.top + this.frame.scrollTop + box.height / 2 - size / 2) + "px";
    this.ring.hidden = false;
  };

  Keys.prototype.clear = function () {
    this.current = -1;
    this.point = null;
    this.ring.hidden = true;
    this.readout.textContent = "";
  };

  document.addEventListener("DOMContentLoaded", function () {
    var block = document.getElementById("tracker-words");
    words = block ? JSON.parse(block.textContent) : {};
    var all = [];
    document.querySelectorAll(".chart-frame").forEach(function (frame) { all.push(new Keys(frame)); });
    window.addEventListener("resize", function () {
      all.forEach(function (k) {
        if (k.current < 0) { return; }
        if (k.point && k.point.isConnected) { k.place(); return; }
        var list = points(k.frame);  // the chart was drawn anew at the new width
        if (list.length) { k.show(list, Math.min(k.current, list.length - 1)); } else { k.clear(); }
      });
    });
  });
})();
