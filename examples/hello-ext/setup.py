# The C extension is declared here: pyproject.toml's [project] table has no place for it.
from setuptools import Extension, setup

setup(
    ext_modules=[Extension("hello_ext._speedups", ["src/hello_ext/_speedups.c"])],
)
