"""The engine's own checks on a loaded charter: the JSON Schema and the references between ids."""
