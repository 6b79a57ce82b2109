// DeepSeekV4: see docs/ARCHITECTURE.md for what this module holds.
