// Tests for Tensors are added with the module.
