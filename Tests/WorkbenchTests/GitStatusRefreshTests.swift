import Basics
import Dispatch
import TerminalKit
import TestSupport
import Testing
import Workspace

@testable import Changes
@testable import Workbench

/// Waits without a timer on Swift's cooperative pool: the pause is a Dispatch timer.
private func pause(_ milliseconds: Int) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds)) { continuation.resume() }
    }
}

/// Checks `condition` every 20 ms until it holds or `seconds` pass; true when it held.
@MainActor
private func eventually(seconds: Double, _ condition: @MainActor () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if condition() { return true }
        await pause(20)
    }
    return condition()
}

/// A `git status` stand-in whose runs wait until the test lets each one finish.
private final class GatedStatus: Sendable {
    private let waiting = LockedBox<[CheckedContinuation<GitStatusSnapshot, Never>]>([])
    private let active = LockedBox(0)
    private let maximum = LockedBox(0)

    /// The most runs that were in progress at once.
    var maximumActive: Int { self.maximum.value }
    /// Runs waiting to be let through.
    var waitingCount: Int { self.waiting.value.count }

    func load() async -> GitStatusSnapshot {
        self.active.withLock { active in
            active += 1
            let now = active
            self.maximum.withLock { $0 = max($0, now) }
        }
        let snapshot = await withCheckedContinuation { continuation in
            self.waiting.withLock { $0.append(continuation) }
        }
        self.active.withLock { $0 -= 1 }
        return snapshot
    }

    /// Lets the oldest waiting run finish with `snapshot`.
    func finish(with snapshot: GitStatusSnapshot) {
        let continuation = self.waiting.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        continuation?.resume(returning: snapshot)
    }
}

@Suite("Git status markers refresh by themselves: after writes, on changes on disk, periodically")
@MainActor
struct GitStatusRefreshTests {
    static let size = Size(width: 120, height: 36)

    static func entry(_ path: String, _ kind: DirectoryEntry.Kind) -> DirectoryEntry {
        DirectoryEntry(name: RelativePath.name(path), path: path, kind: kind, isHidden: false, isIgnored: false)
    }

    static func snapshot(_ files: [(String, GitMarker)]) -> GitStatusSnapshot {
        GitStatusSnapshot(
            isRepository: true,
            files: files.map { GitFileStatus(path: $0.0, staged: ".", unstaged: "M", marker: $0.1) })
    }

    @Test("requests during a run coalesce into one more run; runs never overlap; explicit ones always deliver")
    func coalescing() async throws {
        let status = GatedStatus()
        var delivered: [GitStatusSnapshot] = []
        let refresher = GitStatusRefresher(load: { await status.load() }, deliver: { delivered.append($0) })
        refresher.request(.explicit)
        for _ in 0..<10 {
            refresher.request(.background)
            refresher.request(.explicit)
        }
        #expect(refresher.runCount == 1)
        #expect(await eventually(seconds: 30) { status.waitingCount == 1 })
        let first = Self.snapshot([("a.js", .modified)])
        status.finish(with: first)
        // The requests made during the first run: exactly one more run.
        #expect(await eventually(seconds: 30) { status.waitingCount == 1 && refresher.runCount == 2 })
        status.finish(with: first)
        #expect(await eventually(seconds: 30) { delivered.count == 2 })
        await pause(100)
        #expect(refresher.runCount == 2)
        #expect(status.maximumActive == 1, "never two git status at once")
        #expect(delivered == [first, first], "explicit requests deliver even an unchanged snapshot")

        // The periodic check: not right after a run; later, it delivers only a change. (Ticks
        // are given a time an hour on, so how long the gated runs took does not matter.)
        refresher.periodicTick(interval: .seconds(60))
        await pause(50)
        #expect(refresher.runCount == 2, "a run just ended: the tick waits")
        let later = ContinuousClock.now + .seconds(3600)
        refresher.periodicTick(interval: .seconds(60), now: later)
        #expect(await eventually(seconds: 30) { status.waitingCount == 1 })
        status.finish(with: first)
        #expect(await eventually(seconds: 30) { refresher.runCount == 3 && status.waitingCount == 0 })
        await pause(100)
        #expect(delivered.count == 2, "an unchanged background snapshot is not delivered")
        refresher.periodicTick(interval: .seconds(60), now: later + .seconds(3600))
        #expect(await eventually(seconds: 30) { status.waitingCount == 1 })
        // A tick during a run does nothing.
        refresher.periodicTick(interval: .seconds(60), now: later + .seconds(7200))
        #expect(refresher.runCount == 4)
        let second = Self.snapshot([("a.js", .modified), ("b.js", .untracked)])
        status.finish(with: second)
        #expect(await eventually(seconds: 30) { delivered.count == 3 })
        #expect(delivered.last == second)
    }

    @Test("the workbench starts watching, and a change on disk relists loaded directories, refreshes git and the open file")
    func workspaceChanged() throws {
        var state = try WorkbenchFixture.state(size: Self.size)
        var fresh = state
        let start = WorkbenchUpdate.start(&fresh)
        #expect(start.contains(.watchWorkspace) && start.contains(.loadGitStatus))

        WorkbenchFixture.feed(
            &state,
            .directoryLoaded(DirectoryListing(path: "", entries: [Self.entry("src", .directory), Self.entry("a.js", .file)], isIgnored: false)),
            .directoryLoaded(DirectoryListing(path: "src", entries: [Self.entry("src/b.js", .file)], isIgnored: false)))
        _ = WorkbenchUpdate.openFile("src/b.js", line: nil, &state)
        WorkbenchFixture.feed(&state, .fileLoaded(path: "src/b.js", content: FileContent(lines: ["one"])))
        let commands = WorkbenchFixture.feed(
            &state,
            .workspaceChanged(WorkspaceChanges(directories: ["src", "not-loaded"], paths: ["src/b.js", "src/new.js"])))
        #expect(commands.contains(.loadDirectory("src")))
        #expect(!commands.contains(.loadDirectory("not-loaded")), "only directories the tree has listed")
        #expect(commands.contains(.loadGitStatus))
        #expect(commands.contains(.loadFile("src/b.js")), "the open file changed: it is read again")
        let unrelated = WorkbenchFixture.feed(&state, .workspaceChanged(WorkspaceChanges(paths: ["a.js"])))
        #expect(unrelated == [.loadGitStatus])
    }

    @Test("a change to a file under review looks again for stale files")
    func reviewStale() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Self.size)
        let commands = WorkbenchFixture.feed(&state, .workspaceChanged(WorkspaceChanges(paths: ["notes.txt"])))
        #expect(commands.contains { if case .review(.checkStale) = $0 { true } else { false } })
        #expect(commands.contains(.loadGitStatus))
    }

    @Test("apply, undo and redo in the review and a migration step each refresh the markers")
    func afterWrites() throws {
        let fixture = try ReviewFixture()
        var state = try fixture.state(size: Self.size)
        try WorkbenchFixture.press(&state, "a")
        try ReviewFixture.pressApply(&state)
        #expect(WorkbenchFixture.feed(&state, .review(.applied(checkpoint: 1))).contains(.loadGitStatus))
        let summary = CheckpointSummary(id: 1, title: "review: change.patch", date: 0, paths: ["src/cart.js"], isUndone: false)
        #expect(WorkbenchFixture.feed(&state, .review(.checkpointUndone(summary))).contains(.loadGitStatus))
        #expect(WorkbenchFixture.feed(&state, .review(.checkpointRedone(summary))).contains(.loadGitStatus))

        // A walkthrough step is applied through a review of its changeset.
        var migration = try WorkbenchFixture.state(root: fixture.directory.path, size: Self.size)
        _ = MigrationUpdate.open(focus: true, &migration)
        _ = ReviewUpdate.open(try fixture.review(), origin: .migrationStep("tsconfig"), focus: true, &migration)
        var session = try #require(migration.review.session)
        session.review.decideAll(.accepted)
        session.phase = .applying
        migration.review.session = session
        #expect(WorkbenchFixture.feed(&migration, .review(.applied(checkpoint: 2))).contains(.loadGitStatus))
    }

    @Test("in the running loop, markers follow files written from outside and a git add, without F5", .dedicatedThreads)
    func endToEndInTheLoop() async throws {
        let repository = try ScratchGitRepository("refresh")
        try repository.write("README.md", "# readme\n")
        try repository.write("src/app.js", "console.log(1)\n")
        try repository.commitAll("initial")
        let data = try TemporaryDirectory("refresh-data")
        let environment = ["XDG_DATA_HOME": data.appending("data"), "XDG_STATE_HOME": data.appending("state"), "HOME": data.path]
        let workspace = try Workspace(root: repository.path)
        var configuration = EffectsConfiguration(
            root: workspace.root, engineAddress: nil, modelDirectory: nil, paths: Paths(environment: environment),
            locator: WorkbenchFixture.locator, environment: environment, memoryByteCap: 4096)
        configuration.gitRefreshInterval = .milliseconds(300)
        // However slow git is while the whole suite runs, the periodic refresh keeps coming.
        configuration.gitRefreshBackoff = 1
        let effects = WorkbenchEffects(configuration: configuration, workspace: workspace, actionIDs: ActionRegistry.standard.ids)
        var state = try WorkbenchFixture.state(root: workspace.root, size: Self.size)
        // src is open in the tree, so its files have rows to carry markers.
        _ = state.tree.tree.expand("src")
        let program = WorkbenchProgram.make(state: state, backend: TestBackend(size: Self.size)) { command, send in
            switch command {
            case .watchWorkspace, .loadDirectory, .loadGitStatus, .loadFile: effects.perform(command, send: send)
            default: return
            }
        }
        program.start([.watchWorkspace, .loadDirectory(""), .loadDirectory("src"), .loadGitStatus])
        func marker(_ path: String) -> GitMarker? {
            program.state.tree.tree.rows.first { $0.path == path }?.gitMarker
        }
        #expect(await eventually(seconds: 60) { program.state.tree.tree.isLoaded("src") && program.state.tree.branch == "main" })
        #expect(await eventually(seconds: 60) { program.state.tree.tree.index(of: "src/app.js") != nil })
        #expect(marker("src/app.js") == nil, "committed and unchanged")

        // Written from outside: the tree shows the new file and both markers.
        try repository.write("src/app.js", "console.log(2)\n")
        try repository.write("src/new.js", "export {}\n")
        #expect(await eventually(seconds: 60) { marker("src/app.js") == .modified && marker("src/new.js") == .untracked })

        // Staged from outside (only .git changes, which is not watched): the periodic refresh
        // notices.
        try repository.git("add", "src/new.js")
        #expect(await eventually(seconds: 60) { marker("src/new.js") == .added })
        // A file removed from outside: the tree relists and the marker shows the deletion.
        try repository.git("commit", "-q", "-m", "add new")
        try repository.git("rm", "-q", "README.md")
        #expect(await eventually(seconds: 60) { marker("README.md") == .deleted })
    }
}
