"""Call plan views, one module per page or concern."""
