"""Events coming in: files (CSV, Parquet, ACLED), uploads, checks, typed copies, geocoding."""
