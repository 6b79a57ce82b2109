#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Basics

/// A listening Unix-domain stream socket bound with the engine's rules (ARCHITECTURE.md):
/// a missing directory is created 0700, the socket is 0600, a stale socket file is unlinked
/// before bind but a live one (something accepts connections on it) is refused, and
/// `removeSocketFile()` deletes the file only if it is still the one this listener bound.
package final class UnixSocketListener: @unchecked Sendable {
    // @unchecked: every stored property is immutable after init; the descriptors are used with
    // thread-safe system calls (poll/accept on one thread, a write to the wake pipe on another).

    /// The socket's path.
    package let path: String
    private let descriptor: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let boundDevice: UInt64
    private let boundInode: UInt64

    /// Binds and listens on `path`.
    ///
    /// - Parameter managedDirectory: the directory the engine owns (the default runtime
    ///   directory): it must belong to this user and is set to 0700. Other existing parent
    ///   directories are used as they are; missing ones are created 0700.
    package init(path: String, managedDirectory: String? = nil, backlog: Int32 = 64) throws(ServerError) {
        guard path.utf8.count < 108 else {
            throw ServerError(.invalidSocketPath, "socket path \(path) is longer than 107 bytes; choose a shorter --socket")
        }
        let directory = FileSystem.parent(of: path)
        try Self.prepareDirectory(directory, managed: managedDirectory == directory)
        try Self.removeStaleSocket(at: path)

        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw ServerError(.system, "cannot create a Unix socket", cause: SystemError("socket")) }
        var address = Self.address(path)
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else {
            let error = SystemError("bind", code: errno)
            Glibc.close(descriptor)
            throw ServerError(.system, "cannot bind the engine socket at \(path)", cause: error)
        }
        guard chmod(path, 0o600) == 0, listen(descriptor, backlog) == 0 else {
            let error = SystemError("chmod/listen", code: errno)
            Glibc.close(descriptor)
            unlink(path)
            throw ServerError(.system, "cannot listen on \(path)", cause: error)
        }
        var info = stat()
        _ = lstat(path, &info)
        var pipeDescriptors: [Int32] = [-1, -1]
        guard pipe(&pipeDescriptors) == 0 else {
            Glibc.close(descriptor)
            unlink(path)
            throw ServerError(.system, "cannot create a pipe", cause: SystemError("pipe"))
        }
        for pipeDescriptor in pipeDescriptors { _ = fcntl(pipeDescriptor, F_SETFD, FD_CLOEXEC) }
        self.path = path
        self.descriptor = descriptor
        self.wakeRead = pipeDescriptors[0]
        self.wakeWrite = pipeDescriptors[1]
        self.boundDevice = UInt64(info.st_dev)
        self.boundInode = UInt64(info.st_ino)
    }

    deinit {
        Glibc.close(self.descriptor)
        Glibc.close(self.wakeRead)
        Glibc.close(self.wakeWrite)
    }

    /// Blocks until a client connects (returning its descriptor, close-on-exec) or `wake()` is
    /// called (returning nil).
    package func accept() -> Int32? {
        while true {
            var descriptors = [
                pollfd(fd: self.descriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: self.wakeRead, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if descriptors[1].revents != 0 { return nil }
            guard descriptors[0].revents != 0 else { continue }
            // accept4 is declared only under _GNU_SOURCE; the engine spawns no processes, so
            // setting close-on-exec right after accept is enough.
            let client = Glibc.accept(self.descriptor, nil, nil)
            if client >= 0 {
                _ = fcntl(client, F_SETFD, FD_CLOEXEC)
                return client
            }
            switch errno {
            case EINTR, EAGAIN, ECONNABORTED, EPROTO: continue
            case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                // Out of descriptors: back off briefly instead of spinning.
                usleep(50_000)
                continue
            default:
                return nil
            }
        }
    }

    /// Makes a blocked or future `accept()` return nil.
    package func wake() {
        var byte: UInt8 = 1
        _ = Glibc.write(self.wakeWrite, &byte, 1)
    }

    /// Deletes the socket file if it is still the one this listener bound.
    package func removeSocketFile() {
        var info = stat()
        guard lstat(self.path, &info) == 0, UInt64(info.st_dev) == self.boundDevice,
            UInt64(info.st_ino) == self.boundInode
        else { return }
        unlink(self.path)
    }

    // MARK: - Preparing the path

    private static func prepareDirectory(_ directory: String, managed: Bool) throws(ServerError) {
        if !FileSystem.isDirectory(directory) {
            do {
                try FileSystem.createDirectories(directory, mode: 0o700)
            } catch {
                throw ServerError(.system, "cannot create the socket directory \(directory)", cause: error)
            }
            _ = chmod(directory, 0o700)
            return
        }
        guard managed else { return }
        var info = stat()
        guard lstat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw ServerError(.unsafeDirectory, "the socket directory \(directory) is not a plain directory")
        }
        guard info.st_uid == getuid() else {
            throw ServerError(
                .unsafeDirectory,
                "the socket directory \(directory) belongs to another user (uid \(info.st_uid)); remove it or pass --socket"
            )
        }
        if info.st_mode & 0o777 != 0o700 {
            _ = chmod(directory, 0o700)
        }
    }

    private static func removeStaleSocket(at path: String) throws(ServerError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else {
            throw ServerError(.invalidSocketPath, "\(path) exists and is not a socket; remove it or choose another --socket")
        }
        if Self.isLive(path) {
            throw ServerError(
                .socketInUse,
                "another engine is already serving on \(path); stop it first or choose another --socket"
            )
        }
        guard unlink(path) == 0 || errno == ENOENT else {
            throw ServerError(.system, "cannot remove the stale socket \(path)", cause: SystemError("unlink"))
        }
    }

    /// True when something accepts connections on the socket at `path`.
    package static func isLive(_ path: String) -> Bool {
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard probe >= 0 else { return false }
        defer { Glibc.close(probe) }
        var address = Self.address(path)
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        // EAGAIN: the listener's backlog is full, so it is alive.
        return result == 0 || errno == EAGAIN || errno == EINPROGRESS
    }

    /// A `sockaddr_un` for `path` (which must be shorter than 108 bytes).
    package static func address(_ path: String) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8.prefix(raw.count - 1))
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return address
    }
}
