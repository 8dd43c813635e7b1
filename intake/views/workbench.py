"""The complaint workbench: the agent's single place of work on one complaint."""
