#if canImport(Glibc)
import Glibc
#endif

import Basics
import EngineProtocol
@testable import EngineServer
import TestSupport
import Testing

private func decodeError(_ response: RawResponse) throws -> APIError {
    try WireFormat.decode(ErrorResponse.self, from: response.body).error
}

@Suite("Engine server over a real Unix socket", .dedicatedThreads)
struct HTTPServerTests {
    @Test("answers /health and /v1/models for the bundled checkpoint")
    func healthAndModels() throws {
        let server = try TestServer()
        let health = try server.request("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(health.status == 200)
        #expect(health.headers["content-type"] == "application/json")
        let status = try WireFormat.decode(HealthStatus.self, from: health.body)
        #expect(status.status == .ok)
        #expect(status.model == "deepseek-v4-tiny")
        #expect(status.bundledTinyModel == true)
        #expect(status.notice?.contains("random-weight") == true)

        let models = try server.request("GET /v1/models HTTP/1.1\r\n\r\n")
        #expect(models.status == 200)
        let list = try WireFormat.decode(ModelList.self, from: models.body)
        #expect(list.object == "list")
        #expect(list.data.map(\.id) == ["deepseek-v4-tiny"])
        #expect(list.data.first?.ownedBy == "seam")
    }

    @Test("/health answers 503 with progress while the model loads")
    func loading() throws {
        let server = try TestServer(state: .loading(progress: 0.25))
        let response = try server.request("GET /health HTTP/1.1\r\n\r\n")
        #expect(response.status == 503)
        let status = try WireFormat.decode(HealthStatus.self, from: response.body)
        #expect(status.status == .loading)
        #expect(status.loadingProgress == 0.25)
        server.service.setLoadState(.ready)
        #expect(try server.request("GET /health HTTP/1.1\r\n\r\n").status == 200)
    }

    @Test("a malformed request gets a 400 error object and the server keeps serving")
    func malformedThenHealthy() throws {
        let server = try TestServer()
        let connection = try RawConnection(server.socketPath)
        try connection.send("GARBAGE\r\n\r\n")
        let response = try connection.readResponse()
        #expect(response.status == 400)
        let error = try decodeError(response)
        #expect(error.type == "invalid_request_error")
        #expect(!error.message.isEmpty)
        #expect(connection.isClosedByPeer())
        #expect(try server.request("GET /health HTTP/1.1\r\n\r\n").status == 200)
    }

    @Test("unknown routes answer 404 and wrong methods 405 on a connection that stays open")
    func notFoundKeepsConnection() throws {
        let server = try TestServer()
        let connection = try RawConnection(server.socketPath)
        try connection.send("GET /nope HTTP/1.1\r\n\r\n")
        let missing = try connection.readResponse()
        #expect(missing.status == 404)
        #expect(try decodeError(missing).message.contains("/nope"))
        try connection.send("DELETE /health HTTP/1.1\r\n\r\n")
        #expect(try connection.readResponse().status == 405)
        try connection.send("GET /health HTTP/1.1\r\n\r\n")
        #expect(try connection.readResponse().status == 200)
    }

    @Test("an invalid JSON body gets a 400 naming the field, and the connection stays usable")
    func invalidJSONBody() throws {
        let server = try TestServer(router: { service in
            var router = EngineRoutes.router(for: service)
            router.add("POST", "/echo") { context in
                let request = try context.decodeBody(ChatCompletionRequest.self)
                try context.writer.sendJSON(request)
            }
            return router
        })
        let connection = try RawConnection(server.socketPath)
        let body = #"{"messages":[{"content":"no role"}]}"#
        try connection.send("POST /echo HTTP/1.1\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        let response = try connection.readResponse()
        #expect(response.status == 400)
        let error = try decodeError(response)
        #expect(error.param == "messages[0].role")
        let broken = "{not json"
        try connection.send("POST /echo HTTP/1.1\r\nContent-Length: \(broken.utf8.count)\r\n\r\n\(broken)")
        #expect(try connection.readResponse().status == 400)
        try connection.send("GET /health HTTP/1.1\r\n\r\n")
        #expect(try connection.readResponse().status == 200)
    }

    @Test("pipelined requests on one connection are answered in order")
    func pipelining() throws {
        let server = try TestServer()
        let connection = try RawConnection(server.socketPath)
        try connection.send("GET /health HTTP/1.1\r\n\r\nGET /v1/models HTTP/1.1\r\n\r\nGET /missing HTTP/1.1\r\nConnection: close\r\n\r\n")
        #expect(try connection.readResponse().status == 200)
        let models = try connection.readResponse()
        #expect(models.status == 200)
        #expect(models.text.contains("\"object\":\"list\""))
        let last = try connection.readResponse()
        #expect(last.status == 404)
        #expect(last.headers["connection"] == "close")
        #expect(connection.isClosedByPeer())
    }

    @Test("an oversized body gets 413 and the server keeps serving")
    func oversized() throws {
        let server = try TestServer(configure: { $0.limits.bodyBytes = 1024 })
        let response = try server.request("POST /v1/models HTTP/1.1\r\nContent-Length: 5000\r\n\r\n")
        #expect(response.status == 413)
        #expect(try decodeError(response).message.contains("1024"))
        #expect(try server.request("GET /health HTTP/1.1\r\n\r\n").status == 200)
    }

    @Test("a request head that never completes gets 408 after the header timeout")
    func headerTimeout() throws {
        let server = try TestServer(configure: { $0.headerTimeout = .milliseconds(300) })
        let connection = try RawConnection(server.socketPath)
        try connection.send("GET /health HTTP/1.1\r\nHost: slow")
        let response = try connection.readResponse(timeoutSeconds: 5)
        #expect(response.status == 408)
        #expect(connection.isClosedByPeer())
        #expect(try server.request("GET /health HTTP/1.1\r\n\r\n").status == 200)
    }

    @Test("a body that stops arriving gets 408 after the body timeout")
    func bodyTimeout() throws {
        let server = try TestServer(configure: { $0.bodyTimeout = .milliseconds(300) })
        let connection = try RawConnection(server.socketPath)
        try connection.send("POST /v1/models HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"partial")
        let response = try connection.readResponse(timeoutSeconds: 5)
        #expect(response.status == 408)
        #expect(try decodeError(response).message.contains("body"))
    }

    @Test("an idle keep-alive connection is closed after the idle timeout")
    func idleTimeout() throws {
        let server = try TestServer(configure: { $0.idleTimeout = .milliseconds(200) })
        let connection = try RawConnection(server.socketPath)
        try connection.send("GET /health HTTP/1.1\r\n\r\n")
        #expect(try connection.readResponse().status == 200)
        #expect(connection.isClosedByPeer(timeoutSeconds: 5))
    }

    @Test("connections past the limit get 503 and are closed")
    func connectionLimit() throws {
        let server = try TestServer(configure: { $0.maxConnections = 2 })
        let first = try RawConnection(server.socketPath)
        let second = try RawConnection(server.socketPath)
        try first.send("GET /health HTTP/1.1\r\n\r\n")
        #expect(try first.readResponse().status == 200)
        try second.send("GET /health HTTP/1.1\r\n\r\n")
        #expect(try second.readResponse().status == 200)
        let third = try RawConnection(server.socketPath)
        let refused = try third.readResponse()
        #expect(refused.status == 503)
        #expect(try decodeError(refused).message.contains("too many connections"))
        _ = first
        _ = second
    }

    @Test("a peer of another uid is refused with 403 (SO_PEERCRED)")
    func otherUserRefused() throws {
        let server = try TestServer(configure: { $0.allowedUserID = getuid() &+ 1 })
        let connection = try RawConnection(server.socketPath)
        // The server answers and closes at once, before any request.
        let response = try connection.readResponse()
        #expect(response.status == 403)
        #expect(try decodeError(response).type == "permission_error")
        #expect(connection.isClosedByPeer())
        #expect(server.server.refusedPeerCount == 1)
    }

    @Test("HTTP/1.0 requests are answered and closed")
    func http10() throws {
        let server = try TestServer()
        let connection = try RawConnection(server.socketPath)
        try connection.send("GET /health HTTP/1.0\r\n\r\n")
        let response = try connection.readResponse()
        #expect(response.status == 200)
        #expect(connection.isClosedByPeer())
    }
}
