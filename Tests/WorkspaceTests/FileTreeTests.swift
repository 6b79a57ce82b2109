import TestSupport
import Testing
import Workspace

@Suite("File tree", .dedicatedThreads)
struct FileTreeTests {
    private func entry(_ path: String, directory: Bool = false, ignored: Bool = false) -> DirectoryEntry {
        let name = RelativePath.name(path)
        return DirectoryEntry(name: name, path: path, kind: directory ? .directory : .file, isHidden: name.hasPrefix("."), isIgnored: ignored)
    }

    private func listing(_ path: String, _ entries: [DirectoryEntry]) -> DirectoryListing {
        DirectoryListing(path: path, entries: entries.sorted(by: DirectoryEntry.sortsBefore), isIgnored: false)
    }

    @Test("only the root is loaded until a directory is expanded")
    func lazyExpansion() {
        var tree = FileTree()
        #expect(tree.pendingLoads == [""])
        tree.apply(self.listing("", [self.entry("src", directory: true), self.entry("README.md")]))
        #expect(tree.rows.map(\.path) == ["src", "README.md"])
        #expect(tree.pendingLoads.isEmpty)
        let needsLoad = tree.expand("src")
        #expect(needsLoad)
        #expect(tree.rows[0].isLoading)
        #expect(tree.pendingLoads == ["src"])
        tree.apply(self.listing("src", [self.entry("src/b.js"), self.entry("src/lib", directory: true)]))
        #expect(tree.rows.map(\.path) == ["src", "src/lib", "src/b.js", "README.md"])
        #expect(tree.rows.map(\.depth) == [0, 1, 1, 0])
        #expect(!tree.rows[0].isLoading)
        tree.collapse("src")
        #expect(tree.rows.map(\.path) == ["src", "README.md"])
        let needsReload = tree.expand("src")
        #expect(!needsReload, "a listing already read is reused")
        #expect(tree.rows.count == 4)
        #expect(tree.parentIndex(of: 2) == 0)
    }

    @Test("filters hide ignored and hidden entries without reloading")
    func filters() {
        var tree = FileTree()
        tree.apply(self.listing("", [self.entry(".env"), self.entry("a.log", ignored: true), self.entry("main.c"), self.entry("out", directory: true, ignored: true)]))
        #expect(tree.rows.map(\.name) == ["main.c"])
        tree.filter.showHidden = true
        #expect(tree.rows.map(\.name) == [".env", "main.c"])
        tree.filter.showIgnored = true
        #expect(tree.rows.map(\.name) == ["out", ".env", "a.log", "main.c"])
        tree.expand("out")
        tree.apply(self.listing("out", [self.entry("out/x.o")]))
        #expect(tree.rows.first { $0.path == "out/x.o" }?.isIgnored == true, "children of ignored directories are ignored")
    }

    @Test("git markers land on files, aggregate on directories, and deleted files appear")
    func gitMarkers() {
        var tree = FileTree()
        tree.apply(self.listing("", [self.entry("src", directory: true), self.entry("new", directory: true), self.entry("a.txt")]))
        tree.expand("src")
        tree.apply(self.listing("src", [self.entry("src/m.js"), self.entry("src/u.js")]))
        let status = GitStatusSnapshot(
            isRepository: true,
            files: [
                GitFileStatus(path: "src/m.js", staged: ".", unstaged: "M", marker: .modified),
                GitFileStatus(path: "src/gone.js", staged: ".", unstaged: "D", marker: .deleted),
                GitFileStatus(path: "src/u.js", staged: "U", unstaged: "U", marker: .conflicted),
            ],
            untrackedDirectories: ["new"]
        )
        tree.apply(status)
        let markers = Dictionary(uniqueKeysWithValues: tree.rows.map { ($0.path, $0.gitMarker) })
        #expect(markers["src"] == .conflicted)
        #expect(markers["src/m.js"] == .modified)
        #expect(markers["src/gone.js"] == .deleted)
        #expect(markers["new"] == .untracked)
        #expect(markers["a.txt"] == .some(nil))
        #expect(tree.rows.first { $0.path == "src/gone.js" }?.isDeleted == true)
        #expect(tree.rows.first { $0.path == "src/gone.js" }?.isOpenable == false)
    }

    @Test("a refreshed listing drops vanished subdirectories and a failure is shown on the row")
    func refreshAndFailure() {
        var tree = FileTree()
        tree.apply(self.listing("", [self.entry("a", directory: true), self.entry("b", directory: true)]))
        tree.expand("a")
        tree.apply(self.listing("a", [self.entry("a/x")]))
        tree.apply(self.listing("", [self.entry("b", directory: true)]))
        #expect(!tree.isLoaded("a"))
        #expect(tree.rows.map(\.path) == ["b"])
        tree.expand("b")
        tree.applyFailure(directory: "b", message: "permission denied")
        #expect(tree.rows[0].error == "permission denied")
        #expect(!tree.rows[0].isLoading)
        #expect(tree.pendingLoads.isEmpty)
    }

    @Test("reveal expands every ancestor and says what to load")
    func reveal() {
        var tree = FileTree()
        tree.apply(self.listing("", [self.entry("a", directory: true)]))
        let toLoad = tree.reveal("a/b/c.txt")
        #expect(toLoad == ["a", "a/b"])
        tree.apply(self.listing("a", [self.entry("a/b", directory: true)]))
        tree.apply(self.listing("a/b", [self.entry("a/b/c.txt")]))
        #expect(tree.index(of: "a/b/c.txt") == 2)
    }

    @Test("drives a real workspace: root, expansion, status")
    func realWorkspace() throws {
        let sandbox = try GitSandbox("ft")
        try sandbox.write("src/a.js", "1\n")
        try sandbox.write("src/deep/b.js", "1\n")
        try sandbox.write("README.md", "hi\n")
        try sandbox.commitAll()
        try sandbox.write("src/a.js", "2\n")
        let workspace = try sandbox.workspace()
        var tree = FileTree()
        for directory in tree.pendingLoads { tree.apply(try workspace.listDirectory(directory)) }
        tree.apply(workspace.gitStatus())
        #expect(tree.rows.map(\.name) == ["src", "README.md"])
        #expect(tree.rows[0].gitMarker == .modified)
        for directory in tree.reveal("src/deep/b.js") { tree.apply(try workspace.listDirectory(directory)) }
        #expect(tree.rows.map(\.path) == ["src", "src/deep", "src/deep/b.js", "src/a.js", "README.md"])
        #expect(tree.rows[3].gitMarker == .modified)
        #expect(tree.rows[2].gitMarker == nil)
    }
}
