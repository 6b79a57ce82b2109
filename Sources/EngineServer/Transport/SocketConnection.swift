#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Basics

/// A connected stream socket with deadline-bounded reads and writes.
///
/// Used by one connection thread; `shutdown()` may be called from another thread to wake it.
/// Writes use `MSG_NOSIGNAL` so a vanished peer is an error, not a SIGPIPE.
package final class SocketConnection: @unchecked Sendable {
    // @unchecked: `descriptor` is immutable; `closed` is only touched by the owning thread, and
    // `shutdown` is a thread-safe system call on the descriptor.

    /// The socket's file descriptor; closed by `close()`.
    package let descriptor: Int32
    private var closed = false

    /// Takes ownership of `descriptor` and makes it non-blocking (waits go through poll, so
    /// every read and write can have a deadline).
    package init(descriptor: Int32) {
        self.descriptor = descriptor
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        self.close()
    }

    /// Reads up to `buffer.count` bytes, waiting until `deadline` at most. Returns 0 at end of
    /// stream.
    package func read(into buffer: inout [UInt8], deadline: ContinuousClock.Instant?) throws(ConnectionError) -> Int {
        while true {
            try self.wait(for: Int16(POLLIN), until: deadline)
            let count = buffer.withUnsafeMutableBytes { recv(self.descriptor, $0.baseAddress, $0.count, 0) }
            if count >= 0 { return count }
            if errno == EINTR || errno == EAGAIN { continue }
            if errno == ECONNRESET { return 0 }
            throw .system(SystemError("recv", code: errno))
        }
    }

    /// Writes every byte, waiting until `deadline` at most for the peer to take them.
    package func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant?) throws(ConnectionError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                send(self.descriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))  // safe: non-empty
            }
            if written > 0 {
                offset += written
                continue
            }
            if written < 0 && errno == EINTR { continue }
            if written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                try self.wait(for: Int16(POLLOUT), until: deadline)
                continue
            }
            if errno == EPIPE || errno == ECONNRESET { throw .peerClosed }
            throw .system(SystemError("send", code: errno))
        }
    }

    /// Waits until `events` are ready on the socket or `deadline` passes.
    private func wait(for events: Int16, until deadline: ContinuousClock.Instant?) throws(ConnectionError) {
        while true {
            var descriptor = pollfd(fd: self.descriptor, events: events, revents: 0)
            let timeout = Self.milliseconds(until: deadline)
            let ready = poll(&descriptor, 1, timeout)
            if ready > 0 {
                if descriptor.revents & Int16(POLLNVAL) != 0 { throw .peerClosed }
                if events == Int16(POLLOUT), descriptor.revents & Int16(POLLHUP | POLLERR) != 0 { throw .peerClosed }
                return
            }
            if ready == 0 { throw .timedOut }
            if errno != EINTR { throw .system(SystemError("poll", code: errno)) }
        }
    }

    /// Waits until the peer hangs up or `wake` becomes readable; returns true on hang-up.
    ///
    /// Only hang-up is watched on the socket (not readability), so bytes of a pipelined next
    /// request do not count as a disconnect.
    package func waitForHangUpOrWake(_ wake: Int32, timeoutMilliseconds: Int32) -> Bool {
        var descriptors = [
            pollfd(fd: self.descriptor, events: Int16(Self.pollReadHangUp), revents: 0),
            pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&descriptors, 2, timeoutMilliseconds)
        guard ready > 0 else { return false }
        let socketEvents = Int32(descriptors[0].revents)
        return socketEvents & (Int32(POLLHUP) | Int32(POLLERR) | Self.pollReadHangUp | Int32(POLLNVAL)) != 0
    }

    /// Stops both directions; wakes a thread blocked on this socket.
    package func shutdown() {
        _ = Glibc.shutdown(self.descriptor, Int32(SHUT_RDWR))
    }

    /// Closes the descriptor (once).
    package func close() {
        guard !self.closed else { return }
        self.closed = true
        _ = Glibc.close(self.descriptor)
    }

    /// `POLLRDHUP` (peer closed its writing side): Linux declares it only under _GNU_SOURCE, so
    /// the value from <bits/poll.h> is spelled out.
    static let pollReadHangUp: Int32 = 0x2000

    /// Milliseconds from now to `deadline` for poll (-1 without a deadline, at least 0).
    static func milliseconds(until deadline: ContinuousClock.Instant?) -> Int32 {
        guard let deadline else { return -1 }
        let remaining = ContinuousClock.now.duration(to: deadline)
        if remaining <= .zero { return 0 }
        let (seconds, attoseconds) = remaining.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1
        return Int32(clamping: milliseconds)
    }
}

/// Why a socket read or write failed.
package enum ConnectionError: Error, Sendable, CustomStringConvertible {
    /// The deadline passed.
    case timedOut
    /// The peer closed or reset the connection.
    case peerClosed
    case system(SystemError)

    package var description: String {
        switch self {
        case .timedOut: "timed out"
        case .peerClosed: "the peer closed the connection"
        case .system(let error): error.description
        }
    }
}
