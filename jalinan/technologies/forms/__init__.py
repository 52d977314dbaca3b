"""The forms of technology transfer, one module per kind of record. The services check again;
these give field errors next to the field."""
