//! Vocabulary IRIs as constants, mirroring `schema/ontology.ttl`.
