// Tests for Inference are added with the module.
