// Tests for Workbench are added with the module.
