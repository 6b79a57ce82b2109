import Basics

#if canImport(Glibc)
import Glibc
#endif

/// A fresh directory under the system temporary directory, removed with everything in it when
/// the value is deinitialised (or by `remove()`).
public final class TemporaryDirectory: @unchecked Sendable {
    // @unchecked: `path` is immutable after init; removal is idempotent and happens once.

    /// The absolute path of the directory.
    public let path: String

    /// Creates `seam-<label>-XXXXXX` under `$TMPDIR` (default `/tmp`). Short paths keep socket
    /// paths inside the 108-byte limit.
    public init(_ label: String = "test") throws {
        let base = ProcessEnvironment.current["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/seam-\(label)-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            throw SystemError("cannot create a temporary directory under \(base)")
        }
        self.path = String(cString: created)
    }

    deinit {
        self.remove()
    }

    /// Deletes the directory and its contents, in this process (no `rm` child per test); falls
    /// back to `rm -rf` for whatever could not be removed.
    public func remove() {
        Self.removeTree(self.path)
        if FileSystem.exists(self.path) || Self.isSymlink(self.path) {
            _ = try? Subprocess.run("/bin/rm", ["-rf", self.path])
        }
    }

    /// Removes `path` and, for a directory, everything under it; symbolic links are removed, not
    /// followed.
    private static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            unlink(path)
            return
        }
        if let directory = opendir(path) {
            var names: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name != "." && name != ".." { names.append(name) }
            }
            closedir(directory)
            for name in names { self.removeTree(path + "/" + name) }
        }
        rmdir(path)
    }

    private static func isSymlink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// `path/relative`.
    public func appending(_ relative: String) -> String {
        self.path + "/" + relative
    }

    /// Writes `contents` to `relative`, creating parent directories.
    @discardableResult
    public func write(_ relative: String, _ contents: String) throws -> String {
        try self.write(relative, bytes: Array(contents.utf8))
    }

    /// Writes raw bytes to `relative`, creating parent directories.
    @discardableResult
    public func write(_ relative: String, bytes: [UInt8]) throws -> String {
        let full = self.appending(relative)
        try FileSystem.createDirectories(FileSystem.parent(of: full))
        try TestFiles.write(full, bytes: bytes)
        return full
    }
}

/// File helpers for tests (no Foundation needed).
public enum TestFiles {
    /// Replaces the file at `path` with `bytes`.
    public static func write(_ path: String, bytes: [UInt8]) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw SystemError("cannot open \(path)") }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBufferPointer { Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }  // safe: non-empty
            guard written > 0 else { throw SystemError("cannot write \(path)") }
            offset += written
        }
    }

    /// The bytes of the file at `path`.
    public static func read(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw SystemError("cannot open \(path)") }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = Glibc.read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw SystemError("cannot read \(path)") }
            if count == 0 { break }
            result.append(contentsOf: buffer[0..<count])
        }
        return result
    }

    /// The file at `path` decoded as UTF-8.
    public static func readText(_ path: String) throws -> String {
        String(decoding: try self.read(path), as: UTF8.self)
    }
}
