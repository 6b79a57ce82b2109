import CNCursesW

/// Restores the terminal when the process crashes with a signal it can catch (SIGSEGV, SIGBUS,
/// SIGILL, SIGFPE, SIGABRT, SIGTRAP): the handler, written in C in the CNCursesW shim, writes a
/// prepared reset sequence and the saved termios, then re-raises for the previous handler.
///
/// All calls to the `cn_crash_*` shims live in this file so they share one copy of its state.
@MainActor
enum CrashGuard {
    /// Saves the cooked termios of `fileDescriptor`; call before curses starts.
    static func saveTerminalState(fileDescriptor: Int32) {
        cn_crash_save_termios(fileDescriptor)
    }

    /// Installs the handlers with `reset`, the bytes that put the terminal back.
    static func install(reset: String) {
        cn_crash_install(reset)
    }

    /// Restores the previous handlers.
    static func uninstall() {
        cn_crash_uninstall()
    }
}
