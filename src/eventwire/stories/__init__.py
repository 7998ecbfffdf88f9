"""After storage: one record per happening, near-duplicate documents and story clusters.

Each write batch updates three groupings incrementally (``store/stories.py`` runs them):

1. ``fingerprints``: documents whose texts are near-duplicates (the same wire story in several
   outlets) share a document cluster, found by MinHash over word shingles and LSH bands;
2. ``happenings``: event mentions that report the same happening (same dyad, CAMEO root, place
   and flags, dates within a window) share one happening with live mention counts;
3. ``clusters``: documents about the same developing situation share a story, found by the
   dyads and named entities they have in common; headlines join a story or stay alone.
"""
