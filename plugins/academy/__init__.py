"""Learning paths and competency self-assessment for MkDocs course sites."""
