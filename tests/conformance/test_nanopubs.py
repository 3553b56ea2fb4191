"""The ``nanopub`` library accepts every nanopublication kg writes, and can sign one.

kg writes each nanopublication to its own file (the library, like
nanopub-java, reads one at a time) as well as all of them in one bundle.
The library checks the four graphs, their links and the provenance and
publication info; a nanopublication signed with it (a fresh RSA key, no
profile and no network) carries a valid signature and trusty URI.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pyoxigraph as ox
import pytest
from Crypto.PublicKey import RSA
from nanopub import Nanopub, NanopubConf, Profile
from nanopub.utils import MalformedNanopubError

from kg.outputs.exports import export

DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
ORCID = "https://orcid.org/0000-0002-1825-0097"  # ORCID's documented example iD


def quads(path) -> set[ox.Quad]:
    return set(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))


@pytest.mark.slow
def test_the_nanopub_library_accepts_every_nanopublication(outputs):
    files = outputs.exported.nanopub_files
    claim = ox.NamedNode("https://w3id.org/briefkg/ontology#CausalClaim")
    claims = {
        q.subject
        for q in quads(outputs.built["trig"])
        if (q.predicate, q.object) == (RDF_TYPE, claim)
    }
    assert len(files) == len(claims) > 0
    for path in files:
        assert Nanopub(rdf=path).is_valid, path


def test_the_bundle_holds_exactly_the_nanopublications_of_the_files(outputs):
    bundle = quads(outputs.exported.paths["nanopub"])
    assert bundle == set().union(*(quads(p) for p in outputs.exported.nanopub_files))
    with pytest.raises(MalformedNanopubError):  # the reason for one file each
        Nanopub(rdf=outputs.exported.paths["nanopub"])


@pytest.mark.slow
def test_creator_and_date_go_in_the_publication_info(shipped, tmp_path):
    result = export(
        _dataset(shipped),
        tmp_path / "out", ["nanopub"], creator=ORCID, created="2024-01-15T09:30:00Z",
    )  # fmt: skip
    for path in result.nanopub_files:
        publication = Nanopub(rdf=path)
        assert publication.is_valid
        info = {(str(p), str(o)) for _s, p, o in publication.pubinfo}
        assert (DCTERMS + "creator", ORCID) in info
        # The same xsd:dateTime value, whichever lexical form the reader keeps ("Z" or "+00:00").
        created = {
            datetime.fromisoformat(o.replace("Z", "+00:00"))
            for p, o in info
            if p == DCTERMS + "created"
        }
        assert created == {datetime(2024, 1, 15, 9, 30, tzinfo=UTC)}
    # without them, nothing that changes from run to run is written
    plain = {q.predicate.value for p in shipped.exported.nanopub_files for q in quads(p)}
    assert DCTERMS + "created" not in plain and DCTERMS + "creator" not in plain


def _dataset(outputs):
    import kg

    return kg.Project(outputs.data_dir, dataset_file=outputs.built["trig"]).dataset


def test_a_nanopublication_signed_with_the_nanopub_library_verifies(shipped, tmp_path):
    key = RSA.generate(2048).export_key("PEM", pkcs=8).decode()
    body = "".join(line for line in key.splitlines() if not line.startswith("-----"))
    profile = Profile(name="A. Analyst", orcid_id=ORCID, private_key=body)
    publication = Nanopub(rdf=shipped.exported.nanopub_files[0], conf=NanopubConf(profile=profile))
    publication.sign()
    signed = tmp_path / "signed.trig"
    publication.store(signed)
    again = Nanopub(rdf=signed)
    assert again.is_valid and again.has_valid_signature and again.has_valid_trusty
    assert again.source_uri.startswith(str(publication.source_uri).split("/RA")[0] + "/RA")
