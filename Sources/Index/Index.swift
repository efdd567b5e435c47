// The Index module; see ../shared/DESIGN.md.
