"""warwatch: a self-hosted conflict-news monitor."""

__version__ = "0.1.0"
