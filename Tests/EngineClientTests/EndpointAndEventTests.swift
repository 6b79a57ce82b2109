@testable import EngineClient
import Testing

@Suite("Endpoints and server-sent events")
struct EndpointAndEventTests {
    @Test("engine addresses parse into endpoints")
    func parsing() throws {
        #expect(try EngineEndpoint(parsing: "unix:/run/seam/engine.sock") == .unixSocket(path: "/run/seam/engine.sock"))
        #expect(try EngineEndpoint(parsing: "unix:///tmp/e.sock") == .unixSocket(path: "/tmp/e.sock"))
        #expect(try EngineEndpoint(parsing: "http://localhost:8000") == .http(host: "localhost", port: 8000, pathPrefix: ""))
        #expect(try EngineEndpoint(parsing: "http://h/v1") == .http(host: "h", port: 80, pathPrefix: ""))
        #expect(try EngineEndpoint(parsing: "https://api.deepseek.com/v1/") == .https(host: "api.deepseek.com", port: 443, pathPrefix: ""))
        #expect(try EngineEndpoint(parsing: "https://gw.example/proxy/v1") == .https(host: "gw.example", port: 443, pathPrefix: "/proxy"))
        #expect(try EngineEndpoint(parsing: "http://[::1]:9000") == .http(host: "::1", port: 9000, pathPrefix: ""))
        #expect(throws: EngineClientError.self) { try EngineEndpoint(parsing: "ftp://x") }
        #expect(throws: EngineClientError.self) { try EngineEndpoint(parsing: "http://h:99999") }
        #expect(throws: EngineClientError.self) { try EngineEndpoint(parsing: "unix:") }
    }

    @Test("the API key comes from SEAM_API_KEY, then OPENAI_API_KEY")
    func apiKey() {
        #expect(EngineClient.apiKey(environment: ["OPENAI_API_KEY": "o"]) == "o")
        #expect(EngineClient.apiKey(environment: ["OPENAI_API_KEY": "o", "SEAM_API_KEY": "s"]) == "s")
        #expect(EngineClient.apiKey(environment: [:]) == nil)
    }

    @Test("events split across reads, with CRLF, comments and multi-line data")
    func sseDecoding() {
        let stream = ": keep-alive\r\ndata: {\"a\":1}\r\n\r\nevent: x\ndata: line1\ndata:line2\n\ndata: [DONE]\n\n"
        var whole = ServerSentEventDecoder()
        let expected = whole.feed(Array(stream.utf8)).map { String(decoding: $0, as: UTF8.self) }
        #expect(expected == ["{\"a\":1}", "line1\nline2", "[DONE]"])
        var pieces = ServerSentEventDecoder()
        var collected: [String] = []
        for byte in stream.utf8 {
            collected += pieces.feed([byte]).map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(collected == expected)
    }

    @Test("a response decoder reads chunked and length-framed bodies and skips 100 Continue")
    func responseDecoding() throws {
        var decoder = HTTPResponseDecoder()
        decoder.feed(ArraySlice("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n".utf8))
        var body: [UInt8] = []
        var status = 0
        loop: while true {
            switch try decoder.next() {
            case .head(let head): status = head.status
            case .body(let piece): body += piece
            case .end: break loop
            case .needMoreData: Issue.record("unexpected end of input"); break loop
            }
        }
        #expect(status == 200)
        #expect(body == Array("abc".utf8))
    }
}
