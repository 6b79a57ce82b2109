// Tests for EndToEnd are added with the module.
