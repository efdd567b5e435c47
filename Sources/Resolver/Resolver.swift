// The Resolver module; see ../shared/DESIGN.md.
