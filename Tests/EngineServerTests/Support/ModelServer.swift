#if canImport(Glibc)
import Glibc
#endif

import Basics
import EngineProtocol
@testable import EngineServer
import Inference
import TestSupport
import Tokenization

/// A real engine on a temporary socket: the HTTP server, the scheduler and a real checkpoint
/// (the bundled tiny model by default), loaded and ready. Stopped on deinit.
final class ModelServer: Sendable {
    let directory: TemporaryDirectory
    let server: HTTPServer
    let scheduler: InferenceScheduler
    let service: EngineService
    let tokenizer: Tokenizer

    var socketPath: String { self.server.socketPath }

    init(
        model modelDirectory: String = RepositoryLayout.tinyModel,
        sessionDirectory: String? = nil,
        maxContext: Int? = nil,
        schedulerConfiguration: (inout InferenceScheduler.Configuration) -> Void = { _ in },
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) throws {
        self.directory = try TemporaryDirectory("gen")
        let model = try ModelDescriptor.load(directory: modelDirectory, maxContext: maxContext)
        let tokenizer = try Tokenizer(modelDirectory: model.directory)
        self.tokenizer = tokenizer
        var settings = InferenceScheduler.Configuration(cacheBudgetBytes: 256 << 20, maxContext: model.maxContext, modelFingerprint: model.fingerprint)
        schedulerConfiguration(&settings)
        let holder = LockedBox<EngineService?>(nil)
        let scheduler = InferenceScheduler(configuration: settings) {
            let (languageModel, facts) = try ModelBootstrap.loadDeepSeekV4(directory: model.directory, threads: 1, maxContext: model.maxContext)
            holder.value?.setRuntime(EngineRuntime(tokenizer: tokenizer, facts: facts))
            return languageModel
        }
        self.scheduler = scheduler
        let service = EngineService(model: model, scheduler: scheduler, sessionDirectory: sessionDirectory ?? self.directory.appending("sessions"))
        holder.withLock { $0 = service }
        self.service = service
        var configuration = ServerConfiguration(socketPath: self.directory.appending("engine.sock"))
        configure(&configuration)
        self.server = try HTTPServer(configuration: configuration, router: EngineRoutes.router(for: service))
        self.server.setCancelInFlight { scheduler.cancelAll() }
        try self.server.start()
        try scheduler.start()
        let deadline = ContinuousClock.now + .seconds(60)
        while service.loadState != .ready {
            if case .failed(let message) = service.loadState { throw SystemError("the model failed to load: \(message)", code: EIO) }
            guard ContinuousClock.now < deadline else { throw SystemError("the model did not load in 60 s", code: ETIMEDOUT) }
            usleep(10_000)
        }
    }

    deinit {
        self.server.stop()
        self.scheduler.stop()
    }

    /// POSTs `json` to `path` on a fresh connection and returns the whole answer.
    func post(_ path: String, _ json: String) throws -> RawResponse {
        let connection = try RawConnection(self.socketPath)
        try connection.send("POST \(path) HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: \(json.utf8.count)\r\n\r\n\(json)")
        return try connection.readResponse(timeoutSeconds: 60)
    }

    /// GETs `path`.
    func get(_ path: String) throws -> RawResponse {
        let connection = try RawConnection(self.socketPath)
        try connection.send("GET \(path) HTTP/1.1\r\n\r\n")
        return try connection.readResponse(timeoutSeconds: 60)
    }

    /// The engine state.
    func state() throws -> EngineState {
        try WireFormat.decode(EngineState.self, from: try self.get("/v1/engine/state").body)
    }

    /// Polls the engine state until `condition` holds or `seconds` pass; returns the last state.
    func waitForState(seconds: Double = 5, _ condition: (EngineState) -> Bool) throws -> EngineState {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        var state = try self.state()
        while !condition(state) && ContinuousClock.now < deadline {
            usleep(20_000)
            state = try self.state()
        }
        return state
    }
}

/// The `data:` payloads of a server-sent-event body, in order.
func events(_ body: [UInt8]) -> [String] {
    String(decoding: body, as: UTF8.self)
        .split(separator: "\n\n", omittingEmptySubsequences: true)
        .compactMap { event -> String? in
            let line = event.trimmingPrefix("\n")
            guard line.hasPrefix("data: ") else { return nil }
            return String(line.dropFirst(6))
        }
}

extension Substring {
    fileprivate func trimmingPrefix(_ text: String) -> Substring {
        var result = self
        while result.hasPrefix(text) { result = result.dropFirst(text.count) }
        return result
    }
}

/// Decodes a JSON event or body.
func decode<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
    try WireFormat.decode(type, from: Array(text.utf8))
}

/// A JSON string literal for `text`.
func jsonString(_ text: String) -> String {
    String(decoding: (try? WireFormat.encode(text)) ?? Array("\"\"".utf8), as: UTF8.self)
}
