// govkg network page: draws the data embedded in #govkg-data with vis-network.
// Text from documents is only ever set through textContent, DataSet fields
// (drawn on a canvas) and vis tooltips given as strings (set with innerText).
(function () {
  "use strict";
  var timings = { start: performance.now() };
  var raw = JSON.parse(document.getElementById("govkg-data").textContent);
  timings.parsed = performance.now();
  var nodes = new vis.DataSet(raw.nodes);
  var edges = new vis.DataSet(raw.edges);
  timings.datasets = performance.now();
  var container = document.getElementById("network");
  var state = { lang: raw.lang, year: "all", kinds: null };
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, raw.options);
  timings.network = performance.now();
  // window.govkg: for tests, benchmarks and the curious (drawnAt: ms after navigation start).
  var govkg = { network: network, nodes: nodes, edges: edges, drawnAt: null, data: raw, timings: timings };
  window.govkg = govkg;
  network.once("afterDrawing", function () {
    govkg.drawnAt = timings.drawn = performance.now();
    document.body.setAttribute("data-drawn", "1");
  });
  network.fit({ animation: false });

  function checkedKinds() {
    var set = {};
    document.querySelectorAll("#kind-filter input[name=kind]").forEach(function (box) {
      if (box.checked) { set[box.value] = true; }
    });
    return set;
  }

  function inYear(since) {
    return state.year === "all" || since === null || since === undefined || since <= Number(state.year);
  }

  function applyFilters() {
    var kinds = checkedKinds();
    var visible = {};
    var nodeUpdates = [];
    raw.nodes.forEach(function (n) {
      var show = kinds[n.kind] === true && inYear(n.since);
      visible[n.id] = show;
      if (nodes.get(n.id).hidden !== !show) { nodeUpdates.push({ id: n.id, hidden: !show }); }
    });
    var edgeUpdates = [];
    raw.edges.forEach(function (e) {
      var show = visible[e.from] && visible[e.to] && inYear(e.since);
      if (edges.get(e.id).hidden !== !show) { edgeUpdates.push({ id: e.id, hidden: !show }); }
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    var shownNodes = raw.nodes.filter(function (n) { return visible[n.id]; }).length;
    var shownEdges = edges.get({ filter: function (e) { return !e.hidden; } }).length;
    document.getElementById("search-status").textContent =
      raw.ui.showing.replace("{nodes}", shownNodes).replace("{edges}", shownEdges);
  }

  function setLanguage(lang) {
    state.lang = lang;
    nodes.update(raw.nodes.map(function (n) {
      return { id: n.id, label: lang === "en" ? n.label_en : n.label_zh };
    }));
  }

  function search(query, focus) {
    var q = query.trim().toLowerCase();
    var status = document.getElementById("search-status");
    if (!q) { network.unselectAll(); applyFilters(); return; }
    var hits = raw.nodes.filter(function (n) {
      return !nodes.get(n.id).hidden && n.search.toLowerCase().indexOf(q) !== -1;
    }).map(function (n) { return n.id; });
    network.selectNodes(hits, false);
    status.textContent = raw.ui.matches.replace("{n}", hits.length);
    if (focus && hits.length) {
      network.focus(hits[0], { scale: 1.5, animation: false });
    }
  }

  var datalist = document.getElementById("search-names");
  var offered = {};
  raw.nodes.forEach(function (n) {
    [n.label_zh, n.label_en].forEach(function (name) {
      if (name && !offered[name]) {
        offered[name] = true;
        var option = document.createElement("option");
        option.value = name;
        datalist.appendChild(option);
      }
    });
  });
  var box = document.getElementById("search");
  box.addEventListener("input", function () { search(box.value, false); });
  box.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { search(box.value, true); } });
  document.querySelectorAll("#kind-filter input[name=kind]").forEach(function (b) {
    b.addEventListener("change", applyFilters);
  });
  var yearSelect = document.getElementById("year-filter");
  if (yearSelect) {
    yearSelect.addEventListener("change", function () { state.year = yearSelect.value; applyFilters(); });
  }
  document.getElementById("lang-toggle").addEventListener("click", function () {
    setLanguage(state.lang === "en" ? "zh" : "en");
  });
  document.getElementById("reset").addEventListener("click", function () {
    box.value = "";
    document.querySelectorAll("#kind-filter input[name=kind]").forEach(function (b) { b.checked = true; });
    if (yearSelect) { yearSelect.value = "all"; state.year = "all"; }
    network.unselectAll();
    applyFilters();
    network.fit({ animation: false });
  });
  govkg.search = search;
  govkg.applyFilters = applyFilters;
  govkg.setLanguage = setLanguage;
  applyFilters();
})();
