import CNCursesW
import TerminalKit

#if canImport(Glibc)
    import Glibc
#endif

extension Terminal {
    /// Hands the terminal to another program (an editor) while `work` runs: mouse reporting and
    /// bracketed paste off, curses ended (shell modes, the normal screen), then everything
    /// restored and the whole screen repainted from curses' copy.
    package func suspended(_ work: () -> Void) {
        let mouse = self.isMouseEnabled
        if mouse { self.setMouse(false) }
        Self.writeTerminal("\u{1B}[?2004l")
        endwin()
        work()
        // The first refresh after endwin resumes program mode (raw input, alternate screen);
        // clearok makes it redraw every cell the other program may have overwritten.
        clearok(cn_stdscr(), true)
        refresh()
        Self.writeTerminal("\u{1B}[?2004h")
        if mouse { self.setMouse(true) }
    }

    private static func writeTerminal(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }
}
