"""Reading a project: its config, YAML and front matter, files, navigation, every page, the link graph."""
