// PEP 517/660 build frontend: see ../shared/DESIGN.md, "Builds".
