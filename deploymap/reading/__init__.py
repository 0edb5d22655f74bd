"""Reading reports: sentences, cues, proposed rows, and their review."""
