"""The render stage: Markdown pages through Jinja templates, pictures and the site's data files.

``pages`` renders each page from the index with the templates in ``templates/`` (a project's
own templates shadow them); ``markup`` escapes data for Markdown; ``urls`` computes relative
links; ``svg``, ``timeline_svg`` and ``network_svg`` draw the pictures; ``mapdata`` and
``explorer`` make the map's and the explorer's JSON; ``assets`` publishes the files in
``static/`` (stylesheets, scripts, vendored libraries).
"""
