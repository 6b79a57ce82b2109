#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the HTTP server listens and what it tolerates.
package struct ServerConfiguration: Sendable {
    /// The Unix socket's path.
    package var socketPath: String
    /// The engine-owned directory (the default runtime directory): must belong to this user and
    /// is kept at 0700. nil for a `--socket` elsewhere.
    package var managedDirectory: String?
    /// The only user id whose connections are served (SO_PEERCRED); others get 403 and are
    /// closed. Defaults to this process's user; tests inject another to exercise the refusal.
    package var allowedUserID: uid_t
    /// Connections served at once; more get 503 and are closed.
    package var maxConnections: Int
    package var limits: HTTPRequestDecoder.Limits
    /// Time allowed from a request's first byte to the end of its head.
    package var headerTimeout: Duration
    /// Time allowed for a request's body once its head has arrived.
    package var bodyTimeout: Duration
    /// How long an idle keep-alive connection stays open.
    package var idleTimeout: Duration
    /// How long a write may wait for a slow reader before the connection is dropped.
    package var writeTimeout: Duration
    /// On stop: how long in-flight requests may run before they are cancelled.
    package var shutdownGracePeriod: Duration
    /// The kernel send buffer of each connection (SO_SNDBUF); nil keeps the system default.
    package var sendBufferBytes: Int?

    package init(
        socketPath: String,
        managedDirectory: String? = nil,
        allowedUserID: uid_t = getuid(),
        maxConnections: Int = 64,
        limits: HTTPRequestDecoder.Limits = HTTPRequestDecoder.Limits(),
        headerTimeout: Duration = .seconds(10),
        bodyTimeout: Duration = .seconds(60),
        idleTimeout: Duration = .seconds(300),
        writeTimeout: Duration = .seconds(60),
        shutdownGracePeriod: Duration = .seconds(3),
        sendBufferBytes: Int? = nil
    ) {
        self.socketPath = socketPath
        self.managedDirectory = managedDirectory
        self.allowedUserID = allowedUserID
        self.maxConnections = maxConnections
        self.limits = limits
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.writeTimeout = writeTimeout
        self.shutdownGracePeriod = shutdownGracePeriod
        self.sendBufferBytes = sendBufferBytes
    }
}
