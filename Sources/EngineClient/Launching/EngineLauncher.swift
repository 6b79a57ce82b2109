#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Basics
import EngineProtocol

/// Connects to the local engine, starting it when nothing answers on the socket.
///
/// `connect` tries the socket; when no engine answers it starts
/// `seam-engine serve --model DIR --socket PATH` detached in the background (its output appended
/// to `logPath`), then polls `/health` until the model is loaded. Progress is reported through a
/// callback; a failure names the cause (the engine's last log line when it exited). Readiness is
/// judged by probing the engine, never by the clock alone: the wait gives up only after a probe
/// made past `startupTimeout` still finds the engine not ready.
package struct EngineLauncher: Sendable {
    /// What `connect` is doing, for a status line.
    package enum Progress: Sendable, Hashable {
        /// Trying the socket.
        case connecting
        /// Started the engine with this process id.
        case started(pid: Int32)
        /// The engine answers and is loading its model (0…1 when it says).
        case loading(progress: Double?)
        /// The engine is ready.
        case ready(HealthStatus)
    }

    /// The socket the engine listens on.
    package var socketPath: String
    /// The checkpoint to serve when the engine has to be started.
    package var modelDirectory: String
    /// The `seam-engine` executable.
    package var enginePath: String
    /// Where the started engine's output goes.
    package var logPath: String
    /// Extra arguments for `seam-engine serve` (`--threads`, `--max-context`).
    package var extraArguments: [String]
    /// How long to wait for the engine to load its model.
    package var startupTimeout: Duration
    /// The environment of the started engine.
    package var environment: [String: String]?
    /// How long to sleep between readiness probes.
    package var pollInterval: Duration

    package init(
        socketPath: String = Paths().defaultSocketPath,
        modelDirectory: String,
        enginePath: String? = nil,
        logPath: String = Paths().runtimeDirectory + "/engine.log",
        extraArguments: [String] = [],
        startupTimeout: Duration = .seconds(300),
        environment: [String: String]? = nil,
        pollInterval: Duration = .milliseconds(100)
    ) {
        self.socketPath = socketPath
        self.modelDirectory = modelDirectory
        self.enginePath = enginePath ?? Self.defaultEnginePath()
        self.logPath = logPath
        self.extraArguments = extraArguments
        self.startupTimeout = startupTimeout
        self.environment = environment
        self.pollInterval = pollInterval
    }

    /// `seam-engine` beside the running executable, else the name looked up on PATH.
    package static func defaultEnginePath() -> String {
        if let executable = FileSystem.executablePath() {
            let sibling = FileSystem.parent(of: executable) + "/seam-engine"
            if access(sibling, X_OK) == 0 { return sibling }
        }
        return "seam-engine"
    }

    /// Returns a client for a ready engine and its health, starting the engine if needed.
    package func connect(progress: @escaping @Sendable (Progress) -> Void = { _ in }) async throws -> (EngineClient, HealthStatus) {
        progress(.connecting)
        let client = EngineClient(endpoint: .unixSocket(path: self.socketPath), readTimeout: .seconds(30))
        var pid: Int32?
        if !Self.answers(self.socketPath) {
            pid = try self.startEngine()
            progress(.started(pid: pid ?? 0))
        }
        let deadline = ContinuousClock.now + self.startupTimeout
        var lastProblem = "no answer yet"
        while true {
            try Task.checkCancellation()
            // The clock is read before the probe, and the wait ends only after a probe that began
            // past the deadline: a task that slept far longer than asked (a busy cooperative pool
            // wakes it late) still sees an engine that became ready or exited meanwhile, instead
            // of timing out on a clock it was not running for.
            let pastDeadline = ContinuousClock.now >= deadline
            if let pid, let status = Subprocess.exitStatusIfFinished(pid) {
                throw EngineClientError(
                    .engineFailedToStart,
                    "seam-engine exited with status \(status) while starting: \(self.lastLogLine() ?? "no output") (log: \(self.logPath))"
                )
            }
            if Self.answers(self.socketPath) {
                do {
                    let health = try await client.health()
                    switch health.status {
                    case .ok:
                        progress(.ready(health))
                        return (EngineClient(endpoint: .unixSocket(path: self.socketPath)), health)
                    case .loading:
                        progress(.loading(progress: health.loadingProgress))
                        lastProblem = "still loading"
                    case .error:
                        throw EngineClientError(
                            .engineFailedToStart,
                            "seam-engine could not load \(health.modelDirectory ?? self.modelDirectory): \(health.message ?? "unknown error")"
                        )
                    }
                } catch let error as EngineClientError where error.code == .engineFailedToStart {
                    throw error
                } catch let error as EngineClientError where error.status == 503 {
                    lastProblem = error.message
                } catch {
                    lastProblem = describe(error)
                }
            }
            if pastDeadline { break }
            try await Task.sleep(for: self.pollInterval)
        }
        throw EngineClientError(
            .engineFailedToStart,
            "seam-engine did not become ready on \(self.socketPath) within \(self.startupTimeout.components.seconds) s (\(lastProblem); log: \(self.logPath))"
        )
    }

    /// True when something accepts connections on `path`.
    package static func answers(_ path: String) -> Bool {
        guard let descriptor = try? SocketIO.connectUnix(path) else { return false }
        SocketIO.close(descriptor)
        return true
    }

    private func startEngine() throws -> Int32 {
        let logDirectory = FileSystem.parent(of: self.logPath)
        do {
            try FileSystem.createDirectories(logDirectory, mode: 0o700)
        } catch {
            throw EngineClientError(.engineFailedToStart, "cannot create \(logDirectory) for the engine log", cause: error)
        }
        let arguments = ["serve", "--model", self.modelDirectory, "--socket", self.socketPath] + self.extraArguments
        do {
            return try Subprocess.spawnDetached(self.enginePath, arguments, logPath: self.logPath, environment: self.environment)
        } catch {
            throw EngineClientError(
                .engineFailedToStart,
                "cannot start \(self.enginePath) (build it with 'swift build' or put seam-engine on PATH)",
                cause: error
            )
        }
    }

    /// The last non-empty line of the engine's log.
    private func lastLogLine() -> String? {
        let descriptor = open(self.logPath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let size = lseek(descriptor, 0, SEEK_END)
        let start = max(0, size - 4096)
        lseek(descriptor, start, SEEK_SET)
        var buffer = [UInt8](repeating: 0, count: Int(size - start))
        let count = read(descriptor, &buffer, buffer.count)
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self)
        return text.split(separator: "\n").last(where: { !$0.allSatisfy { $0 == " " } }).map(String.init)
    }
}
