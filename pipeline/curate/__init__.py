"""kinerja."""
