import Basics
import TestSupport
import Testing
import Workspace

#if canImport(Glibc)
import Glibc
#endif

@Suite("Workspace", .dedicatedThreads)
struct WorkspaceTests {
    @Test("lists a directory sorted directories first in natural order, flags hidden and ignored")
    func listing() throws {
        let sandbox = try GitSandbox("wsl")
        try sandbox.write(".gitignore", "*.log\nout/\n")
        for name in ["b.txt", "a10.txt", "a2.txt", "B.md", ".env", "x.log"] { try sandbox.write(name, "") }
        for name in ["src", "out", "Docs", ".config"] { try sandbox.makeDirectory(name) }
        let listing = try sandbox.workspace().listDirectory("")
        #expect(listing.entries.map(\.name) == [".config", "Docs", "out", "src", ".env", ".gitignore", "a2.txt", "a10.txt", "B.md", "b.txt", "x.log"])
        let byName = Dictionary(uniqueKeysWithValues: listing.entries.map { ($0.name, $0) })
        #expect(byName[".env"]?.isHidden == true)
        #expect(byName["x.log"]?.isIgnored == true)
        #expect(byName["out"]?.isIgnored == true)
        #expect(byName["src"]?.isIgnored == false)
        #expect(byName[".git"] == nil, ".git is never listed")
    }

    @Test("symbolic links are classified and never followed out of the workspace")
    func symlinks() throws {
        let sandbox = try GitSandbox("wss")
        let outside = try GitSandbox("wso", initialise: false)
        try outside.write("secret.txt", "secret\n")
        try sandbox.write("real/file.txt", "inside\n")
        #expect(symlink("real", sandbox.root + "/dirlink") == 0)
        #expect(symlink("real/file.txt", sandbox.root + "/filelink") == 0)
        #expect(symlink(outside.root + "/secret.txt", sandbox.root + "/escape") == 0)
        #expect(symlink(outside.root, sandbox.root + "/escapedir") == 0)
        #expect(symlink("missing", sandbox.root + "/dangling") == 0)
        let workspace = try sandbox.workspace()
        let kinds = Dictionary(uniqueKeysWithValues: try workspace.listDirectory("").entries.map { ($0.name, $0.kind) })
        #expect(kinds["dirlink"] == .symlink(.directory))
        #expect(kinds["filelink"] == .symlink(.file))
        #expect(kinds["escape"] == .symlink(.outsideWorkspace))
        #expect(kinds["escapedir"] == .symlink(.outsideWorkspace))
        #expect(kinds["dangling"] == .symlink(.broken))
        #expect(try workspace.readFile("filelink").text == "inside\n")
        #expect(try workspace.listDirectory("dirlink").entries.map(\.name) == ["file.txt"])
        #expect(throws: WorkspaceError.self) { try workspace.readFile("escape") }
        #expect(throws: WorkspaceError.self) { try workspace.listDirectory("escapedir") }
        do {
            _ = try workspace.readFile("escape")
        } catch {
            #expect(error.code == .outsideWorkspace)
        }
    }

    @Test("paths that leave the workspace are refused")
    func escapingPaths() throws {
        let sandbox = try GitSandbox("wsp", initialise: false)
        try sandbox.write("a/b.txt", "x")
        let workspace = try sandbox.workspace()
        for path in ["../etc/passwd", "a/../../x", "/etc/passwd"] {
            do {
                _ = try workspace.readFile(path)
                Issue.record("\(path) was read")
            } catch {
                #expect(error.code == .outsideWorkspace, "\(path): \(error)")
            }
        }
        #expect(try workspace.readFile("./a//b.txt").path == "a/b.txt")
        #expect(try workspace.relativePath(forAbsolute: sandbox.root + "/a/b.txt") == "a/b.txt")
        #expect(throws: WorkspaceError.self) { try workspace.relativePath(forAbsolute: "/etc/passwd") }
    }

    @Test("opening a missing directory or a file fails with one clear error")
    func openErrors() throws {
        let sandbox = try GitSandbox("wse", initialise: false)
        try sandbox.write("file", "")
        #expect(throws: WorkspaceError.self) { try Workspace(root: sandbox.root + "/nope") }
        do {
            _ = try Workspace(root: sandbox.root + "/file")
            Issue.record("a file opened as a workspace")
        } catch {
            #expect(error.code == .notADirectory)
        }
    }

    @Test("a missing directory listing reports not found")
    func missingDirectory() throws {
        let sandbox = try GitSandbox("wsm", initialise: false)
        let workspace = try sandbox.workspace()
        do {
            _ = try workspace.listDirectory("gone")
            Issue.record("listed a missing directory")
        } catch {
            #expect(error.code == .notFound)
        }
    }

    @Test("the async wrappers deliver listings and documents")
    func asyncWrappers() async throws {
        let sandbox = try GitSandbox("wsa")
        try sandbox.write("src/main.swift", "print(1)\n")
        let workspace = try sandbox.workspace()
        let listing = try await workspace.loadDirectory("src")
        #expect(listing.entries.map(\.name) == ["main.swift"])
        let document = try await workspace.loadFile("src/main.swift")
        #expect(document.lines.map(\.text) == ["print(1)"])
        let status = await workspace.loadGitStatus()
        #expect(status.marker(for: "src/main.swift", isDirectory: false) == .untracked)
        let found = LockedBox<[SearchMatch]>([])
        let summary = await workspace.search(try ContentSearch(SearchQuery("print"))) { matches in
            found.withLock { $0 += matches }
        }
        #expect(summary.matchingLines == 1)
        #expect(found.value.map(\.path) == ["src/main.swift"])
        let batches = LockedBox<[String]>([])
        let walked = await workspace.walk { batch in batches.withLock { $0 += batch } }
        #expect(walked.files == 1)
        #expect(batches.value == ["src/main.swift"])
        let index = await workspace.loadFuzzyIndex()
        #expect(index.search("mn").matches.first?.path == "src/main.swift")
        try sandbox.write("AGENTS.md", "be brief\n")
        let memory = try await workspace.loadMemory(for: "src")
        #expect(memory.files.map(\.path) == ["AGENTS.md"])
    }
}
