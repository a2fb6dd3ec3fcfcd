"""Privacy's write services, one module per workflow (requests, disclosure; erasure and the
breach register live in their own modules)."""
