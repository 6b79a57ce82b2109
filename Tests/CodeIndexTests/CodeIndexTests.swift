// Tests for CodeIndex are added with the module.
