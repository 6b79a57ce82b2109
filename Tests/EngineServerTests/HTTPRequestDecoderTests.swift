@testable import EngineServer
import Testing

/// Feeds `text` to a decoder in pieces of `pieceSize` bytes and collects the requests.
private func decodeAll(_ text: String, pieceSize: Int = 1 << 20, limits: HTTPRequestDecoder.Limits = .init())
    throws(HTTPDecodingError) -> [HTTPRequest]
{
    var decoder = HTTPRequestDecoder(limits: limits)
    var requests: [HTTPRequest] = []
    let bytes = Array(text.utf8)
    var offset = 0
    repeat {
        let end = min(bytes.count, offset + pieceSize)
        decoder.feed(bytes[offset..<end])
        offset = end
        loop: while true {
            switch try decoder.next() {
            case .request(let request): requests.append(request)
            case .continueExpected: continue
            case .needMoreData: break loop
            }
        }
    } while offset < bytes.count
    return requests
}

private func expectStatus(_ code: Int, _ text: String, limits: HTTPRequestDecoder.Limits = .init()) {
    do {
        let requests = try decodeAll(text, limits: limits)
        Issue.record("expected \(code), decoded \(requests.count) request(s)")
    } catch {
        #expect(error.status.code == code, "\(error.message)")
    }
}

@Suite("HTTP request decoder")
struct HTTPRequestDecoderTests {
    @Test("a GET decodes with its path, query and headers")
    func simpleGet() throws {
        let requests = try decodeAll("GET /v1/models?x=1 HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n")
        #expect(requests.count == 1)
        #expect(requests[0].method == "GET")
        #expect(requests[0].path == "/v1/models")
        #expect(requests[0].query == "x=1")
        #expect(requests[0].headers["accept"] == "*/*")
        #expect(requests[0].keepAlive)
    }

    @Test("bytes fed one at a time give the same request as one piece")
    func byteAtATime() throws {
        let text = "POST /v1/chat/completions HTTP/1.1\r\nContent-Length: 11\r\n\r\n{\"a\":\"bc\"}\n"
        let whole = try decodeAll(text)
        let pieces = try decodeAll(text, pieceSize: 1)
        #expect(whole == pieces)
        #expect(String(decoding: pieces[0].body, as: UTF8.self) == "{\"a\":\"bc\"}\n")
    }

    @Test("pipelined requests are decoded in order")
    func pipelined() throws {
        let text = "GET /a HTTP/1.1\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 2\r\n\r\nokGET /c HTTP/1.0\r\n\r\n"
        let requests = try decodeAll(text, pieceSize: 7)
        #expect(requests.map(\.path) == ["/a", "/b", "/c"])
        #expect(requests[1].body == Array("ok".utf8))
        #expect(!requests[2].keepAlive)
    }

    @Test("a chunked body with extensions and trailers is reassembled")
    func chunked() throws {
        let text = "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nTrailer: yes\r\n\r\n"
        for size in [1, 3, 1000] {
            let requests = try decodeAll(text, pieceSize: size)
            #expect(requests.count == 1)
            #expect(String(decoding: requests[0].body, as: UTF8.self) == "Wikipedia")
        }
    }

    @Test("Expect: 100-continue is surfaced before the body arrives")
    func expectContinue() throws {
        var decoder = HTTPRequestDecoder()
        decoder.feed(Array("POST /x HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8))
        #expect(try decoder.next() == .continueExpected)
        #expect(try decoder.next() == .needMoreData)
        decoder.feed(Array("abc".utf8))
        guard case .request(let request) = try decoder.next() else {
            Issue.record("expected a request")
            return
        }
        #expect(request.body == Array("abc".utf8))
    }

    @Test("leading empty lines and bare LF line ends are accepted")
    func lenientLineEnds() throws {
        let requests = try decodeAll("\r\n\r\nGET /h HTTP/1.1\nHost: x\n\n")
        #expect(requests.map(\.path) == ["/h"])
    }

    @Test("malformed request lines and header fields answer 400")
    func malformed() {
        expectStatus(400, "GARBAGE\r\n\r\n")
        expectStatus(400, "GET /x HTTP/1.1 extra\r\n\r\n")
        expectStatus(400, "GET x HTTP/1.1\r\n\r\n")
        expectStatus(400, "G(T /x HTTP/1.1\r\n\r\n")
        expectStatus(400, "GET /x HTTP/1.1\r\nNo-Colon\r\n\r\n")
        expectStatus(400, "GET /x HTTP/1.1\r\nBad Name: v\r\n\r\n")
        expectStatus(400, "GET /x HTTP/1.1\r\nA: b\r\n folded\r\n\r\n")
        expectStatus(400, "GET /x HTTP/1.1\r\nA: b\u{01}c\r\n\r\n")
        expectStatus(400, "GET /x HTTX/1.1\r\n\r\n")
    }

    @Test("conflicting or invalid body framing answers 400, unknown codings 501, HTTP/2 505")
    func framingErrors() {
        expectStatus(400, "POST /x HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")
        expectStatus(400, "POST /x HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd")
        expectStatus(400, "POST /x HTTP/1.1\r\nContent-Length: -3\r\n\r\n")
        expectStatus(400, "POST /x HTTP/1.1\r\nContent-Length: 0x10\r\n\r\n")
        expectStatus(400, "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
        expectStatus(400, "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n")
        expectStatus(501, "POST /x HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")
        expectStatus(505, "GET /x HTTP/2.0\r\n\r\n")
    }

    @Test("limits answer 413 for bodies, 431 for heads and 414 for request lines")
    func limits() {
        let limits = HTTPRequestDecoder.Limits(requestLineBytes: 64, headerBytes: 256, headerCount: 4, bodyBytes: 10)
        expectStatus(413, "POST /x HTTP/1.1\r\nContent-Length: 11\r\n\r\n", limits: limits)
        expectStatus(413, "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n", limits: limits)
        expectStatus(431, "GET /x HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\n\r\n", limits: limits)
        expectStatus(431, "GET /x HTTP/1.1\r\nA: " + String(repeating: "v", count: 300) + "\r\n\r\n", limits: limits)
        expectStatus(414, "GET /" + String(repeating: "p", count: 100), limits: limits)
    }

    @Test("an incomplete request reports that it is partial")
    func partial() throws {
        var decoder = HTTPRequestDecoder()
        #expect(!decoder.hasPartialRequest)
        decoder.feed(Array("\r\n".utf8))
        #expect(!decoder.hasPartialRequest)
        decoder.feed(Array("GET /x HT".utf8))
        #expect(try decoder.next() == .needMoreData)
        #expect(decoder.hasPartialRequest)
        #expect(!decoder.isReadingBody)
        decoder.feed(Array("TP/1.1\r\nContent-Length: 5\r\n\r\nab".utf8))
        #expect(try decoder.next() == .needMoreData)
        #expect(decoder.isReadingBody)
    }

    @Test("HTTP/1.0 keeps the connection only with Connection: keep-alive; 1.1 closes on close")
    func keepAliveRules() throws {
        let requests = try decodeAll(
            "GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.1\r\nConnection: close\r\n\r\n"
        )
        #expect(requests[0].keepAlive)
        #expect(!requests[1].keepAlive)
    }
}
