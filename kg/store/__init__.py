"""Where the dataset lives: the Oxigraph store, and the rows it hands the analysis."""
