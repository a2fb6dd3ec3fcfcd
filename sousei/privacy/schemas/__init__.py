"""Privacy: the API schemas, one module per part."""
