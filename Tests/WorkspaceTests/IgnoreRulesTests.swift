import Basics
import TestSupport
import Testing
import Workspace

@Suite("Ignore rules", .dedicatedThreads)
struct IgnoreRulesTests {
    // MARK: - Against real git

    /// Asks `git check-ignore` which of `paths` are ignored.
    private func gitIgnored(_ sandbox: GitSandbox, _ paths: [String], in subdirectory: String = "") throws -> Set<String> {
        var input: [UInt8] = []
        for path in paths { input += Array(path.utf8) + [0] }
        let result = try sandbox.git(["check-ignore", "--no-index", "--stdin", "-z"], in: subdirectory, input: input, allowFailure: true)
        guard result.status == 0 || result.status == 1 else {
            throw SandboxError("git check-ignore failed: \(result.errorOutput)")
        }
        return Set(result.standardOutput.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
    }

    /// Every file and directory below `root` (relative), except `.git`.
    private func allPaths(_ workspace: Workspace) throws -> [(path: String, isDirectory: Bool)] {
        var result: [(String, Bool)] = []
        var pending = [""]
        while let directory = pending.popLast() {
            for entry in try workspace.listDirectory(directory).entries {
                result.append((entry.path, entry.kind == .directory))
                if entry.kind == .directory { pending.append(entry.path) }
            }
        }
        return result
    }

    private static let names = [
        "a", "b", "ab", "abc", "foo", "Foo", "x1", "x10", "build", "node_modules", "dist", ".hidden", "#hash",
        "!bang", "sp ", "a b", "q[1]", "deep", "log",
    ]
    private static let extensions = ["", ".js", ".ts", ".md", ".log", ".min.js", ".txt"]

    /// One random gitignore line covering the syntax: globs, anchors, negation, directory-only,
    /// `**`, sets, classes, escapes, trailing spaces, comments, blank lines and CR endings.
    private static func randomPattern(_ random: inout SplitMix64) -> String {
        let name = names.randomElement(using: &random) ?? "a"
        let other = names.randomElement(using: &random) ?? "b"
        let ext = extensions.filter { !$0.isEmpty }.randomElement(using: &random) ?? ".js"
        let templates = [
            name, "*\(ext)", "\(name)/", "/\(name)", "\(name)/**", "**/\(name)", "\(name)/**/\(other)",
            "\(name)/*/\(other)", "!\(name)", "!*\(ext)", "![a-f]*", "*b*", "[ab]*", "[!a]?", "x[0-9]",
            "[[:digit:]]*", "?b", "\\#hash", "\\!bang", "sp\\ ", "\(name)   ", "# comment", "", "q\\[1]",
            "a\\ b", "*.log\r", "deep/*", "!deep/keep*", "**/build/**", "*/", "/\(name)/\(other)", "\(name)/\(other)/",
        ]
        return templates.randomElement(using: &random) ?? name
    }

    private func randomTree(_ sandbox: GitSandbox, seed: UInt64) throws -> [String] {
        var random = SplitMix64(seed: seed)
        var directories = [""]
        var ignoreFiles: [String] = []
        for _ in 0..<Int.random(in: 6...14, using: &random) {
            let parent = directories.randomElement(using: &random)!
            if RelativePath.depth(parent) >= 3 { continue }
            let name = Self.names.randomElement(using: &random)!
            let path = RelativePath.join(parent, name)
            if directories.contains(path) { continue }
            try sandbox.makeDirectory(path)
            directories.append(path)
        }
        for directory in directories {
            for _ in 0..<Int.random(in: 1...5, using: &random) {
                let name = Self.names.randomElement(using: &random)! + Self.extensions.randomElement(using: &random)!
                let path = RelativePath.join(directory, name)
                if directories.contains(path) { continue }
                try sandbox.write(path, "x\n")
            }
        }
        for directory in directories where directory.isEmpty || Bool.random(using: &random) {
            var lines: [String] = []
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                lines.append(Self.randomPattern(&random))
            }
            let path = RelativePath.join(directory, ".gitignore")
            try sandbox.write(path, lines.joined(separator: "\n") + "\n")
            ignoreFiles.append(path + ":\n" + lines.joined(separator: "\n"))
        }
        if Bool.random(using: &random) {
            var lines: [String] = []
            for _ in 0..<3 { lines.append(Self.randomPattern(&random)) }
            try sandbox.write(".git/info/exclude", lines.joined(separator: "\n") + "\n")
            ignoreFiles.append("info/exclude:\n" + lines.joined(separator: "\n"))
        }
        return ignoreFiles
    }

    @Test("agrees with git check-ignore on generated trees", arguments: 0..<24)
    func agreesWithGit(seed: Int) throws {
        let sandbox = try GitSandbox("ign")
        let rules = try self.randomTree(sandbox, seed: UInt64(seed) * 7919 + 17)
        let workspace = try sandbox.workspace()
        let paths = try self.allPaths(workspace)
        let expected = try self.gitIgnored(sandbox, paths.map(\.path))
        for (path, isDirectory) in paths {
            let ours = workspace.ignoreRules.isIgnored(path, isDirectory: isDirectory)
            #expect(
                ours == expected.contains(path),
                "seed \(seed): \(path) (\(isDirectory ? "dir" : "file")) git says \(expected.contains(path)), rules:\n\(rules.joined(separator: "\n---\n"))"
            )
        }
    }

    @Test("agrees with git when the workspace is a subdirectory of the repository", arguments: 0..<6)
    func agreesWithGitInSubdirectory(seed: Int) throws {
        let sandbox = try GitSandbox("ign")
        _ = try self.randomTree(sandbox, seed: UInt64(seed) * 104_729 + 3)
        let top = try sandbox.workspace()
        guard let subdirectory = try top.listDirectory("").entries.first(where: { $0.kind == .directory && !$0.isIgnored })
        else { return }
        let workspace = try sandbox.workspace(subdirectory.path)
        #expect(workspace.repositoryPrefix == subdirectory.path)
        let paths = try self.allPaths(workspace)
        let expected = try self.gitIgnored(sandbox, paths.map(\.path), in: subdirectory.path)
        for (path, isDirectory) in paths {
            #expect(workspace.ignoreRules.isIgnored(path, isDirectory: isDirectory) == expected.contains(path), "\(path)")
        }
    }

    // MARK: - Semantics git does not cover

    @Test(".seamignore beats .ignore beats .gitignore")
    func priorityOfExtraFiles() throws {
        let sandbox = try GitSandbox("ign")
        try sandbox.write(".gitignore", "*.log\nkeep.txt\n")
        try sandbox.write(".ignore", "!keep.log\nsecret.txt\n")
        try sandbox.write(".seamignore", "!secret.txt\nkeep.log\n")
        for name in ["a.log", "keep.log", "keep.txt", "secret.txt", "plain.txt"] { try sandbox.write(name, "") }
        let rules = try sandbox.workspace().ignoreRules
        #expect(rules.isIgnored("a.log", isDirectory: false))
        #expect(rules.isIgnored("keep.log", isDirectory: false), ".seamignore re-ignores what .ignore re-included")
        #expect(rules.isIgnored("keep.txt", isDirectory: false))
        #expect(!rules.isIgnored("secret.txt", isDirectory: false), ".seamignore re-includes what .ignore ignored")
        #expect(!rules.isIgnored("plain.txt", isDirectory: false))
        #expect(rules.match("keep.log", isDirectory: false)?.source == .seamignore)
    }

    @Test("a deeper .ignore overrides a shallower .seamignore only within its own kind")
    func depthWithinKind() throws {
        let sandbox = try GitSandbox("ign")
        try sandbox.write(".ignore", "*.gen\n")
        try sandbox.write("sub/.ignore", "!*.gen\n")
        try sandbox.write("sub/x.gen", "")
        try sandbox.write("y.gen", "")
        let rules = try sandbox.workspace().ignoreRules
        #expect(rules.isIgnored("y.gen", isDirectory: false))
        #expect(!rules.isIgnored("sub/x.gen", isDirectory: false))
    }

    @Test("nothing inside an ignored directory can be re-included")
    func ignoredDirectoryWins() throws {
        let sandbox = try GitSandbox("ign")
        try sandbox.write(".gitignore", "build/\n!build/keep.txt\n")
        try sandbox.write("build/keep.txt", "")
        let workspace = try sandbox.workspace()
        #expect(workspace.ignoreRules.isIgnored("build/keep.txt", isDirectory: false))
        #expect(workspace.ignoreRules.match("build/keep.txt", isDirectory: false)?.ignoredAncestor == "build")
        let listing = try workspace.listDirectory("build")
        #expect(listing.isIgnored)
        #expect(listing.entries.allSatisfy { $0.isIgnored })
    }

    @Test("ignore rules apply outside a git repository too")
    func outsideGit() throws {
        let sandbox = try GitSandbox("ign", initialise: false)
        try sandbox.write(".gitignore", "*.tmp\n")
        try sandbox.write(".seamignore", "vendor/\n")
        try sandbox.write("a.tmp", "")
        try sandbox.write("vendor/lib.js", "")
        let workspace = try sandbox.workspace()
        #expect(workspace.repository == nil)
        #expect(workspace.ignoreRules.isIgnored("a.tmp", isDirectory: false))
        #expect(workspace.ignoreRules.isIgnored("vendor/lib.js", isDirectory: false))
    }

    @Test("edited ignore files take effect after invalidate")
    func invalidation() throws {
        let sandbox = try GitSandbox("ign")
        try sandbox.write("a.txt", "")
        let workspace = try sandbox.workspace()
        #expect(!workspace.ignoreRules.isIgnored("a.txt", isDirectory: false))
        try sandbox.write(".gitignore", "a.txt\n")
        workspace.ignoreRules.invalidate()
        #expect(workspace.ignoreRules.isIgnored("a.txt", isDirectory: false))
    }

    @Test("info/exclude is found through a linked worktree's .git file")
    func worktreeExclude() throws {
        let sandbox = try GitSandbox("ign")
        try sandbox.write("README", "x\n")
        try sandbox.commitAll()
        try sandbox.git("worktree", "add", "-q", "linked")
        try sandbox.write(".git/info/exclude", "*.secret\n")
        try sandbox.write("linked/a.secret", "")
        let workspace = try sandbox.workspace("linked")
        #expect(workspace.repository?.topLevel.hasSuffix("/linked") == true)
        #expect(workspace.ignoreRules.isIgnored("a.secret", isDirectory: false))
    }
}
