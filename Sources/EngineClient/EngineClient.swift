import Basics
import EngineProtocol
import Foundation

/// A client for the engine's OpenAI-compatible HTTP API: the local engine over its Unix socket,
/// or a remote vLLM / SGLang / DeepSeek API endpoint over TCP or TLS.
///
/// Every call runs its blocking socket work on a thread of its own (never the cooperative pool)
/// and can be cancelled: cancelling the task (or ending the stream's iteration) shuts the
/// connection down, which the engine sees as a disconnect and stops generating. Errors are
/// `EngineClientError`; an OpenAI error answer is in its `apiError`.
package final class EngineClient: Sendable {
    /// Where the engine answers.
    package let endpoint: EngineEndpoint
    private let transport: any BlockingTransport

    /// - Parameters:
    ///   - apiKey: sent as `Authorization: Bearer …` to remote endpoints only.
    ///   - readTimeout: the longest wait for the next bytes of an answer (prefill of a long
    ///     prompt on a CPU can take minutes).
    package init(
        endpoint: EngineEndpoint,
        apiKey: String? = nil,
        connectTimeout: Duration = .seconds(10),
        readTimeout: Duration = .seconds(600)
    ) {
        self.endpoint = endpoint
        switch endpoint {
        case .unixSocket, .http:
            self.transport = SocketTransport(
                endpoint: endpoint,
                connectTimeout: connectTimeout,
                readTimeout: readTimeout,
                apiKey: apiKey
            )
        case .https:
            self.transport = URLSessionTransport(endpoint: endpoint, readTimeout: readTimeout, apiKey: apiKey)
        }
    }

    /// A client for `address` (`unix:PATH`, `http://…`, `https://…`) with the API key from the
    /// environment for remote endpoints.
    package convenience init(address: String, environment: [String: String] = ProcessEnvironment.current) throws(EngineClientError) {
        let endpoint = try EngineEndpoint(parsing: address)
        self.init(endpoint: endpoint, apiKey: endpoint.isLocal ? nil : Self.apiKey(environment: environment))
    }

    /// The API key for remote endpoints: `$SEAM_API_KEY`, else `$OPENAI_API_KEY`.
    package static func apiKey(environment: [String: String]) -> String? {
        for name in ["SEAM_API_KEY", "OPENAI_API_KEY"] {
            if let value = environment[name], !value.isEmpty { return value }
        }
        return nil
    }

    // MARK: - Typed calls

    /// `GET /health`. For remote servers without the engine's health answer (vLLM answers an
    /// empty 200, hosted APIs 404), the status is built from `GET /v1/models`.
    package func health() async throws -> HealthStatus {
        let response = try await self.send(ClientRequest(method: "GET", path: "/health"))
        if let health = try? WireFormat.decode(HealthStatus.self, from: response.body) { return health }
        if self.endpoint.isLocal || (response.status >= 500 && response.status != 501) {
            throw Self.failure(response, what: "health")
        }
        let models = try await self.models()
        return HealthStatus(status: .ok, model: models.data.first?.id ?? "unknown", bundledTinyModel: false)
    }

    /// `GET /v1/models`.
    package func models() async throws -> ModelList {
        try await self.get("/v1/models")
    }

    /// `GET /v1/engine/state` (the local engine only).
    package func engineState() async throws -> EngineState {
        try await self.get("/v1/engine/state")
    }

    /// `POST /v1/chat/completions` without streaming.
    package func chatCompletion(_ request: ChatCompletionRequest) async throws -> ChatCompletion {
        var request = request
        request.stream = false
        request.streamOptions = nil
        return try await self.post("/v1/chat/completions", request)
    }

    /// `POST /v1/chat/completions` streamed: the chunks as they arrive; the stream ends after
    /// `data: [DONE]` and throws `EngineClientError` on an error answer or error event. Ending
    /// the iteration early cancels the request.
    package func streamChatCompletion(_ request: ChatCompletionRequest) -> AsyncThrowingStream<ChatCompletionChunk, any Error> {
        var request = request
        request.stream = true
        return self.streamJSON(path: "/v1/chat/completions", body: request, as: ChatCompletionChunk.self)
    }

    /// `POST /v1/completions` without streaming.
    package func completion(_ request: CompletionRequest) async throws -> Completion {
        var request = request
        request.stream = false
        request.streamOptions = nil
        return try await self.post("/v1/completions", request)
    }

    /// `POST /v1/completions` streamed.
    package func streamCompletion(_ request: CompletionRequest) -> AsyncThrowingStream<Completion, any Error> {
        var request = request
        request.stream = true
        return self.streamJSON(path: "/v1/completions", body: request, as: Completion.self)
    }

    /// `POST /v1/tokenize`.
    package func tokenize(_ request: TokenizeRequest) async throws -> TokenizeResponse {
        try await self.post("/v1/tokenize", request)
    }

    /// `POST /v1/detokenize`.
    package func detokenize(_ request: DetokenizeRequest) async throws -> DetokenizeResponse {
        try await self.post("/v1/detokenize", request)
    }

    /// `POST /v1/engine/requests/{id}/cancel`: stops the generation with completion id `id` (the
    /// `id` of its chunks) on the local engine; its stream then ends normally. Ending a stream's
    /// iteration (or cancelling the task) does the same by disconnecting.
    package func cancel(completionID id: String) async throws {
        let response = try await self.send(ClientRequest(method: "POST", path: "/v1/engine/requests/\(id)/cancel"))
        guard (200..<300).contains(response.status) else { throw Self.failure(response, what: "cancel") }
    }

    /// `GET /v1/engine/sessions`.
    package func sessions() async throws -> SessionList {
        try await self.get("/v1/engine/sessions")
    }

    /// `POST /v1/engine/sessions/{id}/save`: writes a cached session to the engine's sessions
    /// directory under `name`.
    package func saveSession(id: String, name: String) async throws -> SessionFileResponse {
        try await self.post("/v1/engine/sessions/\(id)/save", SessionFileRequest(name: name))
    }

    /// `POST /v1/engine/sessions/restore`: loads a saved session back into the cache.
    package func restoreSession(name: String) async throws -> SessionFileResponse {
        try await self.post("/v1/engine/sessions/restore", SessionFileRequest(name: name))
    }

    // MARK: - Plumbing

    /// `GET path` decoded as `Value`; an error answer throws.
    package func get<Value: Decodable & Sendable>(_ path: String) async throws -> Value {
        let response = try await self.send(ClientRequest(method: "GET", path: path))
        return try Self.decode(response, as: Value.self, what: path)
    }

    /// `POST path` with `body` as JSON, the answer decoded as `Value`.
    package func post<Body: Encodable, Value: Decodable & Sendable>(_ path: String, _ body: Body) async throws -> Value {
        let response = try await self.send(try Self.jsonRequest(path: path, body: body))
        return try Self.decode(response, as: Value.self, what: path)
    }

    /// Sends `request` and collects the whole answer, whatever its status.
    package func send(_ request: ClientRequest) async throws -> ClientResponse {
        let cancellation = CancellationHandle()
        let transport = self.transport
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<ClientResponse, any Error>) in
                Thread.detachNewThread {
                    var head = ResponseHead(status: 0, headers: [])
                    var body: [UInt8] = []
                    do {
                        try transport.perform(
                            request,
                            cancellation: cancellation,
                            onHead: { head = $0 },
                            onBody: { piece in
                                body.append(contentsOf: piece)
                                return true
                            }
                        )
                        continuation.resume(returning: ClientResponse(head: head, body: body))
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
    }

    /// Sends `request` and yields the `data` of each server-sent event until `[DONE]`.
    package func streamEvents(_ request: ClientRequest) -> AsyncThrowingStream<[UInt8], any Error> {
        self.streamEvents(request) { (event: [UInt8]) throws(EngineClientError) -> [UInt8] in event }
    }

    /// Sends `request` and yields each server-sent event's `data` as `transform` turns it, until
    /// `[DONE]`. The connection's own thread reads, decodes and yields; ending the iteration early
    /// closes the connection at once (the engine then stops generating), with no task in between
    /// that would first have to be scheduled.
    private func streamEvents<Value: Sendable>(
        _ request: ClientRequest,
        transform: @escaping @Sendable ([UInt8]) throws(EngineClientError) -> Value
    ) -> AsyncThrowingStream<Value, any Error> {
        let cancellation = CancellationHandle()
        let transport = self.transport
        let (stream, continuation) = AsyncThrowingStream<Value, any Error>.makeStream()
        continuation.onTermination = { termination in
            if case .cancelled = termination { cancellation.cancel() }
        }
        Thread.detachNewThread {
            var status = 0
            var errorBody: [UInt8] = []
            var decoder = ServerSentEventDecoder()
            var finished = false
            do {
                try transport.perform(
                    request,
                    cancellation: cancellation,
                    onHead: { head in status = head.status },
                    onBody: { (piece: [UInt8]) throws(EngineClientError) -> Bool in
                        guard (200..<300).contains(status) else {
                            errorBody.append(contentsOf: piece)
                            return errorBody.count < 1 << 20
                        }
                        for event in decoder.feed(piece) {
                            if event.elementsEqual("[DONE]".utf8) {
                                finished = true
                                return false
                            }
                            if let error = try? WireFormat.decode(ErrorResponse.self, from: event) {
                                throw EngineClientError(.server, error.error.message, apiError: error.error)
                            }
                            continuation.yield(try transform(event))
                        }
                        return true
                    }
                )
                if !(200..<300).contains(status) {
                    throw Self.failure(ClientResponse(head: ResponseHead(status: status, headers: []), body: errorBody), what: request.path)
                }
                if !finished {
                    throw EngineClientError(.invalidResponse, "the stream ended without data: [DONE]")
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        return stream
    }

    private func streamJSON<Body: Encodable, Value: Decodable & Sendable>(
        path: String,
        body: Body,
        as type: Value.Type
    ) -> AsyncThrowingStream<Value, any Error> {
        let request: ClientRequest
        do {
            request = try Self.jsonRequest(path: path, body: body)
        } catch {
            return AsyncThrowingStream { $0.finish(throwing: error) }
        }
        return self.streamEvents(request) { (event: [UInt8]) throws(EngineClientError) -> Value in
            do {
                return try WireFormat.decode(Value.self, from: event)
            } catch {
                throw EngineClientError(
                    .invalidResponse,
                    "cannot decode an event of \(path): \(String(decoding: event.prefix(200), as: UTF8.self))"
                )
            }
        }
    }

    private static func jsonRequest<Body: Encodable>(path: String, body: Body) throws -> ClientRequest {
        let bytes: [UInt8]
        do {
            bytes = try WireFormat.encode(body)
        } catch {
            throw EngineClientError(.invalidResponse, "cannot encode the request to \(path): \(error)")
        }
        return ClientRequest(
            method: "POST",
            path: path,
            headers: [(name: "Content-Type", value: "application/json"), (name: "Accept", value: "application/json, text/event-stream")],
            body: bytes
        )
    }

    private static func decode<Value: Decodable>(_ response: ClientResponse, as type: Value.Type, what: String) throws -> Value {
        guard (200..<300).contains(response.status) else { throw Self.failure(response, what: what) }
        do {
            return try WireFormat.decode(type, from: response.body)
        } catch {
            throw EngineClientError(
                .invalidResponse,
                "unexpected answer from \(what): \(String(decoding: response.body.prefix(200), as: UTF8.self))"
            )
        }
    }

    /// The error for an error answer: the OpenAI error object's message when there is one.
    private static func failure(_ response: ClientResponse, what: String) -> EngineClientError {
        if let error = try? WireFormat.decode(ErrorResponse.self, from: response.body) {
            return EngineClientError(.server, error.error.message, status: response.status, apiError: error.error)
        }
        let text = String(decoding: response.body.prefix(200), as: UTF8.self)
        return EngineClientError(.server, "\(what) answered \(response.status)\(text.isEmpty ? "" : ": \(text)")", status: response.status)
    }
}
