import Basics
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A workspace and a private data directory for running the real `seam` binary on changes.
final class SeamWorkspace {
    let repository: ScratchGitRepository
    let data: TemporaryDirectory

    init(_ label: String) throws {
        self.repository = try ScratchGitRepository(label)
        self.data = try TemporaryDirectory("\(label)-data")
    }

    var path: String { self.repository.path }

    /// The environment of every run: checkpoints under the private data directory.
    var environment: [String: String] {
        var environment = ScratchGitRepository.environment
        environment["XDG_DATA_HOME"] = self.data.path
        environment["HOME"] = self.data.path
        environment["SEAM_LOG"] = "error"
        return environment
    }

    /// The `seam` executable, or an error saying how to build it.
    static func executable() throws -> String {
        let path = RepositoryLayout.product("seam")
        guard FileSystem.exists(path) else {
            throw SeamBinaryMissing(path: path)
        }
        return path
    }

    /// Runs `seam ARGUMENTS` in the workspace and waits for it.
    @discardableResult
    func seam(_ arguments: String..., extraEnvironment: [String: String] = [:]) throws -> Subprocess.Result {
        var environment = self.environment
        for (key, value) in extraEnvironment { environment[key] = value }
        return try Subprocess.run(try Self.executable(), arguments, directory: self.path, environment: environment)
    }

    func write(_ relative: String, _ text: String) throws { try self.repository.write(relative, text) }
    func read(_ relative: String) throws -> String {
        String(decoding: try self.repository.read(relative), as: UTF8.self)
    }
    func exists(_ relative: String) -> Bool { FileSystem.exists(self.repository.directory.appending(relative)) }

    /// Every regular file under the work tree (outside .git) with its bytes.
    func snapshot() throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        func walk(_ relative: String) throws {
            let full = relative.isEmpty ? self.path : self.path + "/" + relative
            for name in Self.list(full) where name != ".git" {
                let child = relative.isEmpty ? name : relative + "/" + name
                if FileSystem.isDirectory(self.path + "/" + child) {
                    try walk(child)
                } else {
                    result[child] = try TestFiles.read(self.path + "/" + child)
                }
            }
        }
        try walk("")
        return result
    }

    /// Makes the work tree hold exactly `files`.
    func restore(_ files: [String: [UInt8]]) throws {
        for path in try self.snapshot().keys where files[path] == nil {
            _ = unlink(self.path + "/" + path)
        }
        for (path, bytes) in files { try self.repository.write(path, bytes: bytes) }
    }

    private static func list(_ path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

/// The `seam` binary has not been built.
struct SeamBinaryMissing: Error, CustomStringConvertible {
    var path: String
    var description: String { "\(self.path) does not exist: run 'swift build' before the end-to-end tests" }
}
