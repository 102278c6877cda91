"""Wire formats: each dataset's columns, codes and their meanings, written down once.

Read by the importers (a dataset's file -> records), the exporters (records -> the dataset's
layout) and the pages and map (what a code means, how far a precision reaches), so that a round
trip holds by construction and a page never says something the codebook does not. One module
per format: :mod:`generator.formats.acled` and :mod:`generator.formats.ucdp`; what several
formats share (a precision code's meaning and the distance a map may draw) is
:mod:`generator.formats.precision`.
"""
