// The Install module; see ../shared/DESIGN.md.
