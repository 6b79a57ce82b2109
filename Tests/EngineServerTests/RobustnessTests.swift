#if canImport(Glibc)
import Glibc
#endif

import Basics
import Dispatch
import EngineProtocol
import Inference
@testable import EngineServer
import TestSupport
import Testing

private func chatRequest(_ body: String) -> String {
    "POST /v1/chat/completions HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
}

@Suite("Robustness of the engine under bad and rude clients", .serialized, .dedicatedThreads)
struct RobustnessTests {
    @Test("a client that disconnects mid-stream stops its generation and leaks nothing")
    func disconnectStopsGeneration() throws {
        let server = try ModelServer()
        let connection = try RawConnection(server.socketPath)
        try connection.send(chatRequest(#"{"messages":[{"role":"user","content":"Go"}],"max_tokens":20000,"stream":true,"temperature":1,"seed":3}"#))
        let (status, received) = try connection.readEvents(3)
        #expect(status == 200)
        #expect(received.count == 3)
        connection.close()
        let state = try server.waitForState { $0.activeRequests == 0 }
        #expect(state.activeRequests == 0)
        #expect(state.queuedRequests == 0)
        // The stored state ends far short of the 20000 tokens asked for.
        let longest = state.sessions.map(\.tokens).max() ?? 0
        #expect(longest < 2000)
        #expect(try server.get("/health").status == 200)
    }

    @Test("an explicit cancel ends a stream normally")
    func explicitCancel() throws {
        let server = try ModelServer()
        let connection = try RawConnection(server.socketPath)
        try connection.send(chatRequest(#"{"messages":[{"role":"user","content":"Go"}],"max_tokens":20000,"stream":true,"temperature":1,"seed":4}"#))
        let (_, first) = try connection.readEvents(2)
        let id = try decode(ChatCompletionChunk.self, first[0]).id
        #expect(try server.post("/v1/engine/requests/\(id)/cancel", "").status == 200)
        let (_, all) = try connection.readEvents(until: "[DONE]", timeoutSeconds: 10)
        #expect(all.last == "[DONE]")
        let finish = try decode(ChatCompletionChunk.self, all[all.count - 2]).choices.first?.finishReason
        #expect(finish == .stop)
        #expect(try server.post("/v1/engine/requests/\(id)/cancel", "").status == 404)
        #expect(try server.waitForState { $0.activeRequests == 0 }.activeRequests == 0)
    }

    @Test("a reader that stops reading does not stall another client")
    func slowReaderIsolated() throws {
        // A small send buffer makes the unread stream block its writer quickly.
        let server = try ModelServer(configure: { $0.sendBufferBytes = 8192 })
        let slow = try RawConnection(server.socketPath)
        try slow.send(chatRequest(#"{"messages":[{"role":"user","content":"Slow"}],"max_tokens":1500,"stream":true,"temperature":1,"seed":5,"ignore_eos":true}"#))
        usleep(100_000)
        let started = ContinuousClock.now
        let fast = try server.post("/v1/chat/completions", #"{"messages":[{"role":"user","content":"Fast"}],"max_tokens":40,"temperature":0}"#)
        let elapsed = started.duration(to: .now)
        #expect(fast.status == 200)
        #expect(elapsed < .seconds(10))
        // The slow reader still gets its whole stream.
        let body = try slow.readResponse(timeoutSeconds: 60)
        let payloads = events(body.body)
        #expect(payloads.last == "[DONE]")
        // Far more than the socket buffer: its writer was blocked while the other client ran.
        #expect(body.body.count > 60_000)
    }

    @Test("malformed, truncated, oversized and trickled requests are handled and health still answers")
    func rudeInputs() throws {
        let server = try ModelServer(configure: { configuration in
            configuration.limits.bodyBytes = 64 * 1024
            configuration.bodyTimeout = .milliseconds(500)
            configuration.headerTimeout = .milliseconds(500)
        })
        // Malformed JSON and wrong types.
        for body in ["{", "[]", #"{"messages":"hi"}"#, #"{"messages":[{"role":"user","content":"x"}],"max_tokens":"ten"}"#, "\u{00}\u{01}\u{02}"] {
            let response = try server.post("/v1/chat/completions", body)
            #expect(response.status == 400, "\(body)")
            #expect((try? decode(ErrorResponse.self, response.text)) != nil)
        }
        // Invalid UTF-8 in the body.
        do {
            let invalid = try RawConnection(server.socketPath)
            let bytes: [UInt8] = Array(#"{"messages":[{"role":"user","content":""#.utf8) + [0xff, 0xfe] + Array(#""}]}"#.utf8)
            try invalid.send(Array("POST /v1/chat/completions HTTP/1.1\r\nContent-Length: \(bytes.count)\r\n\r\n".utf8) + bytes)
            #expect(try invalid.readResponse().status == 400)
        }
        // Oversized body: 413 before the body is read.
        let oversized = try RawConnection(server.socketPath)
        try oversized.send("POST /v1/chat/completions HTTP/1.1\r\nContent-Length: 10000000\r\n\r\n")
        #expect(try oversized.readResponse().status == 413)
        // Truncated body, then the client goes away.
        let truncated = try RawConnection(server.socketPath)
        try truncated.send("POST /v1/chat/completions HTTP/1.1\r\nContent-Length: 500\r\n\r\n{\"messages\":")
        truncated.shutdownWrite()
        #expect(truncated.isClosedByPeer())
        // A truncated body that stays open: 408 after the body timeout.
        let stalled = try RawConnection(server.socketPath)
        try stalled.send("POST /v1/chat/completions HTTP/1.1\r\nContent-Length: 500\r\n\r\n{\"messages\":")
        #expect(try stalled.readResponse(timeoutSeconds: 5).status == 408)
        // A request sent then abandoned before the answer.
        let abandoned = try RawConnection(server.socketPath)
        try abandoned.send(chatRequest(#"{"messages":[{"role":"user","content":"bye"}],"max_tokens":5000}"#))
        abandoned.close()
        // A body trickled in small pieces within the timeout is served.
        do {
            let trickle = try RawConnection(server.socketPath)
            let request = Array(chatRequest(#"{"messages":[{"role":"user","content":"slowly"}],"max_tokens":3,"temperature":0}"#).utf8)
            for start in stride(from: 0, to: request.count, by: 16) {
                try trickle.send(Array(request[start..<min(request.count, start + 16)]))
                usleep(5_000)
            }
            #expect(try trickle.readResponse().status == 200)
        }
        // Random garbage.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5 {
            let garbage = try RawConnection(server.socketPath)
            try garbage.send((0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) } + Array("\r\n\r\n".utf8))
            _ = try? garbage.readToEnd(timeoutSeconds: 5)
        }
        #expect(try server.get("/health").status == 200)
        let state = try server.waitForState { $0.activeRequests == 0 && $0.queuedRequests == 0 }
        #expect(state.activeRequests == 0)
        #expect(state.queuedRequests == 0)
        // Every connection is gone once its client is.
        let deadline = ContinuousClock.now + .seconds(5)
        while server.server.openConnectionCount > 0 && ContinuousClock.now < deadline { usleep(20_000) }
        #expect(server.server.openConnectionCount == 0)
    }

    @Test("many concurrent clients are all served")
    func concurrentClients() throws {
        let server = try ModelServer(schedulerConfiguration: { $0.maxActive = 4 })
        let results = LockedBox<[Int]>([])
        let group = DispatchGroup()
        for index in 0..<16 {
            group.enter()
            DispatchQueue.global().async {
                let status = (try? server.post(
                    "/v1/chat/completions",
                    #"{"messages":[{"role":"user","content":"client \#(index)"}],"max_tokens":12,"temperature":0,"stream":\#(index % 2 == 0)}"#
                ).status) ?? -1
                results.withLock { $0.append(status) }
                group.leave()
            }
        }
        #expect(group.wait(timeout: .now() + 120) == .success)
        #expect(results.value.count == 16)
        #expect(results.value.allSatisfy { $0 == 200 })
        #expect(try server.state().activeRequests == 0)
    }
}
