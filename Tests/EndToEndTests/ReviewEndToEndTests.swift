import Basics
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `seam review` in a real terminal (tmux): the real binary, a real git repository, a real
/// editor (a shell script run as `$EDITOR`), the real checkpoint store.
@Suite("seam review in a terminal", .serialized, .dedicatedThreads)
struct ReviewEndToEndTests {
    /// A sandbox: a git repository to review in, HOME and XDG directories of its own, an editor
    /// script, and a tmux window of `width`×`height` with a shell in the repository.
    final class Sandbox {
        let home: TemporaryDirectory
        let repository: ScratchGitRepository
        let tmux: TmuxSession
        let editor: String

        init(width: Int = 160, height: Int = 48) throws {
            let seam = RepositoryLayout.product("seam")
            guard FileSystem.exists(seam) else {
                throw SystemError("\(seam) is missing: run 'swift build' first", code: ENOENT)
            }
            self.home = try TemporaryDirectory("review-e2e")
            self.repository = try ScratchGitRepository("review-repo")
            for directory in ["config", "data", "state", "run"] {
                try FileSystem.createDirectories(self.home.appending(directory), mode: 0o700)
            }
            // The editor rewrites the added line of the hunk it is given, as a person would.
            self.editor = try self.home.write("editor.sh", "#!/bin/sh\nsed -i 's/^+C20$/+C20 edited/' \"$1\"\n")
            _ = try Subprocess.run("/bin/chmod", ["755", self.editor])
            self.tmux = try TmuxSession(
                width: width, height: height, directory: self.repository.path,
                environment: [
                    "HOME": self.home.path, "XDG_CONFIG_HOME": self.home.appending("config"),
                    "XDG_DATA_HOME": self.home.appending("data"), "XDG_STATE_HOME": self.home.appending("state"),
                    "XDG_RUNTIME_DIR": self.home.appending("run"), "EDITOR": self.editor, "VISUAL": "",
                    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "LANG": "C.UTF-8",
                    "LC_ALL": "C.UTF-8",
                ])
        }

        deinit {
            if (try? self.tmux.isAlternateScreenOn()) == true { try? self.tmux.send("C-c") }
        }

        /// Starts `seam ARGUMENTS` in the shell and waits for the review.
        func launch(_ arguments: [String]) throws {
            let command = ([RepositoryLayout.product("seam")] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
            try self.tmux.run(command)
            try self.tmux.waitFor(text: "Review · ")
        }

        /// Presses `key` and waits until the screen satisfies `predicate`.
        @discardableResult
        func press(_ key: String, until what: String, _ predicate: (String) -> Bool) throws -> String {
            try self.tmux.send(key)
            return try self.tmux.waitFor(timeout: .seconds(15), "\(what) after \(key)", predicate)
        }

        func read(_ relative: String) throws -> [UInt8] { try self.repository.read(relative) }
    }

    static func numbered(_ prefix: String, _ count: Int) -> String {
        (1...count).map { prefix + ($0 < 10 ? "0" : "") + String($0) + "\n" }.joined()
    }

    static let lines = (1...20).map { "line \($0)\n" }.joined()

    /// The original files, committed.
    static let originals: [String: String] = [
        "a.txt": lines,
        "b.txt": "alpha\nbeta\ngamma\ndelta\nepsilon\n",
        "c.txt": numbered("c", 24),
    ]

    /// What the proposal makes of them (its diff is the patch under review).
    static let proposed: [String: String] = [
        "a.txt": lines.replacing("line 2\n", with: "line two\n").replacing("line 18\n", with: "line eighteen\n"),
        "b.txt": "alpha\nBETA\ngamma\ninserted\nDELTA\nepsilon\n",
        "c.txt": numbered("c", 24).replacing("c02\n", with: "C02\n").replacing("c05\n", with: "C05\n")
            .replacing("c20\n", with: "C20\n"),
    ]

    /// What the mixed decisions of the test leave.
    static let expected: [String: String] = [
        // hunk 1 accepted, hunk 2 rejected
        "a.txt": lines.replacing("line 2\n", with: "line two\n"),
        // line selection: beta removed and BETA added; delta kept, inserted added, DELTA left out
        "b.txt": "alpha\nBETA\ngamma\ndelta\ninserted\nepsilon\n",
        // split: the first half taken, the second rejected; the last hunk edited in $EDITOR
        "c.txt": numbered("c", 24).replacing("c02\n", with: "C02\n").replacing("c20\n", with: "C20 edited\n"),
    ]

    /// Commits the originals, writes the proposal as a patch outside the repository, and puts
    /// the originals back.
    func preparePatch(_ sandbox: Sandbox) throws -> String {
        for (path, text) in Self.originals { try sandbox.repository.write(path, text) }
        try sandbox.repository.commitAll("originals")
        for (path, text) in Self.proposed { try sandbox.repository.write(path, text) }
        let patch = try sandbox.repository.git("diff")
        try sandbox.repository.git("checkout", "-q", "--", ".")
        return try sandbox.home.write("change.patch", patch)
    }

    @Test("a 3-file patch reviewed with mixed decisions applies byte for byte, and undo restores it")
    func mixedDecisions() throws {
        let sandbox = try Sandbox()
        let patch = try self.preparePatch(sandbox)
        try sandbox.launch(["review", patch])
        var screen = try sandbox.tmux.waitFor("the review with its three files") {
            $0.contains("file 1/3 · hunk 1/2") && $0.contains("○ c.txt")
        }
        #expect(screen.contains("○ a.txt") && screen.contains("○ b.txt") && screen.contains("○ c.txt"))

        // a.txt: accept the first hunk, reject the second.
        try sandbox.press("a", until: "a.txt hunk 2") { $0.contains("file 1/3 · hunk 2/2") }
        try sandbox.press("r", until: "b.txt") { $0.contains("file 2/3 · hunk 1/1") }
        // b.txt: line selection; -beta +BETA taken, -delta left, +inserted taken, +DELTA left.
        try sandbox.press("v", until: "line selection") { $0.contains("line selection") }
        for key in ["a", "a", "r", "a"] { try sandbox.tmux.send(key) }
        screen = try sandbox.press("r", until: "five line decisions") {
            $0.contains("◐ b.txt") && $0.contains("✗ +DELTA")
        }
        #expect(
            screen.contains("✓ -beta") && screen.contains("✓ +BETA") && screen.contains("✗ -delta")
                && screen.contains("✓ +inserted"))
        try sandbox.press("v", until: "hunk selection") { $0.contains("hunk selection") }
        // c.txt: split the first hunk, take its first half only.
        try sandbox.press("Down", until: "c.txt") { $0.contains("file 3/3 · hunk 1/2") }
        try sandbox.press("s", until: "the split") { $0.contains("file 3/3 · hunk 1/3") }
        try sandbox.press("a", until: "the second half") { $0.contains("file 3/3 · hunk 2/3") }
        try sandbox.press("r", until: "the last hunk") { $0.contains("file 3/3 · hunk 3/3") }
        // The last hunk goes through $EDITOR, which rewrites its added line.
        screen = try sandbox.press("e", until: "the edited hunk") { $0.contains("hunk edited and accepted") }
        #expect(screen.contains("+C20 edited"))
        #expect(try sandbox.tmux.isAlternateScreenOn(), "the review is back on the alternate screen after the editor")
        // Nothing was written yet.
        for (path, text) in Self.originals {
            #expect(try sandbox.read(path) == Array(text.utf8), "\(path) before apply")
        }

        screen = try sandbox.press("w", until: "the apply") { $0.contains("applied as checkpoint 1") }
        #expect(screen.contains("Applied as checkpoint 1: 3 files written."))
        #expect(screen.contains("applied as edited"))
        for (path, text) in Self.expected {
            #expect(try sandbox.read(path) == Array(text.utf8), "\(path) after apply")
        }

        try sandbox.press("u", until: "the undo") { $0.contains("undid checkpoint 1") }
        for (path, text) in Self.originals { #expect(try sandbox.read(path) == Array(text.utf8), "\(path) after undo") }
        try sandbox.tmux.send("q")
        try sandbox.tmux.waitFor(timeout: .seconds(10), "seam to quit") { _ in
            (try? sandbox.tmux.isAlternateScreenOn()) == false
        }
        #expect(try sandbox.repository.git("status", "--porcelain").isEmpty)
    }

    @Test("--git REV opens the commit's change; accepting it all reproduces the commit")
    func gitRevision() throws {
        let sandbox = try Sandbox(width: 100, height: 30)
        for (path, text) in Self.originals { try sandbox.repository.write(path, text) }
        try sandbox.repository.commitAll("originals")
        for (path, text) in Self.proposed { try sandbox.repository.write(path, text) }
        try sandbox.repository.commitAll("proposal")
        try sandbox.repository.git("checkout", "-q", "HEAD~1", "--", ".")
        try sandbox.launch(["review", "--git", "HEAD"])
        try sandbox.tmux.waitFor(text: "proposal")
        for _ in 0..<3 {
            try sandbox.tmux.send("A")
            try sandbox.tmux.send("]")
        }
        // Decisions not applied yet: q asks first, and Esc goes back to the review.
        try sandbox.press("q", until: "the quit question") { $0.contains("Quit seam?") && $0.contains("Quit anyway") }
        try sandbox.press("Escape", until: "the review again") { !$0.contains("Quit seam?") }
        #expect(try sandbox.tmux.isAlternateScreenOn())
        try sandbox.press("w", until: "the apply") { $0.contains("applied as checkpoint 1") }
        for (path, text) in Self.proposed { #expect(try sandbox.read(path) == Array(text.utf8), "\(path)") }
        try sandbox.tmux.send("q")
        try sandbox.tmux.waitFor(timeout: .seconds(10), "seam to quit") { _ in
            (try? sandbox.tmux.isAlternateScreenOn()) == false
        }
        let log = try Subprocess.run(
            RepositoryLayout.product("seam"), ["log"], directory: sandbox.repository.path,
            environment: ProcessEnvironment.current.merging([
                "XDG_DATA_HOME": sandbox.home.appending("data"), "HOME": sandbox.home.path,
            ]) { $1 })
        #expect(log.output.contains("* 1 ") && log.output.contains("review: git "), "\(log.output)\(log.errorOutput)")
    }
}
