"""The emit stage: generated pages and files handed to a site engine.

``plugin`` is the MkDocs plugin (the only module that imports MkDocs), which adds the pages to
a build in memory; ``files`` writes them into a folder for any other engine, touching only the
files it owns.
"""
