/* tipgraph explorer: the network view, drawn by the vendored Cytoscape.js at positions
 * computed from the graph by networkx (preset layout; cose took over a second here).
 * Filters (relation kind, sector, document) and the as-of slider only hide elements; the
 * layout is computed once. A tie with a date range the sources give is hidden on a day
 * outside it; undated ties are kept, and the count of them is shown. */
(function () {
  "use strict";
  var D, h, ui, cy = null, state = null;
  var KINDS = ["funding", "coordination", "information", "oversight", "membership", "training", "inferred"];
  var COLOURS = {
    funding: "#1b7837", coordination: "#2166ac", information: "#b35806", oversight: "#762a83",
    membership: "#4d4d4d", training: "#8c510a", inferred: "#c51b7d"
  };
  var SECTOR_COLOURS = {
    government: "#fdb863", international: "#92c5de", ngo: "#a6dba0", "foreign-government": "#c2a5cf",
    "interim-administration": "#f4a582", unknown: "#e0e0e0"
  };

  function elements() {
    var nodes = {}, edges = [];
    function node(id) {
      if (nodes[id]) return;
      var n = D.nodes[id];
      var sector = n && n.sector ? n.sector : id.indexOf("tipv:sector-") === 0 ? id.slice(12) : "unknown";
      nodes[id] = { position: { x: (D.positions[id] || [0, 0])[0], y: (D.positions[id] || [0, 0])[1] }, data: { id: id, label: n ? (n.alt[0] && n.alt[0].length < 14 ? n.alt[0] : n.label) : ui.label(id),
        name: ui.label(id), sector: sector, colour: SECTOR_COLOURS[sector] || SECTOR_COLOURS.unknown, actor: !!(n && n.group === "actor") } };
    }
    D.relations.forEach(function (r) {
      var pairs = [];
      if (r.directed) r.from.forEach(function (s) { r.to.forEach(function (t) { if (s !== t) pairs.push([s, t]); }); });
      else { var all = r.from.concat(r.to).sort(); for (var i = 0; i < all.length; i++) for (var j = i + 1; j < all.length; j++) if (all[i] !== all[j]) pairs.push([all[i], all[j]]); }
      var docs = r.cites.map(function (c) { return c[0].split(":")[0]; });
      pairs.forEach(function (p, k) {
        node(p[0]); node(p[1]);
        edges.push({ data: { id: r.id + "|" + r.cls + "|" + p[0] + "|" + p[1] + "|" + k, source: p[0], target: p[1], kind: r.kind, colour: COLOURS[r.kind], rel: r.id,
          label: r.label, negated: r.negated, directed: r.directed, lo: r.when ? r.when.lo : "", hi: r.when ? r.when.hi : "",
          cable: docs.indexOf("cable") >= 0, tip09: docs.indexOf("tip09") >= 0 },
          classes: r.kind + (r.negated ? " negated" : "") + (r.directed ? " directed" : "") });
      });
    });
    D.inferred.forEach(function (s) {
      if (!nodes[s.from] || !nodes[s.to]) return;
      var docs = (D.nodes[s.id] ? D.nodes[s.id].cites : []).map(function (c) { return c[0].split(":")[0]; });
      edges.push({ data: { id: s.id, source: s.from, target: s.to, kind: "inferred", colour: COLOURS.inferred, rel: s.id, label: ui.label(s.id),
        negated: false, directed: false, lo: "", hi: "", cable: docs.indexOf("cable") >= 0, tip09: docs.indexOf("tip09") >= 0 },
        classes: "inferred" });
    });
    return Object.keys(nodes).sort().map(function (k) { return nodes[k]; }).concat(edges);
  }

  function range() {
    var days = [];
    D.relations.forEach(function (r) { if (r.when) { if (r.when.lo) days.push(r.when.lo); if (r.when.hi) days.push(r.when.hi); } });
    days.sort();
    return [days[0], days[days.length - 1]];
  }
  function dayAt(i) { var d = new Date(Date.UTC(2000, 0, 1) + i * 864e5); return d.toISOString().slice(0, 10); }
  function indexOf(day) { return Math.round((Date.parse(day + "T00:00:00Z") - Date.UTC(2000, 0, 1)) / 864e5); }

  function checkboxes(name, values, names) {
    return h("fieldset", { class: "filter", "data-filter": name }, h("legend", { text: names.title }),
      values.map(function (v) {
        var id = "f-" + name + "-" + v;
        return h("label", { for: id }, h("input", { type: "checkbox", id: id, value: v, checked: true, onchange: apply }),
          names.colour && names.colour[v] ? h("span", { class: "swatch", style: "background:" + names.colour[v] }) : null, " " + (names[v] || v));
      }));
  }

  function page(data, helper, tools) {
    D = data; h = helper; ui = tools;
    var r = range();
    var sectors = {};
    Object.keys(D.nodes).forEach(function (id) { if (D.nodes[id].sector) sectors[D.nodes[id].sector] = 1; });
    var kindNames = { title: "Relation kinds", colour: COLOURS };
    KINDS.forEach(function (k) { kindNames[k] = k; });
    return [ui.heading("The network", "Actors and the ties the sources state. Click a node to open its page (from the keyboard: the list under the drawing); drag to pan, scroll or pinch to zoom."),
      h("div", { class: "net" },
        h("div", { class: "controls" },
          checkboxes("kind", KINDS, kindNames),
          checkboxes("sector", Object.keys(sectors).sort(), { title: "Sectors", colour: SECTOR_COLOURS }),
          checkboxes("doc", ["cable", "tip09"], { title: "Cited in", cable: "the 2008 cable", tip09: "the 2009 report" }),
          h("fieldset", { class: "filter" }, h("legend", { text: "As of" }),
            h("label", { for: "asof-all" }, h("input", { type: "checkbox", id: "asof-all", checked: true, onchange: apply }), " every date"),
            h("input", { type: "range", id: "asof", min: indexOf(r[0]), max: indexOf(r[1]), value: indexOf(r[1]), step: 1,
              disabled: true, "aria-label": "as-of date", oninput: apply }),
            h("output", { id: "asof-day", for: "asof", text: r[1] }))),
        h("div", { id: "cy", role: "img", "aria-label": "network drawing; the list below names the same actors" })),
      h("p", { id: "net-status", "aria-live": "polite" }),
      h("p", { class: "legend" }, KINDS.map(function (k) { return h("span", null, h("span", { class: "swatch", style: "background:" + COLOURS[k] }), " " + k + " "); }),
        " \u00b7 dashed red: stated absence (negated) \u00b7 dotted: inferred, not stated"),
      h("details", { id: "net-list" }, h("summary", { text: "The actors shown, as a list" }), h("ul", { id: "net-actors" }))];
  }

  function chosen(name) {
    return Array.prototype.filter.call(document.querySelectorAll('[data-filter="' + name + '"] input'), function (i) { return i.checked; })
      .map(function (i) { return i.value; });
  }

  function apply() {
    if (!cy) return;
    var kinds = chosen("kind"), sectors = chosen("sector"), docs = chosen("doc");
    var all = document.getElementById("asof-all").checked, slider = document.getElementById("asof");
    slider.disabled = all;
    var day = all ? "" : dayAt(+slider.value);
    document.getElementById("asof-day").textContent = all ? "every date" : day;
    var undated = 0;
    cy.batch(function () {
      cy.nodes().forEach(function (n) { n.toggleClass("hidden", sectors.indexOf(n.data("sector")) < 0); });
      cy.edges().forEach(function (e) {
        var d = e.data();
        var off = kinds.indexOf(d.kind) < 0 || !docs.some(function (x) { return d[x]; }) ||
          e.source().hasClass("hidden") || e.target().hasClass("hidden");
        if (day && !off) {
          if ((d.hi && d.hi < day) || (d.lo && d.lo > day)) off = true;
          else if (!d.lo && !d.hi) undated++;
        }
        e.toggleClass("hidden", off);
      });
      cy.nodes().forEach(function (n) {
        if (!n.hasClass("hidden") && n.connectedEdges().filter(function (e) { return !e.hasClass("hidden"); }).length === 0) n.addClass("hidden");
      });
    });
    var shown = cy.edges().filter(function (e) { return !e.hasClass("hidden"); });
    var actors = cy.nodes().filter(function (n) { return !n.hasClass("hidden"); });
    document.getElementById("net-status").textContent = "Showing " + shown.length + " ties among " + actors.length + " actors" +
      (day ? " on " + day + " (" + undated + " of them undated in the sources, kept)" : "") + ".";
    var list = document.getElementById("net-actors");
    list.textContent = "";
    actors.sort(function (a, b) { return a.data("name") < b.data("name") ? -1 : 1; }).forEach(function (n) {
      list.appendChild(h("li", null, ui.link(n.id(), n.data("name"))));
    });
    document.body.setAttribute("data-net-edges", String(shown.length));
  }

  function start() {
    var container = document.getElementById("cy");
    cy = window.cytoscape({
      container: container, elements: elements(), minZoom: 0.1, maxZoom: 4,
      style: [
        { selector: "node", style: { "background-color": "data(colour)",
          "border-width": 1, "border-color": "#555", label: "data(label)", "font-size": 9, color: "#111",
          "text-wrap": "ellipsis", "text-max-width": 90, width: 16, height: 16, "text-valign": "bottom",
          "min-zoomed-font-size": 6 } },  // no 3-px labels at the whole-network zoom: zoom in to read them
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#000" } },
        { selector: "edge", style: { width: 1.5, "curve-style": "bezier", "line-color": "data(colour)",
          "target-arrow-color": "data(colour)", opacity: 0.8 } },
        { selector: "edge.directed", style: { "target-arrow-shape": "triangle", "arrow-scale": 0.7 } },
        { selector: "edge.negated", style: { "line-style": "dashed", "line-color": "#d6001c", "target-arrow-color": "#d6001c" } },
        { selector: "edge.inferred", style: { "line-style": "dotted", width: 2.5 } },
        { selector: ".hidden", style: { display: "none" } }
      ],
      layout: { name: "preset", fit: true, padding: 20 },  // positions from networkx (explore/positions.py)
      // Colours are data fields, not function mappers: Cytoscape caches styles it can read from data.
    });
    cy.on("tap", "node", function (e) {
      var href = e.target.data("actor") ? "#actor/" + encodeURIComponent(e.target.id().replace(/^kv:/, "")) : null;
      if (href) location.hash = href;
    });
    window.tipgraphNetwork.cy = cy;
    apply();
  }

  window.tipgraphNetwork = { page: page, start: start, apply: apply, cy: null };
})();
