"""SalesDesk: a desktop call companion for sales reps."""

__version__ = "0.1.0"
