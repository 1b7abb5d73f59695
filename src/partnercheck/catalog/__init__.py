"""The rule catalog for people (`partnercheck rule`, `rules`) and the starter charter of `partnercheck init`."""
