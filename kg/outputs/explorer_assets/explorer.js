// The kg explorer page: the graph Graphviz laid out, drawn as SVG, with search,
// filters, details, chains, loops, disagreements, what-if, the view in the URL
// fragment and PNG/SVG export. Text from briefs is only ever set with
// textContent or as SVG text nodes, never parsed as markup.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const SVG = "http://www.w3.org/2000/svg";
  const MAX_CHAIN_LENGTH = 6;
  const MAX_CHAINS = 50;
  const FONT_SIZE = 14;
  const MIN_LABEL_PX = 11;
  const MODALITIES = ["asserted", "hedged", "conditional", "reported"];
  const SIGNS = [["+", "increases"], ["-", "decreases"]];
  const DIM = "#d9d9d9";
  const FADED = 0.25;
  const MIXED_BRIEFS = "#444444";
  const HEADS = { "+": "triangle", "-": "bar", "\u00b1": "diamond" };

  const factorIds = Object.keys(data.factors);
  const pairsById = new Map(data.pairs.map((p) => [p.id, p]));
  const briefsById = new Map(data.briefs.map((b) => [b.id, b]));
  const loops = data.loops;

  // ------------------------------------------------------------ helpers

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function svgEl(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, String(v)));
    return node;
  }

  function label(id) {
    return data.factors[id] ? data.factors[id].label : id;
  }

  function norm(text) {
    return String(text).toLowerCase().replace(/[\s_\-]+/g, " ").trim();
  }

  function button(text, onClick, className) {
    const b = el("button", text, className);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  // ------------------------------------------------------------ state

  const state = {
    briefs: new Set(data.briefs.map((b) => b.id)),
    signs: new Set(["+", "-"]),
    modalities: new Set(MODALITIES),
    colourBy: "sign",
    leverage: false,
    selection: null, // {kind: factor|pair|loop|chains|chain|whatif|disagreement, ...}
  };

  function claimVisible(c) {
    return state.briefs.has(c.brief) && state.signs.has(c.sign) && state.modalities.has(c.modality);
  }
  function visibleClaims(pair) {
    return pair.claims.filter(claimVisible);
  }
  function pairVisible(pair) {
    return visibleClaims(pair).length > 0;
  }
  function visiblePairs() {
    return data.pairs.filter(pairVisible);
  }
  function visibleFactorSet() {
    const seen = new Set();
    visiblePairs().forEach((p) => {
      seen.add(p.from);
      seen.add(p.to);
    });
    return seen;
  }
  function loopVisible(loop) {
    return loop.pairs.every((id) => pairVisible(pairsById.get(id)));
  }
  function pairSign(claims) {
    const signs = new Set(claims.map((c) => c.sign));
    return signs.size === 1 ? [...signs][0] : "\u00b1";
  }

  function adjacency() {
    const out = new Map();
    const inn = new Map();
    visiblePairs().forEach((pair) => {
      if (!out.has(pair.from)) out.set(pair.from, []);
      if (!inn.has(pair.to)) inn.set(pair.to, []);
      out.get(pair.from).push(pair);
      inn.get(pair.to).push(pair);
    });
    return { out: out, inn: inn };
  }

  // ------------------------------------------------------------ drawing

  const svg = document.getElementById("canvas");
  const defs = svgEl("defs");
  svg.appendChild(defs);
  const background = svgEl("rect", { x: -1e6, y: -1e6, width: 2e6, height: 2e6, fill: "#ffffff", "data-role": "background" });
  const viewport = svgEl("g", { "data-role": "viewport" });
  const edgeLayer = svgEl("g", { "data-role": "edges" });
  const nodeLayer = svgEl("g", { "data-role": "nodes" });
  const groupLayer = svgEl("g", { "data-role": "groups" });
  viewport.appendChild(background);
  viewport.appendChild(groupLayer);
  viewport.appendChild(edgeLayer);
  viewport.appendChild(nodeLayer);
  svg.appendChild(viewport);
  if (data.overview) svg.classList.add("overview");

  const markers = new Map();
  function marker(shape, colour) {
    const key = shape + colour;
    if (markers.has(key)) return markers.get(key);
    const id = "head-" + markers.size;
    const m = svgEl("marker", { id: id, viewBox: "0 0 10 10", refX: 0, refY: 5, markerWidth: 10, markerHeight: 10,
      markerUnits: "userSpaceOnUse", orient: "auto" });
    const paths = {
      triangle: "M0,1 L10,5 L0,9 z",
      bar: "M0,5 L6,5 M6,0.5 L6,9.5 M8.5,0.5 L8.5,9.5",
      diamond: "M0,5 L5,1 L10,5 L5,9 z",
    };
    const shapeEl = svgEl("path", { d: paths[shape], fill: shape === "bar" ? "none" : colour, stroke: colour, "stroke-width": shape === "bar" ? 2 : 1 });
    m.appendChild(shapeEl);
    defs.appendChild(m);
    markers.set(key, id);
    return id;
  }

  function routePath(points) {
    if (!points.length) return "";
    let d = "M" + points[0][0] + "," + points[0][1];
    for (let i = 1; i + 2 < points.length + 0; i += 3) {
      d += " C" + points[i].join(",") + " " + points[i + 1].join(",") + " " + points[i + 2].join(",");
    }
    return d;
  }

  const edgeEls = new Map();
  data.pairs.forEach((pair) => {
    const g = svgEl("g", { "data-pair": pair.id, class: "edge" });
    const d = routePath(pair.route);
    const line = svgEl("path", { d: d, fill: "none", "stroke-linecap": "butt" });
    const hit = svgEl("path", { d: d, fill: "none", stroke: "transparent", "stroke-width": 12, "pointer-events": "stroke" });
    const title = svgEl("title");
    title.textContent = label(pair.from) + " \u2192 " + label(pair.to) + " (" + pair.claims.length + (pair.claims.length === 1 ? " claim)" : " claims)");
    hit.appendChild(title);
    g.appendChild(line);
    g.appendChild(hit);
    g.addEventListener("click", (event) => {
      event.stopPropagation();
      select({ kind: "pair", id: pair.id });
    });
    edgeLayer.appendChild(g);
    edgeEls.set(pair.id, { g: g, line: line, hit: hit });
  });

  const nodeEls = new Map();
  factorIds.forEach((id) => {
    const f = data.factors[id];
    const g = svgEl("g", { "data-id": id, class: "node", transform: "translate(" + f.x + "," + f.y + ")" });
    const halo = svgEl("rect", { fill: data.loop_colour, "fill-opacity": 0.28, stroke: "none", visibility: "hidden" });
    const box = svgEl("rect", { x: -f.w / 2, y: -f.h / 2, width: f.w, height: f.h, rx: 4 });
    const text = svgEl("text", { "text-anchor": "middle", "font-family": "DejaVu Sans, sans-serif", "font-size": FONT_SIZE, fill: "#111111" });
    const lineHeight = FONT_SIZE * 1.25;
    f.lines.forEach((line, i) => {
      const span = svgEl("tspan", { x: 0, y: (i - (f.lines.length - 1) / 2) * lineHeight + FONT_SIZE * 0.35 });
      span.textContent = line;
      text.appendChild(span);
    });
    const title = svgEl("title");
    title.textContent = [f.label, f.group ? "Group: " + f.group : "", f.review ? "Awaiting review" : "", f.definition].filter(Boolean).join("\n");
    g.appendChild(halo);
    g.appendChild(box);
    g.appendChild(text);
    if (f.review) {
      const badge = svgEl("g", { transform: "translate(" + (f.w / 2 - 2) + "," + (-f.h / 2 + 2) + ")", "data-role": "review" });
      badge.appendChild(svgEl("circle", { r: 8, fill: "#ffffff", stroke: "#333333", "stroke-dasharray": "2 1.5" }));
      const q = svgEl("text", { "text-anchor": "middle", y: 4, "font-size": 11, "font-family": "DejaVu Sans, sans-serif", fill: "#333333" });
      q.textContent = "?";
      badge.appendChild(q);
      g.appendChild(badge);
    }
    g.appendChild(title);
    nodeLayer.appendChild(g);
    nodeEls.set(id, { g: g, box: box, text: text, halo: halo });
  });

  // ------------------------------------------------------------ view: pan, zoom, fit

  const view = { x: 0, y: 0, k: 1 };
  function applyView() {
    viewport.setAttribute("transform", "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")");
  }

  function bounds(ids, pairIds) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    ids.forEach((id) => {
      const f = data.factors[id];
      if (!f) return;
      x0 = Math.min(x0, f.x - f.w / 2); x1 = Math.max(x1, f.x + f.w / 2);
      y0 = Math.min(y0, f.y - f.h / 2); y1 = Math.max(y1, f.y + f.h / 2);
    });
    (pairIds || []).forEach((pid) => {
      (pairsById.get(pid).route || []).forEach(([x, y]) => {
        x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
      });
    });
    return isFinite(x0) ? { x0: x0, y0: y0, x1: x1, y1: y1 } : null;
  }

  function graphArea() {
    // The part of the graph not covered by the details panel.
    const box = svg.getBoundingClientRect();
    const panel = document.getElementById("details");
    const covered = panel.hidden ? 0 : Math.min(panel.getBoundingClientRect().width, box.width * 0.6);
    return { width: Math.max(box.width - covered, 100), height: Math.max(box.height, 100) };
  }

  function fit(ids, pairIds, options) {
    const b = bounds(ids, pairIds);
    if (!b) return;
    const area = graphArea();
    const pad = 24;
    let k = Math.min((area.width - 2 * pad) / Math.max(b.x1 - b.x0, 1), (area.height - 2 * pad) / Math.max(b.y1 - b.y0, 1));
    k = Math.min(k, (options && options.maxScale) || 1.6);
    if (options && options.readable) k = Math.max(k, MIN_LABEL_PX / FONT_SIZE + 0.005);
    view.k = k;
    view.x = area.width / 2 - ((b.x0 + b.x1) / 2) * k;
    view.y = area.height / 2 - ((b.y0 + b.y1) / 2) * k;
    applyView();
  }

  function fitAll() {
    fit(factorIds, data.pairs.map((p) => p.id), { readable: !data.overview, maxScale: 1.4 });
  }

  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    const rect = svg.getBoundingClientRect();
    const mx = event.clientX - rect.left;
    const my = event.clientY - rect.top;
    const factor = Math.exp(-event.deltaY * 0.0015);
    const k = Math.min(Math.max(view.k * factor, 0.02), 8);
    view.x = mx - ((mx - view.x) * k) / view.k;
    view.y = my - ((my - view.y) * k) / view.k;
    view.k = k;
    applyView();
  }, { passive: false });

  // Drag on the background pans; drag on a factor moves it (its arrows follow
  // as straight lines); a click without a drag selects, or clears on the background.
  let drag = null;
  svg.addEventListener("pointerdown", (event) => {
    const nodeG = event.target.closest ? event.target.closest(".node") : null;
    drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y, node: nodeG ? nodeG.dataset.id : null, moved: false };
  });
  window.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    drag.moved = true;
    if (drag.node) {
      const f = data.factors[drag.node];
      if (drag.fx === undefined) { drag.fx = f.x; drag.fy = f.y; }
      moveFactor(drag.node, drag.fx + dx / view.k, drag.fy + dy / view.k);
    } else {
      svg.classList.add("panning");
      view.x = drag.vx + dx;
      view.y = drag.vy + dy;
      applyView();
    }
  });
  window.addEventListener("pointerup", () => {
    svg.classList.remove("panning");
    if (drag && drag.moved) {
      const swallow = (e) => { e.stopPropagation(); window.removeEventListener("click", swallow, true); };
      window.addEventListener("click", swallow, true);
      setTimeout(() => window.removeEventListener("click", swallow, true), 0);
    }
    drag = null;
  });
  background.addEventListener("click", () => clearSelection());

  const moved = new Set();
  function moveFactor(id, x, y) {
    const f = data.factors[id];
    f.x = Math.round(x * 10) / 10;
    f.y = Math.round(y * 10) / 10;
    moved.add(id);
    nodeEls.get(id).g.setAttribute("transform", "translate(" + f.x + "," + f.y + ")");
    data.pairs.forEach((pair) => {
      if (pair.from !== id && pair.to !== id) return;
      pair.route = straightRoute(data.factors[pair.from], data.factors[pair.to]);
      const d = routePath(pair.route);
      const e = edgeEls.get(pair.id);
      e.line.setAttribute("d", d);
      e.hit.setAttribute("d", d);
    });
  }

  // A straight arrow from the edge of one box to 10 px short of the other's.
  function straightRoute(a, b) {
    const clip = (f, towards, gap) => {
      const dx = towards.x - f.x, dy = towards.y - f.y;
      const t = Math.min(Math.abs((f.w / 2 + gap) / (dx || 1e-9)), Math.abs((f.h / 2 + gap) / (dy || 1e-9)));
      return [f.x + dx * Math.min(t, 1), f.y + dy * Math.min(t, 1)];
    };
    const p = clip(a, b, 0), q = clip(b, a, 10);
    return [p, p, q, q];
  }

  // ------------------------------------------------------------ styles from state

  function highlightSets() {
    const s = state.selection;
    return s && s.nodes ? { nodes: new Set(s.nodes), edges: new Set(s.edges || []) } : null;
  }

  function redraw() {
    const h = highlightSets();
    const shownFactors = visibleFactorSet();
    data.pairs.forEach((pair) => {
      const e = edgeEls.get(pair.id);
      const claims = visibleClaims(pair);
      if (!claims.length) {
        e.g.setAttribute("display", "none");
        return;
      }
      e.g.removeAttribute("display");
      const sign = pairSign(claims);
      let colour = data.sign_colours[sign];
      if (state.colourBy === "brief") {
        const briefs = new Set(claims.map((c) => c.brief));
        colour = briefs.size === 1 ? data.brief_colours[[...briefs][0]] : MIXED_BRIEFS;
      }
      const dim = h && !h.edges.has(pair.id);
      if (dim) colour = DIM;
      const width = 1 + 3 * Math.max(...claims.map((c) => c.confidence));
      const onLoop = loops.some((l) => l.pairs.includes(pair.id) && loopVisible(l));
      e.line.setAttribute("stroke", colour);
      e.line.setAttribute("stroke-width", width.toFixed(2));
      if (claims.every((c) => c.modality !== "asserted")) e.line.setAttribute("stroke-dasharray", "7 4");
      else e.line.removeAttribute("stroke-dasharray");
      e.line.setAttribute("marker-end", "url(#" + marker(HEADS[sign], colour) + ")");
      e.g.dataset.sign = sign;
      e.g.dataset.loop = onLoop ? "true" : "false";
      if (h && h.edges.has(pair.id)) edgeLayer.appendChild(e.g); // highlighted arrows on top
    });
    factorIds.forEach((id) => {
      const f = data.factors[id];
      const n = nodeEls.get(id);
      const dim = h && !h.nodes.has(id);
      const faded = !shownFactors.has(id);
      const onLoop = loops.some((l) => l.factors.includes(id) && loopVisible(l));
      const whatif = state.selection && state.selection.kind === "whatif" ? state.selection.effects[id] : undefined;
      n.box.setAttribute("fill", dim ? "#f2f2f2" : data.group_colours[f.group] || "#dddddd");
      n.box.setAttribute("stroke", whatif ? (whatif === "+" ? data.sign_colours["+"] : whatif === "-" ? data.sign_colours["-"] : "#777777") : onLoop ? data.loop_colour : "#555555");
      n.box.setAttribute("stroke-width", whatif || (h && state.selection.focus === id) ? 4 : onLoop ? 3 : 1);
      if (f.review) n.box.setAttribute("stroke-dasharray", "5 3");
      n.text.setAttribute("fill", dim ? "#777777" : "#111111");
      n.g.setAttribute("opacity", faded ? FADED : 1);
      n.g.dataset.faded = faded ? "true" : "false";
      n.g.classList.toggle("show", Boolean(h && h.nodes.has(id)));
      const grow = state.leverage ? 3 + 22 * f.leverage : 0;
      n.halo.setAttribute("visibility", state.leverage && f.leverage > 0 ? "visible" : "hidden");
      n.halo.setAttribute("x", -f.w / 2 - grow); n.halo.setAttribute("y", -f.h / 2 - grow);
      n.halo.setAttribute("width", f.w + 2 * grow); n.halo.setAttribute("height", f.h + 2 * grow);
      n.halo.setAttribute("rx", 4 + grow);
    });
    showCounts(shownFactors);
    updateLoopList();
    writeHash();
  }

  // ------------------------------------------------------------ details panel

  const detailsPanel = document.getElementById("details");
  const details = document.getElementById("details-body");

  function openDetails(title) {
    detailsPanel.hidden = false;
    details.replaceChildren(el("h3", title));
  }

  function claimBox(c) {
    const box = el("div", null, "claim " + (c.sign === "+" ? "sign-plus" : "sign-minus"));
    box.dataset.claim = c.claim;
    const p = el("p", c.paraphrase, "paraphrase");
    if (c.modality !== "asserted") p.appendChild(el("span", c.modality, "mark"));
    box.appendChild(p);
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
      if (k === "locator" && brief && brief.url) {
        // Beside the locator, the brief itself: an http(s) address checked in
        // Python, set as an attribute value only.
        const a = el("a", "the brief online");
        a.href = brief.url;
        a.rel = "noopener noreferrer";
        a.target = "_blank";
        a.dataset.field = "source";
        dl.appendChild(el("dt", "source"));
        const src = el("dd");
        src.appendChild(a);
        dl.appendChild(src);
      }
    });
    box.appendChild(dl);
    return box;
  }

  function factorList(title, pairs, end) {
    const wrap = el("div");
    wrap.appendChild(el("h3", title + " (" + pairs.length + ")"));
    const ul = el("ul", null, "plain");
    pairs.forEach((pair) => {
      const claims = visibleClaims(pair);
      const li = el("li", null, "chip");
      li.textContent = label(pair[end]) + " [" + pairSign(claims) + "] \u00b7 " + claims.length + (claims.length === 1 ? " claim" : " claims");
      li.addEventListener("click", () => focusFactor(pair[end]));
      ul.appendChild(li);
    });
    wrap.appendChild(ul);
    return wrap;
  }

  function showFactor(id) {
    const f = data.factors[id];
    const adj = adjacency();
    const ins = adj.inn.get(id) || [];
    const outs = adj.out.get(id) || [];
    openDetails(f.label);
    if (f.review) details.appendChild(el("p", "Awaiting review: its definition and group are not checked yet.", "message"));
    if (f.alt_labels.length) details.appendChild(el("p", "Also: " + f.alt_labels.join("; ")));
    if (f.group) details.appendChild(el("p", "Group: " + f.group));
    if (f.definition) details.appendChild(el("p", f.definition));
    const what = el("p");
    what.appendChild(el("strong", "What if it "));
    what.appendChild(button("rises", () => select({ kind: "whatif", id: id, direction: "+" })));
    what.appendChild(document.createTextNode(" "));
    what.appendChild(button("falls", () => select({ kind: "whatif", id: id, direction: "-" })));
    details.appendChild(what);
    details.appendChild(factorList("Upstream: causes", ins, "from"));
    details.appendChild(factorList("Downstream: effects", outs, "to"));
    const nodes = [id].concat(ins.map((p) => p.from), outs.map((p) => p.to));
    const edges = ins.concat(outs).map((p) => p.id);
    return { nodes: nodes, edges: edges, focus: id };
  }

  function showPair(id) {
    const pair = pairsById.get(id);
    const claims = visibleClaims(pair);
    openDetails(label(pair.from) + " \u2192 " + label(pair.to));
    if (new Set(claims.map((c) => c.sign)).size > 1) details.appendChild(el("p", "The claims behind this arrow disagree in sign.", "message"));
    claims.forEach((c) => details.appendChild(claimBox(c)));
    return { nodes: [pair.from, pair.to], edges: [id] };
  }

  function linkClaims(container, pairIds) {
    pairIds.forEach((pid) => {
      const pair = pairsById.get(pid);
      const claims = visibleClaims(pair);
      const d = el("details");
      d.appendChild(el("summary", label(pair.from) + " \u2192 " + label(pair.to) + " [" + pairSign(claims) + "] (" + claims.length + ")"));
      claims.forEach((c) => d.appendChild(claimBox(c)));
      container.appendChild(d);
    });
  }

  function showLoop(index) {
    const loop = loops[index];
    openDetails(loop.code + " \u2014 " + loop.name);
    details.appendChild(el("p", "A " + loop.kind + " loop of " + loop.factors.length + " factors."));
    linkClaims(details, loop.pairs);
    return { nodes: loop.factors, edges: loop.pairs };
  }

  // Simple paths from source to target over the visible arrows, shortest first.
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
          pairs.push(pair.id);
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

  function chainSign(pairIds) {
    let sign = 1;
    for (const pid of pairIds) {
      const s = pairSign(visibleClaims(pairsById.get(pid)));
      if (s === "\u00b1") return "?";
      if (s === "-") sign = -sign;
    }
    return sign > 0 ? "+" : "-";
  }

  const chainMessage = document.getElementById("chain-message");
  function showChains(selection) {
    const chains = findChains(selection.from, selection.to);
    const title = "Chains from " + label(selection.from) + " to " + label(selection.to);
    if (!chains.length) {
      chainMessage.textContent = "No chain from " + label(selection.from) + " to " + label(selection.to) + " within " + MAX_CHAIN_LENGTH + " links.";
      openDetails(title);
      details.appendChild(el("p", chainMessage.textContent));
      return { nodes: [selection.from, selection.to], edges: [] };
    }
    chainMessage.textContent = chains.length + (chains.length === 1 ? " chain" : " chains") + (chains.length >= MAX_CHAINS ? " (first " + MAX_CHAINS + ")" : "") + ".";
    openDetails(title);
    const ol = el("ol");
    chains.forEach((chain, i) => {
      const li = el("li", null, "chain" + (selection.index === i ? " active" : ""));
      li.dataset.index = i;
      const head = el("div", "[" + chainSign(chain.pairs) + "] " + chain.factors.map(label).join(" \u2192 "));
      head.addEventListener("click", () => select({ kind: "chains", from: selection.from, to: selection.to, index: i }));
      li.appendChild(head);
      linkClaims(li, chain.pairs);
      ol.appendChild(li);
    });
    details.appendChild(ol);
    const shown = selection.index !== undefined && chains[selection.index] ? [chains[selection.index]] : chains;
    const nodes = new Set();
    const edges = new Set();
    shown.forEach((c) => { c.factors.forEach((f) => nodes.add(f)); c.pairs.forEach((p) => edges.add(p)); });
    return { nodes: [...nodes], edges: [...edges] };
  }

  // The factors a rise (or fall) of one factor reaches over the visible arrows,
  // each with the sign of the change along its shortest chains ("?" where
  // shortest chains of different signs meet or an arrow's claims disagree).
  function whatIf(id, direction) {
    const adj = adjacency();
    const effects = { [id]: direction };
    const depth = { [id]: 0 };
    let frontier = [id];
    const edges = [];
    while (frontier.length) {
      const next = [];
      frontier.forEach((node) => {
        (adj.out.get(node) || []).forEach((pair) => {
          const s = pairSign(visibleClaims(pair));
          const from = effects[node];
          const sign = s === "\u00b1" || from === "?" ? "?" : (s === "+") === (from === "+") ? "+" : "-";
          if (depth[pair.to] === undefined) {
            depth[pair.to] = depth[node] + 1;
            effects[pair.to] = sign;
            next.push(pair.to);
          } else if (depth[pair.to] === depth[node] + 1 && effects[pair.to] !== sign) {
            effects[pair.to] = "?";
          } else if (depth[pair.to] !== depth[node] + 1) {
            return;
          }
          edges.push(pair.id);
        });
      });
      frontier = next;
    }
    return { effects: effects, edges: edges };
  }

  function showWhatIf(selection) {
    const result = whatIf(selection.id, selection.direction);
    selection.effects = result.effects;
    openDetails("What if " + label(selection.id) + (selection.direction === "+" ? " rises" : " falls"));
    const ul = el("ul", null, "plain");
    Object.entries(result.effects).filter(([f]) => f !== selection.id).forEach(([f, s]) => {
      const li = el("li", (s === "+" ? "\u25b2 rises: " : s === "-" ? "\u25bc falls: " : "? unclear: ") + label(f), "chip " + (s === "+" ? "whatif-up" : s === "-" ? "whatif-down" : ""));
      li.dataset.effect = s;
      li.addEventListener("click", () => focusFactor(f));
      ul.appendChild(li);
    });
    if (!ul.children.length) details.appendChild(el("p", "No visible arrow leaves this factor."));
    details.appendChild(ul);
    return { nodes: Object.keys(result.effects), edges: result.edges, focus: selection.id };
  }

  function showDisagreement(id) {
    const found = data.disagreements.find((d) => d.pair === id);
    const sets = showPair(id);
    details.insertBefore(el("p", found ? found.kind : "", "message"), details.children[1] || null);
    return sets;
  }

  // Make a selection current: details, highlight, fit. Invalid ones (hidden by
  // a filter) clear the selection instead, so nothing stale stays on screen.
  function select(selection, options) {
    chainMessage.textContent = "";
    let sets = null;
    if (selection.kind === "factor" && data.factors[selection.id]) sets = showFactor(selection.id);
    else if ((selection.kind === "pair" || selection.kind === "disagreement") && pairsById.has(selection.id) && pairVisible(pairsById.get(selection.id)))
      sets = selection.kind === "pair" ? showPair(selection.id) : showDisagreement(selection.id);
    else if (selection.kind === "loop" && loops[selection.index] && loopVisible(loops[selection.index])) sets = showLoop(selection.index);
    else if (selection.kind === "chains" && data.factors[selection.from] && data.factors[selection.to]) sets = showChains(selection);
    else if (selection.kind === "whatif" && data.factors[selection.id]) sets = showWhatIf(selection);
    if (!sets) {
      clearSelection();
      return;
    }
    state.selection = Object.assign(selection, sets);
    document.querySelectorAll("#loops li").forEach((li) => li.classList.toggle("active", selection.kind === "loop" && Number(li.dataset.index) === selection.index));
    redraw();
    if (!(options && options.keepView)) fit(sets.nodes, sets.edges, { maxScale: 1.3, readable: true });
  }

  function clearSelection() {
    state.selection = null;
    detailsPanel.hidden = true;
    details.replaceChildren(el("p", "Click a factor or an arrow to see the claims behind it."));
    document.querySelectorAll("#loops li").forEach((li) => li.classList.remove("active"));
    chainMessage.textContent = "";
    redraw();
  }

  function focusFactor(id) {
    select({ kind: "factor", id: id });
  }

  document.getElementById("details-close").addEventListener("click", clearSelection);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") clearSelection();
  });

  // ------------------------------------------------------------ search

  const names = [];
  factorIds.forEach((id) => {
    const f = data.factors[id];
    names.push([norm(f.label), id]);
    f.alt_labels.forEach((a) => names.push([norm(a), id]));
  });
  const datalist = document.getElementById("factor-names");
  factorIds.flatMap((id) => [data.factors[id].label].concat(data.factors[id].alt_labels))
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
    const ids = [...new Set(names.filter(([n]) => n.includes(q)).map(([, id]) => id))];
    return ids.length === 1 ? ids[0] : ids.length > 1 ? ids : null;
  }

  const searchBox = document.getElementById("search");
  const searchMessage = document.getElementById("search-message");
  function runSearch() {
    const found = findFactor(searchBox.value);
    searchMessage.textContent = "";
    if (found === null) searchMessage.textContent = "No factor matches \u201c" + searchBox.value + "\u201d.";
    else if (Array.isArray(found)) searchMessage.textContent = "Several factors match: " + found.map(label).join("; ");
    else focusFactor(found);
  }
  searchBox.addEventListener("keydown", (event) => {
    if (event.key === "Enter") runSearch();
  });
  searchBox.addEventListener("change", runSearch);
  document.getElementById("search-go").addEventListener("click", runSearch);

  // ------------------------------------------------------------ filters

  function refreshSelection() {
    if (state.selection) select(state.selection, { keepView: true });
    else redraw();
  }

  function checkbox(fieldset, value, text, set, mark) {
    const lab = el("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = set.has(value);
    box.value = value;
    box.addEventListener("change", () => {
      if (box.checked) set.add(value);
      else set.delete(value);
      refreshSelection();
    });
    lab.appendChild(box);
    if (mark) lab.appendChild(mark);
    lab.appendChild(document.createTextNode(" " + text));
    fieldset.appendChild(lab);
    return box;
  }

  function lineMark(colour, dashed) {
    const line = el("span", null, "line");
    line.style.borderTopColor = colour;
    if (dashed) line.style.borderTopStyle = "dashed";
    return line;
  }

  const briefSet = document.getElementById("filter-briefs");
  data.briefs.forEach((b) => checkbox(briefSet, b.id, b.id + (b.synthetic ? " (example)" : ""), state.briefs));
  const signSet = document.getElementById("filter-signs");
  SIGNS.forEach(([s, text]) => checkbox(signSet, s, text, state.signs, lineMark(data.sign_colours[s])));
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
      drawLegend();
      redraw();
    });
    lab.appendChild(radio);
    lab.appendChild(document.createTextNode(" " + text));
    colourSet.appendChild(lab);
  });
  const leverageBox = document.getElementById("size-by-leverage");
  leverageBox.disabled = !factorIds.some((id) => data.factors[id].leverage > 0);
  leverageBox.addEventListener("change", () => {
    state.leverage = leverageBox.checked;
    drawLegend();
    redraw();
  });

  // ------------------------------------------------------------ chains form

  const chainFrom = document.getElementById("chain-from");
  const chainTo = document.getElementById("chain-to");
  const sortedIds = factorIds.slice().sort((a, b) => label(a).localeCompare(label(b)));
  [chainFrom, chainTo].forEach((sel) => {
    sortedIds.forEach((id) => {
      const option = document.createElement("option");
      option.value = id;
      option.textContent = label(id);
      sel.appendChild(option);
    });
  });
  const inbound = new Map();
  data.pairs.forEach((p) => inbound.set(p.to, (inbound.get(p.to) || 0) + 1));
  if (inbound.size) chainTo.value = [...inbound.entries()].sort((a, b) => b[1] - a[1] || label(a[0]).localeCompare(label(b[0])))[0][0];
  document.getElementById("chain-go").addEventListener("click", () => select({ kind: "chains", from: chainFrom.value, to: chainTo.value }));

  // Shift-click picks chain ends on the graph: the first is "from", the second "to".
  let pickedFrom = null;
  nodeEls.forEach((n, id) => {
    n.g.addEventListener("click", (event) => {
      event.stopPropagation();
      if (event.shiftKey) {
        if (pickedFrom === null || pickedFrom === id) {
          pickedFrom = id;
          chainFrom.value = id;
          chainMessage.textContent = "From " + label(id) + ": shift-click the other end.";
          return;
        }
        chainTo.value = id;
        const from = pickedFrom;
        pickedFrom = null;
        select({ kind: "chains", from: from, to: id });
        return;
      }
      focusFactor(id);
    });
  });

  // ------------------------------------------------------------ loops and disagreements

  const loopList = document.getElementById("loops");
  const noLoop = el("li", "No feedback loop among the visible arrows.");
  noLoop.dataset.role = "empty";
  loopList.appendChild(noLoop);
  const loopItems = loops.map((loop, i) => {
    const li = el("li");
    li.dataset.kind = loop.kind;
    li.dataset.index = i;
    li.appendChild(el("span", loop.code, "code"));
    li.appendChild(el("span", loop.name.charAt(0).toUpperCase() + loop.name.slice(1)));
    li.title = loop.labels.concat(loop.labels[0]).join(" \u2192 ");
    li.addEventListener("click", () => select({ kind: "loop", index: i }));
    loopList.appendChild(li);
    return li;
  });
  function updateLoopList() {
    let shown = 0;
    loops.forEach((loop, i) => {
      const visible = loopVisible(loop);
      loopItems[i].hidden = !visible;
      if (visible) shown += 1;
    });
    noLoop.hidden = shown > 0;
  }

  const disagreementList = document.getElementById("disagreements");
  if (!data.disagreements.length) disagreementList.appendChild(el("li", "No contradiction or hedge mismatch."));
  data.disagreements.forEach((d) => {
    const pair = pairsById.get(d.pair);
    const li = el("li", d.kind + ": " + label(pair.from) + " \u2192 " + label(pair.to));
    li.dataset.kind = d.kind;
    li.addEventListener("click", () => select({ kind: "disagreement", id: d.pair }));
    disagreementList.appendChild(li);
  });

  // ------------------------------------------------------------ legend, header

  const legend = document.getElementById("legend-body");
  function legendRow(mark, text) {
    const row = el("div", null, "legend-row");
    row.appendChild(mark);
    row.appendChild(document.createTextNode(text));
    legend.appendChild(row);
  }
  function headMark(sign, colour) {
    const s = svgEl("svg", { width: 34, height: 12, viewBox: "0 0 34 12" });
    s.style.verticalAlign = "middle";
    s.style.marginRight = "6px";
    s.appendChild(svgEl("line", { x1: 0, y1: 6, x2: 22, y2: 6, stroke: colour, "stroke-width": 2 }));
    const shapes = { triangle: "M22,1 L32,6 L22,11 z", bar: "M27,0.5 L27,11.5 M30,0.5 L30,11.5", diamond: "M22,6 L27,1 L32,6 L27,11 z" };
    const shape = HEADS[sign];
    s.appendChild(svgEl("path", { d: shapes[shape], fill: shape === "bar" ? "none" : colour, stroke: colour, "stroke-width": shape === "bar" ? 2 : 1 }));
    return s;
  }
  function drawLegend() {
    legend.replaceChildren();
    const bySign = state.colourBy === "sign";
    [["+", "increases"], ["-", "decreases"], ["\u00b1", "claims contradict (both signs)"]].forEach(([s, text]) =>
      legendRow(headMark(s, bySign ? data.sign_colours[s] : "#555555"), "arrow head: " + text));
    if (!bySign) {
      data.briefs.forEach((b) => legendRow(lineMark(data.brief_colours[b.id]), "brief " + b.id));
      if (data.briefs.length > 1) legendRow(lineMark(MIXED_BRIEFS), "claims of several briefs");
    }
    legendRow(lineMark("#555555", true), "dashed: only hedged, conditional or reported claims");
    legendRow(lineMark("#555555"), "width: confidence of the strongest claim");
    Object.entries(data.group_colours).forEach(([group, colour]) => {
      const sw = el("span", null, "swatch");
      sw.style.background = colour;
      legendRow(sw, "factor: " + group);
    });
    const loopMark = el("span", null, "swatch");
    loopMark.style.border = "3px solid " + data.loop_colour;
    legendRow(loopMark, "orange border: on a feedback loop");
    if (factorIds.some((id) => data.factors[id].review)) {
      const review = el("span", null, "swatch");
      review.style.borderStyle = "dashed";
      legendRow(review, "dashed border and ?: factor awaiting review");
    }
    if (state.leverage) {
      const halo = el("span", null, "swatch");
      halo.style.background = data.loop_colour;
      halo.style.opacity = "0.4";
      legendRow(halo, "halo: leverage (larger is higher)");
    }
    legendRow(el("span", "\u25b2\u25bc "), "what-if: rises / falls (thick blue / vermilion border)");
  }
  drawLegend();

  const provenance = document.getElementById("provenance");
  data.briefs.forEach((b) => {
    const p = el("p", (b.synthetic ? "Example brief (synthetic): " : "Brief: ") + b.citation + " ");
    if (b.url) {
      const a = el("a", b.url);
      a.href = b.url;
      a.rel = "noopener noreferrer";
      p.appendChild(a);
    } else if (b.iri) {
      p.appendChild(document.createTextNode("<" + b.iri + ">"));
    }
    provenance.appendChild(p);
  });
  provenance.appendChild(el("p", "Showing " + data.scope + "; layout: " + data.engine + "."));
  if (data.build) provenance.appendChild(el("p", data.build));

  const counts = document.getElementById("counts");
  function showCounts(shownFactors) {
    const pairs = visiblePairs();
    const claims = pairs.reduce((n, p) => n + visibleClaims(p).length, 0);
    counts.textContent = shownFactors.size + " factors, " + pairs.length + " cause\u2013effect pairs, " + claims + " claims shown";
    counts.dataset.factors = shownFactors.size;
    counts.dataset.pairs = pairs.length;
    counts.dataset.claims = claims;
  }

  // ------------------------------------------------------------ the view in the URL fragment

  // True until the fragment the page was opened with has been read, so that
  // the first drawing does not wipe it.
  let restoring = true;
  function stateParams() {
    const p = new URLSearchParams();
    const all = (set, values) => values.every((v) => set.has(v));
    if (!all(state.briefs, data.briefs.map((b) => b.id))) p.set("briefs", [...state.briefs].join(","));
    if (!all(state.signs, ["+", "-"])) p.set("signs", [...state.signs].join(","));
    if (!all(state.modalities, MODALITIES)) p.set("modalities", [...state.modalities].join(","));
    if (state.colourBy !== "sign") p.set("colour", state.colourBy);
    if (state.leverage) p.set("leverage", "1");
    const s = state.selection;
    if (s) {
      p.set("select", s.kind);
      if (s.id !== undefined) p.set("id", s.id);
      if (s.index !== undefined) p.set("index", String(s.index));
      if (s.from !== undefined) { p.set("from", s.from); p.set("to", s.to); }
      if (s.direction !== undefined) p.set("direction", s.direction);
    }
    return p;
  }
  function writeHash() {
    if (restoring) return;
    const text = stateParams().toString();
    try {
      history.replaceState(null, "", text ? "#" + text : location.pathname + location.search);
    } catch (error) {
      // A sandboxed frame (a notebook) may refuse; the view still works.
    }
  }
  function readHash() {
    const p = new URLSearchParams(location.hash.replace(/^#/, ""));
    const setFrom = (key, set, inputs) => {
      if (!p.has(key)) return;
      const values = new Set(p.get(key).split(",").filter(Boolean));
      set.clear();
      values.forEach((v) => set.add(v));
      document.querySelectorAll(inputs).forEach((box) => { box.checked = set.has(box.value); });
    };
    restoring = true;
    setFrom("briefs", state.briefs, "#filter-briefs input");
    setFrom("signs", state.signs, "#filter-signs input");
    setFrom("modalities", state.modalities, "#filter-modalities input");
    if (p.get("colour") === "brief") {
      state.colourBy = "brief";
      document.querySelector("#colour-by input[value=brief]").checked = true;
    }
    if (p.get("leverage") === "1" && !leverageBox.disabled) {
      state.leverage = true;
      leverageBox.checked = true;
    }
    drawLegend();
    restoring = false;
    const kind = p.get("select");
    if (!kind) {
      redraw();
      return false;
    }
    const selection = { kind: kind };
    if (p.has("id")) selection.id = p.get("id");
    if (p.has("index")) selection.index = Number(p.get("index"));
    if (p.has("from")) { selection.from = p.get("from"); selection.to = p.get("to"); }
    if (p.has("direction")) selection.direction = p.get("direction") === "-" ? "-" : "+";
    select(selection);
    return true;
  }

  // ------------------------------------------------------------ export

  function exportSVG() {
    const box = svg.getBoundingClientRect();
    const copy = svg.cloneNode(true);
    copy.setAttribute("xmlns", SVG);
    copy.setAttribute("width", Math.round(box.width));
    copy.setAttribute("height", Math.round(box.height));
    copy.setAttribute("viewBox", "0 0 " + Math.round(box.width) + " " + Math.round(box.height));
    copy.querySelectorAll("[display=none]").forEach((n) => n.remove());
    copy.querySelectorAll("path[stroke=transparent]").forEach((n) => n.remove());
    if (data.overview) copy.querySelectorAll(".node:not(.show) text").forEach((n) => n.remove());
    return new XMLSerializer().serializeToString(copy);
  }
  function svgDataUrl() {
    return "data:image/svg+xml;base64," + btoa(unescape(encodeURIComponent(exportSVG())));
  }
  function exportPNG() {
    return new Promise((resolve, reject) => {
      const box = svg.getBoundingClientRect();
      const image = new Image();
      image.onload = () => {
        const scale = 2;
        const canvas = document.createElement("canvas");
        canvas.width = Math.round(box.width * scale);
        canvas.height = Math.round(box.height * scale);
        const ctx = canvas.getContext("2d");
        ctx.scale(scale, scale);
        ctx.drawImage(image, 0, 0);
        resolve(canvas.toDataURL("image/png"));
      };
      image.onerror = () => reject(new Error("the view could not be drawn as PNG"));
      image.src = svgDataUrl();
    });
  }
  function download(href, name) {
    const a = el("a");
    a.href = href;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  function positionsJSON() {
    const positions = {};
    factorIds.forEach((id) => { positions[id] = [data.factors[id].x, data.factors[id].y]; });
    return JSON.stringify({ positions: positions, moved: [...moved].sort() }, null, 1);
  }
  document.getElementById("export-svg").addEventListener("click", () => download(svgDataUrl(), "kg-view.svg"));
  document.getElementById("export-png").addEventListener("click", () => exportPNG().then((url) => download(url, "kg-view.png")));
  document.getElementById("save-positions").addEventListener("click", () =>
    download("data:application/json;charset=utf-8," + encodeURIComponent(positionsJSON()), "kg-positions.json"));

  // ------------------------------------------------------------ start

  const controls = document.getElementById("controls");
  const toggle = document.getElementById("toggle-controls");
  function setControls(open) {
    controls.classList.toggle("collapsed", !open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
  toggle.addEventListener("click", () => {
    setControls(controls.classList.contains("collapsed"));
    if (!state.selection) fitAll();
  });
  // A small frame (a notebook cell) opens with the graph only.
  if (window.innerWidth < 1000) setControls(false);

  document.getElementById("reset").addEventListener("click", () => {
    clearSelection();
    fitAll();
  });
  window.addEventListener("resize", () => {
    if (!state.selection) fitAll();
  });

  // An overview laid out by dot keeps each group together: draw its area,
  // labelled at a size readable at the first zoom.
  function drawGroups() {
    if (!data.overview || data.engine !== "dot") return;
    const members = new Map();
    factorIds.forEach((id) => {
      const g = data.factors[id].group;
      if (!members.has(g)) members.set(g, []);
      members.get(g).push(id);
    });
    if (members.size < 2) return;
    const size = 13 / view.k;
    members.forEach((ids, group) => {
      const b = bounds(ids);
      const pad = 8;
      groupLayer.appendChild(svgEl("rect", { x: b.x0 - pad, y: b.y0 - pad - size * 1.4, width: b.x1 - b.x0 + 2 * pad,
        height: b.y1 - b.y0 + 2 * pad + size * 1.4, fill: data.group_colours[group] || "#dddddd", "fill-opacity": 0.18,
        stroke: "#999999", "stroke-width": 1 / view.k, "data-group": group }));
      const text = svgEl("text", { x: b.x0 - pad + size * 0.4, y: b.y0 - pad - size * 0.35, "font-size": size,
        "font-family": "DejaVu Sans, sans-serif", fill: "#333333", "data-group": group });
      text.textContent = group || "no group";
      groupLayer.appendChild(text);
    });
  }

  redraw();
  fitAll();
  drawGroups();
  readHash();
  requestAnimationFrame(() => {
    document.body.dataset.ready = "true";
  });

  function screenPoint(x, y) {
    const m = viewport.getScreenCTM();
    return { x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f };
  }

  // A small, read-only handle for tests and notebooks.
  window.kgExplorer = {
    data: data,
    view: () => Object.assign({}, view),
    visibleEdges: () => visiblePairs().map((p) => p.id),
    visibleFactors: () => [...visibleFactorSet()],
    visibleLoops: () => loops.filter(loopVisible).map((l) => l.code),
    highlighted: () => (state.selection ? { nodes: state.selection.nodes.slice(), edges: state.selection.edges.slice(), kind: state.selection.kind } : null),
    selectedNode: () => (state.selection && state.selection.kind === "factor" ? state.selection.id : null),
    selection: () => (state.selection ? JSON.parse(JSON.stringify(state.selection)) : null),
    // Where an arrow can be clicked: the middle of its drawn curve, in page pixels.
    edgeMidpoint: (id) => {
      const path = edgeEls.get(id).line;
      const p = path.getPointAtLength(path.getTotalLength() / 2);
      return screenPoint(p.x, p.y);
    },
    // Points along an arrow as drawn (layout coordinates), for geometry checks.
    edgePoints: (id, n) => {
      const path = edgeEls.get(id).line;
      const total = path.getTotalLength();
      const points = [];
      for (let i = 0; i <= n; i++) {
        const p = path.getPointAtLength((total * i) / n);
        points.push([p.x, p.y]);
      }
      return points;
    },
    nodeBox: (id) => {
      const r = nodeEls.get(id).box.getBoundingClientRect();
      return { x: r.left, y: r.top, width: r.width, height: r.height };
    },
    // Rendered label size in screen pixels, per factor.
    labelPixels: () => factorIds.map((id) => {
      const t = nodeEls.get(id).text;
      return { id: id, px: FONT_SIZE * t.getScreenCTM().a, shown: getComputedStyle(t).display !== "none" };
    }),
    exportSVG: exportSVG,
    exportPNG: exportPNG,
    positions: positionsJSON,
    moveFactor: moveFactor,
    fitAll: fitAll,
  };
})();
