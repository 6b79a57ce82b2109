// Tests for EngineClient are added with the module.
