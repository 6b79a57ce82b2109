#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive advisory lock (`flock`) on a file, so two seam processes never apply, undo or
/// recover in the same workspace at once. Held until `unlock` (or process exit).
struct WorkspaceLock {
    private let descriptor: Int32

    /// Waits up to `timeout` seconds for the lock at `path`.
    init(path: String, timeout: Double = 10) throws(ChangesError) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ChangesError(.io, "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        var waited = 0.0
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, waited < timeout else {
                close(descriptor)
                throw ChangesError(
                    .locked,
                    "another seam process is changing files in this workspace (lock \(path)); try again when it is done"
                )
            }
            usleep(50_000)
            waited += 0.05
        }
        self.descriptor = descriptor
    }

    /// Releases the lock (once).
    func unlock() {
        flock(self.descriptor, LOCK_UN)
        close(self.descriptor)
    }
}
