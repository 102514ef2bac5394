"""Change over time and across groups: periods, trends, keyness by group, formula lifecycles."""
