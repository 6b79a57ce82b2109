#if canImport(Glibc)
import Glibc
#endif

/// A whole file mapped read-only into memory; unmapped when released.
package final class MappedFile: @unchecked Sendable {
    // @unchecked: the mapping is read-only and immutable for the object's lifetime.

    /// The path it was opened from.
    package let path: String
    /// The first byte (nil for an empty file).
    package let base: UnsafeRawPointer?
    /// The file size in bytes.
    package let size: Int

    /// Maps `path`. Throws `CheckpointError.io` when it cannot be opened or mapped.
    package init(path: String) throws(CheckpointError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CheckpointError(.io, file: path, "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw CheckpointError(.io, file: path, "cannot stat: \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw CheckpointError(.io, file: path, "not a regular file")
        }
        self.size = Int(info.st_size)
        if self.size == 0 {
            self.base = nil
            return
        }
        let mapped = mmap(nil, self.size, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let mapped, mapped != MAP_FAILED else {
            throw CheckpointError(.io, file: path, "cannot map \(self.size) bytes: \(String(cString: strerror(errno)))")
        }
        self.base = UnsafeRawPointer(mapped)
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), self.size) }
    }
}
