"""Outputs: SPARQL queries and their cookbook, and (later) the explorer and exports."""
