// Tests for TerminalCurses are added with the module.
