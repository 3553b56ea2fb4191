"""The signed causal graph: a networkx projection of the claims.

Nodes are factors (keyed by IRI, with ``label``, ``alt_labels``, ``group``,
``id`` and ``merged`` attributes); each claim is one edge of a
:class:`networkx.MultiDiGraph`, keyed by the claim's IRI, carrying ``sign``
(+1 or -1), ``modality``, ``confidence``, ``reading``, ``condition``,
``brief``, ``locator``, ``paraphrase``, ``time_scope`` and ``claim``.
Parallel claims between the same two factors, from one brief or several,
stay separate edges.

Null findings (``sign: no_effect``) are never edges: they go to
``G.graph["null_claims"]`` (dicts with the edge attributes, ``sign`` 0 and
``cause``/``effect`` after merges), where the weighting rule
(:mod:`kg.analysis.weights`) and ``kg compare`` read them. Selection
findings and trend observations are never edges either; they are in
``G.graph["selections"]`` and ``G.graph["trends"]`` for ``kg compare``.

Factors linked by ``skos:exactMatch`` within the scheme (in either direction,
transitively) are one node: the one with the most claims in the dataset,
then the smallest id, stands for them all; the others' labels become its
alternative labels and their ids its ``merged`` attribute. Their claims keep
their own edges. ``skos:closeMatch`` and links to outside IRIs merge nothing.

>>> G = from_edges([("A", "B", "+"), ("B", "C", "-")])
>>> sorted(G.nodes[n]["label"] for n in G)
['A', 'B', 'C']
>>> [d["sign"] for _, _, d in G.edges(data=True)]
[1, -1]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

import networkx as nx

from kg.errors import InvalidParameter, UnknownBrief
from kg.names import FactorIndex, FactorName
from kg.rdf.merges import merge_heads
from kg.store.rows import CausalRows
from kg.vocab import MODALITIES, PREFIXES, SIGN_SYMBOLS, local_id

__all__ = [
    "Step",
    "causal_graph",
    "graph_from_rows",
    "factor_nodes",
    "rows_from_dataset",
    "from_edges",
    "resolve_node",
    "node_label",
    "steps_between",
    "claim_summary",
    "collapse",
]


def rows_from_dataset(dataset) -> CausalRows:
    """Read the rows of the causal graph from an rdflib dataset.

    The dataset's quads are loaded into an in-memory Oxigraph store and read
    by the queries every store uses (:func:`kg.store.oxigraph.read_causal_rows`),
    so that an rdflib dataset and a store always give the same rows.

    Parameters
    ----------
    dataset : rdflib.Dataset
        A built dataset (:func:`kg.load_dataset` or :func:`kg.build_dataset`).

    Returns
    -------
    CausalRows
    """
    import pyoxigraph as ox

    from kg.store.oxigraph import read_causal_rows

    store = ox.Store()
    data = dataset.serialize(format="nquads")
    if isinstance(data, str):
        data = data.encode("utf-8")
    if data:
        store.load(data, format=ox.RdfFormat.N_QUADS)
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

    def select(sparql: str):
        return store.query(prologue + sparql, use_default_graph_as_union=True)

    return read_causal_rows(select)


def causal_graph(
    source,
    *,
    briefs: Iterable[str] | None = None,
    exclude_modalities: Iterable[str] = (),
    min_confidence: float = 0.0,
    merge_exact: bool = True,
    stated_only: bool = False,
) -> nx.MultiDiGraph:
    """Project the claims of a dataset or a store onto a signed causal graph.

    Parameters
    ----------
    source : CausalRows, store or rdflib.Dataset
        The rows themselves (:class:`~kg.store.rows.CausalRows`), any object
        with a ``causal_rows()`` method that returns them (a store), or a
        built rdflib dataset (:func:`kg.load_dataset` or
        :func:`kg.build_dataset`), read by :func:`rows_from_dataset`.
    briefs, exclude_modalities, min_confidence, merge_exact, stated_only
        As for :func:`graph_from_rows`.

    Returns
    -------
    networkx.MultiDiGraph
        See :func:`graph_from_rows`.
    """
    return graph_from_rows(
        _rows_of(source),
        briefs=briefs,
        exclude_modalities=exclude_modalities,
        min_confidence=min_confidence,
        merge_exact=merge_exact,
        stated_only=stated_only,
    )


def _rows_of(source) -> CausalRows:
    if isinstance(source, CausalRows):
        return source
    causal_rows = getattr(source, "causal_rows", None)
    if callable(causal_rows):
        rows = causal_rows()
        if not isinstance(rows, CausalRows):
            raise TypeError(f"{type(source).__name__}.causal_rows() did not return CausalRows")
        return rows
    from rdflib import Graph

    if isinstance(source, Graph):
        return rows_from_dataset(source)
    raise TypeError(
        f"cannot read causal rows from a {type(source).__name__}: "
        "give CausalRows, a store with causal_rows() or an rdflib Dataset"
    )


def graph_from_rows(
    rows: CausalRows,
    *,
    briefs: Iterable[str] | None = None,
    exclude_modalities: Iterable[str] = (),
    min_confidence: float = 0.0,
    merge_exact: bool = True,
    stated_only: bool = False,
) -> nx.MultiDiGraph:
    """Project the rows of a store onto a signed causal graph.

    Parameters
    ----------
    rows : CausalRows
        What a store hands the analysis (:mod:`kg.store.rows`).
    briefs : iterable of str, optional
        Keep only the claims of these brief ids.
    exclude_modalities : iterable of str
        Leave out claims of these modalities, e.g. ``("conditional",)``.
    min_confidence : float
        Leave out claims whose confidence is below this.
    merge_exact : bool
        Make factors linked by ``skos:exactMatch`` one node (default).
    stated_only : bool
        Leave out claims (and selection findings) whose ``reading`` is
        ``inferred``: keep only what the sources say in so many words.

    Returns
    -------
    networkx.MultiDiGraph
        Every factor of the scheme is a node, even one no kept claim uses.
        ``G.graph["aliases"]`` maps each merged factor's IRI to the node
        that stands for it; ``G.graph["collapsed_claims"]`` lists the claims
        left out because merging made their cause and effect one node, and
        ``G.graph["collapsed"]`` has the same claims as dicts (``claim``,
        ``brief``, ``cause`` and ``effect`` as written in the brief with their
        ``cause_label`` and ``effect_label``, and ``node``, the factor that
        merging made of both). ``G.graph["null_claims"]`` holds the kept null
        findings, ``G.graph["selections"]`` the kept selection findings and
        ``G.graph["trends"]`` the trend observations (as dicts, factors after
        merges); none of them is an edge.

    Examples
    --------
    >>> from kg.store.rows import CausalRows, ClaimRow, FactorRow
    >>> rows = CausalRows(
    ...     factors=(FactorRow("f:a", "A", ""), FactorRow("f:b", "B", ""), FactorRow("f:c", "C", "")),
    ...     claims=(ClaimRow("c:1", "f:a", "f:b", -1, "hedged", 0.6, "x", "p. 1", "A cuts B"),),
    ...     exact_matches=(("f:c", "f:b"),), briefs=("x",))
    >>> G = graph_from_rows(rows)
    >>> sorted(G), G.graph["aliases"], G.nodes["f:b"]["alt_labels"]
    (['f:a', 'f:b'], {'f:c': 'f:b'}, ('C',))
    >>> [(u, v, d["sign"]) for u, v, d in G.edges(data=True)]
    [('f:a', 'f:b', -1)]
    """
    return _graph_from_rows(
        rows, briefs, exclude_modalities, min_confidence, merge_exact, stated_only
    )


def _graph_from_rows(
    rows: CausalRows,
    briefs: Iterable[str] | None,
    exclude_modalities: Iterable[str],
    min_confidence: float,
    merge_exact: bool,
    stated_only: bool,
) -> nx.MultiDiGraph:
    wanted = set(briefs) if briefs is not None else None
    excluded = {m.casefold() for m in exclude_modalities}
    unknown = excluded - set(MODALITIES)
    if unknown:
        raise InvalidParameter(
            f"unknown modality {sorted(unknown)[0]!r}", f"use {', '.join(MODALITIES)}"
        )
    known_briefs = set(rows.briefs)
    if wanted is not None and wanted - known_briefs:
        raise UnknownBrief(sorted(wanted - known_briefs)[0], sorted(known_briefs))
    G = nx.MultiDiGraph()
    factors, aliases = factor_nodes(rows, merge_exact=merge_exact)
    for iri, data in factors.items():
        if iri not in aliases:
            G.add_node(iri, **data)
    G.graph["aliases"] = aliases
    G.graph["collapsed_claims"] = []
    G.graph["collapsed"] = []
    G.graph["null_claims"] = []
    G.graph["stated_only"] = stated_only
    edges: list[tuple[str, str, str, dict]] = []
    for claim in rows.claims:
        if wanted is not None and claim.brief not in wanted:
            continue
        if claim.modality in excluded or claim.confidence < min_confidence:
            continue
        if stated_only and claim.reading != "stated":
            continue
        cause = aliases.get(claim.cause, claim.cause)
        effect = aliases.get(claim.effect, claim.effect)
        if cause == effect:
            G.graph["collapsed_claims"].append(claim.claim)
            G.graph["collapsed"].append(
                {
                    "claim": claim.claim,
                    "brief": claim.brief,
                    "cause": claim.cause,
                    "effect": claim.effect,
                    "cause_label": factors.get(claim.cause, {}).get("label", claim.cause),
                    "effect_label": factors.get(claim.effect, {}).get("label", claim.effect),
                    "node": cause,
                }
            )
            continue
        attributes = {
            "claim": claim.claim,
            "sign": claim.sign,
            "modality": claim.modality,
            "confidence": claim.confidence,
            "reading": claim.reading,
            "condition": claim.condition,
            "brief": claim.brief,
            "locator": claim.locator,
            "paraphrase": claim.paraphrase,
            "time_scope": claim.time_scope,
        }
        if claim.sign == 0:  # a null finding: never a causal edge
            G.graph["null_claims"].append({**attributes, "cause": cause, "effect": effect})
            continue
        edges.append((cause, effect, claim.claim, attributes))
    G.add_edges_from(edges)  # in one call: a fifth faster than one call a claim
    G.graph["selections"] = [
        {
            **asdict(row),
            "population": aliases.get(row.population, row.population),
            "trait": aliases.get(row.trait, row.trait),
        }
        for row in rows.selections
        if (wanted is None or row.brief in wanted)
        and row.modality not in excluded
        and row.confidence >= min_confidence
        and not (stated_only and row.reading != "stated")
    ]
    G.graph["trends"] = [
        {**asdict(row), "factor": aliases.get(row.factor, row.factor)}
        for row in rows.trends
        if wanted is None or row.brief in wanted
    ]
    return G


def factor_nodes(
    rows: CausalRows, *, merge_exact: bool = True
) -> tuple[dict[str, dict], dict[str, str]]:
    """The factors of ``rows`` with the attributes their nodes get, and the exact-match merges.

    Returns ``(factors, aliases)``: ``factors`` maps every factor's IRI, in
    the rows' order, to its node attributes (``label``, ``alt_labels``,
    ``group``, ``id``, ``merged``), those of a group's head with the others'
    names; ``aliases`` maps each merged factor to its head (see
    :func:`graph_from_rows`). The nodes are the factors that are not aliases.
    """
    factors: dict[str, dict] = {}
    for row in rows.factors:
        factors[row.iri] = {
            "label": row.label,
            "alt_labels": tuple(row.alt_labels),
            "group": row.group,
            "id": local_id(row.iri),
            "merged": (),
        }
    aliases = _exact_match_aliases(factors, rows) if merge_exact else {}
    return factors, aliases


def _exact_match_aliases(factors: dict[str, dict], rows: CausalRows) -> dict[str, str]:
    """Map each factor merged by ``skos:exactMatch`` to its representative; update ``factors``.

    The representative of a group is the factor with the most claims (all
    claims of the rows, so that filters never change it), then the
    smallest id. It takes the other members' labels and alternative labels
    as its own alternative labels, and lists their ids in ``merged``.
    """
    heads = merge_heads(
        rows.exact_matches, ((c.cause, c.effect) for c in rows.claims), set(factors)
    )
    groups: dict[str, list[str]] = {}
    for member, head in heads.items():
        groups.setdefault(head, []).append(member)
    aliases: dict[str, str] = {}
    for head, others in groups.items():
        names = set(factors[head]["alt_labels"])
        for other in others:
            names.add(factors[other]["label"])
            names.update(factors[other]["alt_labels"])
            aliases[other] = head
        names.discard(factors[head]["label"])
        factors[head]["alt_labels"] = tuple(sorted(names))
        factors[head]["merged"] = tuple(sorted(factors[o]["id"] for o in others))
    return aliases


def from_edges(edges: Iterable[tuple], *, brief: str = "example") -> nx.MultiDiGraph:
    """A small causal graph from ``(cause, effect, sign)`` tuples, for examples and tests.

    ``sign`` is ``"+"`` or ``"-"``, or ``"0"`` for a null finding (kept in
    ``G.graph["null_claims"]``, not as an edge); an optional fourth item is
    a dict of claim attributes (``modality``, ``confidence``, ``reading``,
    ``brief``, ``claim`` ...). Factor names are used as node keys and labels.

    >>> G = from_edges([("rain", "flooding", "+", {"confidence": 0.5}), ("rain", "crops", "0")])
    >>> G["rain"]["flooding"]["rain->flooding#1"]["confidence"]
    0.5
    >>> [(c["cause"], c["effect"], c["sign"]) for c in G.graph["null_claims"]]
    [('rain', 'crops', 0)]
    """
    G = nx.MultiDiGraph()
    G.graph.update(aliases={}, collapsed_claims=[], collapsed=[], null_claims=[])
    G.graph.update(selections=[], trends=[], stated_only=False)
    for n, edge in enumerate(edges, start=1):
        cause, effect, sign, *extra = edge
        attrs = dict(extra[0]) if extra else {}
        for factor in (cause, effect):
            if factor not in G:
                G.add_node(factor, label=factor, alt_labels=(), group="", id=factor)
        claim = attrs.pop("claim", f"{cause}->{effect}#{n}")
        number = 1 if sign in ("+", 1, "increases") else 0 if sign in ("0", 0, "no_effect") else -1
        data = dict(
            claim=claim,
            sign=number,
            modality=attrs.pop("modality", "asserted"),
            confidence=attrs.pop("confidence", 0.8),
            reading=attrs.pop("reading", "stated"),
            condition=attrs.pop("condition", None),
            brief=attrs.pop("brief", brief),
            locator=attrs.pop("locator", f"point {n}"),
            paraphrase=attrs.pop("paraphrase", f"{cause} changes {effect}"),
            time_scope=attrs.pop("time_scope", None),
            **attrs,
        )
        if number == 0:
            G.graph["null_claims"].append({**data, "cause": cause, "effect": effect})
        else:
            G.add_edge(cause, effect, key=claim, **data)
    return G


def resolve_node(G: nx.MultiDiGraph, name: str) -> str:
    """The node of ``G`` that ``name`` designates (label, alternative label, id or IRI).

    Raises :class:`~kg.errors.UnknownFactor` with suggestions, or
    :class:`~kg.errors.AmbiguousFactor`. The index of every factor's names is
    made once per graph and kept with it, as the pair weights are
    (:func:`kg.analysis.weights.pair_weights`): networkx forgets it when a
    node is added or removed; a label changed in place is not seen.

    >>> G = from_edges([("rain", "flooding", "+")])
    >>> resolve_node(G, "Flooding")
    'flooding'
    >>> G.add_node("drought", label="Drought")
    >>> resolve_node(G, "drought ")
    'drought'
    """
    if name in G:
        return name
    aliases = G.graph.get("aliases", {})
    if aliases:
        raw = name.strip().strip("<>")
        for member, head in aliases.items():
            member_id = local_id(member)
            if raw.casefold() in (member.casefold(), member_id, "factor:" + member_id):
                return head
    from kg.analysis.weights import _kept

    return _kept(G, "factor_index", _factor_index).resolve(name).iri


def _factor_index(G: nx.MultiDiGraph) -> FactorIndex:
    return FactorIndex(
        FactorName(str(n), d.get("label", str(n)), tuple(d.get("alt_labels", ())))
        for n, d in G.nodes(data=True)
    )


def node_label(G: nx.MultiDiGraph, node: str) -> str:
    """The label of a node (its key when it has none)."""
    return G.nodes[node].get("label", str(node))


@dataclass(frozen=True)
class Step:
    """One link of a chain or loop: the claims that ``cause`` changes ``effect``.

    ``sign`` is the link's net sign by the weighting rule
    (:mod:`kg.analysis.weights`): +1 or -1, or 0 when its claims balance
    exactly; ``weight`` its weight in [0, 1] by the same rule.
    ``confidence`` is that of the most confident claim behind the link;
    ``nulls`` the null findings on the pair, which weaken it.
    """

    cause: str
    effect: str
    sign: int
    confidence: float
    claims: tuple[dict, ...]
    weight: float = 1.0
    nulls: tuple[dict, ...] = ()

    def as_dict(self, G: nx.MultiDiGraph) -> dict:
        """The step as JSON-ready data, with factor labels."""
        data = {
            "cause": node_label(G, self.cause),
            "effect": node_label(G, self.effect),
            "sign": SIGN_SYMBOLS[self.sign],
            "weight": round(self.weight, 4),
            "claims": [claim_summary(c) for c in self.claims],
        }
        if self.nulls:
            data["null_claims"] = [claim_summary(c) for c in self.nulls]
        return data


def claim_summary(data: dict) -> dict:
    """The fields of a claim that analysts read, as JSON-ready data."""
    return {
        "claim": data["claim"],
        "sign": SIGN_SYMBOLS[data["sign"]] if data["sign"] else "0",
        "modality": data["modality"],
        "confidence": data["confidence"],
        "reading": data.get("reading", "stated"),
        "condition": data.get("condition"),
        "brief": data["brief"],
        "locator": data["locator"],
        "paraphrase": data["paraphrase"],
        "time_scope": data.get("time_scope"),
    }


def steps_between(G: nx.MultiDiGraph, cause: str, effect: str) -> Step:
    """The :class:`Step` that gathers every claim from ``cause`` to ``effect``, weighed by
    :func:`kg.analysis.weights.pair_weights`."""
    from kg.analysis.weights import null_claims_between, pair_weights

    claims = tuple(
        sorted((d for d in G[cause][effect].values()), key=lambda d: (-d["confidence"], d["claim"]))
    )
    nulls = tuple(null_claims_between(G, cause, effect))
    pair = pair_weights(G)[cause, effect]  # the rule on claims and nulls, once per graph
    confidence = max(d["confidence"] for d in claims)
    return Step(cause, effect, pair.sign, confidence, claims, pair.weight, nulls)


def collapse(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The simple directed graph underneath ``G``: one edge per factor pair."""
    simple = nx.DiGraph()
    simple.add_nodes_from(G.nodes(data=True))
    simple.add_edges_from((u, v) for u, v in G.edges())
    return simple
