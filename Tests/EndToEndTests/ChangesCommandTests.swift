import Basics
import TestSupport
import Testing

/// `seam apply`, `undo`, `redo`, `log` and `review` as separate runs of the real binary.
@Suite("seam apply, undo, redo, log, review", .dedicatedThreads)
struct ChangesCommandTests {
    private static let numbered = (1...20).map { "line \($0)\n" }.joined()

    private static let patch = """
        diff --git a/a.txt b/a.txt
        --- a/a.txt
        +++ b/a.txt
        @@ -2,3 +2,3 @@
         line 2
        -line 3
        +LINE 3
         line 4
        @@ -15,3 +15,3 @@
         line 15
        -line 16
        +LINE 16
         line 17
        diff --git a/b.txt b/b.txt
        --- a/b.txt
        +++ b/b.txt
        @@ -1,2 +1,2 @@
         nothing
        -like this
        +here

        """

    private func workspace() throws -> SeamWorkspace {
        let workspace = try SeamWorkspace("apply")
        try workspace.write("a.txt", Self.numbered)
        try workspace.write("b.txt", "something\nelse\n")
        try workspace.write("change.patch", Self.patch)
        try workspace.repository.commitAll("base")
        return workspace
    }

    @Test("one line per hunk; a rejected selected hunk exits 1; unselected hunks are left alone")
    func applyReportsEveryHunk() throws {
        let workspace = try self.workspace()
        let result = try workspace.seam("apply", "change.patch", "--accept", "a.txt:2,b.txt:1")
        #expect(result.status == 1, "\(result.output)\(result.errorOutput)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("a.txt: hunk 1: not selected (applied at line 2)"))
        #expect(lines.contains("a.txt: hunk 2: applied at line 15"))
        #expect(
            lines.contains {
                $0.hasPrefix(
                    "b.txt: hunk 1 (unified diff 1, line 17): rejected: its context was not found; nearest match at line 1"
                )
            })
        #expect(lines.contains("checkpoint 1: 1 file changed (undo with 'seam undo')"))
        #expect(try workspace.read("a.txt") == Self.numbered.replacingOccurrences("line 16\n", "LINE 16\n"))
        #expect(try workspace.read("b.txt") == "something\nelse\n")
    }

    @Test("--dry-run writes nothing; --accept none applies nothing; a bad selection is a usage error")
    func dryRunAndSelections() throws {
        let workspace = try self.workspace()
        let before = try workspace.snapshot()
        let dry = try workspace.seam("apply", "change.patch", "--accept", "a.txt", "--dry-run")
        #expect(dry.status == 0, "\(dry.output)\(dry.errorOutput)")
        #expect(dry.output.contains("dry run: 1 file would change; nothing was written"))
        let none = try workspace.seam("apply", "change.patch", "--accept", "none")
        #expect(none.status == 0)
        #expect(none.output.contains("nothing to apply"))
        #expect(try workspace.snapshot() == before)
        let bad = try workspace.seam("apply", "change.patch", "--accept", "a.txt:9")
        #expect(bad.status == 2)
        #expect(bad.errorOutput.contains("there is no hunk 9 in a.txt (it has 2)"))
        let unknown = try workspace.seam("apply", "change.patch", "--accept", "c.txt:1")
        #expect(unknown.status == 2 && unknown.errorOutput.contains("does not touch c.txt"))
    }

    @Test("undo and redo work across separate runs and survive restarts; log shows the state")
    func undoRedoAcrossRuns() throws {
        let workspace = try self.workspace()
        let original = try workspace.snapshot()
        #expect(try workspace.seam("apply", "change.patch", "--accept", "a.txt").status == 0)
        let applied = try workspace.snapshot()
        #expect(applied != original)
        let log = try workspace.seam("log")
        #expect(
            log.output.contains("* 1  ") && log.output.contains("seam apply change.patch")
                && log.output.contains("a.txt"))
        #expect(try workspace.seam("undo").status == 0)
        #expect(try workspace.snapshot() == original)
        #expect(try workspace.seam("log").output.contains("(undone)"))
        #expect(try workspace.seam("redo").status == 0)
        #expect(try workspace.snapshot() == applied)
        let again = try workspace.seam("redo")
        #expect(again.status == 1 && again.errorOutput.contains("nothing to redo"))
    }

    @Test("undo refuses to overwrite a file edited after the apply and names it")
    func undoRefusesLaterEdits() throws {
        let workspace = try self.workspace()
        #expect(try workspace.seam("apply", "change.patch", "--accept", "a.txt").status == 0)
        try workspace.write("a.txt", "my own work\n")
        let undo = try workspace.seam("undo")
        #expect(undo.status == 1)
        #expect(undo.errorOutput.contains("a.txt: changed after checkpoint 1 (edited)"))
        #expect(try workspace.read("a.txt") == "my own work\n")
    }

    @Test("malformed edit blocks are reported with file, block and line, and nothing is written")
    func malformedEdits() throws {
        let workspace = try self.workspace()
        try workspace.write(
            "answer.md",
            """
            Fix:

            a.txt
            <<<<<<< SEARCH
            line 3
            =======
            LINE 3
            >>>>>>> REPLACE

            b.txt
            <<<<<<< SEARCH
            something
            >>>>>>> REPLACE

            """)
        let before = try workspace.snapshot()
        let result = try workspace.seam("apply", "answer.md")
        #expect(result.status == 1)
        #expect(
            result.errorOutput.contains(
                "answer.md: error: line 11, b.txt, SEARCH/REPLACE block 2 (line 11): missing '======='"))
        #expect(result.errorOutput.contains("nothing was written"))
        #expect(try workspace.snapshot() == before)
    }

    @Test("paths escaping the workspace are refused and the outside file is untouched")
    func escapingPath() throws {
        let workspace = try self.workspace()
        let outside = try TemporaryDirectory("victim")
        try outside.write("victim.txt", "safe\n")
        let relative = "../" + FileSystem.lastComponent(of: outside.path) + "/victim.txt"
        try workspace.write("evil.patch", "--- a/\(relative)\n+++ b/\(relative)\n@@ -1 +1 @@\n-safe\n+owned\n")
        let result = try workspace.seam("apply", "evil.patch")
        #expect(result.status == 1)
        #expect(result.output.contains("refused: climbs out with '..'"))
        #expect(try TestFiles.readText(outside.appending("victim.txt")) == "safe\n")
    }

    @Test("review --git REV lists the commit's hunks against the working tree")
    func reviewGitRevision() throws {
        let workspace = try self.workspace()
        try workspace.write("a.txt", Self.numbered.replacingOccurrences("line 10\n", "line ten\n"))
        try workspace.write("new.txt", "brand new\n")
        try workspace.repository.commitAll("second")
        try workspace.repository.git("checkout", "-q", "HEAD~1", "--", ".")
        try workspace.repository.git("rm", "-q", "--cached", "new.txt")
        _ = try? Subprocess.run("/bin/rm", ["-f", workspace.repository.directory.appending("new.txt")])
        let result = try workspace.seam("review", "--git", "HEAD")
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.contains("git ") && result.output.contains("second"))
        #expect(result.output.contains("-line 10\n+line ten\n"))
        #expect(result.output.contains("=== new.txt [new file]"))
        #expect(result.output.contains("needs the TUI"))
    }

    /// Regression: `seam review --git nope` printed "seam review: git rev-parse failed: " and
    /// nothing after it.
    @Test("review --git with a bad revision says why in one line and exits 1")
    func reviewBadRevision() throws {
        let workspace = try self.workspace()
        let result = try workspace.seam("review", "--git", "nope")
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        let lines = result.errorOutput.split(separator: "\n")
        #expect(lines.count == 1, "\(result.errorOutput)")
        #expect(result.errorOutput.hasPrefix("seam review: revision 'nope' is not a commit in "))
        #expect(result.errorOutput.contains("(git: fatal: bad revision 'nope')"))
    }

    /// Regression: a migration run on a subdirectory kept its checkpoints apart from the
    /// repository's, so `seam log` and `seam undo` at the top did not see them.
    @Test("a step migrated in a subdirectory is the repository's checkpoint: log and undo see it from anywhere")
    func oneHistoryPerRepository() throws {
        let workspace = try self.workspace()
        try workspace.write("web/index.js", "export function add(a, b) { return a + b }\n")
        try workspace.write("web/package.json", "{\"name\": \"web\"}\n")
        try workspace.repository.commitAll("web")
        let before = try workspace.snapshot()
        let step = try workspace.seam("migrate", "js-to-ts", "web", "--step", "tsconfig", "--headless")
        #expect(step.status == 0, "\(step.output)\(step.errorOutput)")
        #expect(workspace.exists("web/tsconfig.json"))
        let log = try workspace.seam("log")
        #expect(log.output.contains("* 1  ") && log.output.contains("web/tsconfig.json"), "\(log.output)")
        let undo = try Subprocess.run(
            try SeamWorkspace.executable(), ["undo"], directory: workspace.repository.directory.appending("web"),
            environment: workspace.environment)
        #expect(undo.status == 0, "\(undo.errorOutput)")
        #expect(undo.output.contains("undid checkpoint 1"))
        #expect(try workspace.snapshot() == before)
    }
}
