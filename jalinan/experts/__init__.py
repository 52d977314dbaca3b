"""Expert profiles of academic staff, publications and their import, expert search."""
