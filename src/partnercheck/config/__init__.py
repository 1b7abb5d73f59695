"""A run's configuration: settings, `.partnercheck.yaml` files found by walking up, and their validation against the registered rules."""
