#if canImport(Glibc)
import Glibc
#endif

import Basics
import EngineClient
import EngineProtocol
import EngineServer
import Synchronization
import TestSupport
import Testing

@Suite("Engine client over a real socket", .dedicatedThreads)
struct EngineClientTests {
    @Test("health and models round trip over the Unix socket")
    func healthAndModels() async throws {
        let engine = try ServedEngine()
        let client = try EngineClient(address: "unix:\(engine.socketPath)")
        let health = try await client.health()
        #expect(health.status == .ok)
        #expect(health.model == "deepseek-v4-tiny")
        #expect(health.bundledTinyModel == true)
        let models = try await client.models()
        #expect(models.data.map(\.id) == ["deepseek-v4-tiny"])
    }

    @Test("the health of a loading engine is returned, not thrown")
    func loadingHealth() async throws {
        let engine = try ServedEngine()
        engine.service.setLoadState(.loading(progress: 0.5))
        let health = try await EngineClient(endpoint: .unixSocket(path: engine.socketPath)).health()
        #expect(health.status == .loading)
        #expect(health.loadingProgress == 0.5)
    }

    @Test("an error answer becomes an EngineClientError carrying the OpenAI error object")
    func errorAnswer() async throws {
        let engine = try ServedEngine()
        let client = EngineClient(endpoint: .unixSocket(path: engine.socketPath))
        do {
            let _: ModelInfo = try await client.get("/v1/models/no-such-model")
            Issue.record("expected an error")
        } catch let error as EngineClientError {
            #expect(error.code == .server)
            #expect(error.status == 404)
            #expect(error.apiError?.code == "model_not_found")
        }
    }

    @Test("nothing listening gives a connection error naming the socket")
    func nothingListening() async throws {
        let directory = try TemporaryDirectory("none")
        let client = EngineClient(endpoint: .unixSocket(path: directory.appending("absent.sock")))
        do {
            _ = try await client.health()
            Issue.record("expected an error")
        } catch let error as EngineClientError {
            #expect(error.code == .connectionFailed)
            #expect(error.message.contains("absent.sock"))
        }
    }

    @Test("a streamed chat completion from the real engine arrives chunk by chunk and matches the whole answer")
    func streaming() async throws {
        let engine = try await LaunchedEngine()
        var request = ChatCompletionRequest(model: nil, messages: [ChatMessage(role: "user", content: "Write a loop")], maxTokens: 12, temperature: 0)
        let whole = try await engine.client.chatCompletion(request)
        request.streamOptions = StreamOptions(includeUsage: true)
        var chunks: [ChatCompletionChunk] = []
        for try await chunk in engine.client.streamChatCompletion(request) {
            chunks.append(chunk)
        }
        #expect(chunks.first?.choices.first?.delta.role == "assistant")
        #expect(Set(chunks.map(\.id)).count == 1)
        #expect(chunks.allSatisfy { $0.model == "deepseek-v4-tiny" })
        let content = chunks.compactMap { $0.choices.first?.delta.content }.joined()
        #expect(content == whole.choices.first?.message.content)
        #expect(chunks.last?.usage?.completionTokens == whole.usage?.completionTokens)
        #expect(chunks.compactMap { $0.choices.first?.finishReason } == [whole.choices.first?.finishReason].compactMap { $0 })
    }

    @Test("ending the iteration early disconnects, and the engine stops generating")
    func cancellation() async throws {
        let engine = try await LaunchedEngine()
        let maxTokens = 20000
        let request = ChatCompletionRequest(
            model: nil,
            messages: [ChatMessage(role: "user", content: "Go on forever")],
            maxTokens: maxTokens,
            temperature: 1,
            seed: 11,
            ignoreEOS: true
        )
        var received = 0
        for try await _ in engine.client.streamChatCompletion(request) {
            received += 1
            if received == 3 { break }
        }
        #expect(received == 3)
        // The engine sees the closed connection at its next write and cancels the request.
        let state = try await engine.state { $0.activeRequests == 0 }
        #expect(state.activeRequests == 0)
        // The generation's session holds the prompt and what was generated: more than was
        // received, and far less than max_tokens. Since EOS is ignored, only the disconnect
        // could have ended it early.
        let tokens = state.sessions.map(\.tokens).max() ?? 0
        #expect(tokens > received)
        #expect(tokens < maxTokens)
        // And it stays stopped.
        await Blocking.run { Blocking.sleep(for: .milliseconds(200)) }
        let later = try await engine.client.engineState()
        #expect(later.activeRequests == 0)
        #expect(later.sessions.map(\.tokens).sorted() == state.sessions.map(\.tokens).sorted())
    }

    @Test("a cancelled task cancels its request")
    func taskCancellation() async throws {
        let engine = try await LaunchedEngine()
        let client = engine.client
        let maxTokens = 20000
        let task = Task {
            try await client.chatCompletion(
                ChatCompletionRequest(model: nil, messages: [ChatMessage(role: "user", content: "Long")], maxTokens: maxTokens, ignoreEOS: true)
            )
        }
        // Cancel once the engine is generating for it.
        let generating = try await engine.state { $0.activeRequests == 1 }
        #expect(generating.activeRequests == 1)
        task.cancel()
        do {
            _ = try await task.value
            Issue.record("expected a cancellation")
        } catch let error as EngineClientError {
            #expect(error.code == .cancelled)
        }
        let state = try await engine.state { $0.activeRequests == 0 }
        #expect(state.activeRequests == 0)
        #expect(!state.sessions.isEmpty)
        #expect(state.sessions.allSatisfy { $0.tokens < maxTokens })
    }

    @Test("an error event after the stream started is thrown from the iteration")
    func errorEvent() async throws {
        let engine = try ServedEngine { router in
            router.add("POST", "/v1/chat/completions") { context in
                try context.writer.beginEventStream()
                try context.writer.sendEvent(json: ChatCompletionChunk(id: "c", created: 1, model: "m", choices: []))
                throw ResponseError.internalError("the model failed mid-stream")
            }
        }
        let client = EngineClient(endpoint: .unixSocket(path: engine.socketPath))
        var received = 0
        do {
            for try await _ in client.streamChatCompletion(ChatCompletionRequest(model: "m", messages: [])) { received += 1 }
            Issue.record("expected an error")
        } catch let error as EngineClientError {
            #expect(error.apiError?.message == "the model failed mid-stream")
        }
        #expect(received == 1)
    }

    @Test("a round trip over TCP through a forwarder reaches the same engine")
    func tcp() async throws {
        let engine = try ServedEngine()
        let forwarder = try TCPForwarder(to: engine.socketPath)
        let client = try EngineClient(address: "http://127.0.0.1:\(forwarder.port)/v1")
        let models = try await client.models()
        #expect(models.data.first?.id == "deepseek-v4-tiny")
        let health = try await client.health()
        #expect(health.model == "deepseek-v4-tiny")
    }
}
