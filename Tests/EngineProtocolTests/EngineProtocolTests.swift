// Tests for EngineProtocol are added with the module.
