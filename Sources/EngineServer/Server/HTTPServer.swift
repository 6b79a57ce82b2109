#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Basics
import CSeamSystem
import Dispatch
import EngineProtocol
import Synchronization

/// The engine's HTTP/1.1 server on a Unix socket: a dedicated accept thread, one thread per
/// connection, the incremental request decoder, and a router.
///
/// `stop()` is graceful: it stops accepting, closes idle connections, lets in-flight requests
/// run for the grace period, then calls `cancelInFlight` and closes what is left, and removes
/// the socket file.
package final class HTTPServer: Sendable {
    private struct ConnectionEntry: Sendable {
        var connection: SocketConnection
        var busy: Bool
    }

    private struct Registry: Sendable {
        var nextID = 0
        var connections: [Int: ConnectionEntry] = [:]
    }

    /// The server's settings.
    package let configuration: ServerConfiguration
    private let router: Router
    private let listener: UnixSocketListener
    private let registry = LockedBox(Registry())
    private let stopping = Atomic<Bool>(false)
    private let started = Atomic<Bool>(false)
    private let stopped = Atomic<Bool>(false)
    private let acceptThreadDone = DispatchSemaphore(value: 0)
    private let connectionThreads = DispatchGroup()
    private let cancelHook = LockedBox<(@Sendable () -> Void)?>(nil)
    private let refusedPeers = Atomic<Int>(0)

    /// Binds the socket (with the rules in `UnixSocketListener`); call `start()` to serve.
    package init(configuration: ServerConfiguration, router: Router) throws(ServerError) {
        self.configuration = configuration
        self.router = router
        self.listener = try UnixSocketListener(
            path: configuration.socketPath,
            managedDirectory: configuration.managedDirectory
        )
    }

    /// The socket's path.
    package var socketPath: String { self.listener.path }

    /// Connections refused because their peer was another user.
    package var refusedPeerCount: Int { self.refusedPeers.load(ordering: .relaxed) }

    /// Connections open now.
    package var openConnectionCount: Int { self.registry.withLock { $0.connections.count } }

    /// True once `stop()` has begun.
    package var isStopping: Bool { self.stopping.load(ordering: .acquiring) }

    /// Called on stop when the grace period ends with requests still running: cancel them.
    package func setCancelInFlight(_ hook: @escaping @Sendable () -> Void) {
        self.cancelHook.withLock { $0 = hook }
    }

    /// Starts the accept thread.
    package func start() throws(ServerError) {
        guard !self.started.exchange(true, ordering: .acquiringAndReleasing) else { return }
        do {
            try ServerThread.start { [self] in
                self.acceptLoop()
                self.acceptThreadDone.signal()
            }
        } catch {
            throw ServerError(.system, "cannot start the accept thread", cause: error)
        }
    }

    /// Stops serving (see the type's description) and removes the socket file. Idempotent.
    package func stop() {
        guard !self.stopping.exchange(true, ordering: .acquiringAndReleasing) else {
            while !self.stopped.load(ordering: .acquiring) { usleep(10_000) }
            return
        }
        self.listener.wake()
        if self.started.load(ordering: .acquiring) {
            self.acceptThreadDone.wait()
        }
        // Idle connections go now; busy ones finish their request (then see `stopping`).
        self.registry.withLock { registry in
            for entry in registry.connections.values where !entry.busy { entry.connection.shutdown() }
        }
        if self.connectionThreads.wait(timeout: .now() + Self.dispatchInterval(self.configuration.shutdownGracePeriod)) == .timedOut {
            Log.shared.info("shutdown: cancelling \(self.openConnectionCount) in-flight request(s)")
            if let hook = self.cancelHook.value { hook() }
            if self.connectionThreads.wait(timeout: .now() + .seconds(2)) == .timedOut {
                self.registry.withLock { registry in
                    for entry in registry.connections.values { entry.connection.shutdown() }
                }
                _ = self.connectionThreads.wait(timeout: .now() + .seconds(2))
            }
        }
        self.listener.removeSocketFile()
        self.stopped.store(true, ordering: .releasing)
    }

    // MARK: - Accepting

    private func acceptLoop() {
        while !self.isStopping {
            guard let descriptor = self.listener.accept() else { break }
            if let bytes = self.configuration.sendBufferBytes {
                var size = Int32(clamping: bytes)
                _ = setsockopt(descriptor, SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
            }
            let connection = SocketConnection(descriptor: descriptor)
            if self.isStopping {
                self.refuse(connection, .unavailable("the engine is shutting down"))
                break
            }
            var pid: pid_t = 0
            var uid: uid_t = 0
            var gid: gid_t = 0
            guard cs_peer_credentials(descriptor, &pid, &uid, &gid) == 0, uid == self.configuration.allowedUserID else {
                self.refusedPeers.add(1, ordering: .relaxed)
                Log.shared.warning("refused a connection from uid \(uid) (pid \(pid)): only uid \(self.configuration.allowedUserID) may connect")
                self.refuse(
                    connection,
                    ResponseError(
                        .forbidden,
                        APIError(
                            message: "this engine serves only its own user (uid \(self.configuration.allowedUserID))",
                            type: "permission_error"
                        )
                    )
                )
                continue
            }
            let id: Int? = self.registry.withLock { registry in
                guard registry.connections.count < self.configuration.maxConnections else { return nil }
                registry.nextID += 1
                registry.connections[registry.nextID] = ConnectionEntry(connection: connection, busy: false)
                return registry.nextID
            }
            guard let id else {
                self.refuse(
                    connection,
                    ResponseError(
                        .serviceUnavailable,
                        APIError(
                            message: "too many connections (\(self.configuration.maxConnections)); try again later",
                            type: "server_error"
                        )
                    )
                )
                continue
            }
            self.connectionThreads.enter()
            do {
                try ServerThread.start { [self] in
                    self.serve(connection, id: id)
                    self.connectionThreads.leave()
                }
            } catch {
                Log.shared.error("cannot start a connection thread: \(error)")
                self.registry.withLock { _ = $0.connections.removeValue(forKey: id) }
                self.connectionThreads.leave()
                connection.close()
            }
        }
    }

    /// Answers a connection that will not be served with one error response, then closes it.
    private func refuse(_ connection: SocketConnection, _ error: ResponseError) {
        let body = (try? WireFormat.encode(ErrorResponse(error: error.error))) ?? []
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        headers.add("Content-Length", String(body.count))
        headers.add("Connection", "close")
        try? connection.write(HTTPResponse.head(status: error.status, headers: headers) + body, deadline: .now + .seconds(1))
        connection.shutdown()
        connection.close()
    }

    // MARK: - Serving a connection

    private func setBusy(_ id: Int, _ busy: Bool) {
        self.registry.withLock { $0.connections[id]?.busy = busy }
    }

    private func serve(_ connection: SocketConnection, id: Int) {
        defer {
            // Unregister before closing so `stop()` never shuts down a reused descriptor.
            self.registry.withLock { _ = $0.connections.removeValue(forKey: id) }
            connection.close()
        }
        var decoder = HTTPRequestDecoder(limits: self.configuration.limits)
        var buffer = [UInt8](repeating: 0, count: 65536)
        var requestStart: ContinuousClock.Instant?
        var bodyStart: ContinuousClock.Instant?
        while true {
            let event: HTTPRequestDecoder.Event
            do {
                event = try decoder.next()
            } catch {
                self.answerAndClose(connection, .from(error))
                return
            }
            switch event {
            case .request(let request):
                requestStart = nil
                bodyStart = nil
                self.setBusy(id, true)
                let keepGoing = self.handle(request, on: connection)
                self.setBusy(id, false)
                if !keepGoing || self.isStopping { return }
                continue
            case .continueExpected:
                try? connection.write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8), deadline: .now + self.configuration.writeTimeout)
                continue
            case .needMoreData:
                break
            }
            if self.isStopping && !decoder.hasPartialRequest { return }
            let now = ContinuousClock.now
            let deadline: ContinuousClock.Instant
            if !decoder.hasPartialRequest {
                deadline = now + self.configuration.idleTimeout
            } else if !decoder.isReadingBody {
                deadline = (requestStart ?? now) + self.configuration.headerTimeout
            } else {
                if bodyStart == nil { bodyStart = now }
                deadline = (bodyStart ?? now) + self.configuration.bodyTimeout
            }
            let count: Int
            do {
                count = try connection.read(into: &buffer, deadline: deadline)
            } catch .timedOut {
                if decoder.hasPartialRequest {
                    let part = decoder.isReadingBody ? "body" : "header"
                    self.answerAndClose(connection, ResponseError(.requestTimeout, APIError(message: "timed out waiting for the request \(part)", type: "invalid_request_error")))
                }
                return
            } catch {
                return
            }
            if count == 0 { return }
            if !decoder.hasPartialRequest { requestStart = .now }
            decoder.feed(buffer[0..<count])
        }
    }

    /// Runs the route for `request`; returns whether the connection may serve another request.
    private func handle(_ request: HTTPRequest, on connection: SocketConnection) -> Bool {
        let writer = ResponseWriter(
            connection: connection,
            request: request,
            writeTimeout: self.configuration.writeTimeout,
            closeAfterResponse: self.isStopping
        )
        let context = RouteContext(
            request: request,
            parameters: [:],
            writer: writer,
            isShuttingDown: { [self] in self.isStopping }
        )
        do {
            switch self.router.match(method: request.method, path: request.path) {
            case .found(let handler, let parameters):
                var bound = context
                bound.parameters = parameters
                try handler(bound)
                if !writer.hasStarted {
                    throw ResponseError.internalError("the route \(request.path) sent no response")
                }
                if writer.isStreaming { try writer.endStream() }
            case .methodNotAllowed(let allowed):
                throw ResponseError(
                    .methodNotAllowed,
                    APIError(
                        message: "\(request.method) is not allowed on \(request.path); use \(allowed.joined(separator: ", "))",
                        type: "invalid_request_error"
                    )
                )
            case .notFound:
                throw ResponseError.notFound("unknown route: \(request.method) \(request.path)")
            }
        } catch let error as ResponseError {
            try? writer.sendError(error)
        } catch let error as ConnectionError {
            Log.shared.debug("connection closed while answering \(request.path): \(error)")
            return false
        } catch {
            Log.shared.error("\(request.method) \(request.path) failed: \(describe(error))")
            try? writer.sendError(.internalError(describe(error)))
        }
        return !writer.mustClose
    }

    private func answerAndClose(_ connection: SocketConnection, _ error: ResponseError) {
        let body = (try? WireFormat.encode(ErrorResponse(error: error.error))) ?? []
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        headers.add("Content-Length", String(body.count))
        headers.add("Connection", "close")
        headers.add("Server", "seam-engine")
        try? connection.write(
            HTTPResponse.head(status: error.status, headers: headers) + body,
            deadline: .now + .seconds(2)
        )
    }

    private static func dispatchInterval(_ duration: Duration) -> DispatchTimeInterval {
        let (seconds, attoseconds) = duration.components
        return .milliseconds(Int(seconds * 1000 + attoseconds / 1_000_000_000_000_000))
    }
}
