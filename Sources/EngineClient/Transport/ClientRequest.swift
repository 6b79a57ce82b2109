import Basics

/// One HTTP request as the client sends it.
package struct ClientRequest: Sendable {
    package var method: String
    /// The route path (`/v1/models`), before the endpoint's prefix.
    package var path: String
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    package init(method: String, path: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }
}

/// The status line and header fields of an answer.
package struct ResponseHead: Sendable {
    package var status: Int
    package var headers: [(name: String, value: String)]

    /// The first value of header `name` (case-insensitive).
    package func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return self.headers.first { $0.name.lowercased() == lowered }?.value
    }
}

/// A whole answer: head and body.
package struct ClientResponse: Sendable {
    package var head: ResponseHead
    package var body: [UInt8]

    package var status: Int { self.head.status }
}

/// Cancels one in-flight request from another thread: marks it cancelled and shuts its socket
/// down, which wakes the thread blocked on it.
package final class CancellationHandle: Sendable {
    private struct State: Sendable {
        var cancelled = false
        var descriptor: Int32?
        var onCancel: (@Sendable () -> Void)?
    }

    private let state = LockedBox(State())

    package init() {}

    /// True once `cancel()` was called.
    package var isCancelled: Bool { self.state.value.cancelled }

    /// Cancels the request.
    package func cancel() {
        let action: (@Sendable () -> Void)? = self.state.withLock { state in
            guard !state.cancelled else { return nil }
            state.cancelled = true
            if let descriptor = state.descriptor {
                // Shut down under the lock: `detach()` takes it before the socket is closed,
                // so the number cannot be reused by another socket in between.
                SocketIO.shutdown(descriptor)
                return nil
            }
            return state.onCancel
        }
        action?()
    }

    /// Registers the socket to shut down on cancel; false when already cancelled.
    func attach(descriptor: Int32) -> Bool {
        self.state.withLock { state in
            guard !state.cancelled else { return false }
            state.descriptor = descriptor
            return true
        }
    }

    /// Forgets the socket before it is closed.
    func detach() {
        self.state.withLock { $0.descriptor = nil }
    }

    /// Registers an action to run on cancel (for transports without a socket); false when
    /// already cancelled.
    func onCancel(_ action: @escaping @Sendable () -> Void) -> Bool {
        self.state.withLock { state in
            guard !state.cancelled else { return false }
            state.onCancel = action
            return true
        }
    }
}

/// Carries one request to a server and its answer back, blocking the calling thread (callers run
/// it on their own threads, never on the cooperative pool).
package protocol BlockingTransport: Sendable {
    /// Sends `request`; calls `onHead` once, then `onBody` with each piece of the body until the
    /// body ends or `onBody` returns false.
    func perform(
        _ request: ClientRequest,
        cancellation: CancellationHandle,
        onHead: (ResponseHead) throws(EngineClientError) -> Void,
        onBody: ([UInt8]) throws(EngineClientError) -> Bool
    ) throws(EngineClientError)
}
