// Tests for TerminalKit are added with the module.
