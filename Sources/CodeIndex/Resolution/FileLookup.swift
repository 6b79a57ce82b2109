import FoundationEssentials

/// What module resolution needs to know about files: existence and text.
package protocol FileLookup: Sendable {
    /// True when `path` (absolute) is a regular file.
    func isFile(_ path: String) -> Bool
    /// True when `path` (absolute) is a directory.
    func isDirectory(_ path: String) -> Bool
    /// The text of the file at `path`, or nil.
    func readText(_ path: String) -> String?
}

/// Looks files up on disk.
package struct DiskFileLookup: FileLookup {
    package init() {}

    package func isFile(_ path: String) -> Bool {
        var isDirectory: Bool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory
    }

    package func isDirectory(_ path: String) -> Bool {
        var isDirectory: Bool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory
    }

    package func readText(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}

/// Looks files up in a snapshot first (for paths under its root), on disk for everything else
/// (installed packages).
package struct SnapshotFileLookup: FileLookup {
    package var snapshot: ProjectSnapshot
    package var disk = DiskFileLookup()
    private let directories: Set<String>

    package init(_ snapshot: ProjectSnapshot) {
        self.snapshot = snapshot
        var directories: Set<String> = [snapshot.root]
        for path in snapshot.files.keys {
            var parent = path
            while let slash = parent.lastIndex(of: "/") {
                parent = String(parent[..<slash])
                directories.insert(snapshot.root + "/" + parent)
            }
        }
        self.directories = directories
    }

    package func isFile(_ path: String) -> Bool {
        if let relative = self.snapshot.relative(path), self.snapshot.files[relative] != nil { return true }
        return self.insideSnapshot(path) ? false : self.disk.isFile(path)
    }

    package func isDirectory(_ path: String) -> Bool {
        if self.directories.contains(path) { return true }
        return self.disk.isDirectory(path)
    }

    package func readText(_ path: String) -> String? {
        if let relative = self.snapshot.relative(path), let text = self.snapshot.files[relative] { return text }
        return self.insideSnapshot(path) ? nil : self.disk.readText(path)
    }

    /// Sources under the root but not in the snapshot were deliberately left out (or renamed
    /// away); other files there (JSON data, installed packages) are read from disk.
    private func insideSnapshot(_ path: String) -> Bool {
        guard let relative = self.snapshot.relative(path) else { return false }
        if relative.hasPrefix("node_modules/") || relative.contains("/node_modules/") { return false }
        return ProjectSnapshot.sourceExtensions.contains { relative.hasSuffix($0) } || relative.hasSuffix("package.json")
    }
}
