"""The conformance suite: kg's outputs read by tools that share no code with kg."""
