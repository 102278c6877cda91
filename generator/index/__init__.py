"""The index stage: every reference between records resolved once, in both directions.

``graph`` turns validated records into nodes that hold each other, with backlinks, and reports
references to records that do not exist.
"""
