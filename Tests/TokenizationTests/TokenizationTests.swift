// Tests for Tokenization are added with the module.
