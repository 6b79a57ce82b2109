import Basics
import Dispatch
import TerminalKit
import Workbench
import Workspace

#if canImport(Glibc)
import Glibc
#endif

/// `seam-bench frame`: how the workbench feels on a large repository — the time to the first
/// frame of the file tree, and key-to-frame latency (from a key event to the finished frame that
/// shows its effect) for tree navigation, fuzzy finding over every path and paging through a
/// large file. The real update, view, effects and frame diff run against a `TestBackend`, so the
/// numbers are the workbench's own, without a terminal's drawing time.
let frameBenchmark = SubcommandProgram.Subcommand(
    spec: CommandSpec(
        name: "seam-bench frame",
        abstract: "first tree frame and key-to-frame latency on a generated large repository",
        usage: "[--files N] [--path DIR] [--no-git] [--keep]",
        options: [
            .init("files", value: "N", help: "files to generate (default 100000)"),
            .init("path", value: "DIR", help: "measure an existing directory instead of generating one"),
            .init("no-git", help: "generate a plain directory (no git repository, no status markers)"),
            .init("keep", help: "keep the generated repository and print its path"),
        ],
        discussion: """
            Latencies are per key: the update, any off-loop effect the key starts (a fuzzy match over
            every path runs on a background queue), and rendering plus diffing the 160×48 frame. The
            frame budget is 16.7 ms (60 frames per second). Generation is timed separately.
            """
    )
) { arguments in
    let files = try arguments.integer("files", default: 100_000, in: 100...2_000_000) ?? 100_000
    let options = FrameBenchmark.Options(
        files: files, path: arguments.value("path"), git: !arguments.flag("no-git"), keep: arguments.flag("keep"))
    MainActor.assumeIsolated {
        _ = Task { @MainActor in
            let status: Int32
            do {
                try await FrameBenchmark(options: options).run()
                status = 0
            } catch {
                writeStandardError("seam-bench frame: \(describe(error))\n")
                status = 1
            }
            exit(status)
        }
    }
    dispatchMain()
}

/// The frame benchmark's steps.
@MainActor
struct FrameBenchmark {
    struct Options {
        var files: Int
        var path: String?
        var git: Bool
        var keep: Bool
    }

    let options: Options
    let size = Size(width: 160, height: 48)

    func run() async throws {
        let root: String
        var cleanup: String?
        if let path = self.options.path {
            root = path
            writeStandardOutput("seam-bench frame: \(path)\n")
        } else {
            let generated = try self.generate()
            root = generated
            if !self.options.keep { cleanup = generated }
        }
        defer {
            if let cleanup { _ = try? Subprocess.run("/bin/rm", ["-rf", cleanup]) }
        }
        try await self.measure(root: root)
    }

    // MARK: - Repository

    /// `files` files in directories of 100, 50 directories per group, plus one 20,000-line file.
    private func generate() throws -> String {
        var template = Array("/tmp/seam-bench-frame-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { throw SystemError("cannot create a temporary directory") }
        let root = String(cString: created)
        let start = ContinuousClock.now
        var written = 0
        var group = 0
        while written < self.options.files {
            for directory in 0..<50 where written < self.options.files {
                let path = "\(root)/group\(group)/module\(directory)"
                try FileSystem.createDirectories(path)
                for file in 0..<100 where written < self.options.files {
                    try Self.write("\(path)/file\(file).js", "export const value\(file) = \(written)\n")
                    written += 1
                }
            }
            group += 1
        }
        var lines = ""
        for line in 1...20_000 { lines += "function f\(line)(x) { return x + \(line) } // line \(line)\n" }
        try Self.write("\(root)/group0/large.js", lines)
        var gitTime = ""
        if self.options.git {
            let gitStart = ContinuousClock.now
            let environment = Self.gitEnvironment
            for step in [["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "generated"]] {
                let result = try Subprocess.run("git", step, directory: root, environment: environment)
                guard result.succeeded else { throw SystemError("git \(step[0]) failed: \(result.errorOutput)", code: EIO) }
            }
            // One modified file so the tree has a marker to draw.
            try Self.write("\(root)/group0/module0/file0.js", "export const value0 = -1\n")
            gitTime = ", git init+add+commit \(Self.format(ContinuousClock.now - gitStart))"
        }
        let total = ContinuousClock.now - start
        writeStandardOutput(
            "seam-bench frame: generated \(Format.thousands(written + 1)) files in \(group * 50) directories at \(root) (\(Self.format(total))\(gitTime))\n")
        return root
    }

    private static var gitEnvironment: [String: String] {
        var environment = ProcessEnvironment.current
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_AUTHOR_NAME"] = "seam-bench"
        environment["GIT_AUTHOR_EMAIL"] = "bench@seam.invalid"
        environment["GIT_COMMITTER_NAME"] = "seam-bench"
        environment["GIT_COMMITTER_EMAIL"] = "bench@seam.invalid"
        return environment
    }

    private static func write(_ path: String, _ text: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SystemError("cannot create \(path)") }
        defer { close(descriptor) }
        var text = text
        let ok = text.withUTF8 { bytes in Glibc.write(descriptor, bytes.baseAddress, bytes.count) == bytes.count }
        guard ok else { throw SystemError("cannot write \(path)") }
    }

    // MARK: - Measurements

    private func measure(root: String) async throws {
        let keymap = try KeymapLoader(
            locator: ResourceLocator.standard(), knownActions: ActionRegistry.standard.ids, knownContexts: Set(KeyContext.standard)
        ).load("default")
        let theme = try ThemeLoader(locator: ResourceLocator.standard()).load("dark")

        // First frame: open the workspace, list the root, draw.
        let treeStart = ContinuousClock.now
        let workspace = try Workspace(root: root, options: .init(gitEnvironment: Self.gitEnvironment))
        var state = WorkbenchState(
            root: workspace.root, size: self.size, theme: theme, keymap: keymap, conversation: Conversation(id: "bench", created: 0))
        let backend = TestBackend(size: self.size)
        let configuration = EffectsConfiguration(
            root: workspace.root, engineAddress: nil, modelDirectory: nil, paths: Paths(), locator: ResourceLocator.standard(),
            environment: ProcessEnvironment.current, memoryByteCap: 32 * 1024)
        let effects = WorkbenchEffects(configuration: configuration, workspace: workspace, actionIDs: ActionRegistry.standard.ids)
        _ = WorkbenchUpdate.update(&state, .directoryLoaded(try workspace.listDirectory("")))
        let program = WorkbenchProgram.make(state: state, backend: backend) { command, send in
            // The engine and persistence are not part of this benchmark.
            switch command {
            case .connectEngine, .loadEngineState, .countContext, .saveConversation, .saveNotes, .loadNotes,
                .loadLatestConversation, .expireNotice:
                return
            default:
                effects.perform(command, send: send)
            }
        }
        program.renderNow()
        let firstFrame = ContinuousClock.now - treeStart
        writeStandardOutput("tree: first frame with the root listing           \(Self.format(firstFrame))\n")

        // Git status markers for the whole repository.
        if self.options.git || FileSystem.exists(root + "/.git") {
            let statusStart = ContinuousClock.now
            let status = await workspace.loadGitStatus()
            let statusRead = ContinuousClock.now - statusStart
            let applyStart = ContinuousClock.now
            program.send(.gitStatusLoaded(status))
            program.renderNow()
            let applied = ContinuousClock.now - applyStart
            writeStandardOutput(
                "tree: git status read off the loop                \(Self.format(statusRead)) (\(status.changeCount) changes); applied and drawn in \(Self.format(applied))\n")
        }

        // Expanding a directory: the key, the listing read off the loop, the frame.
        let expand = try await self.latency(program, keys: [.right], times: 1) { state in
            state.tree.tree.isLoaded(state.tree.selectedPath ?? "")
        }
        writeStandardOutput("tree: expand a directory (key to frame)           \(Self.format(expand.samples[0]))\n")

        // Tree navigation.
        _ = try await self.latency(program, keys: [.right], times: 1) { _ in true }
        let down = try await self.latency(program, keys: [.down], times: 400) { _ in true }
        self.report("tree: move down", down)

        // Fuzzy finder over every path: index first (timed), then type a query.
        let indexStart = ContinuousClock.now
        program.handle(.key(.control("p")))
        try await self.wait(program) { $0.fileIndex.isComplete }
        let indexTime = ContinuousClock.now - indexStart
        let indexed = program.state.fileIndex.count
        let rate = Double(indexed) / max(1e-9, Self.seconds(indexTime))
        writeStandardOutput(
            "finder: index \(Format.thousands(indexed)) paths off the loop          \(Self.format(indexTime)) (\(Format.thousands(Int(rate))) paths/s)\n")
        var echo = Samples()
        var typing = Samples()
        for character in "module7file42" {
            let query = Self.finderQuery(program.state) + String(character)
            // The frame that shows the typed character comes at once; the matches follow when the
            // off-loop match over every path finishes.
            let start = ContinuousClock.now
            program.handle(.key(.character(character)))
            let shown = program.renderNow()
            echo.samples.append(ContinuousClock.now - start)
            echo.cells.append(shown?.cellsDrawn ?? 0)
            try await self.wait(program) { state in
                guard case .finder(let finder)? = state.topOverlay else { return false }
                return finder.resultsQuery == query
            }
            let results = program.renderNow()
            typing.samples.append(ContinuousClock.now - start)
            typing.cells.append(results?.cellsDrawn ?? 0)
        }
        self.report("finder: type a character, frame showing it", echo)
        self.report("finder: type a character, frame with matches (\(Format.thousands(indexed)) paths)", typing)
        program.handle(.key(.escape))

        // Paging through a large file.
        if FileSystem.exists(root + "/group0/large.js") {
            program.handle(.key(.control("p")))
            for character in "group0/large.js" { program.handle(.key(.character(character))) }
            try await self.wait(program) { state in
                guard case .finder(let finder)? = state.topOverlay else { return false }
                return finder.resultsQuery == "group0/large.js" && finder.results.first?.path == "group0/large.js"
            }
            let open = try await self.latency(program, keys: [.enter], times: 1) { state in
                state.viewer.path == "group0/large.js" && !state.viewer.isLoading
            }
            writeStandardOutput(
                "viewer: open a 20,000-line file (read + highlight) \(Self.format(open.samples[0]))\n")
            program.send(.actionInvoked("focusMain"))
            let pages = try await self.latency(program, keys: [Key(.pageDown)], times: 200) { _ in true }
            self.report("viewer: page down", pages)
        }
    }

    /// Per-key latency samples and the cells each frame redrew.
    struct Samples {
        var samples: [Duration] = []
        var cells: [Int] = []
    }

    /// Presses `keys` `times` times; each sample runs from the key event to the rendered frame
    /// once `done` holds for the state (effects the key started run meanwhile).
    private func latency(
        _ program: WorkbenchProgram.Instance, keys: [Key], times: Int, done: (WorkbenchState) -> Bool
    ) async throws -> Samples {
        var samples = Samples()
        for _ in 0..<times {
            for key in keys {
                let start = ContinuousClock.now
                program.handle(.key(key))
                try await self.wait(program, done)
                let stats = program.renderNow()
                samples.samples.append(ContinuousClock.now - start)
                samples.cells.append(stats?.cellsDrawn ?? 0)
            }
        }
        return samples
    }

    private func wait(_ program: WorkbenchProgram.Instance, timeout: Duration = .seconds(300), _ done: (WorkbenchState) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !done(program.state) {
            guard ContinuousClock.now < deadline else { throw SystemError("timed out waiting for the workbench", code: ETIMEDOUT) }
            // Let the main queue deliver results of background effects.
            await Task.yield()
            try await Task.sleep(for: .microseconds(200))
        }
    }

    private func report(_ label: String, _ samples: Samples) {
        let sorted = samples.samples.sorted()
        guard !sorted.isEmpty else { return }
        let median = sorted[sorted.count / 2]
        let p95 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))]
        let maximum = sorted[sorted.count - 1]
        let budget = Duration.microseconds(16_667)
        let cells = samples.cells.isEmpty ? 0 : samples.cells.reduce(0, +) / samples.cells.count
        let padded = label.count < 48 ? label + String(repeating: " ", count: 48 - label.count) : label + " "
        writeStandardOutput(
            "\(padded)×\(sorted.count): median \(Self.format(median)), p95 \(Self.format(p95)), max \(Self.format(maximum)); "
                + "p95/frame budget \(Self.ratio(p95, budget)); cells redrawn \(Format.thousands(cells)) of \(Format.thousands(self.size.area)) per frame\n")
    }

    private static func finderQuery(_ state: WorkbenchState) -> String {
        if case .finder(let finder)? = state.topOverlay { return finder.query.text }
        return ""
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func ratio(_ value: Duration, _ reference: Duration) -> String {
        let ratio = self.seconds(value) / self.seconds(reference)
        return String(Int((ratio * 100).rounded())) + "%"
    }

    /// `850 µs`, `4.1 ms`, `1.93 s`.
    static func format(_ duration: Duration) -> String {
        let seconds = self.seconds(duration)
        if seconds < 1e-3 { return "\(Int((seconds * 1e6).rounded())) µs" }
        if seconds < 1 {
            let tenths = Int((seconds * 1e4).rounded())
            return "\(tenths / 10).\(tenths % 10) ms"
        }
        let hundredths = Int((seconds * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100) s"
    }
}
