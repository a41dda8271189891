// Test support
@_exported import VaporTesting
