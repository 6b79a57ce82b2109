#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Basics

/// Socket system calls for the client: connecting over a Unix socket or TCP with a timeout, and
/// deadline-bounded reads and writes on non-blocking descriptors.
enum SocketIO {
    /// Connects to the Unix socket at `path`.
    static func connectUnix(_ path: String) throws(EngineClientError) -> Int32 {
        guard path.utf8.count < 108 else {
            throw EngineClientError(.invalidEndpoint, "socket path \(path) is longer than 107 bytes")
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            throw EngineClientError(.connectionFailed, "cannot create a socket", cause: SystemError("socket"))
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8)
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let error = SystemError("connect", code: errno)
            close(descriptor)
            throw EngineClientError(.connectionFailed, "no engine answers on \(path)", cause: error)
        }
        Self.makeNonBlocking(descriptor)
        return descriptor
    }

    /// Connects to `host:port` over TCP, trying each address in turn within `timeout`.
    static func connectTCP(host: String, port: Int, timeout: Duration) throws(EngineClientError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = status == 0 ? "no address" : String(cString: gai_strerror(status))
            throw EngineClientError(.connectionFailed, "cannot resolve \(host): \(reason)")
        }
        defer { freeaddrinfo(list) }
        var lastError = SystemError("connect", code: ECONNREFUSED)
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        let deadline = ContinuousClock.now + timeout
        while let entry = cursor {
            cursor = entry.pointee.ai_next
            let descriptor = socket(entry.pointee.ai_family, entry.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), entry.pointee.ai_protocol)
            guard descriptor >= 0 else { continue }
            Self.makeNonBlocking(descriptor)
            if connect(descriptor, entry.pointee.ai_addr, entry.pointee.ai_addrlen) == 0 { return descriptor }
            guard errno == EINPROGRESS else {
                lastError = SystemError("connect", code: errno)
                close(descriptor)
                continue
            }
            var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&poller, 1, Self.milliseconds(until: deadline))
            var socketError: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            if ready > 0, getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &socketError, &length) == 0, socketError == 0 {
                return descriptor
            }
            lastError = SystemError("connect", code: ready == 0 ? ETIMEDOUT : (socketError != 0 ? socketError : errno))
            close(descriptor)
        }
        throw EngineClientError(.connectionFailed, "cannot connect to \(host):\(port)", cause: lastError)
    }

    /// Writes all of `bytes` before `deadline`.
    static func write(_ descriptor: Int32, _ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(EngineClientError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                send(descriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))  // safe: non-empty
            }
            if written > 0 {
                offset += written
                continue
            }
            if written < 0 && errno == EINTR { continue }
            if written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                try Self.wait(descriptor, for: Int16(POLLOUT), until: deadline)
                continue
            }
            throw EngineClientError(.connectionFailed, "the connection broke while sending", cause: SystemError("send", code: errno))
        }
    }

    /// Reads what is available (up to `buffer.count`), waiting until `deadline`; 0 at end of stream.
    static func read(_ descriptor: Int32, into buffer: inout [UInt8], deadline: ContinuousClock.Instant) throws(EngineClientError) -> Int {
        while true {
            try Self.wait(descriptor, for: Int16(POLLIN), until: deadline)
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count >= 0 { return count }
            if errno == EINTR || errno == EAGAIN { continue }
            if errno == ECONNRESET { return 0 }
            throw EngineClientError(.connectionFailed, "the connection broke while receiving", cause: SystemError("recv", code: errno))
        }
    }

    static func shutdown(_ descriptor: Int32) {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
    }

    static func close(_ descriptor: Int32) {
        _ = Glibc.close(descriptor)
    }

    private static func wait(_ descriptor: Int32, for events: Int16, until deadline: ContinuousClock.Instant) throws(EngineClientError) {
        while true {
            var poller = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&poller, 1, Self.milliseconds(until: deadline))
            if ready > 0 { return }
            if ready == 0 { throw EngineClientError(.timedOut, "the engine did not answer in time") }
            if errno != EINTR {
                throw EngineClientError(.connectionFailed, "poll failed", cause: SystemError("poll", code: errno))
            }
        }
    }

    private static func makeNonBlocking(_ descriptor: Int32) {
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    }

    static func milliseconds(until deadline: ContinuousClock.Instant) -> Int32 {
        let remaining = ContinuousClock.now.duration(to: deadline)
        if remaining <= .zero { return 0 }
        let (seconds, attoseconds) = remaining.components
        return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
    }
}
