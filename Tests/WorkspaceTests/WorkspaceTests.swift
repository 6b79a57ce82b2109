// Tests for Workspace are added with the module.
