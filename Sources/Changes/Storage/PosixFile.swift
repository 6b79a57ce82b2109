import Basics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The POSIX calls the changes engine needs: byte-exact reads, atomic durable writes (temporary
/// file in the same directory, fsync, rename, fsync of the directory) and durable removal.
package enum PosixFile {
    /// What `lstat` says about a path.
    package enum Kind: Hashable, Sendable {
        case missing, regular, directory, symbolicLink, other
    }

    /// The kind of `path`, without following a final symbolic link, and its permission bits.
    package static func inspect(_ path: String) -> (kind: Kind, mode: UInt32) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return (.missing, 0) }
        let mode = UInt32(info.st_mode) & 0o7777
        switch info.st_mode & S_IFMT {
        case S_IFREG: return (.regular, mode)
        case S_IFDIR: return (.directory, mode)
        case S_IFLNK: return (.symbolicLink, mode)
        default: return (.other, mode)
        }
    }

    /// Every byte of the file at `path`.
    package static func read(_ path: String) throws(ChangesError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure("cannot open", path) }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var info = stat()
        if fstat(descriptor, &info) == 0 && info.st_size > 0 { result.reserveCapacity(Int(info.st_size)) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw Self.failure("cannot read", path) }
            if count == 0 { break }
            result.append(contentsOf: buffer[0..<count])
        }
        return result
    }

    /// Replaces (or creates) `path` with `bytes` and permission bits `mode` so that a crash
    /// leaves either the old or the new file: write a temporary file in the same directory,
    /// fsync it, rename it over `path`, and (unless the caller batches it) fsync the directory.
    package static func writeAtomically(
        _ path: String, _ bytes: [UInt8], mode: UInt32, syncDirectory: Bool = true
    )
        throws(ChangesError)
    {
        let directory = FileSystem.parent(of: path)
        try self.createDirectories(directory)
        let name = FileSystem.lastComponent(of: path)
        var template = Array("\(directory)/.\(name).seam-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }  // safe: non-empty buffer
        guard descriptor >= 0 else { throw Self.failure("cannot create a temporary file next to", path) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }  // safe: non-empty buffer
        var completed = false
        defer {
            if !completed { unlink(temporary) }
        }
        try self.fill(descriptor, bytes, mode: mode, path: path)
        guard rename(temporary, path) == 0 else { throw Self.failure("cannot move the new content into", path) }
        completed = true
        if syncDirectory { try self.syncDirectory(directory) }
    }

    /// Creates `path` with `bytes` and flushes it, without a temporary file: for files whose
    /// directory is not yet committed to (journal blobs), where a torn write is discarded whole.
    package static func writeDurably(_ path: String, _ bytes: [UInt8]) throws(ChangesError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Self.failure("cannot create", path) }
        try self.fill(descriptor, bytes, mode: 0o600, path: path)
    }

    /// Removes temporary files `writeAtomically` left next to `path` when a crash interrupted it.
    package static func removeTemporaries(of path: String) {
        let directory = FileSystem.parent(of: path)
        let prefix = ".\(FileSystem.lastComponent(of: path)).seam-"
        for name in self.list(directory) where name.hasPrefix(prefix) && name.utf8.count == prefix.utf8.count + 6 {
            unlink(directory + "/" + name)
        }
    }

    /// Removes `path` (if present) and, unless the caller batches it, flushes its directory.
    package static func remove(_ path: String, syncDirectory: Bool = true) throws(ChangesError) {
        if unlink(path) != 0 && errno != ENOENT { throw Self.failure("cannot remove", path) }
        if syncDirectory { try self.syncDirectory(FileSystem.parent(of: path)) }
    }

    /// Sets the permission bits of `path`.
    package static func setMode(_ path: String, _ mode: UInt32) throws(ChangesError) {
        guard chmod(path, mode_t(mode)) == 0 else { throw Self.failure("cannot set the mode of", path) }
    }

    /// fsyncs a directory so renames and unlinks in it survive a crash.
    package static func syncDirectory(_ path: String) throws(ChangesError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure("cannot open directory", path) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 || errno == EINVAL else { throw Self.failure("cannot flush directory", path) }
    }

    /// Creates `path` and missing parents.
    package static func createDirectories(_ path: String, mode: UInt32 = 0o755) throws(ChangesError) {
        do {
            try FileSystem.createDirectories(path, mode: mode_t(mode))
        } catch {
            throw ChangesError(.io, "cannot create directory \(path)", cause: error)
        }
    }

    /// Removes `path` and everything under it.
    package static func removeTree(_ path: String) throws(ChangesError) {
        let (kind, _) = self.inspect(path)
        switch kind {
        case .missing: return
        case .directory:
            for entry in self.list(path) { try self.removeTree(path + "/" + entry) }
            guard rmdir(path) == 0 else { throw Self.failure("cannot remove directory", path) }
        default:
            guard unlink(path) == 0 || errno == ENOENT else { throw Self.failure("cannot remove", path) }
        }
    }

    /// The names in directory `path` (without `.` and `..`), sorted.
    package static func list(_ path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Renames `from` to `to` and flushes the directory holding `to`.
    package static func move(_ from: String, to: String) throws(ChangesError) {
        guard rename(from, to) == 0 else { throw Self.failure("cannot rename \(from) to", to) }
        try self.syncDirectory(FileSystem.parent(of: to))
    }

    /// Writes, sets the mode and flushes an open temporary file, closing it in every case.
    private static func fill(_ descriptor: Int32, _ bytes: [UInt8], mode: UInt32, path: String) throws(ChangesError) {
        defer { close(descriptor) }
        try self.writeAll(descriptor, bytes, path: path)
        guard fchmod(descriptor, mode_t(mode)) == 0 else { throw Self.failure("cannot set the mode of", path) }
        guard fsync(descriptor) == 0 else { throw Self.failure("cannot flush", path) }
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws(ChangesError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)  // safe: offset < count
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw Self.failure("cannot write", path) }
            offset += written
        }
    }

    private static func failure(_ what: String, _ path: String) -> ChangesError {
        ChangesError(.io, "\(what) \(path): \(String(cString: strerror(errno)))")
    }
}
