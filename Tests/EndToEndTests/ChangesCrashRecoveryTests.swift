import Basics
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A large multi-file apply killed with SIGKILL at random points: the next run must find the
/// tree exactly in the old or the new state.
@Suite("crash recovery of seam apply", .dedicatedThreads)
struct ChangesCrashRecoveryTests {
    /// A repository with 40 files at its base commit, and a patch (from git) that modifies all of
    /// them, creates two, deletes one and renames one.
    private func prepare() throws -> (workspace: SeamWorkspace, patch: String, old: [String: [UInt8]]) {
        let workspace = try SeamWorkspace("crash")
        for file in 0..<40 {
            try workspace.write("src/file\(file).txt", (0..<120).map { "file \(file) line \($0)\n" }.joined())
        }
        try workspace.write("doomed.txt", "to be deleted\n")
        try workspace.write("before.txt", (0..<30).map { "renamed line \($0)\n" }.joined())
        try workspace.repository.commitAll("base")
        for file in 0..<40 {
            let lines = (0..<120).map { line -> String in
                line == 10 || line == 90 ? "file \(file) line \(line) CHANGED\n" : "file \(file) line \(line)\n"
            }
            try workspace.write("src/file\(file).txt", lines.joined())
        }
        try workspace.write("src/added1.txt", "new one\n")
        try workspace.write("src/added2.txt", "new two\n")
        try workspace.repository.git("rm", "-q", "doomed.txt")
        try workspace.repository.git("mv", "before.txt", "src/after.txt")
        try workspace.repository.git("add", "-A")
        let patch = workspace.data.appending("big.patch")
        try TestFiles.write(patch, bytes: try workspace.repository.gitBytes(["diff", "--cached", "-M"]))
        try workspace.repository.git("reset", "-q", "--hard")
        try workspace.repository.git("clean", "-q", "-fd")
        return (workspace, patch, try workspace.snapshot())
    }

    private func environment(_ workspace: SeamWorkspace, data: TemporaryDirectory) -> [String: String] {
        var environment = workspace.environment
        environment["XDG_DATA_HOME"] = data.path
        return environment
    }

    @Test("kill -9 at random points during a 44-file apply; the next run recovers to the old or new tree")
    func killedApplyRecovers() throws {
        let seam = try SeamWorkspace.executable()
        let (workspace, patch, old) = try self.prepare()

        // The new state, from an uninterrupted run.
        let referenceData = try TemporaryDirectory("crash-reference")
        let reference = try Subprocess.run(
            seam, ["apply", patch], directory: workspace.path,
            environment: self.environment(workspace, data: referenceData))
        try #require(reference.status == 0, "reference apply failed: \(reference.output)\(reference.errorOutput)")
        let new = try workspace.snapshot()
        #expect(new.count == old.count + 1)
        try workspace.restore(old)

        let pause = 10
        var generator = SystemRandomNumberGenerator()
        var outcomes: [String] = []
        var mixedBeforeRecovery = 0
        for trial in 0..<6 {
            let data = try TemporaryDirectory("crash-data")
            var environment = self.environment(workspace, data: data)
            environment["SEAM_TEST_APPLY_PAUSE_MS"] = String(pause)
            let log = data.appending("seam.log")
            let pid = try Subprocess.spawnDetached(
                "/bin/sh", ["-c", "cd '\(workspace.path)' && exec '\(seam)' apply '\(patch)'"], logPath: log,
                environment: environment)
            let delay: Int
            if trial % 2 == 0 {
                // Wait for the first file to change, then a little more: the kill lands while files are written.
                let first = workspace.path + "/src/file0.txt"
                let original = old["src/file0.txt"]
                _ = Blocking.waitUntil(timeout: .seconds(60), every: .microseconds(500)) {
                    (try? TestFiles.read(first)) != original
                }
                delay = Int.random(in: 0...(pause * 20), using: &generator)
            } else {
                delay = Int.random(in: 0...(pause * 160), using: &generator)
            }
            usleep(useconds_t(delay * 1000))
            kill(pid, SIGKILL)
            let status = Subprocess.wait(pid)
            let interrupted = try workspace.snapshot()
            let state = interrupted == old ? "old" : interrupted == new ? "new" : "mixed"
            if state == "mixed" { mixedBeforeRecovery += 1 }

            // The next run recovers before doing anything else.
            environment["SEAM_TEST_APPLY_PAUSE_MS"] = nil
            let next = try Subprocess.run(seam, ["log"], directory: workspace.path, environment: environment)
            #expect(next.status == 0, "trial \(trial): seam log failed: \(next.errorOutput)")
            let recovered = try workspace.snapshot()
            let description =
                "trial \(trial): killed after \(delay) ms (status \(status)), tree was \(state), recovery said: \(next.errorOutput)"
            if recovered == new {
                #expect(next.output.contains("seam apply"), "\(description)")
                let undo = try Subprocess.run(seam, ["undo"], directory: workspace.path, environment: environment)
                #expect(undo.status == 0, "\(description); undo: \(undo.errorOutput)")
                #expect(try workspace.snapshot() == old, "\(description); undo did not restore the old tree")
                outcomes.append("\(state)→new")
            } else {
                #expect(recovered == old, "\(description): the tree is neither the old nor the new state")
                #expect(next.output.contains("no checkpoints yet"), "\(description)")
                outcomes.append("\(state)→old")
            }
            try workspace.restore(old)
        }
        #expect(mixedBeforeRecovery >= 1, "no kill landed in the middle of writing files: \(outcomes)")
        print("crash recovery trials (state when killed → state after recovery): \(outcomes)")
    }
}
