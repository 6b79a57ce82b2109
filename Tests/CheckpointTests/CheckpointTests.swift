// Tests for Checkpoint are added with the module.
