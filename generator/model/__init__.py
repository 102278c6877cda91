"""The model stage: what a record is.

``records`` holds the typed record kinds (incidents, actors, places, sources) and their
validation; ``dates`` the fuzzy dates analysts write; ``vocabulary`` every controlled list of
values; ``schema`` the JSON Schema that editors read, made from the same models.
"""
