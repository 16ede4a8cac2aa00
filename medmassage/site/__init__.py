"""The site commands: a build and its session, staging, export, verification, the preview, new pages."""
