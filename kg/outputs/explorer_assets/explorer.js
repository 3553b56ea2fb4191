// The kg explorer page: search, filters, details, chains and loops over a
// vis-network graph. Text from briefs is only ever set with textContent.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const MAX_CHAIN_LENGTH = 6;
  const MAX_CHAINS = 50;
  const DIM_NODE = { background: "#eeeeee", border: "#c8c8c8" };
  const DIM_EDGE = "#dddddd";
  const MODALITIES = ["asserted", "hedged", "conditional", "reported"];
  const SIGNS = [["+", "increases"], ["-", "decreases"]];

  const pairsById = new Map(data.pairs.map((p) => [p.id, p]));
  const baseNodes = new Map(data.nodes.map((n) => [n.id, n]));
  const baseEdges = new Map(data.edges.map((e) => [e.id, e]));
  const briefsById = new Map(data.briefs.map((b) => [b.id, b]));

  // ------------------------------------------------------------ helpers

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function label(id) {
    return data.factors[id] ? data.factors[id].label : id;
  }

  function norm(text) {
    return String(text).toLowerCase().replace(/[\s_\-]+/g, " ").trim();
  }

  function tooltip(lines) {
    const box = el("div");
    lines.forEach((line, i) => {
      const part = el(i === 0 ? "strong" : "div", line);
      box.appendChild(part);
    });
    box.style.maxWidth = "320px";
    box.style.whiteSpace = "normal";
    return box;
  }

  // ------------------------------------------------------------ the network

  const nodes = new vis.DataSet(
    data.nodes.map((n) => {
      const f = data.factors[n.id] || {};
      return Object.assign({}, n, {
        title: tooltip([f.label || n.label, f.group ? "Group: " + f.group : "", f.definition || ""].filter(Boolean)),
        widthConstraint: { maximum: 170 },
      });
    })
  );
  const edges = new vis.DataSet(
    data.edges.map((e) => {
      const pair = pairsById.get(e.id);
      const n = pair.claims.length;
      return Object.assign({}, e, {
        title: tooltip([
          label(pair.from) + " \u2192 " + label(pair.to),
          n + (n === 1 ? " claim" : " claims") + "; click for details",
        ]),
        // Two factors that act on each other get clearly separated arcs.
        smooth: { enabled: true, type: "curvedCW", roundness: pairsById.has(pair.to + "\n" + pair.from) ? 0.45 : 0.12 },
      });
    })
  );
  const container = document.getElementById("graph");
  const network = new vis.Network(
    container,
    { nodes: nodes, edges: edges },
    {
      physics: { enabled: false },
      layout: { improvedLayout: false },
      interaction: { hover: true, tooltipDelay: 150, multiselect: false, navigationButtons: false, keyboard: true },
      nodes: { font: { size: 14 }, margin: 8 },
      edges: { font: { size: 16, align: "middle", strokeWidth: 3 }, selectionWidth: 2, hoverWidth: 1 },
    }
  );

  // ------------------------------------------------------------ state

  const state = {
    briefs: new Set(data.briefs.map((b) => b.id)),
    signs: new Set(["+", "-"]),
    modalities: new Set(MODALITIES),
    colourBy: "sign",
    highlight: null, // {nodes: Set, edges: Set, kind}
    selected: null,
  };

  function claimVisible(c) {
    return state.briefs.has(c.brief) && state.signs.has(c.sign) && state.modalities.has(c.modality);
  }

  function visibleClaims(pair) {
    return pair.claims.filter(claimVisible);
  }

  function edgeColour(pair, claims) {
    if (state.colourBy === "brief") {
      const briefs = new Set(claims.map((c) => c.brief));
      return briefs.size === 1 ? data.brief_colours[[...briefs][0]] : "#444444";
    }
    const signs = new Set(claims.map((c) => c.sign));
    return signs.size === 1 ? data.sign_colours[[...signs][0]] : data.sign_colours["\u00b1"];
  }

  function contradicted(claims) {
    return new Set(claims.map((c) => c.sign)).size > 1;
  }

  // Apply filters, colour mode and highlight to every node and edge.
  function redraw() {
    const h = state.highlight;
    const edgeUpdates = [];
    data.pairs.forEach((pair) => {
      const claims = visibleClaims(pair);
      const base = baseEdges.get(pair.id);
      const hidden = claims.length === 0;
      let colour = hidden ? base.color : edgeColour(pair, claims);
      if (h && !h.edges.has(pair.id)) colour = DIM_EDGE;
      edgeUpdates.push({
        id: pair.id,
        hidden: hidden,
        color: { color: colour, highlight: colour, hover: colour },
        dashes: claims.length > 0 && claims.every((c) => c.modality !== "asserted"),
        width: claims.length ? 1 + 4 * Math.max(...claims.map((c) => c.confidence)) : base.width,
        label: claims.length && contradicted(claims) ? "\u00b1" : undefined,
      });
    });
    edges.update(edgeUpdates);
    const nodeUpdates = [];
    baseNodes.forEach((base, id) => {
      const dim = h && !h.nodes.has(id);
      nodeUpdates.push({
        id: id,
        color: dim ? DIM_NODE : base.color,
        font: dim ? { color: "#6f6f6f" } : base.font,
        borderWidth: h && h.nodes.has(id) && h.focus === id ? 5 : base.borderWidth,
      });
    });
    nodes.update(nodeUpdates);
  }

  function setHighlight(nodeIds, edgeIds, kind, focus) {
    state.highlight = { nodes: new Set(nodeIds), edges: new Set(edgeIds), kind: kind, focus: focus };
    redraw();
  }

  function clearHighlight() {
    state.highlight = null;
    document.querySelectorAll("#loops li").forEach((li) => li.classList.remove("active"));
    redraw();
  }

  // Visible graph structure (respecting filters) for chains and neighbours.
  function adjacency() {
    const out = new Map();
    const inn = new Map();
    data.pairs.forEach((pair) => {
      const claims = visibleClaims(pair);
      if (!claims.length) return;
      if (!out.has(pair.from)) out.set(pair.from, []);
      if (!inn.has(pair.to)) inn.set(pair.to, []);
      out.get(pair.from).push(pair);
      inn.get(pair.to).push(pair);
    });
    return { out: out, inn: inn };
  }

  // ------------------------------------------------------------ details panel

  const details = document.getElementById("details-body");

  function showClaims(container, claims) {
    claims.forEach((c) => {
      const box = el("div", null, "claim " + (c.sign === "+" ? "sign-plus" : "sign-minus"));
      box.dataset.claim = c.claim;
      box.appendChild(el("p", c.paraphrase, "paraphrase"));
      const dl = el("dl");
      const brief = briefsById.get(c.brief);
      const rows = [
        ["sign", c.sign === "+" ? "increases" : "decreases"],
        ["modality", c.modality],
        ["confidence", c.confidence],
        ["time scope", c.time_scope || "\u2014"],
        ["brief", brief ? brief.citation : c.brief],
        ["locator", c.locator],
        ["claim", c.id],
      ];
      rows.forEach(([k, v]) => {
        dl.appendChild(el("dt", k));
        const dd = el("dd", v);
        dd.dataset.field = k.replace(" ", "_");
        dl.appendChild(dd);
      });
      box.appendChild(dl);
      container.appendChild(box);
    });
  }

  function showPair(pairId) {
    const pair = pairsById.get(pairId);
    if (!pair) return;
    const claims = visibleClaims(pair);
    details.replaceChildren();
    details.appendChild(el("h3", label(pair.from) + " \u2192 " + label(pair.to)));
    if (contradicted(claims)) details.appendChild(el("p", "The claims behind this arrow disagree in sign.", "message"));
    showClaims(details, claims);
    setHighlight([pair.from, pair.to], [pair.id], "edge", null);
  }

  function factorList(title, ids) {
    const wrap = el("div");
    wrap.appendChild(el("h3", title + " (" + ids.length + ")"));
    const ul = el("ul", null, "plain");
    ids.forEach((id) => {
      const li = el("li", label(id), "chip");
      li.addEventListener("click", () => focusFactor(id));
      ul.appendChild(li);
    });
    wrap.appendChild(ul);
    return wrap;
  }

  function showFactor(id) {
    const f = data.factors[id];
    const adj = adjacency();
    const ups = (adj.inn.get(id) || []).map((p) => p.from);
    const downs = (adj.out.get(id) || []).map((p) => p.to);
    const pairIds = (adj.inn.get(id) || []).concat(adj.out.get(id) || []).map((p) => p.id);
    details.replaceChildren();
    details.appendChild(el("h3", f.label));
    if (f.alt_labels.length) details.appendChild(el("p", "Also: " + f.alt_labels.join("; ")));
    if (f.group) details.appendChild(el("p", "Group: " + f.group));
    if (f.definition) details.appendChild(el("p", f.definition));
    details.appendChild(factorList("Upstream: causes", ups));
    details.appendChild(factorList("Downstream: effects", downs));
    setHighlight([id].concat(ups, downs), pairIds, "factor", id);
    state.selected = id;
  }

  function focusFactor(id) {
    network.focus(id, { scale: 1.2, animation: false });
    network.selectNodes([id]);
    showFactor(id);
  }

  // ------------------------------------------------------------ search

  const names = [];
  Object.entries(data.factors).forEach(([id, f]) => {
    names.push([norm(f.label), id]);
    f.alt_labels.forEach((a) => names.push([norm(a), id]));
  });
  const datalist = document.getElementById("factor-names");
  Object.values(data.factors)
    .flatMap((f) => [f.label].concat(f.alt_labels))
    .sort((a, b) => a.localeCompare(b))
    .forEach((name) => {
      const option = document.createElement("option");
      option.value = name;
      datalist.appendChild(option);
    });

  function findFactor(text) {
    const q = norm(text);
    if (!q) return null;
    const exact = names.find(([n]) => n === q);
    if (exact) return exact[1];
    const partial = names.filter(([n]) => n.includes(q));
    const ids = [...new Set(partial.map(([, id]) => id))];
    return ids.length === 1 ? ids[0] : ids.length > 1 ? ids : null;
  }

  const searchBox = document.getElementById("search");
  const searchMessage = document.getElementById("search-message");
  function runSearch() {
    const found = findFactor(searchBox.value);
    searchMessage.textContent = "";
    if (found === null) {
      searchMessage.textContent = "No factor matches \u201c" + searchBox.value + "\u201d.";
    } else if (Array.isArray(found)) {
      searchMessage.textContent = "Several factors match: " + found.map(label).join("; ");
    } else {
      focusFactor(found);
    }
  }
  searchBox.addEventListener("keydown", (event) => {
    if (event.key === "Enter") runSearch();
  });
  searchBox.addEventListener("change", runSearch);
  document.getElementById("search-go").addEventListener("click", runSearch);

  // ------------------------------------------------------------ filters

  function checkbox(fieldset, value, text, set, colour) {
    const lab = el("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = value;
    box.addEventListener("change", () => {
      if (box.checked) set.add(value);
      else set.delete(value);
      clearHighlight();
    });
    lab.appendChild(box);
    if (colour) {
      const sw = el("span", null, "swatch");
      sw.style.background = colour;
      lab.appendChild(sw);
    }
    lab.appendChild(document.createTextNode(" " + text));
    fieldset.appendChild(lab);
  }

  const briefSet = document.getElementById("filter-briefs");
  data.briefs.forEach((b) => checkbox(briefSet, b.id, b.id + (b.synthetic ? " (example)" : ""), state.briefs, data.brief_colours[b.id]));
  const signSet = document.getElementById("filter-signs");
  SIGNS.forEach(([s, text]) => checkbox(signSet, s, text, state.signs, data.sign_colours[s]));
  const modalitySet = document.getElementById("filter-modalities");
  MODALITIES.forEach((m) => checkbox(modalitySet, m, m, state.modalities));
  const colourSet = document.getElementById("colour-by");
  [["sign", "sign"], ["brief", "brief"]].forEach(([value, text]) => {
    const lab = el("label");
    const radio = document.createElement("input");
    radio.type = "radio";
    radio.name = "colour-by";
    radio.value = value;
    radio.checked = value === state.colourBy;
    radio.addEventListener("change", () => {
      state.colourBy = value;
      redraw();
    });
    lab.appendChild(radio);
    lab.appendChild(document.createTextNode(" " + text));
    colourSet.appendChild(lab);
  });

  // ------------------------------------------------------------ chains

  const chainFrom = document.getElementById("chain-from");
  const chainTo = document.getElementById("chain-to");
  const sortedIds = Object.keys(data.factors).sort((a, b) => label(a).localeCompare(label(b)));
  [chainFrom, chainTo].forEach((select) => {
    sortedIds.forEach((id) => {
      const option = document.createElement("option");
      option.value = id;
      option.textContent = label(id);
      select.appendChild(option);
    });
  });

  // Simple paths from source to target, shortest first, bounded in length
  // and count; branches that cannot reach the target in time are pruned.
  function findChains(source, target) {
    const adj = adjacency();
    const dist = new Map([[target, 0]]);
    const queue = [target];
    while (queue.length) {
      const node = queue.shift();
      (adj.inn.get(node) || []).forEach((p) => {
        if (!dist.has(p.from)) {
          dist.set(p.from, dist.get(node) + 1);
          queue.push(p.from);
        }
      });
    }
    const chains = [];
    if (!dist.has(source) || source === target) return chains;
    for (let length = dist.get(source); length <= MAX_CHAIN_LENGTH && chains.length < MAX_CHAINS; length++) {
      const path = [source];
      const pairs = [];
      const walk = (node) => {
        if (chains.length >= MAX_CHAINS) return;
        for (const pair of adj.out.get(node) || []) {
          const next = pair.to;
          if (path.includes(next) || !dist.has(next)) continue;
          if (pairs.length + 1 + dist.get(next) > length) continue;
          path.push(next);
          pairs.push(pair);
          if (next === target) {
            if (pairs.length === length) chains.push({ factors: path.slice(), pairs: pairs.slice() });
          } else {
            walk(next);
          }
          path.pop();
          pairs.pop();
        }
      };
      walk(source);
    }
    return chains;
  }

  function chainSign(pairs) {
    let sign = 1;
    for (const pair of pairs) {
      const signs = new Set(visibleClaims(pair).map((c) => c.sign));
      if (signs.size !== 1) return "?";
      if (signs.has("-")) sign = -sign;
    }
    return sign > 0 ? "+" : "-";
  }

  // Start the chain finder on the factor most claims lead to.
  const inbound = new Map();
  data.pairs.forEach((p) => inbound.set(p.to, (inbound.get(p.to) || 0) + 1));
  if (inbound.size) chainTo.value = [...inbound.entries()].sort((a, b) => b[1] - a[1] || label(a[0]).localeCompare(label(b[0])))[0][0];

  const chainMessage = document.getElementById("chain-message");
  function showChains() {
    const source = chainFrom.value;
    const target = chainTo.value;
    const chains = findChains(source, target);
    chainMessage.textContent = "";
    if (!chains.length) {
      chainMessage.textContent = "No chain from " + label(source) + " to " + label(target) + " within " + MAX_CHAIN_LENGTH + " links.";
      clearHighlight();
      return;
    }
    chainMessage.textContent = chains.length + (chains.length === 1 ? " chain" : " chains") + (chains.length >= MAX_CHAINS ? " (first " + MAX_CHAINS + ")" : "") + ".";
    details.replaceChildren();
    details.appendChild(el("h3", "Chains from " + label(source) + " to " + label(target)));
    const ol = el("ol");
    chains.forEach((chain) => {
      const li = el("li", "[" + chainSign(chain.pairs) + "] " + chain.factors.map(label).join(" \u2192 "));
      li.className = "chain";
      ol.appendChild(li);
    });
    details.appendChild(ol);
    const nodeIds = new Set();
    const edgeIds = new Set();
    chains.forEach((chain) => {
      chain.factors.forEach((f) => nodeIds.add(f));
      chain.pairs.forEach((p) => edgeIds.add(p.id));
    });
    setHighlight([...nodeIds], [...edgeIds], "chains", null);
  }
  document.getElementById("chain-go").addEventListener("click", showChains);

  // ------------------------------------------------------------ loops

  const loopList = document.getElementById("loops");
  if (!data.loops.length) loopList.appendChild(el("li", "No feedback loop."));
  data.loops.forEach((loop, i) => {
    const li = el("li");
    li.dataset.kind = loop.kind;
    li.dataset.index = i;
    li.appendChild(el("span", loop.kind, "kind"));
    li.appendChild(document.createTextNode(": " + loop.labels.concat(loop.labels[0]).join(" \u2192 ")));
    li.addEventListener("click", () => {
      document.querySelectorAll("#loops li").forEach((x) => x.classList.remove("active"));
      li.classList.add("active");
      details.replaceChildren();
      details.appendChild(el("h3", "A " + loop.kind + " loop"));
      loop.pairs.forEach((pid) => {
        const pair = pairsById.get(pid);
        details.appendChild(el("p", label(pair.from) + " \u2192 " + label(pair.to)));
        showClaims(details, visibleClaims(pair));
      });
      setHighlight(loop.factors, loop.pairs, "loop", null);
    });
    loopList.appendChild(li);
  });

  // ------------------------------------------------------------ legend and header

  const legend = document.getElementById("legend");
  function legendRow(mark, text) {
    const row = el("div", null, "legend-row");
    row.appendChild(mark);
    row.appendChild(document.createTextNode(text));
    legend.appendChild(row);
  }
  Object.entries(data.group_colours).forEach(([group, colour]) => {
    const sw = el("span", null, "swatch");
    sw.style.background = colour;
    legendRow(sw, "factor: " + group);
  });
  const loopMark = el("span", null, "swatch");
  loopMark.style.border = "3px solid " + data.loop_colour;
  legendRow(loopMark, "factor or arrow on a feedback loop");
  [["+", "arrow: increases"], ["-", "arrow: decreases"], ["\u00b1", "arrow \u00b1: claims contradict (both signs)"]].forEach(([s, text]) => {
    const line = el("span", null, "line");
    line.style.borderTopColor = data.sign_colours[s];
    legendRow(line, text);
  });
  const dashed = el("span", null, "line");
  dashed.style.borderTopStyle = "dashed";
  legendRow(dashed, "dashed: only hedged, conditional or reported claims");
  const thick = el("span", null, "line");
  thick.style.borderTopWidth = "6px";
  legendRow(thick, "width: confidence of the strongest claim");
  data.briefs.forEach((b) => {
    const line = el("span", null, "line");
    line.style.borderTopColor = data.brief_colours[b.id];
    legendRow(line, "brief " + b.id + " (when colouring by brief)");
  });
  if (data.briefs.length > 1) {
    const several = el("span", null, "line");
    several.style.borderTopColor = "#444444";
    legendRow(several, "claims from several briefs (when colouring by brief)");
  }

  const provenance = document.getElementById("provenance");
  data.briefs.forEach((b) => provenance.appendChild(el("p", (b.synthetic ? "Example brief (synthetic): " : "Brief: ") + b.citation + " <" + b.iri + ">")));
  provenance.appendChild(el("p", "Showing " + data.scope + ": " + data.nodes.length + " factors, " + data.pairs.length + " cause\u2013effect pairs, " + data.pairs.reduce((n, p) => n + p.claims.length, 0) + " claims."));
  if (data.build) provenance.appendChild(el("p", data.build));

  // ------------------------------------------------------------ clicks

  network.on("click", (params) => {
    if (params.nodes.length) showFactor(params.nodes[0]);
    else if (params.edges.length) showPair(params.edges[0]);
  });
  document.getElementById("reset").addEventListener("click", () => {
    network.unselectAll();
    network.fit({ animation: false });
    clearHighlight();
    details.replaceChildren(el("p", "Click a factor or an arrow to see the claims behind it."));
  });

  redraw();
  network.once("afterDrawing", () => {
    document.body.dataset.ready = "true";
  });
  network.fit({ animation: false });

  // A small, read-only handle for tests and notebooks.
  window.kgExplorer = {
    network: network,
    nodes: nodes,
    edges: edges,
    data: data,
    visibleEdges: () => edges.get({ filter: (e) => !e.hidden }).map((e) => e.id),
    highlighted: () =>
      state.highlight
        ? { nodes: [...state.highlight.nodes], edges: [...state.highlight.edges], kind: state.highlight.kind }
        : null,
    selectedNode: () => state.selected,
    // Where an arrow can be clicked: the middle of its drawn curve, in page pixels.
    edgeMidpoint: (id) => {
      const pair = pairsById.get(id);
      const edge = network.body.edges[id];
      let mid;
      if (edge && edge.edgeType && edge.edgeType.getPoint) {
        mid = edge.edgeType.getPoint(0.5);
      } else {
        const pos = network.getPositions([pair.from, pair.to]);
        mid = { x: (pos[pair.from].x + pos[pair.to].x) / 2, y: (pos[pair.from].y + pos[pair.to].y) / 2 };
      }
      const dom = network.canvasToDOM(mid);
      const box = container.getBoundingClientRect();
      return { x: dom.x + box.left, y: dom.y + box.top };
    },
  };
})();
