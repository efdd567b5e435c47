// Services: composition of Index, Cache, Python, Install and Resolver; see ../shared/DESIGN.md ("Layout").
