"""CSV and Excel import and export."""
