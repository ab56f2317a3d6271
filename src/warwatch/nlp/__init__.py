"""Understanding: actors, places and dates in an article (the NLP stage of the pipeline)."""
