import Basics
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import Workspace

/// The changes a watcher reported, collected from its queue.
private final class Reports: Sendable {
    private let box = LockedBox<[WorkspaceChanges]>([])

    func append(_ changes: WorkspaceChanges) { self.box.withLock { $0.append(changes) } }

    /// Everything reported so far, merged.
    var merged: WorkspaceChanges {
        self.box.withLock { reports in
            var all = WorkspaceChanges()
            for report in reports { all.formUnion(report) }
            return all
        }
    }

    var count: Int { self.box.value.count }
}

@Suite("Directory watcher", .dedicatedThreads)
struct DirectoryWatcherTests {
    /// A workspace with `src/app.js`, and a watcher in `mode` on the root and `src`.
    private static func watched(
        _ mode: DirectoryWatcher.Mode, latency: Duration = .milliseconds(30)
    ) throws -> (TemporaryDirectory, DirectoryWatcher, Reports) {
        let directory = try TemporaryDirectory("watch")
        try directory.write("src/app.js", "one\n")
        try directory.write("README.md", "# readme\n")
        let reports = Reports()
        let watcher = DirectoryWatcher(
            root: directory.path, mode: mode, latency: latency, pollInterval: .milliseconds(50)
        ) { reports.append($0) }
        watcher.watch("")
        watcher.watch("src")
        watcher.watch("src")  // Twice is once.
        watcher.watch("missing")  // Nothing to watch.
        return (directory, watcher, reports)
    }

    /// Edits, creates and deletes files and checks each shows up as the right kind of change.
    private static func checkChanges(_ mode: DirectoryWatcher.Mode) throws {
        let (directory, watcher, reports) = try Self.watched(mode)
        defer { watcher.stop() }
        #expect(watcher.watchedDirectories == ["", "src"])
        #expect(watcher.isPolling == (mode == .polling))
        // (A new size: polling compares type, size and modification time, and the clock may not
        // have ticked since the file was made.)
        try directory.write("src/app.js", "two two\n")
        #expect(Blocking.waitUntil(timeout: .seconds(30)) { reports.merged.paths.contains("src/app.js") })
        #expect(!reports.merged.directories.contains("src"), "an edit does not change the listing")

        try directory.write("src/new.js", "new\n")
        _ = unlink(directory.appending("README.md"))
        #expect(
            Blocking.waitUntil(timeout: .seconds(30)) {
                let merged = reports.merged
                return merged.paths.isSuperset(of: ["src/new.js", "README.md"])
                    && merged.directories.isSuperset(of: ["", "src"])
            })
        // Files outside the watched directories are not reported.
        try directory.write("other/x.js", "x\n")
        Blocking.sleep(for: .milliseconds(300))
        #expect(!reports.merged.paths.contains("other/x.js"))
        #expect(reports.merged.directories.contains(""), "the root's listing changed (other/ appeared)")

        // Nothing arrives after stop.
        watcher.stop()
        let count = reports.count
        try directory.write("src/late.js", "late\n")
        Blocking.sleep(for: .milliseconds(300))
        #expect(reports.count == count)
        #expect(watcher.watchedDirectories.isEmpty)
    }

    #if os(Linux)
    @Test("inotify: edits, new and deleted files are reported for the watched directories only")
    func inotify() throws {
        try Self.checkChanges(.automatic)
    }
    #endif

    @Test("polling (the fallback without inotify) reports the same changes")
    func polling() throws {
        try Self.checkChanges(.polling)
    }

    @Test("changes in quick succession come as one report")
    func coalesced() throws {
        let (directory, watcher, reports) = try Self.watched(.automatic, latency: .milliseconds(400))
        defer { watcher.stop() }
        for index in 0..<20 { try directory.write("src/file\(index).js", "\(index)\n") }
        #expect(Blocking.waitUntil(timeout: .seconds(30)) { reports.merged.paths.contains("src/file19.js") })
        Blocking.sleep(for: .milliseconds(500))
        #expect(reports.merged.paths.isSuperset(of: Set((0..<20).map { "src/file\($0).js" })))
        // Each report waits the latency for more: 20 writes come in a few reports, not 20.
        #expect(reports.count < 10, "20 writes, \(reports.count) reports")
    }
}
