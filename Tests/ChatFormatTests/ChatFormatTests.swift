// Tests for ChatFormat are added with the module.
