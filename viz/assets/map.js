// govkg map page: draws the county outlines embedded in #govkg-data as SVG paths.
// Text from documents is only ever set through textContent and attributes.
(function () {
  "use strict";
  var timings = { start: performance.now() };
  var raw = JSON.parse(document.getElementById("govkg-data").textContent);
  timings.parsed = performance.now();
  var NS = "http://www.w3.org/2000/svg", K = 0.82;  // longitude shrunk by cos(35°): China's middle latitude
  var svg = document.getElementById("map-svg"), tip = document.getElementById("map-tip");
  var ui = raw.mapui, shown = raw.shown, boxes = {}, paths = {};

  function decode(rings, box) {
    var parts = [];
    for (var r = 0; r < rings.length; r++) {
      var ring = rings[r], x = 0, y = 0, s = "M";
      for (var i = 0; i < ring.length; i += 2) {
        x += ring[i]; y += ring[i + 1];
        var px = Math.round(x * K * 10) / 10, py = -y;
        if (px < box[0]) { box[0] = px; } if (py < box[1]) { box[1] = py; }
        if (px > box[2]) { box[2] = px; } if (py > box[3]) { box[3] = py; }
        s += (i ? "L" : "") + px + " " + py;
      }
      parts.push(s + "Z");
    }
    return parts.join("");
  }
  function el(name, attrs) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, k)) { e.setAttribute(k, attrs[k]); } }
    return e;
  }

  var defs = el("defs", {}), hatch = el("pattern", { id: "hatch", patternUnits: "userSpaceOnUse", width: 6, height: 6,
    patternTransform: "rotate(45)" });
  hatch.appendChild(el("rect", { width: 6, height: 6, fill: "#fff" }));
  hatch.appendChild(el("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#e15759", "stroke-width": 3 }));
  defs.appendChild(hatch);
  svg.appendChild(defs);
  var countyLayer = el("g", { id: "counties" }), provinceLayer = el("g", { id: "provinces" });
  var frag = document.createDocumentFragment(), codes = Object.keys(raw.counties).sort();
  codes.forEach(function (code) {
    var box = [Infinity, Infinity, -Infinity, -Infinity];
    var p = el("path", { d: decode(raw.counties[code][1], box), "class": "county", fill: raw.empty, "data-code": code });
    boxes[code] = box; paths[code] = p;
    frag.appendChild(p);
  });
  countyLayer.appendChild(frag);
  var whole = [Infinity, Infinity, -Infinity, -Infinity];
  Object.keys(raw.provinces).sort().forEach(function (code) {
    var box = [Infinity, Infinity, -Infinity, -Infinity];
    provinceLayer.appendChild(el("path", { d: decode(raw.provinces[code][1], box), "class": "province" }));
    boxes["p" + code] = box;
    for (var i = 0; i < 2; i++) { whole[i] = Math.min(whole[i], box[i]); whole[i + 2] = Math.max(whole[i + 2], box[i + 2]); }
  });
  svg.appendChild(countyLayer);
  svg.appendChild(provinceLayer);
  timings.paths = performance.now();

  function zoom(box) {
    var w = box[2] - box[0], h = box[3] - box[1], m = Math.max(w, h) * 0.04 + 5;
    svg.setAttribute("viewBox", [box[0] - m, box[1] - m, w + 2 * m, h + 2 * m].join(" "));
  }
  function zoomProvince(code) {
    var box = boxes["p" + code.slice(0, 2) + "0000"];
    zoom(box || whole);
  }

  var yearInput = document.getElementById("map-year"), yearValue = document.getElementById("map-year-value");
  function setYear(year) {
    Object.keys(shown).forEach(function (code) {
      var s = shown[code], p = paths[code], on = s.y === null || year === null || s.y <= year;
      p.setAttribute("fill", on ? (s.s === "p" ? "url(#hatch)" : s.c) : raw.empty);
      p.classList.toggle("adopted", on && s.s === "i");
      p.classList.toggle("planned", on && s.s === "p");
    });
    if (yearValue && year !== null) { yearValue.textContent = String(year); }
  }
  if (yearInput) {
    yearInput.addEventListener("input", function () { setYear(parseInt(yearInput.value, 10)); });
  }
  setYear(null);

  function tipText(code) {
    return shown[code] && paths[code].getAttribute("fill") !== raw.empty ? shown[code].t : raw.counties[code][0];
  }
  svg.addEventListener("mousemove", function (ev) {
    var code = ev.target.getAttribute && ev.target.getAttribute("data-code");
    if (!code) { tip.style.display = "none"; return; }
    tip.textContent = tipText(code);
    tip.style.display = "block";
    var x = ev.clientX + 14, y = ev.clientY + 14;
    if (x + tip.offsetWidth > window.innerWidth) { x = Math.max(0, ev.clientX - tip.offsetWidth - 14); }
    if (y + tip.offsetHeight > window.innerHeight) { y = Math.max(0, ev.clientY - tip.offsetHeight - 14); }
    tip.style.left = x + "px"; tip.style.top = y + "px";
  });
  svg.addEventListener("mouseleave", function () { tip.style.display = "none"; });
  svg.addEventListener("click", function (ev) {
    var code = ev.target.getAttribute && ev.target.getAttribute("data-code");
    if (code) { zoomProvince(code); }
  });
  document.getElementById("map-reset").addEventListener("click", function () { zoom(whole); });

  var search = document.getElementById("map-search"), status = document.getElementById("map-search-status");
  var list = document.getElementById("map-names"), names = {};
  codes.forEach(function (code) { (names[raw.counties[code][0]] = names[raw.counties[code][0]] || []).push(code); });
  Object.keys(names).sort().forEach(function (n) { var o = document.createElement("option"); o.value = n; list.appendChild(o); });
  function find(text) {
    codes.forEach(function (code) { paths[code].classList.remove("found"); });
    text = text.trim();
    if (!text) { status.textContent = ""; return []; }
    var found = names[text] || codes.filter(function (code) { return raw.counties[code][0].indexOf(text) >= 0; });
    found.forEach(function (code) { paths[code].classList.add("found"); countyLayer.appendChild(paths[code]); });
    status.textContent = found.length ? found.map(function (c) { return raw.counties[c][0] + " (" + c + ")"; }).join("、")
      : ui.not_found;
    if (found.length) { zoomProvince(found[0]); }
    return found;
  }
  search.addEventListener("change", function () { find(search.value); });
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { find(search.value); } });

  if (raw.focus) { zoomProvince(raw.focus); } else { zoom(whole); }
  // window.govkg: for tests, benchmarks and the curious (drawnAt: ms after navigation start).
  var govkg = { data: raw, paths: paths, zoom: zoomProvince, setYear: setYear, find: find, drawnAt: null, timings: timings };
  window.govkg = govkg;
  requestAnimationFrame(function () {
    requestAnimationFrame(function () {
      govkg.drawnAt = timings.drawn = performance.now();
      document.body.setAttribute("data-drawn", "1");
    });
  });
})();
