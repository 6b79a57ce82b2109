import Basics
import TestSupport
import Testing
import Workspace

#if canImport(Glibc)
import Glibc
#endif

@Suite("File walker", .dedicatedThreads)
struct FileWalkerTests {
    @Test("visits every file that git would list, skipping ignored, hidden and .git")
    func matchesGitListing() throws {
        let sandbox = try GitSandbox("walk")
        try sandbox.write(".gitignore", "*.log\nbuild/\n")
        try sandbox.write("src/a.js", "")
        try sandbox.write("src/lib/b.ts", "")
        try sandbox.write("src/x.log", "")
        try sandbox.write("build/out.js", "")
        try sandbox.write("docs/README.md", "")
        try sandbox.write("docs/.draft.md", "")
        let workspace = try sandbox.workspace()
        let files = workspace.allFiles()
        #expect(files == ["docs/README.md", "src/lib/b.ts", "src/a.js"])
        let git = try sandbox.git("ls-files", "--others", "--exclude-standard", "-z")
        let gitFiles = Set(git.standardOutput.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
        #expect(Set(workspace.allFiles(options: WalkOptions(includeHidden: true))) == gitFiles)
        let everything = workspace.allFiles(options: WalkOptions(includeHidden: true, includeIgnored: true))
        #expect(everything.contains("build/out.js"))
        #expect(everything.contains("src/x.log"))
        #expect(!everything.contains { $0.hasPrefix(".git/") })
    }

    @Test("does not descend into symbolic links but reports links to files")
    func symlinks() throws {
        let sandbox = try GitSandbox("walks")
        try sandbox.write("real/f.txt", "")
        #expect(symlink("real", sandbox.root + "/loop") == 0)
        #expect(symlink("real/f.txt", sandbox.root + "/alias.txt") == 0)
        #expect(symlink("/etc/hostname", sandbox.root + "/outside.txt") == 0)
        let files = try sandbox.workspace().allFiles()
        #expect(files == ["real/f.txt", "alias.txt"])
    }

    @Test("delivers batches, honours the file cap and stops when cancelled")
    func batchesAndCancel() throws {
        let sandbox = try GitSandbox("walkb", initialise: false)
        for index in 0..<50 { try sandbox.write("d\(index % 5)/f\(index).txt", "") }
        let workspace = try sandbox.workspace()
        var batches: [[String]] = []
        let summary = workspace.walkFiles(options: WalkOptions(batchSize: 8)) { batches.append($0) }
        #expect(summary.files == 50)
        #expect(summary.isComplete)
        #expect(batches.allSatisfy { $0.count <= 8 })
        let capped = workspace.walkFiles(options: WalkOptions(maximumFiles: 12)) { _ in }
        #expect(capped.files == 12)
        #expect(!capped.isComplete)
        let flag = CancellationFlag()
        var seen = 0
        let stopped = workspace.walkFiles(options: WalkOptions(batchSize: 4), cancel: flag) { batch in
            seen += batch.count
            flag.cancel()
        }
        #expect(!stopped.isComplete)
        #expect(seen < 50)
    }
}
