"""RDF: build the dataset (a named graph per brief) and read or write it."""
