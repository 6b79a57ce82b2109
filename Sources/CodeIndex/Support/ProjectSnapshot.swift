import Basics
import FoundationEssentials
import Workspace

/// The JavaScript/TypeScript sources of a project held in memory: paths relative to `root`
/// mapped to their text. Codemods read a snapshot and return edits; a snapshot with edits applied
/// is the preview of the next step.
package struct ProjectSnapshot: Sendable, Equatable {
    /// The project directory (absolute).
    package var root: String
    /// Relative path → file text.
    package var files: [String: String]
    /// Directories and files left out when loading, with the reason, for the plan.
    package var skipped: [String: String] = [:]

    /// Extensions of files loaded as sources.
    package static let sourceExtensions = [".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts"]
    /// Directory names never descended into.
    package static let skippedDirectories: [String: String] = [
        "node_modules": "installed dependencies", "dist": "build output", "build": "build output",
        "coverage": "test coverage output", "out": "build output",
    ]

    /// An in-memory snapshot.
    package init(root: String, files: [String: String]) {
        self.root = root
        self.files = files
    }

    /// Loads the sources under `root`: files with `sourceExtensions` plus every `package.json`,
    /// `tsconfig.json` and `.d.ts`, skipping what the workspace's ignore rules exclude
    /// (`.gitignore`, `.ignore`, `.seamignore`), dot-directories, `skippedDirectories`, minified
    /// files, symbolic links, and `extraSkipped` relative directories (an outDir).
    package static func load(root: String, extraSkipped: [String] = []) throws -> ProjectSnapshot {
        var snapshot = ProjectSnapshot(root: root, files: [:])
        let workspace = try Workspace(root: root)
        var pending = [""]
        while let directory = pending.popLast() {
            let listing = try workspace.listDirectory(directory)
            for entry in listing.entries {
                let path = entry.path
                let isSource = Self.sourceExtensions.contains { entry.name.hasSuffix($0) }
                if entry.isExpandable && !entry.isSymlink {
                    if entry.isHidden { continue }
                    if let reason = Self.skippedDirectories[entry.name] {
                        snapshot.skipped[path + "/"] = reason
                    } else if extraSkipped.contains(path) {
                        snapshot.skipped[path + "/"] = "compiler output directory"
                    } else if entry.isIgnored {
                        snapshot.skipped[path + "/"] = "ignored by the workspace's ignore rules"
                    } else {
                        pending.append(path)
                    }
                    continue
                }
                guard entry.kind == .file else { continue }
                guard isSource || entry.name == "package.json" || entry.name == "tsconfig.json" else { continue }
                if entry.isIgnored {
                    snapshot.skipped[path] = "ignored by the workspace's ignore rules"
                    continue
                }
                if entry.name.hasSuffix(".min.js") {
                    snapshot.skipped[path] = "minified"
                    continue
                }
                let data = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path))
                guard let text = String(data: data, encoding: .utf8) else {
                    snapshot.skipped[path] = "not valid UTF-8"
                    continue
                }
                snapshot.files[path] = text
            }
        }
        return snapshot
    }

    /// Absolute path of a relative one.
    package func absolute(_ relative: String) -> String {
        relative.isEmpty ? self.root : self.root + "/" + relative
    }

    /// The relative path of an absolute one under `root`, or nil outside it.
    package func relative(_ absolute: String) -> String? {
        if absolute == self.root { return "" }
        guard absolute.hasPrefix(self.root + "/") else { return nil }
        return String(absolute.dropFirst(self.root.count + 1))
    }

    /// Relative paths of the JavaScript and TypeScript sources (not `.d.ts`, not JSON), sorted.
    package var sourcePaths: [String] {
        self.files.keys.filter { path in
            Self.sourceExtensions.contains { path.hasSuffix($0) } && !path.hasSuffix(".d.ts")
        }.sorted()
    }

    /// Relative paths of sources still in JavaScript.
    package var javaScriptPaths: [String] {
        self.sourcePaths.filter { Self.isJavaScript($0) }
    }

    /// True for `.js`, `.jsx`, `.mjs`, `.cjs`.
    package static func isJavaScript(_ path: String) -> Bool {
        path.hasSuffix(".js") || path.hasSuffix(".jsx") || path.hasSuffix(".mjs") || path.hasSuffix(".cjs")
    }

    /// Writes every file under `directory` (for running the compiler on a preview).
    package func write(to directory: String) throws {
        for (path, text) in self.files {
            let full = directory + "/" + path
            try FileSystem.createDirectories(FileSystem.parent(of: full))
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
    }
}
