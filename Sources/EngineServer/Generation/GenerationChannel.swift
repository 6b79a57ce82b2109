#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Basics
import Inference

/// Carries one generation's events from the inference thread to the connection thread.
///
/// The inference thread appends without blocking and writes one byte to a pipe when the queue
/// turns non-empty; the connection thread polls that pipe together with its socket, so it wakes
/// for new tokens and for a client hang-up alike, and never spins.
///
/// Two event arrays trade places at each drain and keep their capacity, so once they have grown
/// the inference thread's `receive` allocates nothing per token.
final class GenerationChannel: SchedulerSink, @unchecked Sendable {
    // @unchecked: the queue and the `closed` flag are guarded by the lock; the pipe is written
    // only under the lock while open, and closed under the lock; `drained` is used only by the
    // connection thread that calls `next`.

    private struct State {
        var events: [SchedulerEvent] = []
        var signalled = false
        var closed = false
    }

    /// The array handed to the connection thread last; emptied and swapped back in at the next drain.
    private var drained: [SchedulerEvent] = []

    /// What `next` found.
    enum Wait {
        case events([SchedulerEvent])
        case hangUp
    }

    private let state = LockedBox(State())
    private let readEnd: Int32
    private let writeEnd: Int32

    init() throws(SystemError) {
        self.state.withLock { $0.events.reserveCapacity(16) }
        self.drained.reserveCapacity(16)
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { throw SystemError("pipe") }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
        self.readEnd = descriptors[0]
        self.writeEnd = descriptors[1]
    }

    deinit {
        self.close()
    }

    func receive(_ event: SchedulerEvent) {
        self.state.withLock { state in
            guard !state.closed else { return }
            state.events.append(event)
            if !state.signalled {
                state.signalled = true
                var byte: UInt8 = 1
                _ = write(self.writeEnd, &byte, 1)
            }
        }
    }

    /// Waits for events, or for `connection`'s peer to hang up.
    func next(on connection: SocketConnection) -> Wait {
        // the previous batch has been handled (its binding is gone): reuse its array
        self.drained.removeAll(keepingCapacity: true)
        while true {
            let found = self.state.withLock { state -> Bool in
                guard !state.events.isEmpty else { return false }
                swap(&state.events, &self.drained)
                state.signalled = false
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { drain in
                    while read(self.readEnd, drain.baseAddress, drain.count) > 0 {}
                }
                return true
            }
            if found { return .events(self.drained) }
            if connection.waitForHangUpOrWake(self.readEnd, timeoutMilliseconds: 1000) { return .hangUp }
        }
    }

    /// Stops accepting events and releases the pipe. Idempotent.
    func close() {
        self.state.withLock { state in
            guard !state.closed else { return }
            state.closed = true
            Glibc.close(self.readEnd)
            Glibc.close(self.writeEnd)
        }
    }
}
