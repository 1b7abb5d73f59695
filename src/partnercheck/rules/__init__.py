"""The rule model: rules and their options, rule packs read from YAML, declarative checks, running one rule in its budget."""
