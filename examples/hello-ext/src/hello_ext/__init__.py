"""kiln's example package: a greeting whose letter count comes from a C extension."""

from hello_ext.greeting import greet

__all__ = ["greet"]
