"""The load stage: data files and hand-written pages, read safely and with positions.

``yamlsource`` parses one YAML file with the C loader and keeps the line and column of every
value; ``dataset`` finds every record file of a data folder and validates it against the model;
``briefings`` reads the hand-written briefings and the record pages they link to.
"""
