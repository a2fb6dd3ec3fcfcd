"""Privacy: the page forms, one module per part."""
