"""Forms of the intake pages: public (complainants) and desk (agents)."""
