#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// POSIX helpers for reading whole files and asking about paths, with errors mapped to
/// `WorkspaceError` codes.
package enum RawFile {
    /// What `lstat`/`stat` says about a path.
    package struct Info: Sendable, Hashable {
        /// The file type (`lstat` reports links as `.symlink`).
        package enum Kind: Sendable, Hashable { case file, directory, symlink, other }
        /// The file type.
        package var kind: Kind
        /// Size in bytes.
        package var size: Int
        /// Modification time in nanoseconds since the epoch.
        package var modified: Int64
    }

    /// `lstat` (or `stat` with `followSymlinks`), nil when the path does not exist.
    package static func info(_ path: String, followSymlinks: Bool = false) -> Info? {
        var status = stat()
        let result = followSymlinks ? stat(path, &status) : lstat(path, &status)
        guard result == 0 else { return nil }
        let kind: Info.Kind =
            switch status.st_mode & S_IFMT {
            case S_IFREG: .file
            case S_IFDIR: .directory
            case S_IFLNK: .symlink
            default: .other
            }
        #if canImport(Glibc)
        let modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        #else
        let modified = Int64(status.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(status.st_mtimespec.tv_nsec)
        #endif
        return Info(kind: kind, size: Int(status.st_size), modified: modified)
    }

    /// The bytes of a regular file, at most `limit` of them.
    ///
    /// - Parameters:
    ///   - noFollow: refuse a symbolic link in the last component (git does this for .gitignore).
    ///   - displayPath: the path to name in errors (workspace-relative when known).
    /// - Returns: the bytes read and whether the file had more than `limit`.
    package static func read(
        _ path: String,
        limit: Int = Int.max,
        noFollow: Bool = false,
        displayPath: String? = nil
    ) throws(WorkspaceError) -> (bytes: [UInt8], truncated: Bool) {
        let shown = displayPath ?? path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | (noFollow ? O_NOFOLLOW : 0))
        guard descriptor >= 0 else { throw self.error(errno, "cannot open \(shown)", path: shown) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw self.error(errno, "cannot stat \(shown)", path: shown) }
        if status.st_mode & S_IFMT == S_IFDIR {
            throw WorkspaceError(.io, "\(shown) is a directory", path: shown)
        }
        // Read straight into a buffer sized from fstat, plus one byte to notice growth; loop
        // for files that grew or report no size (procfs, pipes).
        let expected = max(0, Int(status.st_size))
        let wanted = limit == Int.max ? Int.max : limit + 1
        var capacity = min(expected + 1, wanted)
        var bytes = [UInt8](repeating: 0, count: max(capacity, 1))
        var count = 0
        while count < wanted {
            if count == bytes.count {
                capacity = min(wanted, max(bytes.count * 2, 4096))
                if capacity <= bytes.count { break }
                bytes += [UInt8](repeating: 0, count: capacity - bytes.count)
            }
            let room = bytes.count - count
            let received = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + count, room)  // safe: buffer has count + room bytes
            }
            if received < 0 {
                if errno == EINTR { continue }
                throw self.error(errno, "cannot read \(shown)", path: shown)
            }
            if received == 0 { break }
            count += received
        }
        bytes.removeSubrange(count...)
        if bytes.count > limit {
            bytes.removeLast(bytes.count - limit)
            return (bytes, true)
        }
        return (bytes, false)
    }

    /// Reads a whole file into `buffer` (reused between calls, grown as needed) without a
    /// `stat`: the search path's reader. Returns the byte count, or nil when the file cannot be
    /// read or is larger than `limit` (then `tooLarge` is set).
    ///
    /// - Parameter directory: a descriptor of the directory `path` is relative to (`openat`),
    ///   which spares the kernel resolving every component again; `AT_FDCWD` for plain paths.
    package static func read(
        _ path: String,
        relativeTo directory: Int32 = AT_FDCWD,
        into buffer: inout [UInt8],
        limit: Int,
        tooLarge: inout Bool
    ) -> Int? {
        tooLarge = false
        let descriptor = openat(directory, path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        if buffer.count < 65536 { buffer = [UInt8](repeating: 0, count: 65536) }
        var count = 0
        while true {
            if count == buffer.count {
                if count > limit {
                    tooLarge = true
                    return nil
                }
                buffer += [UInt8](repeating: 0, count: buffer.count)
            }
            let room = buffer.count - count
            let received = buffer.withUnsafeMutableBytes { bytes in
                Glibc.read(descriptor, bytes.baseAddress! + count, room)  // safe: the buffer is never empty
            }
            if received < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if received == 0 { break }
            count += received
        }
        if count > limit {
            tooLarge = true
            return nil
        }
        return count
    }

    /// The bytes of a small per-directory file, or nil when it is absent or unreadable.
    package static func readIfPresent(_ path: String, noFollow: Bool) -> [UInt8]? {
        // Most directories have no such file: check cheaply before building any error.
        guard access(path, R_OK) == 0 else { return nil }
        return try? self.read(path, limit: 4 << 20, noFollow: noFollow).bytes
    }

    /// The canonical absolute path (symlinks resolved), or nil when it does not exist.
    package static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A `WorkspaceError` for an `errno` value.
    package static func error(_ code: Int32, _ message: String, path: String?) -> WorkspaceError {
        let reason = String(cString: strerror(code))
        let kind: WorkspaceError.Code =
            switch code {
            case ENOENT: .notFound
            case ENOTDIR: .notADirectory
            case EACCES, EPERM: .permissionDenied
            default: .io
            }
        return WorkspaceError(kind, "\(message): \(reason)", path: path)
    }
}
