// The Python module; see ../shared/DESIGN.md.
