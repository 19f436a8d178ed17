"""Everything the pages need besides rendering: the warehouse connection, the queries, the shared filters.

Pages only render; every query lives here, and every KPI is summed in SQL from the numerators and
denominators dbt publishes (a rate over a period is a ratio of sums, never an average of daily rates).
"""
