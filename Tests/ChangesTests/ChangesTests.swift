// Tests for Changes are added with the module.
