// The kg explorer page's panels: search, filters, details, chains, loops,
// disagreements, what-if, the view in the URL fragment and PNG/SVG export,
// acting on the vis-network that pyvis's page makes from the layout kg
// computed. Text from briefs is only ever set with textContent, drawn on
// vis-network's canvas, or written as SVG text nodes, never parsed as markup.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const SVG = "http://www.w3.org/2000/svg";
  const MAX_CHAIN_LENGTH = 6;
  const MAX_CHAINS = 50;
  const FONT_SIZE = 14;
  const MODALITIES = ["asserted", "hedged", "conditional", "reported"];
  // A claim's reading: what the source says in so many words, or what was read into it
  // (unticking "inferred" is `kg ... --stated-only`).
  const READINGS = ["stated", "inferred"];
  const SIGNS = [["+", "increases"], ["-", "decreases"], ["0", "no effect found"]];
  const DIM = "#d9d9d9";
  const FADED = 0.25;
  const MIXED_BRIEFS = "#444444";
  const HEADS = { "+": "arrow", "-": "bar", "\u00b1": "diamond" };

  const factorIds = Object.keys(data.factors);
  const pairsById = new Map(data.pairs.map((p) => [p.id, p]));
  // Pairs only null findings name ("no effect found"): marked, never causal arrows.
  const nullPairs = data.null_pairs || [];
  const nullPairsById = new Map(nullPairs.map((p) => [p.id, p]));
  const NULL_MARK = "\u2205";
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

  // localeCompare's order, from one collator (localeCompare makes one at every call),
  // made when first needed: making it costs about as much as drawing a small map, and
  // the lists filled at opening come in the page's label order (data.factor_order).
  let collator = null;
  const collate = (a, b) => (collator || (collator = new Intl.Collator())).compare(a, b);

  function label(id) {
    return data.factors[id] ? data.factors[id].label : id;
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
    signs: new Set(["+", "-", "0"]),
    modalities: new Set(MODALITIES),
    readings: new Set(READINGS),
    colourBy: "sign",
    leverage: false,
    selection: null, // {kind: factor|pair|loop|chains|chain|whatif|disagreement, ...}
  };

  function claimVisible(c) {
    return state.briefs.has(c.brief) && state.signs.has(c.sign) && state.modalities.has(c.modality) && state.readings.has(c.reading || "stated");
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
  function visibleNulls(pair) {
    return (pair.null_claims || []).filter(claimVisible);
  }

  // ------------------------------------------------------------ the weighting rule

  // kg.analysis.weights, ported step by step (its module docstring says the
  // order of operations), with the constants the page carries
  // (data.weight_rule), over the claims the filters leave: so the page's
  // what-if, loops and chains recompute as the command line would with the
  // same briefs.
  const RULE = data.weight_rule;
  const SIGN_VALUE = { "+": 1, "-": -1, "0": 0 };
  function credence(c) {
    const m = RULE.modality_weights[c.modality];
    const r = RULE.reading_weights[c.reading || "stated"];
    return Number(c.confidence) * (m === undefined ? 1.0 : m) * (r === undefined ? 1.0 : r);
  }
  function noisyOr(values) {
    let missing = 1.0;
    values.forEach((v) => { missing *= 1.0 - v; });
    return 1.0 - missing;
  }
  // {sign: 1 | -1 | 0, weight, up, down, null}: step 1 credence, step 2 a brief's
  // largest per value, step 3 noisy-or over briefs in id order, step 4 the net.
  function pairWeight(claims) {
    const best = { "1": {}, "-1": {}, "0": {} };
    claims.forEach((c) => {
      const own = best[SIGN_VALUE[c.sign]];
      const value = credence(c);
      if (value > (own[c.brief] === undefined ? -1.0 : own[c.brief])) own[c.brief] = value;
    });
    const combined = (v) => noisyOr(Object.keys(best[v]).sort().map((b) => best[v][b]));
    const up = combined("1"), down = combined("-1"), nul = combined("0");
    const net = (up - down) * (1.0 - RULE.null_weight * nul);
    return { sign: net > 0 ? 1 : net < 0 ? -1 : 0, weight: Math.abs(net), up: up, down: down, null: nul };
  }
  let weightKey = null;
  let weightCache = new Map();
  // The rule's verdict on every visible pair, recomputed when a filter changes.
  function weights() {
    const key = [...state.briefs].sort().join(",") + "|" + [...state.signs].sort().join(",") + "|" + [...state.modalities].sort().join(",") + "|" + [...state.readings].sort().join(",");
    if (key !== weightKey) {
      weightCache = new Map();
      data.pairs.forEach((pair) => {
        const claims = visibleClaims(pair);
        if (claims.length) weightCache.set(pair.id, pairWeight(claims.concat(visibleNulls(pair))));
      });
      weightKey = key;
    }
    return weightCache;
  }
  function netSymbol(w) {
    return w.sign > 0 ? "+" : w.sign < 0 ? "-" : "0";
  }

  // kg.analysis.weights.propagate: the strongest chain of each sign from the
  // shocks to every factor, best first over (factor, sign) states; ties by
  // fewer links, then the factor's key, then + before -. Shocked factors are held.
  function heapLess(a, b) {
    for (let i = 0; i < a.length; i++) {
      if (a[i] < b[i]) return true;
      if (a[i] > b[i]) return false;
    }
    return false;
  }
  function heapPush(heap, item) {
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!heapLess(heap[i], heap[up])) break;
      [heap[i], heap[up]] = [heap[up], heap[i]];
      i = up;
    }
  }
  function heapPop(heap) {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < heap.length && heapLess(heap[l], heap[m])) m = l;
        if (r < heap.length && heapLess(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  }
  function propagate(shocks) {
    const w = weights();
    const links = new Map();
    data.pairs.forEach((pair) => {
      const pw = w.get(pair.id);
      if (!pw || !pw.sign || !(pw.weight > 0)) return;
      if (!links.has(pair.from)) links.set(pair.from, []);
      links.get(pair.from).push([pair.to, pw.sign, pw.weight, pair.id]);
    });
    links.forEach((out) => out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
    const key = (node, s) => node + "\u0000" + s;
    const strength = new Map(), hops = new Map(), parent = new Map();
    const heap = [];
    Object.keys(shocks).sort().forEach((node) => {
      const k = key(node, shocks[node]);
      strength.set(k, 1.0); hops.set(k, 0); parent.set(k, null);
      heapPush(heap, [-1.0, 0, node, -shocks[node]]);
    });
    const settled = new Map(); // key -> [node, sign]
    while (heap.length) {
      const [negative, linksSoFar, node, negativeSign] = heapPop(heap);
      const sign = -negativeSign;
      const k = key(node, sign);
      if (settled.has(k) || -negative !== strength.get(k) || linksSoFar !== hops.get(k)) continue;
      settled.set(k, [node, sign]);
      (links.get(node) || []).forEach(([other, linkSign, weight, pairId]) => {
        const nextSign = sign * linkSign;
        const nk = key(other, nextSign);
        if (settled.has(nk) || Object.prototype.hasOwnProperty.call(shocks, other)) return;
        const value = strength.get(k) * weight;
        const held = strength.has(nk) ? strength.get(nk) : -1.0;
        if (value > held || (value === held && linksSoFar + 1 < hops.get(nk))) {
          strength.set(nk, value); hops.set(nk, linksSoFar + 1); parent.set(nk, [k, pairId]);
          heapPush(heap, [-value, linksSoFar + 1, other, -nextSign]);
        }
      });
    }
    const effects = {};
    settled.forEach(([node, sign], k) => {
      if (hops.get(k) === 0) return;
      const factors = [], pairs = [];
      let cursor = k, at = node;
      while (cursor !== null) {
        factors.push(at);
        const step = parent.get(cursor);
        if (step === null) break;
        pairs.push(step[1]);
        cursor = step[0];
        at = cursor.split("\u0000")[0];
      }
      const e = effects[node] || (effects[node] = { chains: {}, strengths: {} });
      e.chains[sign] = { factors: factors.reverse(), pairs: pairs.reverse() };
      e.strengths[sign] = strength.get(k);
    });
    Object.values(effects).forEach((e) => {
      e.support = e.strengths[1] || 0;
      e.opposition = e.strengths[-1] || 0;
      e.sign = directionOf(e.support, e.opposition);
      e.strength = Math.abs(e.support - e.opposition);
      const decided = e.sign || (e.support >= e.opposition ? 1 : -1);
      e.chain = e.chains[decided];
      e.opposing = e.chains[-decided] || null;
    });
    return effects;
  }
  function directionOf(support, opposition) {
    if (support > 0 && opposition > 0 && Math.abs(support - opposition) <= RULE.ambiguity_margin * Math.max(support, opposition)) return 0;
    return support > opposition ? 1 : -1;
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

  // ------------------------------------------------------------ leverage

  // kg.analysis.leverage over the claims the filters leave, as `kg leverage
  // --brief ... --stated-only` computes it: the weighted reach (the strength of
  // the strongest chain to each factor reached, by Dijkstra on link lengths
  // -log(weight)), exact weighted betweenness (Brandes' algorithm on the same
  // lengths, equal lengths compared as igraph does, within a relative 1e-10)
  // and the strength of the loops each factor sits in. With every filter
  // ticked the page keeps the figures Python computed; the recomputation needs
  // the whole graph drawn and every loop listed (data.leverage.recomputable).
  const LEVERAGE = data.leverage || { n: 0, recomputable: false, others: [] };
  const MIN_DISTANCE = 1e-9;
  function round4(x) {
    return Math.round(x * 1e4) / 1e4;
  }
  function sameLength(a, b) {
    if (a === b) return true;
    const sum = Math.abs(a) + Math.abs(b);
    return sum > 0 && Math.abs(a - b) / sum < 1e-10;
  }
  function filtersDefault() {
    return state.briefs.size === data.briefs.length && state.signs.size === 3 &&
      state.modalities.size === MODALITIES.length && state.readings.size === READINGS.length;
  }
  // Single-source Dijkstra: each reached node's distance, the order settled,
  // and (for betweenness) the number of shortest routes and the predecessors on them.
  function dijkstra(out, source) {
    const dist = new Map([[source, 0]]);
    const sigma = new Map([[source, 1]]);
    const preds = new Map([[source, []]]);
    const order = [];
    const done = new Set();
    const heap = [[0, 0, source]];
    let counter = 1;
    while (heap.length) {
      const [d, , node] = heapPop(heap);
      if (done.has(node)) continue;
      done.add(node);
      order.push(node);
      (out.get(node) || []).forEach(([other, length]) => {
        if (done.has(other)) return;
        const alt = d + length;
        const held = dist.get(other);
        if (held === undefined || (alt < held && !sameLength(alt, held))) {
          dist.set(other, alt);
          sigma.set(other, sigma.get(node));
          preds.set(other, [node]);
          heapPush(heap, [alt, counter++, other]);
        } else if (sameLength(alt, held)) {
          sigma.set(other, sigma.get(other) + sigma.get(node));
          preds.get(other).push(node);
        }
      });
    }
    return { dist: dist, sigma: sigma, preds: preds, order: order };
  }
  function computeLeverage() {
    const w = weights();
    const out = new Map();
    const nodes = new Set();
    data.pairs.forEach((pair) => {
      const pw = w.get(pair.id);
      if (!pw) return;
      nodes.add(pair.from);
      nodes.add(pair.to);
      if (!(pw.weight > 0)) return; // a link whose claims balance carries nothing
      if (!out.has(pair.from)) out.set(pair.from, []);
      out.get(pair.from).push([pair.to, Math.max(-Math.log(pw.weight), MIN_DISTANCE)]);
    });
    const n = LEVERAGE.n;
    const reach = new Map(), downstream = new Map(), between = new Map();
    nodes.forEach((v) => between.set(v, 0));
    nodes.forEach((s) => {
      const r = dijkstra(out, s);
      let sum = 0;
      r.dist.forEach((d, v) => { if (v !== s) sum += Math.exp(-d); });
      reach.set(s, sum);
      downstream.set(s, r.dist.size - 1);
      const delta = new Map();
      for (let i = r.order.length - 1; i >= 0; i--) {
        const v = r.order[i];
        const dv = delta.get(v) || 0;
        r.preds.get(v).forEach((u) => delta.set(u, (delta.get(u) || 0) + r.sigma.get(u) / r.sigma.get(v) * (1 + dv)));
        if (v !== s) between.set(v, between.get(v) + dv);
      }
    });
    const scale = n < 3 ? 0 : 1 / ((n - 1) * (n - 2));
    const loopCount = new Map(), loopStrength = new Map();
    loopInfo().forEach((info, loop) => {
      loop.factors.forEach((f) => {
        loopCount.set(f, (loopCount.get(f) || 0) + 1);
        loopStrength.set(f, (loopStrength.get(f) || 0) + info.strength);
      });
    });
    const ids = [...nodes];
    const maxBetween = Math.max(0, ...ids.map((id) => between.get(id) * scale)) || 1;
    const maxStrength = Math.max(0, ...ids.map((id) => loopStrength.get(id) || 0)) || 1;
    const rows = ids.map((id) => {
      const b = between.get(id) * scale;
      const parts = [0.5 * reach.get(id) / Math.max(n - 1, 1), 0.3 * b / maxBetween, 0.2 * (loopStrength.get(id) || 0) / maxStrength];
      return { id: id, label: label(id), score: round4(parts[0] + parts[1] + parts[2]), reach: round4(parts[0]), brokerage: round4(parts[1]),
        feedback: round4(parts[2]), downstream: downstream.get(id), weighted_reach: round4(reach.get(id)), betweenness: round4(b),
        loops: loopCount.get(id) || 0, loop_strength: round4(loopStrength.get(id) || 0), of: n };
    });
    // Every other factor of the scheme scores 0 and takes its place among them by label.
    factorIds.filter((id) => !nodes.has(id)).forEach((id) => rows.push({ id: id, label: label(id), score: 0, reach: 0, brokerage: 0,
      feedback: 0, downstream: 0, weighted_reach: 0, betweenness: 0, loops: 0, loop_strength: 0, of: n }));
    LEVERAGE.others.forEach((name) => rows.push({ id: null, label: name, score: 0 }));
    rows.sort((a, b) => b.score - a.score || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    const records = new Map();
    rows.forEach((row, i) => {
      if (row.id === null) return;
      row.rank = i + 1;
      records.set(row.id, row);
    });
    return records;
  }
  let leverageKey = null;
  let leverageCache = new Map();
  // Each drawn factor's leverage for the claims the filters leave (id -> record), empty
  // when the page cannot recompute it for these filters.
  function leverageNow() {
    weights();
    if (leverageKey !== weightKey) {
      if (filtersDefault()) {
        leverageCache = new Map(factorIds.filter((id) => data.factors[id].leverage).map((id) => [id, data.factors[id].leverage]));
      } else {
        leverageCache = LEVERAGE.recomputable ? computeLeverage() : new Map();
      }
      leverageKey = weightKey;
    }
    return leverageCache;
  }

  // ------------------------------------------------------------ the graph: vis-network

  // pyvis wrote the nodes (factors, and the invisible waypoints arrows pass
  // through), the arrows' segments and vis-network's options; vis-network
  // draws them, and this script only changes their data sets.
  const network_data = JSON.parse(document.getElementById("kg-network").textContent);
  const container = document.getElementById("canvas");
  const segments = new Map(); // pair id -> its edge ids, in order
  network_data.edges.forEach((e) => {
    if (!segments.has(e.pair)) segments.set(e.pair, []);
    segments.get(e.pair).push(e.id);
  });
  const waypointsOf = new Map(); // pair id -> its waypoint node ids
  const pairOfWaypoint = new Map();
  network_data.edges.forEach((e) => {
    [e.from, e.to].forEach((n) => {
      if (data.factors[n] || pairOfWaypoint.has(n)) return;
      pairOfWaypoint.set(n, e.pair);
      if (!waypointsOf.has(e.pair)) waypointsOf.set(e.pair, []);
      waypointsOf.get(e.pair).push(n);
    });
  });

  // ------------------------------------------------------------ the overview

  // When the whole map cannot be read in the window (labels under 10 px, 11 px
  // on a 1920-pixel screen), the page opens on an overview: vis-network's
  // clustering folds each group's factors (and the waypoints of their arrows)
  // into one box at the place Python's layered layout gave the groups; a click
  // on a box opens the map there, readable. "Overview" folds it again.
  const clusters = data.clusters || [];
  const clusterIds = new Set(clusters.map((c) => c.id));
  const overviewHint = document.getElementById("overview-hint");
  let overview = false;
  function readablePx() {
    return window.innerWidth >= 1900 ? 11 : 10;
  }
  function inCluster(id, inside) {
    if (inside.has(id)) return true;
    const pairId = pairOfWaypoint.get(id);
    if (pairId === undefined) return false;
    const pair = pairsById.get(pairId) || nullPairsById.get(pairId);
    return inside.has(pair.from);
  }
  function foldOverview() {
    if (overview || !clusters.length) return;
    clusters.forEach((c) => {
      const inside = new Set(c.members);
      const colour = data.group_colours[c.group] || "#dddddd";
      network.cluster({
        joinCondition: (options) => inCluster(options.id, inside),
        clusterNodeProperties: {
          id: c.id, label: c.lines.join("\n"), shape: "box", x: c.x, y: c.y, physics: false, borderWidth: 2, allowSingleNodeCluster: true,
          color: { background: colour, border: "#333333", highlight: { background: colour, border: "#000000" }, hover: { background: colour, border: "#000000" } },
          font: { size: FONT_SIZE, color: "#111111" }, opacity: 1,
          widthConstraint: { minimum: c.w - data.box_extra[0], maximum: c.w - data.box_extra[0] },
          heightConstraint: { minimum: c.h - data.box_extra[1] },
        },
        clusterEdgeProperties: { color: { color: "#8a8a8a", highlight: "#444444", hover: "#444444" }, width: 1.5, smooth: false, dashes: false, label: "",
          arrows: { to: { enabled: true, type: "arrow", scaleFactor: 0.8 } } },
      });
    });
    overview = true;
    document.body.dataset.view = "overview";
    overviewHint.hidden = false;
  }
  function unfoldOverview() {
    if (!overview) return;
    overview = false;
    clusters.forEach((c) => {
      if (!network.isCluster(c.id)) return;
      // Each factor and waypoint back at its own place in the map.
      network.openCluster(c.id, { releaseFunction: (at, contained) => {
        const back = {};
        Object.keys(contained).forEach((id) => { const n = nodes.get(id); back[id] = { x: n.x, y: n.y }; });
        return back;
      } });
    });
    document.body.dataset.view = "map";
    overviewHint.hidden = true;
    // vis-network gives opened nodes their group's default look: set the page's again.
    network.unselectAll();
    lastStyle.clear();
    redraw();
  }
  function showOverview() {
    groupOpened = false;
    foldOverview();
    fit(clusters.map((c) => c.id), [], { maxScale: 1.4 });
    writeHash();
  }
  // Open the map on one group's factors, fitted, at a readable zoom at least.
  let groupOpened = false;
  function openGroup(clusterId) {
    groupOpened = true;
    select({ kind: "group", id: clusterId });
  }
  // A group opened: its factors highlighted and listed, the view fitted to them.
  function showGroup(clusterId) {
    const c = clusters.find((k) => k.id === clusterId);
    const inside = new Set(c.members);
    openDetails(c.label);
    details.appendChild(el("p", "The factors of this group, highlighted on the map with the arrows between them. Click one for its claims."));
    const ul = el("ul", null, "plain");
    c.members.slice().sort((a, b) => collate(label(a), label(b))).forEach((id) => {
      const li = el("li", label(id), "chip");
      li.addEventListener("click", () => focusFactor(id));
      ul.appendChild(li);
    });
    details.appendChild(ul);
    const edges = visiblePairs().filter((p) => inside.has(p.from) && inside.has(p.to)).map((p) => p.id);
    // All of them in view, to see where they are; a scattered group may then need zooming in.
    return { nodes: c.members.slice(), edges: edges };
  }

  function highlightSets() {
    const s = state.selection;
    return s && s.nodes ? { nodes: new Set(s.nodes), edges: new Set(s.edges || []) } : null;
  }

  function leverageScale(id) {
    if (!state.leverage) return 1;
    const lev = leverageNow().get(id);
    return lev ? 0.6 + 0.4 * lev.score / topLeverage() : 1;
  }
  function topLeverage() {
    return Math.max(1e-9, ...[...leverageNow().values()].map((lev) => lev.score));
  }

  // Everything the filters and the selection change, as updates of the data sets.
  function styles() {
    const h = highlightSets();
    const shownFactors = visibleFactorSet();
    const loopPairs = new Set();
    const loopFactors = new Set();
    loops.forEach((l) => {
      if (!loopVisible(l)) return;
      l.pairs.forEach((p) => loopPairs.add(p));
      l.factors.forEach((f) => loopFactors.add(f));
    });
    const selectedLoop = state.selection && state.selection.kind === "loop" ? loops[state.selection.index] : null;
    const edgeUpdates = [];
    const pointUpdates = [];
    data.pairs.forEach((pair) => {
      const claims = visibleClaims(pair);
      const ids = segments.get(pair.id) || [];
      const points = waypointsOf.get(pair.id) || [];
      if (!claims.length) {
        ids.forEach((id) => edgeUpdates.push({ id: id, hidden: true }));
        points.forEach((id) => pointUpdates.push({ id: id, hidden: true }));
        return;
      }
      const sign = pairSign(claims);
      let colour = data.sign_colours[sign];
      if (state.colourBy === "brief") {
        const briefs = new Set(claims.map((c) => c.brief));
        colour = briefs.size === 1 ? data.brief_colours[[...briefs][0]] : MIXED_BRIEFS;
      }
      const lit = h && h.edges.has(pair.id);
      if (h && !lit) colour = DIM;
      if (selectedLoop && lit) colour = data.loop_colour;
      const width = 1 + 2 * Math.max(...claims.map((c) => c.confidence)) + (lit ? 1.5 : 0);
      const dashes = claims.every((c) => c.modality !== "asserted") ? [7, 4] : false;
      const nulls = visibleNulls(pair).length > 0;
      ids.forEach((id, k) => {
        edgeUpdates.push({ id: id, hidden: false, color: { color: colour, highlight: colour, hover: colour }, width: width, dashes: dashes,
          arrows: { to: { enabled: k === ids.length - 1, type: HEADS[sign], scaleFactor: 0.8 } },
          label: nulls && k === Math.floor((ids.length - 1) / 2) ? NULL_MARK : "" });
      });
      points.forEach((id) => pointUpdates.push({ id: id, hidden: false, color: { background: colour, border: colour } }));
    });
    nullPairs.forEach((pair) => {
      const shown = visibleNulls(pair).length > 0;
      const lit = h && h.edges.has(pair.id);
      const colour = h && !lit ? DIM : data.null_colour;
      (segments.get(pair.id) || []).forEach((id) => edgeUpdates.push({ id: id, hidden: !shown, color: { color: colour, highlight: colour, hover: colour } }));
      (waypointsOf.get(pair.id) || []).forEach((id) => pointUpdates.push({ id: id, hidden: !shown }));
    });
    const nodeUpdates = factorIds.map((id) => {
      const f = data.factors[id];
      const dim = h && !h.nodes.has(id);
      const faded = !shownFactors.has(id) && data.pairs.length > 0;
      const onLoop = loopFactors.has(id);
      const whatif = state.selection && state.selection.kind === "whatif" ? state.selection.effects[id] : undefined;
      const scale = leverageScale(id);
      const border = whatif ? (whatif === "+" ? data.sign_colours["+"] : whatif === "-" ? data.sign_colours["-"] : "#777777") : onLoop ? data.loop_colour : "#555555";
      const background = dim ? "#f2f2f2" : data.group_colours[f.group] || "#dddddd";
      return {
        id: id,
        hidden: false,
        opacity: faded ? FADED : 1,
        color: { background: background, border: border, highlight: { background: background, border: "#222222" }, hover: { background: background, border: "#222222" } },
        borderWidth: whatif || (h && state.selection.focus === id) ? 4 : onLoop ? 3 : 1,
        font: { size: Math.round(FONT_SIZE * scale * 10) / 10, color: dim ? "#777777" : "#111111" },
        widthConstraint: { minimum: (f.w - data.box_extra[0]) * scale },
        heightConstraint: { minimum: (f.h - data.box_extra[1]) * scale },
        label: f.lines.join("\n") + (whatif === "+" ? "\n\u25b2" : whatif === "-" ? "\n\u25bc" : whatif === "?" ? "\n?" : ""),
      };
    });
    return { edges: edgeUpdates, nodes: nodeUpdates.concat(pointUpdates), shownFactors: shownFactors, selectedLoop: selectedLoop };
  }

  // The updates applied, each data set in one update of only what changed.
  function redraw() {
    const now = styles();
    edges.update(changed(now.edges));
    nodes.update(changed(now.nodes));
    drawLoopLabel(now.selectedLoop);
    showCounts(now.shownFactors);
    updateLoopList();
    writeHash();
  }

  // Only what differs from the last update: vis-network measures every node it is given again.
  const lastStyle = new Map();
  function changed(updates) {
    return updates.filter((u) => {
      const text = JSON.stringify(u);
      if (lastStyle.get(u.id) === text) return false;
      lastStyle.set(u.id, text);
      return true;
    });
  }

  // The data sets start with the first view's styles already merged in, so
  // that vis-network measures and draws every item once, not once as written
  // and again as styled.
  const first = styles();
  const byId = (items) => new Map(items.map((item) => [item.id, item]));
  const nodeStyles = byId(changed(first.nodes));
  const edgeStyles = byId(changed(first.edges));
  // The data sets and the network itself are made at the start, below, once the panels are
  // built: vis-network then measures its canvas in the page's final layout, once.

  // The selected loop's code (R1, B1...) on the graph, amid its factors.
  const LOOP_LABEL = "kg-loop-label";
  function drawLoopLabel(loop) {
    if (nodes.get(LOOP_LABEL)) nodes.remove(LOOP_LABEL);
    if (!loop) return;
    const positions = network.getPositions(loop.factors);
    const xs = loop.factors.map((f) => positions[f].x);
    const ys = loop.factors.map((f) => positions[f].y);
    const info = loopInfo().get(loop);
    nodes.add({ id: LOOP_LABEL, label: info.code, shape: "circle", x: xs.reduce((a, b) => a + b) / xs.length,
      y: ys.reduce((a, b) => a + b) / ys.length, physics: false, chosen: false, borderWidth: 2,
      color: { background: "#ffffff", border: data.loop_colour }, font: { size: 16, bold: true, color: "#222222" } });
  }

  // The part of the graph not covered by the details panel, in pixels.
  function graphArea() {
    const box = container.getBoundingClientRect();
    const panel = document.getElementById("details");
    const covered = panel.hidden ? 0 : Math.min(panel.getBoundingClientRect().width, box.width * 0.6);
    return { width: Math.max(box.width - covered, 100), height: Math.max(box.height, 100), covered: covered };
  }

  // A factor's box (or a waypoint's point) in layout coordinates, from the data:
  // known before vis-network has measured anything, so every fit is the same.
  function boxOf(id) {
    const f = data.factors[id];
    const n = nodes.get(id);
    if (!n) return null;
    if (!f) return { left: n.x, right: n.x, top: n.y, bottom: n.y };
    const k = leverageScale(id);
    return { left: n.x - f.w * k / 2 - 1, right: n.x + f.w * k / 2 + 1, top: n.y - f.h * k / 2 - 1, bottom: n.y + f.h * k / 2 + 1 };
  }

  // Fit these factors (and the waypoints of these arrows) in the uncovered area.
  function fit(ids, pairIds, options) {
    const all = ids.filter((id) => data.factors[id] || clusterIds.has(id)).concat(...(pairIds || []).map((p) => waypointsOf.get(p) || []));
    if (!all.length) return;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    all.forEach((id) => {
      // A group's box is known before vis-network has measured it.
      const c = clusterIds.has(id) ? clusters.find((k) => k.id === id) : null;
      const b = c ? { left: c.x - c.w / 2, right: c.x + c.w / 2, top: c.y - c.h / 2, bottom: c.y + c.h / 2 } : boxOf(id);
      if (!b) return;
      x0 = Math.min(x0, b.left); x1 = Math.max(x1, b.right); y0 = Math.min(y0, b.top); y1 = Math.max(y1, b.bottom);
    });
    const area = graphArea();
    const pad = 16;
    let k = Math.min((area.width - 2 * pad) / Math.max(x1 - x0, 1), (area.height - 2 * pad) / Math.max(y1 - y0, 1));
    k = Math.min(k, (options && options.maxScale) || 1.6);
    // A readable zoom, when asked, even if not all of them then fit.
    if (options && options.minPx) k = Math.max(k, options.minPx / FONT_SIZE);
    const centre = { x: (x0 + x1) / 2 + area.covered / 2 / k, y: (y0 + y1) / 2 };
    network.moveTo({ position: centre, scale: k, animation: false });
  }

  function visibleIds() {
    const shown = visibleFactorSet();
    return shown.size ? [...shown] : factorIds;
  }
  function fitAll() {
    if (overview) {
      showOverview();
      return;
    }
    fit(visibleIds(), visiblePairs().map((p) => p.id), { maxScale: 1.4 });
  }
  // The whole map if it can be read in the window, else the overview.
  function firstView() {
    unfoldOverview();
    fitAll();
    if (clusters.length && FONT_SIZE * network.getScale() < readablePx()) showOverview();
  }

  // A click selects what it hits (a waypoint belongs to its arrow); on nothing, clears.
  let pickedFrom = null;
  function onClick(params) {
    const hit = params.nodes[0];
    if (hit !== undefined && clusterIds.has(hit)) {
      openGroup(hit);
      return;
    }
    if (hit !== undefined && data.factors[hit]) {
      const shift = params.event && params.event.srcEvent && params.event.srcEvent.shiftKey;
      if (shift) {
        pickChainEnd(hit);
        return;
      }
      focusFactor(hit);
    } else if (hit !== undefined && pairOfWaypoint.has(hit)) {
      select({ kind: "pair", id: pairOfWaypoint.get(hit) });
    } else if (params.edges.length) {
      select({ kind: "pair", id: edges.get(params.edges[0]).pair });
    } else if (hit === undefined) {
      clearSelection();
    }
  }

  // Dragging a factor moves it; its arrows then run straight from it.
  const moved = new Set();
  function onDragEnd(params) {
    params.nodes.filter((id) => data.factors[id]).forEach((id) => moveFactor(id));
  }
  function moveFactor(id, x, y) {
    if (x !== undefined) nodes.update({ id: id, x: x, y: y });
    const p = network.getPositions([id])[id];
    const f = data.factors[id];
    f.x = Math.round(p.x * 10) / 10;
    f.y = Math.round(p.y * 10) / 10;
    if (x !== undefined) network.moveNode(id, f.x, f.y);
    moved.add(id);
    // Its arrows lose their waypoints: straight from box to box.
    data.pairs.forEach((pair) => {
      if (pair.from !== id && pair.to !== id) return;
      const points = waypointsOf.get(pair.id) || [];
      if (!points.length) return;
      const ids = segments.get(pair.id);
      const last = edges.get(ids[ids.length - 1]);
      edges.remove(ids.slice(0, -1));
      nodes.remove(points);
      edges.update({ id: last.id, from: pair.from, to: pair.to, smooth: false });
      segments.set(pair.id, [last.id]);
      waypointsOf.set(pair.id, []);
      pair.route = [];
    });
  }

  // ------------------------------------------------------------ details panel

  const detailsPanel = document.getElementById("details");
  const details = document.getElementById("details-body");

  function openDetails(title) {
    detailsPanel.hidden = false;
    details.replaceChildren(el("h3", title));
  }

  function claimBox(c) {
    const box = el("div", null, "claim " + (c.sign === "+" ? "sign-plus" : c.sign === "-" ? "sign-minus" : "sign-null"));
    box.dataset.claim = c.claim;
    const p = el("p", c.paraphrase, "paraphrase");
    if (c.modality !== "asserted") p.appendChild(el("span", c.modality, "mark"));
    box.appendChild(p);
    const dl = el("dl");
    const brief = briefsById.get(c.brief);
    const rows = [
      ["sign", c.sign === "+" ? "increases" : c.sign === "-" ? "decreases" : "no effect found"],
      ["modality", c.modality],
      ["confidence", c.confidence],
      ["time scope", c.time_scope || "\u2014"],
      ["brief", brief ? brief.citation : c.brief],
      ["locator", c.locator],
      ["claim", c.id],
    ];
    // Fields a newer claim model may carry: shown when the data has them.
    if (c.reading) rows.splice(2, 0, ["reading", c.reading]);
    rows.splice(3, 0, ["weight", credence(c).toFixed(2) + " (confidence \u00d7 modality \u00d7 reading)"]);
    if (c.condition) rows.splice(2, 0, ["condition", c.condition]);
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
    const lev = leverageNow().get(id);
    if (lev) {
      // The parts of the score, as `kg leverage` computes it on the claims the filters leave.
      const p = el("p", null, "leverage");
      p.appendChild(el("strong", "Leverage " + lev.score.toFixed(3) + " (rank " + lev.rank + " of the " + lev.of + " factors kg leverage ranks for these claims): "));
      p.appendChild(document.createTextNode("reach " + lev.reach.toFixed(3) + " (0.5 \u00d7 reaches " + lev.downstream + " of " + (lev.of - 1) +
        " factors, " + lev.weighted_reach.toFixed(2) + " weighted by the strength of the strongest chain to each, / " + (lev.of - 1) +
        ") + brokerage " + lev.brokerage.toFixed(3) + " (0.3 \u00d7 betweenness over the strongest chains / highest) + feedback " + lev.feedback.toFixed(3) +
        " (0.2 \u00d7 strength of its " + lev.loops + " loops, " + lev.loop_strength.toFixed(2) + ", / highest). As kg leverage."));
      p.dataset.score = lev.score;
      details.appendChild(p);
    } else if (f.leverage) {
      details.appendChild(el("p", "Leverage: not recomputed for these filters, as this page draws only part of the graph (kg leverage with the same --brief and --stated-only options gives it).", "leverage message"));
    }
    const what = el("p");
    what.appendChild(el("strong", "What if it "));
    what.appendChild(button("rises", () => select({ kind: "whatif", id: id, direction: "+" })));
    what.appendChild(document.createTextNode(" "));
    what.appendChild(button("falls", () => select({ kind: "whatif", id: id, direction: "-" })));
    details.appendChild(what);
    details.appendChild(factorList("Upstream: causes", ins, "from"));
    details.appendChild(factorList("Downstream: effects", outs, "to"));
    const nullHere = nullPairs.filter((p) => (p.from === id || p.to === id) && visibleNulls(p).length);
    if (nullHere.length) {
      const wrap = el("div");
      wrap.appendChild(el("h4", "No effect found (" + NULL_MARK + ")"));
      const ul = el("ul", null, "plain");
      nullHere.forEach((p) => {
        const li = el("li", label(p.from) + " \u2192 " + label(p.to) + " \u00b7 " + visibleNulls(p).length + (visibleNulls(p).length === 1 ? " claim" : " claims"), "chip");
        li.addEventListener("click", () => select({ kind: "pair", id: p.id }));
        ul.appendChild(li);
      });
      wrap.appendChild(ul);
      details.appendChild(wrap);
    }
    const nodes = [id].concat(ins.map((p) => p.from), outs.map((p) => p.to));
    const edges = ins.concat(outs).map((p) => p.id);
    return { nodes: nodes, edges: edges, focus: id };
  }

  function showPair(id) {
    const pair = pairsById.get(id);
    const claims = visibleClaims(pair);
    openDetails(label(pair.from) + " \u2192 " + label(pair.to));
    if (new Set(claims.map((c) => c.sign)).size > 1) details.appendChild(el("p", "The claims behind this arrow disagree in sign.", "message"));
    details.appendChild(weightLine(weights().get(id)));
    claims.forEach((c) => details.appendChild(claimBox(c)));
    const nulls = visibleNulls(pair);
    if (nulls.length) {
      details.appendChild(el("h4", "No effect found (" + nulls.length + ")"));
      nulls.forEach((c) => details.appendChild(claimBox(c)));
    }
    return { nodes: [pair.from, pair.to], edges: [id] };
  }

  // The rule's verdict on a pair, in words.
  function weightLine(w) {
    const p = el("p", null, "weight");
    p.dataset.sign = netSymbol(w);
    p.dataset.weight = w.weight;
    p.textContent = "Weighed: " + (w.sign > 0 ? "increases" : w.sign < 0 ? "decreases" : "balanced, no net effect") + ", weight " + w.weight.toFixed(3) +
      " (evidence for " + w.up.toFixed(2) + ", against " + w.down.toFixed(2) + (w.null ? ", no effect " + w.null.toFixed(2) : "") + ").";
    return p;
  }

  // A pair only null findings name: their claims, and why no arrow is drawn.
  function showNullPair(id) {
    const pair = nullPairsById.get(id);
    openDetails(label(pair.from) + " \u2192 " + label(pair.to) + ": no effect found");
    details.appendChild(el("p", "No claim here says that one changes the other; the sources below looked for an effect and found none. " +
      "The dashed grey mark " + NULL_MARK + " is not a causal arrow: what-if, loops and chains do not pass it.", "message"));
    visibleNulls(pair).forEach((c) => details.appendChild(claimBox(c)));
    return { nodes: [pair.from, pair.to], edges: [id] };
  }

  function linkClaims(container, pairIds) {
    pairIds.forEach((pid) => {
      const pair = pairsById.get(pid);
      const claims = visibleClaims(pair);
      const d = el("details");
      const w = weights().get(pid);
      d.appendChild(el("summary", label(pair.from) + " \u2192 " + label(pair.to) + " [" + netSymbol(w) + ", weight " + w.weight.toFixed(2) + "] (" + claims.length + ")"));
      visibleNulls(pair).forEach((c) => claims.push(c));
      claims.forEach((c) => d.appendChild(claimBox(c)));
      container.appendChild(d);
    });
  }

  function showLoop(index) {
    const loop = loops[index];
    const now = loopInfo().get(loop);
    openDetails(now.code + " \u2014 " + loop.labels.concat(loop.labels[0]).join(" \u2192 "));
    details.appendChild(el("p", "A " + now.kind + " loop of " + loop.factors.length + " factors."));
    linkClaims(details, loop.pairs);
    return { nodes: loop.factors, edges: loop.pairs };
  }

  // Simple paths from source to target over the visible arrows of nonzero
  // weight, ranked as `kg chains` ranks them (kg.analysis.chains): strongest
  // first (the product of the links' weights by the rule, to nine decimals:
  // kg.analysis.chains.rank_strength), then fewest links, then the factors'
  // labels. Chains are listed up to MAX_CHAIN_LENGTH links, the first
  // MAX_CHAINS shown.
  const CHAIN_WORK = 200000;
  function findChains(source, target) {
    const adj = adjacency();
    const w = weights();
    const dist = new Map([[target, 0]]);
    const queue = [target];
    while (queue.length) {
      const node = queue.shift();
      (adj.inn.get(node) || []).forEach((p) => {
        if (w.get(p.id).weight > 0 && !dist.has(p.from)) {
          dist.set(p.from, dist.get(node) + 1);
          queue.push(p.from);
        }
      });
    }
    const found = [];
    const result = { chains: [], more: false, cut: false };
    if (!dist.has(source) || source === target) return result;
    const path = [source];
    const pairs = [];
    let work = 0;
    const walk = (node) => {
      if (++work > CHAIN_WORK) { result.cut = true; return; }
      for (const pair of adj.out.get(node) || []) {
        const next = pair.to;
        if (path.includes(next) || !dist.has(next) || !(w.get(pair.id).weight > 0)) continue;
        if (pairs.length + 1 + dist.get(next) > MAX_CHAIN_LENGTH) continue;
        path.push(next);
        pairs.push(pair.id);
        if (next === target) found.push({ factors: path.slice(), pairs: pairs.slice() });
        else walk(next);
        path.pop();
        pairs.pop();
        if (result.cut) return;
      }
    };
    walk(source);
    found.forEach((c) => {
      c.strength = c.pairs.reduce((v, p) => v * w.get(p).weight, 1.0);
      c.rank = rankStrength(c.strength);
      c.labels = c.factors.map(label);
    });
    found.sort((a, b) => b.rank - a.rank || a.pairs.length - b.pairs.length || compareLabels(a.labels, b.labels));
    result.more = found.length > MAX_CHAINS;
    result.chains = found.slice(0, MAX_CHAINS);
    return result;
  }
  // kg.analysis.chains.rank_strength: the same operations as in Python, so the same integer.
  function rankStrength(strength) {
    return Math.floor(strength * 1e9 + 0.5);
  }
  function compareLabels(a, b) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] < b[i]) return -1;
      if (a[i] > b[i]) return 1;
    }
    return a.length - b.length;
  }

  // A chain's net sign: the product of its links' net signs ("?" through a balanced link).
  function chainSign(pairIds) {
    const w = weights();
    let sign = 1;
    for (const pid of pairIds) {
      const s = w.get(pid).sign;
      if (s === 0) return "?";
      sign *= s;
    }
    return sign > 0 ? "+" : "-";
  }

  const chainMessage = document.getElementById("chain-message");
  function showChains(selection) {
    const search = findChains(selection.from, selection.to);
    const chains = search.chains;
    const title = "Chains from " + label(selection.from) + " to " + label(selection.to);
    if (!chains.length) {
      chainMessage.textContent = "No chain from " + label(selection.from) + " to " + label(selection.to) + " within " + MAX_CHAIN_LENGTH + " links.";
      openDetails(title);
      details.appendChild(el("p", chainMessage.textContent));
      return { nodes: [selection.from, selection.to], edges: [] };
    }
    chainMessage.textContent = chains.length + (chains.length === 1 ? " chain" : " chains") + (search.more ? " (the first " + MAX_CHAINS + ")" : "") +
      (search.cut ? " (the search stopped at its budget)" : "") + ", fewest links and strongest first.";
    openDetails(title);
    const ol = el("ol");
    chains.forEach((chain, i) => {
      const li = el("li", null, "chain" + (selection.index === i ? " active" : ""));
      li.dataset.index = i;
      const head = el("div", "[" + chainSign(chain.pairs) + "] " + chain.factors.map(label).join(" \u2192 ") + " \u00b7 strength " + chain.strength.toFixed(3));
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

  // What a rise (+1) or fall (-1) of one factor does, as `kg whatif` says it:
  // each factor reached goes up, down, or is ambiguous, with a strength.
  function whatIf(id, direction) {
    const reached = propagate({ [id]: direction === "+" ? 1 : -1 });
    const effects = { [id]: direction };
    const edgesUsed = new Set();
    Object.entries(reached).forEach(([node, e]) => {
      effects[node] = e.sign > 0 ? "+" : e.sign < 0 ? "-" : "?";
      Object.values(e.chains).forEach((c) => c.pairs.forEach((p) => edgesUsed.add(p)));
    });
    return { effects: effects, edges: [...edgesUsed], reached: reached };
  }

  // Loops as `kg loops` tells them over the visible claims: each link counts
  // with its net sign by the weighting rule; a link whose claims balance
  // exactly makes the loop ambiguous, else an odd number of decreasing links
  // balances it; codes R1, B1, A1... count the visible loops in order.
  function loopInfo() {
    const info = new Map();
    const counters = {};
    if (filtersDefault()) {
      // Every claim counts: the kinds and codes are the library's, as the page carries them,
      // and the strengths are worked out only when asked for.
      loops.forEach((loop) => info.set(loop, { kind: loop.kind, code: loop.code, get strength() {
        const w = weights();
        return loop.pairs.reduce((v, p) => v * w.get(p).weight, 1.0);
      } }));
      return info;
    }
    const w = weights();
    loops.forEach((loop) => {
      if (!loopVisible(loop)) return;
      const links = loop.pairs.map((p) => w.get(p));
      const kind = links.some((l) => l.sign === 0) ? "ambiguous" : links.filter((l) => l.sign < 0).length % 2 === 0 ? "reinforcing" : "balancing";
      const letter = { reinforcing: "R", balancing: "B", ambiguous: "A" }[kind];
      counters[letter] = (counters[letter] || 0) + 1;
      const strength = links.reduce((v, l) => v * l.weight, 1.0);
      info.set(loop, { kind: kind, code: letter + counters[letter], strength: strength });
    });
    return info;
  }

  function showWhatIf(selection) {
    const result = whatIf(selection.id, selection.direction);
    selection.effects = result.effects;
    openDetails("What if " + label(selection.id) + (selection.direction === "+" ? " rises" : " falls"));
    details.appendChild(el("p", "Each factor moves the way of its strongest chain from here, weighed by the claims " +
      "(strength: the product of the links' weights); \u201cunclear\u201d when the strongest rising and falling chains are within " +
      Math.round(100 * RULE.ambiguity_margin) + "% of each other. As kg whatif."));
    const ul = el("ul", null, "plain");
    const order = Object.entries(result.reached).sort(([a, x], [b, y]) =>
      Math.min(...Object.values(x.chains).map((c) => c.pairs.length)) - Math.min(...Object.values(y.chains).map((c) => c.pairs.length)) || compareLabels([label(a)], [label(b)]));
    order.forEach(([f, e]) => {
      const s = result.effects[f];
      const li = el("li", null, "chip " + (s === "+" ? "whatif-up" : s === "-" ? "whatif-down" : ""));
      li.appendChild(el("strong", (s === "+" ? "\u25b2 rises: " : s === "-" ? "\u25bc falls: " : "? unclear: ") + label(f)));
      li.appendChild(document.createTextNode(" (strength " + e.strength.toFixed(3) + ")"));
      const why = el("div", "via " + e.chain.factors.map(label).join(" \u2192 ") + " (" + e.strengths[e.sign || (e.support >= e.opposition ? 1 : -1)].toFixed(3) + ")", "chain-line");
      li.appendChild(why);
      if (e.opposing) li.appendChild(el("div", "against: " + e.opposing.factors.map(label).join(" \u2192 ") + " (" + e.strengths[-(e.sign || (e.support >= e.opposition ? 1 : -1))].toFixed(3) + ")", "chain-line"));
      li.dataset.effect = s;
      li.dataset.factor = f;
      li.dataset.strength = e.strength;
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
    unfoldOverview();
    let sets = null;
    if (selection.kind === "factor" && data.factors[selection.id]) sets = showFactor(selection.id);
    else if ((selection.kind === "pair" || selection.kind === "disagreement") && pairsById.has(selection.id) && pairVisible(pairsById.get(selection.id)))
      sets = selection.kind === "pair" ? showPair(selection.id) : showDisagreement(selection.id);
    else if (selection.kind === "pair" && nullPairsById.has(selection.id) && visibleNulls(nullPairsById.get(selection.id)).length) sets = showNullPair(selection.id);
    else if (selection.kind === "loop" && loops[selection.index] && loopVisible(loops[selection.index])) sets = showLoop(selection.index);
    else if (selection.kind === "chains" && data.factors[selection.from] && data.factors[selection.to]) sets = showChains(selection);
    else if (selection.kind === "whatif" && data.factors[selection.id]) sets = showWhatIf(selection);
    else if (selection.kind === "group" && clusterIds.has(selection.id)) sets = showGroup(selection.id);
    if (!sets) {
      clearSelection();
      return;
    }
    state.selection = Object.assign(selection, sets);
    document.querySelectorAll("#loops li").forEach((li) => li.classList.toggle("active", selection.kind === "loop" && Number(li.dataset.index) === selection.index));
    redraw();
    if (!(options && options.keepView)) fit(sets.nodes, sets.edges, { maxScale: 1.3, minPx: sets.readable ? readablePx() : 0 });
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

  // Names as the command line reads them (kg.names): a factor answers to its IRI,
  // its id (also as factor:ID), its label and its alternative labels, in any
  // case, hyphens, underscores and runs of spaces alike.
  function normaliseName(text) {
    return String(text).toLowerCase().replace(/[\s_\-]+/g, " ").trim();
  }
  const exactNames = new Map();
  const nameKeys = new Map();
  function addKey(map, key, id) {
    if (!map.has(key)) map.set(key, []);
    if (!map.get(key).includes(id)) map.get(key).push(id);
  }
  factorIds.forEach((id) => {
    const f = data.factors[id];
    const local = id.replace(/^.*[/#]/, "");
    [id.toLowerCase(), local.toLowerCase(), "factor:" + local.toLowerCase()].forEach((k) => addKey(exactNames, k, id));
    [id.toLowerCase(), "factor:" + local.toLowerCase(), normaliseName(local), normaliseName(f.label)].concat(f.alt_labels.map(normaliseName))
      .forEach((k) => addKey(nameKeys, k, id));
  });
  // kg.names.FactorIndex.resolve: one factor, several (ambiguous), or none.
  function resolveName(text) {
    let raw = String(text).trim();
    if (raw.startsWith("<") && raw.endsWith(">")) raw = raw.slice(1, -1);
    const exact = exactNames.get(raw.toLowerCase()) || [];
    if (exact.length === 1) return exact;
    const found = [];
    [raw.toLowerCase(), normaliseName(raw)].forEach((k) => (nameKeys.get(k) || []).forEach((id) => { if (!found.includes(id)) found.push(id); }));
    return found;
  }

  // Near names, as kg.names.suggest_factors ranks them: each factor by the best of
  // its names (label, id, alternative labels) under a weighted similarity in the
  // manner of rapidfuzz's WRatio (its Indel ratio, partial and token ratios), at
  // least 60; ties go to a label, then to a name that begins with what was typed.
  function indelRatio(a, b) {
    if (!a.length && !b.length) return 100;
    const prev = new Array(b.length + 1).fill(0);
    for (let i = 1; i <= a.length; i++) {
      let diag = 0;
      for (let j = 1; j <= b.length; j++) {
        const up = prev[j];
        prev[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(prev[j], prev[j - 1]);
        diag = up;
      }
    }
    return 100 * (2 * prev[b.length]) / (a.length + b.length);
  }
  function partialRatio(a, b) {
    const [short, long] = a.length <= b.length ? [a, b] : [b, a];
    if (!short.length) return 0;
    let best = 0;
    for (let i = 1; i < short.length; i++) best = Math.max(best, indelRatio(short, long.slice(0, i)), indelRatio(short, long.slice(long.length - i)));
    for (let i = 0; i + short.length <= long.length; i++) best = Math.max(best, indelRatio(short, long.slice(i, i + short.length)));
    return best;
  }
  function tokenRatio(a, b) {
    const ta = a.split(" ").filter(Boolean), tb = b.split(" ").filter(Boolean);
    const sorted = indelRatio(ta.slice().sort().join(" "), tb.slice().sort().join(" "));
    const sa = new Set(ta), sb = new Set(tb);
    const common = [...sa].filter((t) => sb.has(t)).sort();
    if (!common.length) return sorted;
    const onlyA = [...sa].filter((t) => !sb.has(t)).sort(), onlyB = [...sb].filter((t) => !sa.has(t)).sort();
    if (!onlyA.length || !onlyB.length) return 100;
    const base = common.join(" ");
    const withA = base + " " + onlyA.join(" "), withB = base + " " + onlyB.join(" ");
    return Math.max(sorted, indelRatio(base, withA), indelRatio(base, withB), indelRatio(withA, withB));
  }
  function weightedRatio(a, b) {
    if (!a.length || !b.length) return 0;
    const lengths = Math.max(a.length, b.length) / Math.min(a.length, b.length);
    let score = indelRatio(a, b);
    if (lengths < 1.5) return Math.max(score, tokenRatio(a, b) * 0.95);
    const scale = lengths < 8 ? 0.9 : 0.6;
    score = Math.max(score, partialRatio(a, b) * scale);
    const ta = a.split(" ").sort().join(" "), tb = b.split(" ").sort().join(" ");
    return Math.max(score, partialRatio(ta, tb) * 0.95 * scale);
  }
  function suggestNames(text, limit) {
    const wanted = normaliseName(text);
    if (!wanted) return [];
    const best = new Map();
    factorIds.forEach((id) => {
      const f = data.factors[id];
      const texts = [[f.label, 1], [id.replace(/^.*[/#]/, ""), 0]].concat(f.alt_labels.map((a) => [a, 0]));
      texts.forEach(([t, isLabel]) => {
        const key = normaliseName(t);
        const score = weightedRatio(wanted, key);
        if (score < 60) return;
        const rank = [Math.round(score), isLabel, key.startsWith(wanted) ? 1 : 0, -Math.abs(key.length - wanted.length)];
        const held = best.get(id);
        if (!held || compareRanks(rank, held) > 0) best.set(id, rank);
      });
    });
    return [...best.entries()].sort((x, y) => compareRanks(y[1], x[1]) || compareLabels([label(x[0])], [label(y[0])])).slice(0, limit).map(([id]) => id);
  }
  function compareRanks(a, b) {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  }

  // The search box's list of names, made when the reader first goes to the box: a
  // large map opens sooner without thousands of options made up front.
  const datalist = document.getElementById("factor-names");
  function fillNames() {
    if (datalist.childElementCount) return;
    factorIds.flatMap((id) => [data.factors[id].label].concat(data.factors[id].alt_labels))
      .sort(collate)
      .forEach((name) => {
        const option = document.createElement("option");
        option.value = name;
        datalist.appendChild(option);
      });
  }
  ["focus", "pointerdown", "input"].forEach((type) => document.getElementById("search").addEventListener(type, fillNames));

  // A factor by its name as the command line resolves it, else nothing: the page then
  // suggests near names as the command line does (one answer in both places).
  function findFactor(text) {
    if (!normaliseName(text)) return null;
    const resolved = resolveName(text);
    if (resolved.length) return resolved.length === 1 ? resolved[0] : resolved;
    return null;
  }

  const searchBox = document.getElementById("search");
  const searchMessage = document.getElementById("search-message");
  function runSearch() {
    const found = findFactor(searchBox.value);
    searchMessage.replaceChildren();
    if (found === null) {
      const near = suggestNames(searchBox.value, 3);
      searchMessage.textContent = "No factor is named \u201c" + searchBox.value + "\u201d" + (near.length ? "; did you mean " : ".");
      near.forEach((id, i) => {
        const b = button(label(id), () => focusFactor(id), "link");
        b.dataset.factor = id;
        searchMessage.appendChild(b);
        searchMessage.appendChild(document.createTextNode(i < near.length - 1 ? ", " : "?"));
      });
    } else if (Array.isArray(found)) searchMessage.textContent = "Several factors match: " + found.map(label).join("; ");
    else focusFactor(found);
  }
  searchBox.addEventListener("keydown", (event) => {
    if (event.key === "Enter") runSearch();
  });
  searchBox.addEventListener("change", runSearch);
  document.getElementById("search-go").addEventListener("click", runSearch);

  // ------------------------------------------------------------ filters

  // A filter changes what is shown: the selection is made again and the view refitted.
  function refreshSelection() {
    if (state.selection) select(state.selection);
    else {
      redraw();
      fitAll();
    }
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
  SIGNS.forEach(([s, text]) => checkbox(signSet, s, text, state.signs, lineMark(data.sign_colours[s] || data.null_colour, s === "0")));
  const modalitySet = document.getElementById("filter-modalities");
  MODALITIES.forEach((m) => checkbox(modalitySet, m, m, state.modalities));
  const readingSet = document.getElementById("filter-readings");
  READINGS.forEach((r) => checkbox(readingSet, r, r === "stated" ? "stated in so many words" : "inferred (untick for --stated-only)", state.readings));
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
  leverageBox.disabled = !factorIds.some((id) => data.factors[id].leverage && data.factors[id].leverage.score > 0);
  leverageBox.addEventListener("change", () => {
    state.leverage = leverageBox.checked;
    drawLegend();
    redraw();
  });

  // ------------------------------------------------------------ chains form

  const chainFrom = document.getElementById("chain-from");
  const chainTo = document.getElementById("chain-to");
  const sortedIds = data.factor_order;
  const rank = new Map(sortedIds.map((id, i) => [id, i]));
  // Each list's options added at once: a select added to one option at a time chooses
  // its selected option again at each.
  [chainFrom, chainTo].forEach((sel) => {
    const options = document.createDocumentFragment();
    sortedIds.forEach((id) => {
      const option = document.createElement("option");
      option.value = id;
      option.textContent = label(id);
      options.appendChild(option);
    });
    sel.appendChild(options);
  });
  const inbound = new Map();
  data.pairs.forEach((p) => inbound.set(p.to, (inbound.get(p.to) || 0) + 1));
  if (inbound.size) chainTo.value = [...inbound.entries()].sort((a, b) => b[1] - a[1] || rank.get(a[0]) - rank.get(b[0]))[0][0];
  document.getElementById("chain-go").addEventListener("click", () => select({ kind: "chains", from: chainFrom.value, to: chainTo.value }));

  // Shift-click picks chain ends on the graph: the first is "from", the second "to".
  function pickChainEnd(id) {
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
  }

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
    li.appendChild(el("span", loop.name.charAt(0).toUpperCase() + loop.name.slice(1), "name"));
    li.title = loop.labels.concat(loop.labels[0]).join(" \u2192 ");
    li.addEventListener("click", () => select({ kind: "loop", index: i }));
    loopList.appendChild(li);
    return li;
  });
  // Each visible loop with its kind and code over the visible claims (as `kg loops` gives them).
  function updateLoopList() {
    const info = loopInfo();
    loops.forEach((loop, i) => {
      const now = info.get(loop);
      loopItems[i].hidden = !now;
      if (!now) return;
      loopItems[i].dataset.kind = now.kind;
      loopItems[i].querySelector(".code").textContent = now.code;
      const words = loop.name.replace(/^(reinforcing|balancing|ambiguous) loop/, now.kind + " loop");
      loopItems[i].querySelector(".name").textContent = words.charAt(0).toUpperCase() + words.slice(1);
    });
    noLoop.hidden = info.size > 0;
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
    const shapes = { arrow: "M22,1 L32,6 L22,11 z", bar: "M27,0.5 L27,11.5 M30,0.5 L30,11.5", diamond: "M22,6 L27,1 L32,6 L27,11 z" };
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
    if (nullPairs.length || data.pairs.some((p) => (p.null_claims || []).length)) legendRow(lineMark(data.null_colour, true), NULL_MARK + " grey dotted, no head: a source found no effect (not a causal arrow); " + NULL_MARK + " on an arrow: a null finding weakens it");
    legendRow(lineMark("#555555"), "width: confidence of the strongest claim");
    const groups = new Set(factorIds.map((id) => data.factors[id].group));
    Object.entries(data.group_colours).filter(([group]) => groups.has(group)).forEach(([group, colour]) => {
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
      legendRow(el("span", "\u25a1 "), "box size: leverage (largest is highest; click a factor for its score)");
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
  provenance.appendChild(el("p", "Showing " + data.scope + "; layout: " + (data.engine === "saved" ? "positions kept from an earlier page" : "layered (Sugiyama, by grandalf)") +
    (data.straight ? ", arrows straight (too many to route around the boxes)" : "") + "; drawn by vis-network " + "through pyvis."));
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
    if (!all(state.signs, ["+", "-", "0"])) p.set("signs", [...state.signs].join(","));
    if (!all(state.modalities, MODALITIES)) p.set("modalities", [...state.modalities].join(","));
    if (!all(state.readings, READINGS)) p.set("readings", [...state.readings].join(","));
    if (state.colourBy !== "sign") p.set("colour", state.colourBy);
    if (state.leverage) p.set("leverage", "1");
    if (overview) p.set("overview", "1");
    const s = state.selection;
    if (s) {
      p.set("select", s.kind);
      if (s.id !== undefined) p.set("id", s.id);
      if (s.index !== undefined) p.set("index", String(s.index));
      if (s.from !== undefined) { p.set("from", s.from); p.set("to", s.to); }
      if (s.direction !== undefined) p.set("direction", s.direction);
    }
    const at = network.getViewPosition();
    p.set("view", [network.getScale().toFixed(4), at.x.toFixed(1), at.y.toFixed(1)].join(","));
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
  // The zoom and centre the fragment names, after the selection has been fitted.
  const openedWith = location.hash;
  function restoreZoom() {
    const p = new URLSearchParams(openedWith.replace(/^#/, ""));
    const v = (p.get("view") || "").split(",").map(Number);
    if (v.length === 3 && v.every(isFinite) && v[0] > 0) network.moveTo({ scale: v[0], position: { x: v[1], y: v[2] }, animation: false });
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
    setFrom("readings", state.readings, "#filter-readings input");
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
      // With no filter in the fragment the data sets already hold the first view's styles,
      // and the fragment says what it should (the reader's next change writes it).
      if ([...p.keys()].some((key) => key !== "view" && key !== "overview")) redraw();
      else {
        showCounts(first.shownFactors);
        updateLoopList();
      }
      if (p.get("overview") === "1" && clusters.length) {
        showOverview();
        return true;
      }
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

  // The whole map (or what the filters leave) as SVG, whatever the zoom: the
  // boxes and arrows where vis-network draws them, with the title, the legend
  // and the sources below. Text goes in as text nodes, escaped by the serializer.
  function exportSVG() {
    const shown = visibleIds();
    const pairs = visiblePairs();
    const positions = network.getPositions();
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    shown.forEach((id) => {
      const b = network.getBoundingBox(id);
      x0 = Math.min(x0, b.left); x1 = Math.max(x1, b.right); y0 = Math.min(y0, b.top); y1 = Math.max(y1, b.bottom);
    });
    pairs.forEach((p) => (waypointsOf.get(p.id) || []).forEach((w) => {
      const q = positions[w];
      x0 = Math.min(x0, q.x); x1 = Math.max(x1, q.x); y0 = Math.min(y0, q.y); y1 = Math.max(y1, q.y);
    }));
    if (!isFinite(x0)) { x0 = 0; y0 = 0; x1 = 400; y1 = 100; }
    const pad = 20;
    const width = Math.max(x1 - x0 + 2 * pad, 640);
    const legendRows = legendEntries();
    const sources = data.briefs.map((b) => (b.synthetic ? "Example brief (synthetic): " : "Source: ") + b.citation + (b.url ? " " + b.url : ""));
    const head = 40;
    const foot = 24 + 16 * (Math.ceil(legendRows.length / 3) + sources.length + 1);
    const height = y1 - y0 + 2 * pad + head + foot;
    const root = svgEl("svg", { xmlns: SVG, width: Math.round(width), height: Math.round(height), viewBox: "0 0 " + Math.round(width) + " " + Math.round(height), "font-family": "DejaVu Sans, sans-serif" });
    root.appendChild(svgEl("rect", { x: 0, y: 0, width: width, height: height, fill: "#ffffff" }));
    const title = svgEl("text", { x: pad, y: 26, "font-size": 18, "font-weight": "bold", fill: "#222222", "data-role": "title" });
    title.textContent = document.getElementById("page-title").textContent;
    root.appendChild(title);
    const g = svgEl("g", { transform: "translate(" + (pad - x0) + "," + (pad + head - y0) + ")" });
    root.appendChild(g);
    const h = highlightSets();
    pairs.forEach((pair) => {
      const points = [pair.from].concat(waypointsOf.get(pair.id) || [], [pair.to]).map((n) => positions[n]);
      const claims = visibleClaims(pair);
      const sign = pairSign(claims);
      const colour = h && !h.edges.has(pair.id) ? DIM : data.sign_colours[sign];
      const end = clipToBox(points[points.length - 2], pair.to);
      const start = clipToBox(points[1], pair.from);
      const line = [start].concat(points.slice(1, -1), [end]);
      g.appendChild(svgEl("polyline", { points: line.map((p) => p.x.toFixed(1) + "," + p.y.toFixed(1)).join(" "), fill: "none",
        stroke: colour, "stroke-width": 1 + 2 * Math.max(...claims.map((c) => c.confidence)), "data-pair": pair.id,
        "stroke-dasharray": claims.every((c) => c.modality !== "asserted") ? "7 4" : "none" }));
      const a = line[line.length - 2], b = line[line.length - 1];
      const angle = Math.atan2(b.y - a.y, b.x - a.x) * 180 / Math.PI;
      const headShape = sign === "+" ? "M0,0 L-10,-5 L-10,5 z" : sign === "-" ? "M-2,-6 L-2,6" : "M0,0 L-6,-5 L-12,0 L-6,5 z";
      g.appendChild(svgEl("path", { d: headShape, fill: colour, stroke: colour, "stroke-width": 2,
        transform: "translate(" + b.x.toFixed(1) + "," + b.y.toFixed(1) + ") rotate(" + angle.toFixed(1) + ")" }));
    });
    nullPairs.filter((p) => visibleNulls(p).length).forEach((pair) => {
      const points = [pair.from].concat(waypointsOf.get(pair.id) || [], [pair.to]).map((n) => positions[n]);
      const line = [clipToBox(points[1], pair.from)].concat(points.slice(1, -1), [clipToBox(points[points.length - 2], pair.to)]);
      g.appendChild(svgEl("polyline", { points: line.map((p) => p.x.toFixed(1) + "," + p.y.toFixed(1)).join(" "), fill: "none",
        stroke: data.null_colour, "stroke-width": 1.5, "stroke-dasharray": "2 4", "data-null-pair": pair.id }));
    });
    shown.forEach((id) => {
      const f = data.factors[id];
      const b = network.getBoundingBox(id);
      const node = svgEl("g", { "data-factor": id });
      node.appendChild(svgEl("rect", { x: b.left, y: b.top, width: b.right - b.left, height: b.bottom - b.top, rx: 3,
        fill: data.group_colours[f.group] || "#dddddd", stroke: f.loop ? data.loop_colour : "#555555", "stroke-width": f.loop ? 3 : 1 }));
      const size = FONT_SIZE * leverageScale(id);
      f.lines.forEach((text, i) => {
        const t = svgEl("text", { x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2 + (i - (f.lines.length - 1) / 2) * size * 1.2 + size * 0.35,
          "text-anchor": "middle", "font-size": size, fill: "#111111" });
        t.textContent = text;
        node.appendChild(t);
      });
      g.appendChild(node);
    });
    let y = y1 - y0 + 2 * pad + head + 14;
    const legend = svgEl("g", { "data-role": "legend" });
    const column = (width - 2 * pad) / 3;
    legendRows.forEach(([colour, text, kind], i) => {
      const x = pad + (i % 3) * column;
      const row = y + Math.floor(i / 3) * 16;
      legend.appendChild(kind === "line" ? svgEl("line", { x1: x, y1: row - 4, x2: x + 22, y2: row - 4, stroke: colour, "stroke-width": 3 })
        : svgEl("rect", { x: x, y: row - 10, width: 22, height: 10, fill: colour, stroke: "#555555" }));
      const t = svgEl("text", { x: x + 28, y: row, "font-size": 11, fill: "#222222" });
      t.textContent = text;
      legend.appendChild(t);
    });
    root.appendChild(legend);
    y += 16 * Math.ceil(legendRows.length / 3) + 4;
    sources.concat(["Showing " + data.scope + (state.briefs.size < data.briefs.length ? " (filtered in the page)" : "") + "."]).forEach((text) => {
      const t = svgEl("text", { x: pad, y: y, "font-size": 11, fill: "#444444", "data-role": "source" });
      t.textContent = text;
      root.appendChild(t);
      y += 16;
    });
    return new XMLSerializer().serializeToString(root);
  }

  // Where the straight line from a point to a factor's centre meets its box.
  function clipToBox(from, id) {
    const b = network.getBoundingBox(id);
    const c = { x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2 };
    const dx = from.x - c.x, dy = from.y - c.y;
    const t = Math.min(Math.abs((b.right - b.left) / 2 / (dx || 1e-9)), Math.abs((b.bottom - b.top) / 2 / (dy || 1e-9)), 1);
    return { x: c.x + dx * t, y: c.y + dy * t };
  }

  function legendEntries() {
    const rows = [[data.sign_colours["+"], "arrow: increases", "line"], [data.sign_colours["-"], "arrow with a bar: decreases", "line"],
      [data.sign_colours["\u00b1"], "claims contradict", "line"]];
    const groups = new Set(factorIds.map((id) => data.factors[id].group));
    Object.entries(data.group_colours).filter(([group]) => groups.has(group)).forEach(([group, colour]) => rows.push([colour, "factor: " + group, "box"]));
    rows.push([data.loop_colour, "orange border: on a feedback loop", "line"]);
    if (nullPairs.length || data.pairs.some((p) => (p.null_claims || []).length)) rows.push([data.null_colour, NULL_MARK + " dotted grey: no effect found (not causal)", "line"]);
    return rows;
  }

  function svgDataUrl() {
    return "data:image/svg+xml;base64," + btoa(unescape(encodeURIComponent(exportSVG())));
  }
  function exportPNG() {
    return new Promise((resolve, reject) => {
      const text = exportSVG();
      const match = /width="(\d+)" height="(\d+)"/.exec(text);
      const image = new Image();
      image.onload = () => {
        const scale = 2;
        const canvas = document.createElement("canvas");
        canvas.width = Number(match[1]) * scale;
        canvas.height = Number(match[2]) * scale;
        const ctx = canvas.getContext("2d");
        ctx.scale(scale, scale);
        ctx.drawImage(image, 0, 0);
        resolve(canvas.toDataURL("image/png"));
      };
      image.onerror = () => reject(new Error("the map could not be drawn as PNG"));
      image.src = "data:image/svg+xml;base64," + btoa(unescape(encodeURIComponent(text)));
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
  document.getElementById("export-svg").addEventListener("click", () => download(svgDataUrl(), "kg-map.svg"));
  document.getElementById("export-png").addEventListener("click", () => exportPNG().then((url) => download(url, "kg-map.png")));
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
    if (!state.selection) requestAnimationFrame(fitAll);
  });
  // A small frame (a notebook cell) opens with the graph only.
  if (window.innerWidth < 1000) setControls(false);

  document.getElementById("reset").addEventListener("click", () => {
    clearSelection();
    firstView();
  });
  const overviewButton = document.getElementById("show-overview");
  overviewButton.hidden = !clusters.length;
  overviewButton.addEventListener("click", () => {
    clearSelection();
    showOverview();
  });
  // The canvas changes size (the window, a notebook cell, a header that wraps or unwraps):
  // the first view is chosen again unless the reader has moved on.
  function refitAfterResize() {
    if (state.selection) return;
    if (groupOpened) fitAll();
    else firstView();
  }
  // The panels and the legend are built: vis-network measures its canvas at its final size.
  const nodes = new vis.DataSet(network_data.nodes.map((n) => Object.assign(n, nodeStyles.get(n.id) || {})));
  const edges = new vis.DataSet(network_data.edges.map((e) => Object.assign(e, edgeStyles.get(e.id) || {})));
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, network_data.options);
  network.on("click", onClick);
  // vis-network scales the old view to the new size right after it says "resize" (which
  // can push a fitted map out of a canvas that grew taller), so the refit waits for that.
  network.on("resize", () => queueMicrotask(refitAfterResize));
  network.on("dragEnd", onDragEnd);
  network.on("zoom", () => writeHash());
  network.on("dragEnd", () => writeHash());
  if (!readHash()) firstView();
  restoreZoom();
  // Drawn once, at the next frame (vis-network asked for it when the view moved): a
  // redraw now would draw it twice.
  network.once("afterDrawing", () => {
    document.body.dataset.ready = "true";
  });

  function domPoint(x, y) {
    const p = network.canvasToDOM({ x: x, y: y });
    const r = container.getBoundingClientRect();
    return { x: p.x + r.left, y: p.y + r.top };
  }

  // A small, read-only handle for tests and notebooks.
  window.kgExplorer = {
    data: data,
    network: network,
    scale: () => network.getScale(),
    visibleEdges: () => visiblePairs().map((p) => p.id),
    visibleFactors: () => [...visibleFactorSet()],
    visibleLoops: () => [...loopInfo().entries()].map(([l, i]) => ({ code: i.code, kind: i.kind, labels: l.labels })),
    highlighted: () => (state.selection ? { nodes: state.selection.nodes.slice(), edges: state.selection.edges.slice(), kind: state.selection.kind } : null),
    selectedNode: () => (state.selection && state.selection.kind === "factor" ? state.selection.id : null),
    selection: () => (state.selection ? JSON.parse(JSON.stringify(state.selection)) : null),
    whatIf: (id, direction) => whatIf(id, direction).effects,
    // The rule's numbers, for tests against the command line.
    whatIfEffects: (id, direction) => {
      const out = {};
      Object.entries(whatIf(id, direction).reached).forEach(([f, e]) => {
        out[f] = { sign: e.sign, strength: e.strength, support: e.support, opposition: e.opposition, chain: e.chain.factors };
      });
      return out;
    },
    chains: (from, to) => findChains(from, to).chains.map((c) => ({ factors: c.factors, sign: chainSign(c.pairs), strength: c.strength })),
    weights: () => Object.fromEntries([...weights().entries()]),
    // Each drawn factor's leverage for the claims the filters leave, as kg leverage gives it.
    leverage: () => Object.fromEntries([...leverageNow().entries()]),
    select: (selection) => select(selection),
    resolveName: (text) => resolveName(text),
    suggestNames: (text) => suggestNames(text, 3).map(label),
    // Where an arrow can be clicked: the middle of its middle segment, in page pixels.
    edgeMidpoint: (id) => {
      const ids = segments.get(id);
      const middle = network.body.edges[ids[Math.floor((ids.length - 1) / 2)]];
      if (middle.options.smooth && middle.options.smooth.enabled) {
        // vis-network's own curve of an opposing arrow's middle segment, at its middle.
        const p = middle.edgeType.getPoint(0.5);
        return domPoint(p.x, p.y);
      }
      // Halfway along the part of the polyline drawn between the two boxes' borders.
      const pair = pairsById.get(id) || nullPairsById.get(id);
      const at = network.getPositions();
      const points = [pair.from].concat(waypointsOf.get(id) || [], [pair.to]).map((n) => ({ x: at[n].x, y: at[n].y }));
      points[0] = clipToBox(points[1], pair.from);
      points[points.length - 1] = clipToBox(points[points.length - 2], pair.to);
      const steps = points.slice(1).map((q, i) => Math.hypot(q.x - points[i].x, q.y - points[i].y));
      let left = steps.reduce((a, b) => a + b, 0) / 2;
      for (let i = 0; i < steps.length; i++) {
        if (left <= steps[i] || i === steps.length - 1) {
          const t = steps[i] ? Math.min(left / steps[i], 1) : 0;
          return domPoint(points[i].x + (points[i + 1].x - points[i].x) * t, points[i].y + (points[i + 1].y - points[i].y) * t);
        }
        left -= steps[i];
      }
    },
    // The polyline an arrow follows in layout coordinates: centre, waypoints, centre.
    edgePoints: (id) => {
      const pair = pairsById.get(id);
      const p = network.getPositions();
      return [pair.from].concat(waypointsOf.get(id) || [], [pair.to]).map((n) => [p[n].x, p[n].y]);
    },
    // A factor's box as drawn, in page pixels.
    nodeBox: (id) => {
      const b = network.getBoundingBox(id);
      const a = domPoint(b.left, b.top), c = domPoint(b.right, b.bottom);
      return { x: a.x, y: a.y, width: c.x - a.x, height: c.y - a.y };
    },
    // A factor's box in layout coordinates.
    layoutBox: (id) => network.getBoundingBox(id),
    // Rendered label size in screen pixels, per factor.
    labelPixels: () => factorIds.map((id) => ({ id: id, px: FONT_SIZE * leverageScale(id) * network.getScale(), shown: !nodes.get(id).hidden })),
    // How vis-network is asked to draw a factor, an arrow's last segment, the loop label.
    nodeStyle: (id) => nodes.get(id),
    edgeStyle: (id) => Object.assign({ sign: pairSign(visibleClaims(pairsById.get(id))) }, edges.get(segments.get(id).slice(-1)[0])),
    segments: (id) => segments.get(id).slice(),
    loopLabel: () => nodes.get(LOOP_LABEL),
    faded: () => factorIds.filter((id) => nodes.get(id).opacity < 1),
    exportSVG: exportSVG,
    exportPNG: exportPNG,
    positions: positionsJSON,
    moveFactor: moveFactor,
    fitAll: fitAll,
    // The overview: whether it is shown, and each group's box as drawn (page pixels).
    overview: () => ({ shown: overview, clusters: overview ? clusters.map((c) => {
      const b = network.getBoundingBox(c.id);
      const a = domPoint(b.left, b.top), d = domPoint(b.right, b.bottom);
      return { id: c.id, members: c.members, px: FONT_SIZE * network.getScale(), box: { x: a.x, y: a.y, width: d.x - a.x, height: d.y - a.y } };
    }) : [] }),
    openOverview: () => unfoldOverview(),
    clusterPoint: (id) => { const b = network.getBoundingBox(id); return domPoint((b.left + b.right) / 2, (b.top + b.bottom) / 2); },
  };
})();
