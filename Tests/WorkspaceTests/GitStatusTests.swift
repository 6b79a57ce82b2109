import TestSupport
import Testing
import Workspace

@Suite("Git status", .dedicatedThreads)
struct GitStatusTests {
    @Test("reports modified, added, deleted, renamed, untracked and conflicted paths from real git")
    func markers() throws {
        let sandbox = try GitSandbox("gst")
        try sandbox.write("keep.txt", "keep\n")
        try sandbox.write("mod.txt", "old\n")
        try sandbox.write("del.txt", "bye\n")
        try sandbox.write("ren.txt", "rename me please, I am long enough\n")
        try sandbox.write("lib/deep/x.js", "x\n")
        try sandbox.write("conflict.txt", "base\n")
        try sandbox.commitAll("base")
        try sandbox.git("checkout", "-q", "-b", "other")
        try sandbox.write("conflict.txt", "other\n")
        try sandbox.commitAll("other")
        try sandbox.git("checkout", "-q", "main")
        try sandbox.write("conflict.txt", "main\n")
        try sandbox.commitAll("main")
        _ = try sandbox.git(["merge", "-q", "other"], allowFailure: true)
        try sandbox.write("mod.txt", "new\n")
        try sandbox.write("added.txt", "new\n")
        try sandbox.git("add", "added.txt")
        try sandbox.git("rm", "-q", "del.txt")
        try sandbox.git("mv", "ren.txt", "renamed.txt")
        try sandbox.write("lib/deep/x.js", "y\n")
        try sandbox.write("fresh/one.txt", "1\n")
        try sandbox.write("fresh/two/three.txt", "3\n")
        try sandbox.write("loose.txt", "?\n")

        let status = try sandbox.workspace().gitStatus()
        #expect(status.isRepository)
        #expect(status.problem == nil)
        #expect(status.branch?.head == "main")
        #expect(status.marker(for: "keep.txt", isDirectory: false) == nil)
        #expect(status.marker(for: "mod.txt", isDirectory: false) == .modified)
        #expect(status.marker(for: "added.txt", isDirectory: false) == .added)
        #expect(status.marker(for: "del.txt", isDirectory: false) == .deleted)
        #expect(status.marker(for: "renamed.txt", isDirectory: false) == .renamed)
        #expect(status.files["renamed.txt"]?.originalPath == "ren.txt")
        #expect(status.marker(for: "conflict.txt", isDirectory: false) == .conflicted)
        #expect(status.marker(for: "loose.txt", isDirectory: false) == .untracked)
        #expect(status.marker(for: "fresh", isDirectory: true) == .untracked)
        #expect(status.marker(for: "fresh/two/three.txt", isDirectory: false) == .untracked)
        #expect(status.marker(for: "lib", isDirectory: true) == .modified)
        #expect(status.marker(for: "lib/deep", isDirectory: true) == .modified)
        #expect(status.marker(for: "", isDirectory: true) == .conflicted)
        #expect(status.deletedNames(in: "") == ["del.txt"])

        let all = GitStatusReader.read(try sandbox.workspace(), untracked: .all)
        #expect(all.files["fresh/two/three.txt"]?.marker == .untracked)
        #expect(all.untrackedDirectories.isEmpty)
    }

    @Test("a workspace inside a repository sees only its own paths, relative to itself")
    func subdirectory() throws {
        let sandbox = try GitSandbox("gsu")
        try sandbox.write("app/src/a.js", "1\n")
        try sandbox.write("other/b.js", "1\n")
        try sandbox.commitAll()
        try sandbox.write("app/src/a.js", "2\n")
        try sandbox.write("other/b.js", "2\n")
        try sandbox.write("app/new.js", "n\n")
        let status = try sandbox.workspace("app").gitStatus()
        #expect(Set(status.files.keys) == ["src/a.js", "new.js"])
        #expect(status.marker(for: "src", isDirectory: true) == .modified)
    }

    @Test("outside a repository there are no markers and no error")
    func outsideGit() throws {
        let sandbox = try GitSandbox("gso", initialise: false)
        try sandbox.write("a.txt", "")
        let status = try sandbox.workspace().gitStatus()
        #expect(!status.isRepository)
        #expect(status.problem == nil)
        #expect(status.marker(for: "a.txt", isDirectory: false) == nil)
    }

    @Test("a missing git executable gives no markers and says why")
    func missingGit() throws {
        let sandbox = try GitSandbox("gsm")
        try sandbox.write("a.txt", "")
        let workspace = try Workspace(root: sandbox.root, options: .init(globalExcludes: .none, gitExecutable: "/nonexistent/git"))
        let status = workspace.gitStatus()
        #expect(!status.isRepository)
        #expect(status.problem?.contains("git status did not run") == true)
        #expect(status.marker(for: "a.txt", isDirectory: false) == nil)
    }

    @Test("porcelain records with spaces in paths parse")
    func parsing() {
        let output = Array("# branch.oid (initial)\0# branch.head main\01 .M N... 100644 100644 100644 0 0 dir/with space.txt\0? new dir/\0".utf8)
        let status = GitStatusReader.parse(output, prefix: "")
        #expect(status.branch?.commit == nil)
        #expect(status.files["dir/with space.txt"]?.marker == .modified)
        #expect(status.untrackedDirectories == ["new dir"])
        let nested = GitStatusReader.parse(Array("? app/\0".utf8), prefix: "app")
        #expect(nested.marker(for: "anything/below", isDirectory: false) == .untracked)
    }
}
