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

/// Streams `count` chat chunks, `interval` apart, recording whether a write failed because the
/// client went away.
private func streamingRoute(_ router: inout Router, count: Int, interval: Duration, disconnected: LockedBox<Bool>) {
    router.add("POST", "/v1/chat/completions") { context in
        let request = try context.decodeBody(ChatCompletionRequest.self)
        try context.writer.beginEventStream()
        do {
            for index in 0..<count {
                let delta = index == 0 ? ChatCompletionChunk.Delta(role: "assistant", content: "") : .init(content: "t\(index)")
                try context.writer.sendEvent(
                    json: ChatCompletionChunk(id: "chatcmpl-x", created: 1, model: request.model ?? "", choices: [.init(index: 0, delta: delta)])
                )
                if interval > .zero { usleep(UInt32(interval.components.attoseconds / 1_000_000_000_000)) }
            }
            try context.writer.sendEvent(Array("[DONE]".utf8))
        } catch {
            disconnected.withLock { $0 = true }
            throw error
        }
    }
}

@Suite("Engine client over a real socket")
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

    @Test("a streamed chat completion arrives chunk by chunk and ends at [DONE]")
    func streaming() async throws {
        let disconnected = LockedBox(false)
        let engine = try ServedEngine { streamingRoute(&$0, count: 5, interval: .zero, disconnected: disconnected) }
        let client = EngineClient(endpoint: .unixSocket(path: engine.socketPath))
        var chunks: [ChatCompletionChunk] = []
        for try await chunk in client.streamChatCompletion(ChatCompletionRequest(model: "m", messages: [ChatMessage(role: "user", content: "hi")])) {
            chunks.append(chunk)
        }
        #expect(chunks.count == 5)
        #expect(chunks.first?.choices.first?.delta.role == "assistant")
        #expect(chunks.last?.choices.first?.delta.content == "t4")
        #expect(chunks.allSatisfy { $0.model == "m" })
    }

    @Test("ending the iteration early disconnects, and the server sees it")
    func cancellation() async throws {
        let disconnected = LockedBox(false)
        let engine = try ServedEngine { streamingRoute(&$0, count: 100_000, interval: .milliseconds(5), disconnected: disconnected) }
        let client = EngineClient(endpoint: .unixSocket(path: engine.socketPath))
        var received = 0
        for try await _ in client.streamChatCompletion(ChatCompletionRequest(model: "m", messages: [])) {
            received += 1
            if received == 3 { break }
        }
        #expect(received == 3)
        let deadline = ContinuousClock.now + .seconds(5)
        while !disconnected.value && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(disconnected.value)
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
