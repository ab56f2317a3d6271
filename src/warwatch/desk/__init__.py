"""The analyst's desk (issue 14): what the map, charts, review queue and alerts compute, apart
from the web pages and the store tables that show and keep it.

- ``keys``: a stable key per report (an article's event), the anchor of reviews and alert hits;
- ``review``: applying analysts' reviews (status, corrections) to the merged events of a corpus view;
- ``alerts``: matching watch rules against a corpus view (pure);
- ``webhook``: signing and delivering an alert by POST, behind the fetch guard;
- ``series``: events per day or week by family, and control bands, for the charts.
"""
