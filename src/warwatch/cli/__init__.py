"""The ``warwatch`` command line: thin commands that hand over to the packages.

Heavy modules are imported inside the commands so ``warwatch --help`` stays instant. The group
lives in ``base``; each module of this package adds its commands to it (a new topic is a new
module imported here).
"""

from . import alerts, articles, bench, spark  # noqa: F401  (registers their commands on ``main``)
from .base import main

__all__ = ["main"]
