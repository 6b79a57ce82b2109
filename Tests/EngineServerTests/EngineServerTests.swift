// Tests for EngineServer are added with the module.
