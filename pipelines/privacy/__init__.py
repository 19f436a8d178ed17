"""Personal data: the key it is hashed with (keys.py), retention (retention.py) and erasure (erasure.py)."""
