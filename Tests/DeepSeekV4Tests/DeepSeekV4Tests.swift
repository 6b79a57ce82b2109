// Tests for DeepSeekV4 are added with the module.
