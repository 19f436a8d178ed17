"""Personal data: the key it is hashed with, and (later) retention and erasure."""
