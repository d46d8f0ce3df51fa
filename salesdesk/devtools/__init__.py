"""Tools for the tests, the benchmarks (bench/) and the screenshots (scripts/), not for the app.

Nothing in SalesDesk itself imports this package:

- ``sample_calls``: made-up calls, plausible and repeatable;
- ``bulk_insert``: writing many calls into the local database at once, far faster than
  CallStore's one change at a time.
"""
