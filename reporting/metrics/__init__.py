"""The report's figures, each computed by database aggregation over one month and filter scope."""
