# Question: Which types does each instance have by the RDFS subclass rule (rdfs9), beyond those
#   the curated files state, and how are they added to the built graph?
# Returns: nothing; inserts ?x a ?super for every ?x a ?class and ?class rdfs:subClassOf+ ?super
#   (named superclasses only: OWL restrictions and other blank nodes are skipped).
# Notes: run on the built graph only (tipgraph build, push, serve, and the embedded store of
#   tipgraph query), never on the canonical sources, so that `?x a org:Organization`,
#   `a org:Post` and `a tip:Relation` answer in any engine without `a/rdfs:subClassOf*`. One
#   pass suffices: subClassOf+ already follows the whole chain.
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
INSERT { ?x a ?super }
WHERE {
  ?x a ?class .
  ?class rdfs:subClassOf+ ?super .
  FILTER (isIRI(?super) && ?super != ?class)
}
