"""The plugin system: the hook specifications, the plugin manager that loads plugins in isolation, the registry they fill."""
