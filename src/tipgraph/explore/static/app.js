/* tipgraph explorer: routes by URL fragment over the JSON the graph was serialised into.
 * Every text from the data goes in through textContent (the h() helper), never as HTML.
 * Routes: #search/<text>, #actor/<local>, #fact/<local>, #passage/<cable|tip09>/<n>,
 * #network, #disagreements, #whatif[/<key>], and the empty fragment (home). */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("tipgraph-data").textContent);
  var main = document.getElementById("main");
  var KIND_NAMES = {
    funding: "Funding", coordination: "Coordination", information: "Information flows",
    oversight: "Oversight", membership: "Membership and structure", training: "Training",
    inferred: "Inferred (not stated)"
  };
  var GROUP_NAMES = {
    actor: "Actors", relation: "Relations", figure: "Figures", event: "Events",
    problem: "Problems", recommendation: "Recommendations", plan: "Plans", law: "Laws",
    place: "Places", inferred: "Inferred statements", note: "Curation notes", other: "Other"
  };
  var DOCS = { cable: "US Office Pristina cable, March 2008", tip09: "TIP report 2009, Kosovo chapter" };

  /* --- small helpers ------------------------------------------------------------------ */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    for (var k in attrs || {}) {
      if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) continue;
      if (k === "text") el.textContent = attrs[k];
      else if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), attrs[k]);
      else el.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    }
    for (var i = 2; i < arguments.length; i++) add(el, arguments[i]);
    return el;
  }
  function add(el, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) child.forEach(function (c) { add(el, c); });
    else el.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  function local(id) { return id.slice(id.indexOf(":") + 1); }
  function label(id) {
    var n = D.nodes[id];
    return n ? n.label : D.labels[id] || id;
  }
  function routeOf(id) {
    var n = D.nodes[id];
    if (!n || id.indexOf("kv:") !== 0) return null;
    return (n.group === "actor" ? "#actor/" : "#fact/") + encodeURIComponent(local(id));
  }
  function link(id, text) {
    var href = routeOf(id);
    return href ? h("a", { href: href, text: text || label(id) }) : h("span", { text: text || label(id) });
  }
  function passageName(key) {
    var doc = key.split(":")[0], rest = key.split(":")[1];
    return doc + (/^p\d+$/.test(rest) ? " \u00b6" + rest.slice(1) : " " + rest);
  }
  function passageHref(key) {
    var doc = key.split(":")[0], rest = key.split(":")[1];
    return "#passage/" + doc + "/" + (/^p\d+$/.test(rest) ? rest.slice(1) : rest);
  }
  function quotes(cites) {
    if (!cites || !cites.length) return h("p", { class: "muted", text: "(no citation)" });
    return h("ul", { class: "quotes" }, cites.map(function (c) {
      return h("li", null, h("q", { text: c[1] }), " ",
        h("a", { href: passageHref(c[0]), class: "cite", text: passageName(c[0]) }));
    }));
  }
  function badge(text, cls) { return h("span", { class: "badge " + (cls || ""), text: text }); }
  function heading(text, sub) {
    return [h("h1", { tabindex: "-1", id: "page-title", text: text }), sub ? h("p", { class: "sub" }, sub) : null];
  }

  /* --- indexes built once from the data -------------------------------------------- */
  var refsTo = {};      // id -> [[node id, property]] of nodes pointing at it
  var byPassage = {};   // passage key -> [[node id, quote]]
  Object.keys(D.nodes).forEach(function (id) {
    var n = D.nodes[id];
    n.props.forEach(function (p) {
      if (p[2]) (refsTo[p[2]] = refsTo[p[2]] || []).push([id, p[0]]);
    });
    if (n.group === "note") return;  // curation notes say what is left out: not facts
    n.cites.forEach(function (c) { (byPassage[c[0]] = byPassage[c[0]] || []).push([id, c[1]]); });
  });
  var relsOf = {};
  D.relations.forEach(function (r) {
    r.from.concat(r.to).forEach(function (a) {
      relsOf[a] = relsOf[a] || [];
      if (relsOf[a].indexOf(r) < 0) relsOf[a].push(r);
    });
  });
  function propsOf(id, prop) {
    var n = D.nodes[id];
    return n ? n.props.filter(function (p) { return p[0] === prop; }) : [];
  }
  /* Modality and validity as the data gives them (tip:modality, a period), shown generically. */
  function qualifiers(id) {
    var out = [];
    propsOf(id, "tip:modality").forEach(function (p) { out.push(badge(p[1], "modality")); });
    return out;
  }

  /* --- search ----------------------------------------------------------------------- */
  var INDEX = Object.keys(D.nodes).filter(function (id) {
    return ["note", "other"].indexOf(D.nodes[id].group) < 0;
  }).map(function (id) {
    var n = D.nodes[id];
    var names = [n.label].concat(n.alt, [local(id)]);
    var extra = n.props.filter(function (p) {
      return ["tip:value", "tip:measure", "tip:unit", "tip:articleNumber"].indexOf(p[0]) >= 0;
    }).map(function (p) { return p[1]; });
    return { id: id, names: names.map(function (s) { return s.toLowerCase(); }),
      hay: names.concat(extra, n.types).join(" ").toLowerCase() };
  });
  var RANK = { actor: 0, law: 1, figure: 2 };
  function search(text) {
    var words = text.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    var q = words.join(" ");
    return INDEX.filter(function (e) {
      return words.every(function (w) { return e.hay.indexOf(w) >= 0; });
    }).map(function (e) {
      var exact = e.names.indexOf(q) >= 0 ? 0 : e.names.some(function (s) { return s.indexOf(q) === 0; }) ? 1 : 2;
      var g = D.nodes[e.id].group;
      return { id: e.id, score: [exact, g in RANK ? RANK[g] : 3, label(e.id).toLowerCase()] };
    }).sort(function (a, b) {
      for (var i = 0; i < 3; i++) if (a.score[i] !== b.score[i]) return a.score[i] < b.score[i] ? -1 : 1;
      return 0;
    }).map(function (e) { return e.id; });
  }
  function resultList(ids) {
    if (!ids.length) return h("p", { class: "muted", text: "Nothing found." });
    return h("ol", { class: "results" }, ids.slice(0, 60).map(function (id) {
      var n = D.nodes[id];
      return h("li", { "data-id": id }, link(id), " ", badge(n.types.join(", ") || n.group),
        n.alt.length ? h("span", { class: "muted", text: " (" + n.alt.join(", ") + ")" }) : null);
    }), ids.length > 60 ? h("li", { class: "muted", text: "and " + (ids.length - 60) + " more" }) : null);
  }
  function pageSearch(text) {
    var ids = search(text);
    if (!text.trim()) return [heading("Search"), h("p", { class: "muted", text: "Type a name, acronym, law or figure." })];
    return [heading("Search: " + text, ids.length + " result(s)"), resultList(ids)];
  }

  /* --- node pages --------------------------------------------------------------------- */
  function relationItem(r, id) {
    var out = r.from.indexOf(id) >= 0;
    var others = (r.directed ? (out ? r.to : r.from) : r.from.concat(r.to)).filter(function (x) { return x !== id; });
    var arrow = !r.directed ? "with" : out ? "\u2192" : "\u2190";
    return h("li", { class: "fact" + (r.negated ? " negated" : ""), "data-id": r.id },
      h("div", null, r.negated ? badge("stated absence", "neg") : null, qualifiers(r.id),
        r.oneWay ? badge("one-way", "oneway") : null, " ",
        routeOf(r.id) ? link(r.id, r.label) : h("b", { text: r.label })),
      h("div", { class: "meta" }, arrow + " ", others.map(function (o, i) {
        return [i ? ", " : "", link(o)];
      }), r.period ? " \u00b7 " + r.period : "", r.amounts.length ? " \u00b7 " + r.amounts.join(", ") : ""),
      quotes(r.cites));
  }
  function factItem(id, prop) {
    var n = D.nodes[id];
    var when = n.when && n.when.label ? " \u00b7 " + n.when.label : "";
    var value = n.group === "figure" ? propsOf(id, "tip:value").concat(propsOf(id, "tip:unit"))
      .map(function (p) { return p[1]; }).join(" ") : "";
    return h("li", { class: "fact", "data-id": id },
      h("div", null, qualifiers(id), link(id), value ? h("b", { class: "value", text: " " + value }) : null),
      h("div", { class: "meta", text: (prop ? "as " + prop.replace(/^\w+:/, "") : "") + when }),
      quotes(n.cites));
  }
  function structure(id) {
    var parts = [];
    propsOf(id, "org:subOrganizationOf").forEach(function (p) { parts.push(h("li", null, "part of ", link(p[2]))); });
    (refsTo[id] || []).forEach(function (r) {
      if (r[1] === "org:subOrganizationOf") parts.push(h("li", null, "unit: ", link(r[0])));
      if (r[1] === "org:postIn") {
        var held = propsOf(r[0], "org:heldBy").map(function (p) { return link(p[2]); });
        parts.push(h("li", null, "post: ", link(r[0]), held.length ? [" held by ", held] : " (holder not stated)"));
      }
    });
    propsOf(id, "org:postIn").forEach(function (p) { parts.push(h("li", null, "a post in ", link(p[2]))); });
    propsOf(id, "org:heldBy").forEach(function (p) { parts.push(h("li", null, "held by ", link(p[2]))); });
    return parts.length ? h("ul", { class: "structure" }, parts) : null;
  }
  function propTable(id) {
    var rows = D.nodes[id].props.filter(function (p) {
      return ["org:subOrganizationOf", "org:postIn", "org:heldBy"].indexOf(p[0]) < 0;
    });
    if (!rows.length) return null;
    return h("table", { class: "props" }, h("tbody", null, rows.map(function (p) {
      return h("tr", null, h("th", { scope: "row", text: p[0].replace(/^\w+:/, "") }),
        h("td", null, p[2] ? link(p[2], p[1]) : p[1]));
    })));
  }
  function pageNode(id) {
    var n = D.nodes[id];
    if (!n) return [heading("Not found"), h("p", { text: "No node " + id + " in the graph." })];
    var sub = [badge(n.types.join(", ") || n.group), n.sector && n.sector !== "unknown" ? badge("sector: " + n.sector, "sector") : null,
      n.alt.length ? " also: " + n.alt.join(", ") : "", " ", h("code", { text: id })];
    var body = [heading(n.label, sub), n.comment ? h("p", { class: "comment", text: n.comment }) : null];
    if (n.group === "actor") body.push(h("h2", { text: "What it is" }), structure(id) || h("p", { class: "muted", text: "No parent, unit or post recorded." }));
    body.push(propTable(id), h("h2", { text: "Where the sources name it" }), quotes(n.cites));
    var rels = (relsOf[id] || []).filter(function (r) { return r.id !== id || r.from.indexOf(id) < 0; });
    if (rels.length) {
      body.push(h("h2", { text: "Relations (" + rels.length + ")" }));
      Object.keys(KIND_NAMES).forEach(function (k) {
        var of = rels.filter(function (r) { return r.kind === k; });
        if (of.length) body.push(h("section", { class: "kind", "data-kind": k },
          h("h3", { text: KIND_NAMES[k] + " (" + of.length + ")" }),
          h("ul", { class: "facts" }, of.map(function (r) { return relationItem(r, id); }))));
      });
    }
    var refs = (refsTo[id] || []).filter(function (r) {
      var g = D.nodes[r[0]].group;
      return g !== "relation" && ["org:subOrganizationOf", "org:postIn"].indexOf(r[1]) < 0;
    });
    ["figure", "event", "problem", "recommendation", "plan", "law", "inferred", "actor", "place"].forEach(function (g) {
      var of = refs.filter(function (r) { return D.nodes[r[0]].group === g; });
      if (of.length) body.push(h("section", { class: "group", "data-group": g },
        h("h2", { text: GROUP_NAMES[g] + " that concern it (" + of.length + ")" }),
        h("ul", { class: "facts" }, of.map(function (r) { return factItem(r[0], r[1]); }))));
    });
    return body;
  }

  /* --- source reader ------------------------------------------------------------------- */
  function marked(text, cites) {
    var spans = [];
    cites.forEach(function (c) {
      var at = c[1] ? text.indexOf(c[1]) : -1;
      while (at >= 0) { spans.push([at, at + c[1].length, c[0]]); at = text.indexOf(c[1], at + 1); }
    });
    var cuts = [0, text.length];
    spans.forEach(function (s) { cuts.push(s[0], s[1]); });
    cuts = cuts.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    var out = [];
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1], piece = text.slice(a, b);
      var ids = spans.filter(function (s) { return s[0] <= a && b <= s[1]; }).map(function (s) { return s[2]; })
        .filter(function (v, j, all) { return all.indexOf(v) === j; });
      out.push(ids.length ? h("mark", { title: ids.map(label).join("; "), "data-facts": ids.join(" ") }, piece) : piece);
    }
    return out;
  }
  function paragraph(p, open) {
    var cites = byPassage[p.key] || [];
    var ids = cites.map(function (c) { return c[0]; }).filter(function (v, i, a) { return a.indexOf(v) === i; });
    var gaps = p.uncaptured.map(function (m) { return h("li", null, badge(m[0]), " ", m[1]); });
    var left = p.leftOut.map(function (m) { return h("li", null, badge(m[0]), " ", m[1], h("span", { class: "muted", text: " \u2014 " + m[2] })); });
    return h("article", { class: "para" + (open ? " focus" : ""), id: "para-" + p.key.replace(":", "-"), "data-key": p.key },
      h("h3", null, h("a", { href: passageHref(p.key), text: passageName(p.key) })),
      h("p", { class: "text" }, marked(p.text, cites)),
      h("details", { open: open },
        h("summary", { text: ids.length + " fact(s) cite this paragraph" + (p.uncaptured.length ? "; " + p.uncaptured.length + " mention(s) no fact captures" : "") }),
        h("ul", { class: "cited-by" }, ids.map(function (id) { return h("li", null, link(id), " ", badge(D.nodes[id].group)); })),
        p.exempt ? h("p", { class: "muted", text: "A section heading: nothing to capture." }) : h("div", { class: "gaps" },
          h("h4", { text: "What no fact captures" }),
          gaps.length ? h("ul", { class: "uncaptured" }, gaps) : h("p", { class: "muted", text: "Every figure, date and name in it is captured or left out with a reason." }),
          left.length ? [h("h4", { text: "Left out on purpose" }), h("ul", { class: "left-out" }, left)] : null)));
  }
  function pageSource(doc, n) {
    var key = doc + ":" + (/^\d+$/.test(n) ? "p" + n : n);
    var paras = D.sources.passages.filter(function (p) { return p.key.split(":")[0] === doc; });
    if (!paras.length) return [heading("Not found"), h("p", { text: "No document " + doc + "." })];
    var other = doc === "cable" ? "tip09" : "cable";
    return [heading(DOCS[doc] || doc, [passageName(key) + " \u00b7 ", h("a", { href: "#passage/" + other + "/1", text: "read the " + (DOCS[other] || other) })]),
      h("p", { class: "muted", text: "Highlighted: the words a fact quotes (hover or focus for which). Under each paragraph: the facts citing it and what no fact captures." }),
      paras.map(function (p) { return paragraph(p, p.key === key); })];
  }

  /* --- disagreements and what-ifs ------------------------------------------------------ */
  var FINDING_KINDS = {
    "restatement": "Restatements: a passage repeating another, counted once",
    "period-or-attribution": "The same measure, another period or another body",
    "related-measures": "Related but different measures: not comparable by definition",
    "arithmetic": "Arithmetic: parts against their totals",
    "law-practice": "Law against practice: sentences against the statutory ranges",
    "across-documents": "Across the two documents: the 2008 cable and the 2009 chapter",
    "qualitative-tension": "Tensions and agreements within a document"
  };
  function pageDisagreements() {
    var A = D.analyses.discrepancies;
    var kinds = Object.keys(FINDING_KINDS).filter(function (k) { return A.findings.some(function (f) { return f.section === k; }); });
    return [heading("Disagreements and agreements", A.findings.length + " finding(s), by kind, each with both sides and their quotes"),
      h("ul", { class: "notes" }, A.notes.map(function (t) { return h("li", { text: t }); })),
      h("nav", null, h("ul", { class: "tiles" }, kinds.map(function (k) { return h("li", null, h("a", { href: "#disagreements", onclick: function (e) { e.preventDefault(); var el = document.getElementById("kind-" + k); if (el) el.scrollIntoView(); }, text: FINDING_KINDS[k] })); }))),
      kinds.map(function (k) {
        return [h("h2", { id: "kind-" + k, text: FINDING_KINDS[k] }), A.findings.filter(function (f) { return f.section === k; }).map(function (f) {
          var v = f.data.verdict;
          return h("section", { class: "disagreement", "data-subject": f.subject, "data-kind": k },
            h("h3", { text: f.label }), h("p", null, badge(v.replace("-", " "), v === "differ" ? "neg" : "")),
            h("div", { class: "side" }, f.data.sides.map(function (s) {
              return h("div", { class: "card" }, h("div", { class: "meta", text: s.says }),
                s.figures.length ? h("div", null, s.figures.map(function (id) { return D.nodes[id] ? h("span", null, link(id), " ") : null; })) : null,
                quotes(s.quotes.map(function (q) { return [q.passage, q.quote]; })));
            })),
            h("p", { class: "why", text: f.data.why }));
        })];
      })];
  }
  function pageWhatIf(key) {
    var W = D.analyses.whatIf, keys = Object.keys(W);
    key = key && W[key] ? key : keys[0];
    var select = h("select", { id: "whatif-choice", onchange: function () { location.hash = "#whatif/" + this.value; } },
      keys.map(function (k) {
        var name = k.indexOf("sector:") === 0 ? "every " + k.slice(7) + " funder" : label(k.slice(7));
        return h("option", { value: k, selected: k === key, text: "without " + name });
      }));
    var found = W[key];
    return [heading("Funding what-ifs", "Remove a funder or a sector and see who loses all or most of its recorded funding."),
      h("label", { for: "whatif-choice", text: "Remove: " }), select,
      found.length ? h("ul", { class: "facts whatif" }, found.map(function (f) {
        return h("li", { class: "fact", "data-subject": f.subject }, h("div", null, link(f.subject, f.text)), quotes(f.cites));
      })) : h("p", { class: "muted", text: "No recipient loses half or more of its recorded funding." })];
  }

  /* --- home ------------------------------------------------------------------------ */
  function pageHome() {
    var counts = {};
    Object.keys(D.nodes).forEach(function (id) { var g = D.nodes[id].group; counts[g] = (counts[g] || 0) + 1; });
    var actors = Object.keys(D.nodes).filter(function (id) { return D.nodes[id].group === "actor"; })
      .sort(function (a, b) { return (relsOf[b] || []).length - (relsOf[a] || []).length; }).slice(0, 12);
    return [heading("Explore Kosovo's counter-trafficking system", "Every name, tie, figure and quote in the tipgraph knowledge graph, from two public documents."),
      h("p", null, "Type a name, acronym, law or figure in the search box above, or start from: ",
        h("a", { href: "#network", text: "the network" }), ", ", h("a", { href: "#passage/cable/1", text: "the cable" }), ", ",
        h("a", { href: "#passage/tip09/1", text: "the 2009 report" }), ", ",
        h("a", { href: "#disagreements", text: "disagreements and agreements" }), ", ",
        h("a", { href: "#whatif", text: "funding what-ifs" }), "."),
      h("ul", { class: "counts" }, Object.keys(GROUP_NAMES).filter(function (g) { return counts[g]; }).map(function (g) {
        return h("li", { text: counts[g] + " " + GROUP_NAMES[g].toLowerCase() });
      })),
      h("h2", { text: "Most connected actors" }), h("ul", { class: "tiles" }, actors.map(function (id) {
        return h("li", null, link(id), h("span", { class: "muted", text: " " + relsOf[id].length + " relations" }));
      }))];
  }

  /* --- routing ------------------------------------------------------------------------- */
  var box = document.getElementById("q"), live = document.getElementById("live");
  function render() {
    var hash = location.hash.replace(/^#/, ""), parts = hash.split("/"), route = parts[0];
    var rest = decodeURIComponent(parts.slice(1).join("/"));
    var body;
    document.body.classList.toggle("wide", route === "network");
    if (route === "search") { body = pageSearch(rest); if (box.value !== rest) box.value = rest; }
    else if (route === "actor" || route === "fact") body = pageNode("kv:" + rest);
    else if (route === "passage") body = pageSource(parts[1], decodeURIComponent(parts[2] || "1"));
    else if (route === "network") body = window.tipgraphNetwork.page(D, h, { link: link, label: label, heading: heading });
    else if (route === "disagreements") body = pageDisagreements();
    else if (route === "whatif") body = pageWhatIf(rest);
    else body = pageHome();
    main.textContent = "";
    add(main, body);
    var title = document.getElementById("page-title");
    document.title = (title ? title.textContent + " \u2014 " : "") + "tipgraph explorer";
    var focus = main.querySelector(".para.focus");
    if (focus) focus.scrollIntoView(); else window.scrollTo(0, 0);
    if (route !== "search" && title) title.focus({ preventScroll: true });
    if (route === "network") window.tipgraphNetwork.start();
    document.body.setAttribute("data-route", route || "home");
  }
  box.addEventListener("input", function () {
    var ids = search(box.value);
    live.textContent = box.value ? ids.length + " result(s)" : "";
    history.replaceState(null, "", "#search/" + encodeURIComponent(box.value));
    render();
  });
  document.getElementById("search-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var first = main.querySelector(".results a");
    if (first) location.hash = first.getAttribute("href");
  });
  main.addEventListener("click", function (e) {
    var m = e.target.closest("mark");
    if (m) m.closest(".para").querySelector("details").open = true;
  });
  window.addEventListener("hashchange", render);
  render();
  document.body.setAttribute("data-ready", "1");
  if (window.performance && performance.mark) performance.mark("tipgraph-ready");
})();
