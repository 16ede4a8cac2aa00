"""The checks: one module per family of rules, the runner, and how problems are reported."""
