#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small POSIX file-system helpers that need no Foundation.
public enum FileSystem {
    /// True when `path` exists and is a directory (following symlinks).
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// True when `path` exists (following symlinks).
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// The directory part of `path` ("/" for top-level paths, "." for bare names).
    public static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    /// The last path component.
    public static func lastComponent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// The absolute path of the running executable (`/proc/self/exe` on Linux).
    public static func executablePath() -> String? {
        #if os(Linux)
        return self.resolveSymlink("/proc/self/exe")
        #else
        return CommandLine.arguments.first.flatMap { self.realPath($0) }
        #endif
    }

    /// The target of a symbolic link.
    public static func resolveSymlink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return buffer.withUnsafeBufferPointer { pointer in
            String(decoding: UnsafeRawBufferPointer(start: pointer.baseAddress, count: count), as: UTF8.self)
        }
    }

    /// The canonical absolute path (symlinks resolved), or nil when `path` does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Creates `path` and its missing parents with `mode`.
    public static func createDirectories(_ path: String, mode: mode_t = 0o755) throws(SystemError) {
        if self.isDirectory(path) { return }
        let parent = self.parent(of: path)
        if parent != path && parent != "." && !self.isDirectory(parent) {
            try self.createDirectories(parent, mode: mode)
        }
        if mkdir(path, mode) != 0 && errno != EEXIST {
            throw SystemError("cannot create directory \(path)")
        }
    }

    /// The current working directory.
    public static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }  // safe: non-empty buffer
    }

    /// `path` made absolute against the current directory (not resolving symlinks).
    public static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let base = self.currentDirectory()
        if path == "." || path.isEmpty { return base }
        return base == "/" ? "/" + path : base + "/" + path
    }
}

/// A failed system call: what was attempted and the `errno` text.
public struct SystemError: Error, CustomStringConvertible, Sendable {
    public var operation: String
    public var code: Int32

    public init(_ operation: String, code: Int32 = errno) {
        self.operation = operation
        self.code = code
    }

    public var description: String {
        "\(self.operation): \(String(cString: strerror(self.code)))"
    }
}
