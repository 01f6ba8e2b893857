def enrich_from_tables(measures, tables, key, file):
    return measures
