#if canImport(Glibc)
import Glibc
#endif

import Basics
import TestSupport
import Testing

@Suite("seam in a real terminal (tmux)", .serialized, .dedicatedThreads)
struct WorkbenchLayoutEndToEndTests {
    @Test("opens the layout on the alternate screen, shows the engine, resizes, quits with q and restores the terminal")
    func layoutResizeQuit() throws {
        let terminal = try WorkbenchTerminal(width: 160, height: 48)
        let tmux = terminal.tmux
        try tmux.run("echo SHELL-BEFORE-SEAM")
        try tmux.waitFor(text: "SHELL-BEFORE-SEAM\n$")
        #expect(try !tmux.isAlternateScreenOn())

        try terminal.launch()
        var screen = try tmux.capture()
        #expect(try tmux.isAlternateScreenOn())
        #expect(!screen.contains("SHELL-BEFORE-SEAM"))
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("┏ Files · "))
        #expect(lines[0].contains("Welcome"))
        #expect(lines[0].contains("Chat"))
        #expect(screen.contains("Memory · /"))
        #expect(screen.contains("▸ src/"))
        #expect(screen.contains("README.md"))
        #expect(screen.contains("tiny random-weight demo model"))
        // git status from the real git: src/ holds a modified file, NOTES.txt is untracked.
        screen = try tmux.waitFor("git markers") { screen in
            let rows = screen.split(separator: "\n")
            return rows.contains { $0.contains("▸ src/") && $0.contains("M┃") } && rows.contains { $0.contains("NOTES.txt") && $0.contains("?┃") }
        }
        #expect(terminal.engines.count == 1)

        try tmux.resize(width: 100, height: 30)
        screen = try tmux.waitFor("the 100×30 layout") { screen in
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return rows.count >= 30 && rows[29].contains("engine ●") && rows[0].hasSuffix("╮") && rows[0].count == 100
        }
        #expect(screen.contains("Memory"))

        try tmux.resize(width: 60, height: 20)
        screen = try tmux.waitFor("the compact layout") { $0.hasPrefix(" TREE ") && $0.contains("MEMORY") }
        #expect(screen.split(separator: "\n")[1].hasPrefix("┏ Files"))

        try tmux.resize(width: 160, height: 48)
        try tmux.waitFor("the full layout again") { $0.hasPrefix("┏ Files") && $0.contains("Memory · /") }

        try tmux.send("q")
        screen = try tmux.waitFor("the shell to come back") { $0.contains("SHELL-BEFORE-SEAM") }
        #expect(try !tmux.isAlternateScreenOn())
        #expect(!screen.contains("┏ Files"))
        // The shell runs nothing any more: seam exited and left no child behind.
        try tmux.waitFor("the prompt") { $0.hasSuffix("$") || $0.split(separator: "\n").last == "$" }
        #expect(try tmux.shellChildren().isEmpty)
        // The engine seam started keeps serving (by design) until stopped; stopping it removes
        // its socket.
        #expect(terminal.engines.count == 1)
        #expect(terminal.stopEngine() == 1)
        #expect(terminal.engines.isEmpty)
        #expect(!FileSystem.exists(terminal.socketPath))
    }

    @Test("Ctrl-C and SIGTERM also leave the alternate screen and restore the shell")
    func interruptAndTerminate() throws {
        let terminal = try WorkbenchTerminal(width: 120, height: 30)
        let tmux = terminal.tmux
        try tmux.run("echo BEFORE")
        try terminal.launch()
        try tmux.send("C-c")
        try tmux.waitFor("the shell after ctrl-c") { $0.contains("BEFORE") }
        #expect(try !tmux.isAlternateScreenOn())
        #expect(try tmux.shellChildren().isEmpty)

        try tmux.run("clear; echo AGAIN")
        try terminal.launch()
        let seam = try #require(try tmux.shellChildren().first)
        kill(seam, SIGTERM)
        try tmux.waitFor("the shell after SIGTERM") { $0.contains("AGAIN") }
        #expect(try !tmux.isAlternateScreenOn())
        // The shell reports the status seam exited with: 143 = 128 + SIGTERM.
        try tmux.run("echo status=$?")
        try tmux.waitFor(text: "status=143")
        // Typing works again: the terminal is back in cooked mode with echo.
        try tmux.type("echo typed-after")
        try tmux.waitFor(text: "echo typed-after")
        try tmux.send("Enter")
        try tmux.waitFor(text: "\ntyped-after")
    }

    @Test("a crash signal restores the terminal and still ends seam with that signal")
    func crashSignals() throws {
        let terminal = try WorkbenchTerminal(width: 120, height: 30)
        let tmux = terminal.tmux
        for (signal, status) in [(SIGSEGV, 139), (SIGABRT, 134), (SIGBUS, 135)] {
            try tmux.run("clear; echo BEFORE-\(signal)")
            // The Swift runtime's backtracer would wait for a key on a terminal; turn it off.
            try terminal.launch(environment: ["SWIFT_BACKTRACE": "enable=no"])
            let seam = try #require(try tmux.shellChildren().first)
            kill(seam, signal)
            try tmux.waitFor("the shell after signal \(signal)") { $0.contains("BEFORE-\(signal)") }
            #expect(try !tmux.isAlternateScreenOn())
            try tmux.run("echo status=$?")
            try tmux.waitFor(text: "status=\(status)")
            #expect(try tmux.shellChildren().isEmpty)
        }
    }
}
