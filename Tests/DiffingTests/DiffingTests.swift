// Tests for Diffing are added with the module.
