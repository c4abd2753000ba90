"""Forms of initiatives, one module per audience or step."""
