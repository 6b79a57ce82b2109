// Tests for Codemods are added with the module.
