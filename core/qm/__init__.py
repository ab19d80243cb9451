"""Quality management: scorecards over guidance results, evidence, re-scoring, disputes, aggregates."""
