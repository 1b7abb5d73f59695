"""Running partnercheck over charters: discovery, one file's pipeline, many files, the cache, suppressions, waivers, baseline and gates."""
