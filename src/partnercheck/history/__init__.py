"""Charters over time: git revisions, the findings new since a revision, what changed between two versions."""
