import Basics
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `seam migrate js-to-ts` in a real terminal (tmux): the real binary on a small CommonJS
/// project, the real tsc, the real checkpoint store, and for the model's help the real engine
/// on the bundled tiny checkpoint.
@Suite("seam migrate js-to-ts: the walkthrough in a terminal", .serialized, .dedicatedThreads)
struct MigrationWalkthroughEndToEndTests {
    /// The project, committed: three CommonJS files with JSDoc types and a package.json.
    static func project(_ repository: ScratchGitRepository) throws {
        for (path, text) in TinyCommonJSProject.files { try repository.write(path, text) }
        try repository.commitAll("a small CommonJS project")
    }

    /// Starts `seam migrate js-to-ts PROJECT ARGUMENTS` and waits for the walkthrough with its
    /// files listed.
    func launch(_ terminal: WorkbenchTerminal, _ arguments: [String] = []) throws {
        guard Subprocess.locate("tsc") != nil else {
            throw SystemError(
                "the walkthrough test needs tsc: apt-get install node-typescript (or run 'make test-deps')")
        }
        let words = [RepositoryLayout.product("seam"), "migrate", "js-to-ts", terminal.repository.path] + arguments
        try terminal.tmux.run(words.map { "'" + $0 + "'" }.joined(separator: " "))
        try terminal.tmux.waitFor(timeout: .seconds(30), "the walkthrough") {
            $0.contains("Migration · JavaScript → TypeScript") && $0.contains("Files, leaves first (3)")
        }
    }

    /// The screen row of step 1 (tsconfig) in the table.
    static func row(_ screen: String, _ name: String) -> String {
        let number = ["tsconfig": 1, "rename": 2][name] ?? 0
        return screen.split(separator: "\n").first { $0.contains(" \(number) \(name) ") }.map(String.init) ?? ""
    }

    /// `seam log` in the project, with the sandbox's data directory.
    func log(_ terminal: WorkbenchTerminal) throws -> String {
        var environment = ProcessEnvironment.current
        for (key, value) in terminal.environment { environment[key] = value }
        let result = try Subprocess.run(
            RepositoryLayout.product("seam"), ["log"], directory: terminal.repository.path, environment: environment)
        #expect(result.succeeded, "seam log: \(result.errorOutput)")
        return result.output
    }

    func read(_ terminal: WorkbenchTerminal, _ relative: String) throws -> String {
        try TestFiles.readText(terminal.repository.path + "/" + relative)
    }

    @Test("preview step 1, review it hunk by hunk and apply it as a checkpoint, then undo it")
    func previewReviewApplyUndo() throws {
        let terminal = try WorkbenchTerminal(prepare: Self.project)
        try self.launch(terminal)
        let tmux = terminal.tmux
        var screen = try tmux.capture()
        #expect(
            screen.contains("JS lib/math.js") && screen.contains("JS lib/greet.js") && screen.contains("JS index.js"))
        #expect(Self.row(screen, "tsconfig").contains("not started"))

        // Preview: the codemod and tsc run off the main loop; the row says when it is done.
        try tmux.send("p")
        screen = try tmux.waitFor(timeout: .seconds(60), "the preview of step 1") {
            Self.row($0, "tsconfig").contains("previewed")
        }
        #expect(screen.contains("Preview on the project now: 2 files (1 new)"))
        #expect(Self.row(screen, "tsconfig").contains("2 files"))

        // Review: the review UI on the step's changeset; nothing is on disk yet.
        try tmux.send("Enter")
        screen = try tmux.waitFor("the step's review with both files") {
            $0.contains("Review · migrate js-to-ts: tsconfig") && $0.contains("tsconfig.json") && $0.contains("package.json")
        }
        #expect(screen.contains("tsconfig.json") && screen.contains("package.json"))
        #expect(!FileSystem.exists(terminal.repository.path + "/tsconfig.json"))
        try tmux.send("a")
        try tmux.waitFor(timeout: .seconds(10), "the second file") { $0.contains("file 2/2") }
        try tmux.send("a")
        try tmux.send("w")
        screen = try tmux.waitFor(timeout: .seconds(30), "the apply") {
            $0.contains("tsconfig applied as checkpoint 1") && Self.row($0, "tsconfig").contains("applied #1")
        }
        #expect(screen.contains("Migration · JavaScript → TypeScript"), "the walkthrough is back after the apply")

        // On disk: the new tsconfig.json and the scripts; the checkpoint in `seam log`.
        let tsconfig = try self.read(terminal, "tsconfig.json")
        #expect(tsconfig.contains("\"allowJs\": true") && tsconfig.contains("\"strict\": false"))
        let package = try self.read(terminal, "package.json")
        #expect(package.contains("\"typecheck\": \"tsc --noEmit\""))
        #expect(try self.read(terminal, "lib/math.js") == TinyCommonJSProject.math, "step 1 leaves the sources alone")
        var log = try self.log(terminal)
        #expect(log.contains("review: migrate js-to-ts: tsconfig") && !log.contains("(undone)"))
        // The project measured after the apply: tsc now checks it.
        try tmux.waitFor(timeout: .seconds(60), "tsc's count of the project") { $0.contains("tsc errors 0 ·") }

        // Undo: the step's checkpoint is reverted, byte for byte.
        try tmux.send("Up")
        try tmux.send("u")
        screen = try tmux.waitFor(timeout: .seconds(30), "the undo") { Self.row($0, "tsconfig").contains("undone #1") }
        #expect(screen.contains("tsconfig undone (checkpoint 1)"))
        #expect(!FileSystem.exists(terminal.repository.path + "/tsconfig.json"))
        #expect(try self.read(terminal, "package.json") == TinyCommonJSProject.package)
        log = try self.log(terminal)
        #expect(log.contains("review: migrate js-to-ts: tsconfig (undone)"))
        #expect(try terminal.repository.git("status", "--porcelain").isEmpty)

        try tmux.send("q")
        try tmux.waitFor(timeout: .seconds(10), "seam to quit") { _ in (try? tmux.isAlternateScreenOn()) == false }
    }

    @Test("without a terminal, seam migrate js-to-ts PATH prints the plan and says why the walkthrough did not open")
    func withoutTerminal() throws {
        let project = try ScratchGitRepository("migrate-plain")
        try Self.project(project)
        let data = try TemporaryDirectory("migrate-plain-data")
        var environment = ProcessEnvironment.current
        environment["XDG_DATA_HOME"] = data.path
        environment["XDG_STATE_HOME"] = data.path
        // No tsc on PATH keeps this quick; the plan then says what it could not check.
        environment["PATH"] = data.path
        let result = try Subprocess.run(
            RepositoryLayout.product("seam"), ["migrate", "js-to-ts", project.path], environment: environment)
        #expect(result.succeeded, "\(result.errorOutput)")
        #expect(result.errorOutput.contains("the walkthrough needs a terminal; printing the plan (--plan) instead"))
        #expect(result.output.contains("files, leaves first (3):\n  1. lib/math.js\n  2. lib/greet.js\n  3. index.js\n"))
        #expect(result.output.contains("tsc not found: type errors are not checked"))
        #expect(try project.git("status", "--porcelain").isEmpty, "the plan writes nothing")
    }

    @Test("asking the bundled tiny model for types: its answer has no edits, and the walkthrough says so")
    func typesFromTheTinyModel() throws {
        let terminal = try WorkbenchTerminal(prepare: Self.project)
        try self.launch(terminal, ["--engine", "unix:" + terminal.socketPath])
        let tmux = terminal.tmux
        #expect(try tmux.capture().contains("engine ○"), "no engine until the model is asked")
        try tmux.send("Right")
        try tmux.send("Down")
        try tmux.send("t")
        try tmux.waitFor(text: "Types for lib/greet.js from the model")
        // seam starts the engine on the bundled checkpoint, sends the request, reads the answer.
        let screen = try tmux.waitFor(timeout: .seconds(180), "the answer's verdict") {
            $0.contains("No edits were found in the model's answer") || $0.contains("edits are open in the review")
                || $0.contains("could not be reached")
        }
        #expect(screen.contains("No edits were found in the model's answer"))
        #expect(screen.contains("engine ● deepseek-v4-tiny"))
        #expect(screen.contains("Migration · JavaScript → TypeScript"), "no review was opened")
        #expect(try terminal.repository.git("status", "--porcelain").isEmpty, "nothing was written")
        try tmux.send("q")
        try tmux.waitFor(timeout: .seconds(10), "seam to quit") { _ in (try? tmux.isAlternateScreenOn()) == false }
    }
}
