"""The benchmark: budgets of DESIGN.md measured against raw baselines in one run."""
