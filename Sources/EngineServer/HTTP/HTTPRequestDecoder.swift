/// An incremental HTTP/1.1 request decoder in the shape of NIO's `ByteToMessageDecoder`: feed it
/// bytes as they arrive, then call `next()` until it answers `.needMoreData`.
///
/// It frames bodies by `Content-Length` or `Transfer-Encoding: chunked`, keeps bytes after a
/// request for the next one (pipelining), and enforces limits: an over-long request line is 414,
/// too many or too large header fields 431, a body over the limit 413, anything unparseable 400,
/// a version other than 1.x 505, a transfer coding other than chunked 501. After an error the
/// decoder must not be used again; the connection answers and closes.
///
/// Follows RFC 9112: leading empty lines are ignored, header names are tokens with no space before
/// the colon, obsolete line folding is rejected, `Transfer-Encoding` together with
/// `Content-Length` is rejected (request smuggling), and bare LF line ends are accepted. A missing
/// `Host` is accepted: local clients over a Unix socket often omit it.
package struct HTTPRequestDecoder {
    /// Size limits; the defaults fit the engine's API (long prompts, short headers).
    package struct Limits: Sendable, Hashable {
        package var requestLineBytes: Int
        package var headerBytes: Int
        package var headerCount: Int
        package var bodyBytes: Int

        package init(requestLineBytes: Int = 8192, headerBytes: Int = 32768, headerCount: Int = 100, bodyBytes: Int = 32 << 20) {
            self.requestLineBytes = requestLineBytes
            self.headerBytes = headerBytes
            self.headerCount = headerCount
            self.bodyBytes = bodyBytes
        }
    }

    /// What `next()` found.
    package enum Event: Sendable, Hashable {
        /// A whole request.
        case request(HTTPRequest)
        /// The head of a request with `Expect: 100-continue` whose body has not arrived: the
        /// connection should answer `100 Continue`, then keep feeding.
        case continueExpected
        /// Nothing complete yet.
        case needMoreData
    }

    private enum State: Hashable {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
    }

    private struct Head {
        var method: String
        var target: String
        var major: Int
        var minor: Int
        var headers: HTTPHeaders
    }

    package let limits: Limits
    private var buffer: [UInt8] = []
    private var position = 0
    private var scanPosition = 0
    private var state = State.head
    private var head: Head?
    private var body: [UInt8] = []
    private var trailerBytes = 0

    package init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Appends received bytes.
    package mutating func feed<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if self.position > 0 && self.position == self.buffer.count {
            self.buffer.removeAll(keepingCapacity: true)
            self.position = 0
            self.scanPosition = 0
        }
        self.buffer.append(contentsOf: bytes)
    }

    /// True when part of a request has been received (a partial head or body).
    package var hasPartialRequest: Bool {
        self.state != .head || self.buffer[self.position...].contains { $0 != 13 && $0 != 10 }
    }

    /// True once the head of the current request is complete and its body is being read.
    package var isReadingBody: Bool { self.state != .head }

    /// Decodes as far as the buffered bytes allow.
    package mutating func next() throws(HTTPDecodingError) -> Event {
        while true {
            switch self.state {
            case .head:
                guard let head = try self.decodeHead() else { return .needMoreData }
                let expectsContinue = head.headers.tokens("Expect").contains("100-continue")
                self.head = head
                self.body = []
                try self.chooseBodyFraming(head)
                if self.state == .head { return .request(self.finishRequest()) }
                if expectsContinue && head.minor >= 1 && self.position == self.buffer.count {
                    return .continueExpected
                }
            case .fixedBody(let remaining):
                let available = min(remaining, self.buffer.count - self.position)
                self.body.append(contentsOf: self.buffer[self.position..<(self.position + available)])
                self.position += available
                if remaining == available {
                    self.state = .head
                    return .request(self.finishRequest())
                }
                self.state = .fixedBody(remaining: remaining - available)
                self.compact()
                return .needMoreData
            case .chunkSize:
                guard let line = try self.takeLine(limit: 4096, error: "chunk size line too long") else {
                    return .needMoreData
                }
                let sizeText = line.split(separator: UInt8(ascii: ";"), maxSplits: 1, omittingEmptySubsequences: false)[0]
                guard let size = Self.parseHex(sizeText) else {
                    throw HTTPDecodingError(.badRequest, "invalid chunk size")
                }
                if size == 0 {
                    self.state = .trailers
                    self.trailerBytes = 0
                    continue
                }
                guard size <= self.limits.bodyBytes - self.body.count else {
                    throw HTTPDecodingError(.payloadTooLarge, "request body larger than \(self.limits.bodyBytes) bytes")
                }
                self.state = .chunkData(remaining: size)
            case .chunkData(let remaining):
                let available = min(remaining, self.buffer.count - self.position)
                self.body.append(contentsOf: self.buffer[self.position..<(self.position + available)])
                self.position += available
                if remaining == available {
                    self.state = .chunkDataEnd
                    continue
                }
                self.state = .chunkData(remaining: remaining - available)
                self.compact()
                return .needMoreData
            case .chunkDataEnd:
                guard let line = try self.takeLine(limit: 2, error: "missing CRLF after chunk data") else {
                    return .needMoreData
                }
                guard line.isEmpty else { throw HTTPDecodingError(.badRequest, "missing CRLF after chunk data") }
                self.state = .chunkSize
            case .trailers:
                let before = self.position
                guard let line = try self.takeLine(limit: self.limits.headerBytes, error: "trailer section too large") else {
                    return .needMoreData
                }
                self.trailerBytes += self.position - before
                guard self.trailerBytes <= self.limits.headerBytes else {
                    throw HTTPDecodingError(.headersTooLarge, "trailer section too large")
                }
                if line.isEmpty {
                    self.state = .head
                    return .request(self.finishRequest())
                }
            }
        }
    }

    // MARK: - Head

    private mutating func decodeHead() throws(HTTPDecodingError) -> Head? {
        // Ignore empty lines before a request line (RFC 9112 §2.2).
        while self.position < self.buffer.count, self.buffer[self.position] == 13 || self.buffer[self.position] == 10 {
            self.position += 1
        }
        self.scanPosition = max(self.scanPosition, self.position)
        guard let end = self.findHeadEnd() else {
            let pending = self.buffer.count - self.position
            if pending > self.limits.headerBytes {
                throw HTTPDecodingError(.headersTooLarge, "request head larger than \(self.limits.headerBytes) bytes")
            }
            if pending > self.limits.requestLineBytes,
                !self.buffer[self.position...].prefix(self.limits.requestLineBytes + 1).contains(10)
            {
                throw HTTPDecodingError(.uriTooLong, "request line longer than \(self.limits.requestLineBytes) bytes")
            }
            return nil
        }
        guard end - self.position <= self.limits.headerBytes + 4 else {
            throw HTTPDecodingError(.headersTooLarge, "request head larger than \(self.limits.headerBytes) bytes")
        }
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = self.position
        for index in self.position..<end where self.buffer[index] == 10 {
            var line = self.buffer[lineStart..<index]
            if line.last == 13 { line = line.dropLast() }
            lines.append(line)
            lineStart = index + 1
        }
        self.position = end
        self.scanPosition = end
        // The last line is the empty one that ends the head.
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first else { throw HTTPDecodingError(.badRequest, "empty request") }
        guard requestLine.count <= self.limits.requestLineBytes else {
            throw HTTPDecodingError(.uriTooLong, "request line longer than \(self.limits.requestLineBytes) bytes")
        }
        var head = try Self.parseRequestLine(requestLine)
        let fieldLines = lines.dropFirst()
        guard fieldLines.count <= self.limits.headerCount else {
            throw HTTPDecodingError(.headersTooLarge, "more than \(self.limits.headerCount) header fields")
        }
        for line in fieldLines {
            let (name, value) = try Self.parseField(line)
            head.headers.add(name, value)
        }
        return head
    }

    /// The index just past the empty line that ends the head, searching from `scanPosition`.
    private mutating func findHeadEnd() -> Int? {
        var index = self.scanPosition
        let count = self.buffer.count
        while index < count {
            if self.buffer[index] == 10 {
                if index + 1 < count && self.buffer[index + 1] == 10 { return index + 2 }
                if index + 2 < count && self.buffer[index + 1] == 13 && self.buffer[index + 2] == 10 { return index + 3 }
            }
            index += 1
        }
        // Resume two bytes back so a terminator split across reads is still found.
        self.scanPosition = max(self.position, count - 2)
        return nil
    }

    private static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPDecodingError) -> Head {
        let parts = line.split(separator: 32, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw HTTPDecodingError(.badRequest, "malformed request line")
        }
        guard parts[0].allSatisfy(Self.isTokenByte) else {
            throw HTTPDecodingError(.badRequest, "malformed method")
        }
        let version = Array(parts[2])
        guard version.count == 8, version.starts(with: Array("HTTP/".utf8)), version[6] == UInt8(ascii: "."),
            let major = Self.digit(version[5]), let minor = Self.digit(version[7])
        else {
            throw HTTPDecodingError(.badRequest, "malformed HTTP version")
        }
        guard major == 1 else { throw HTTPDecodingError(.versionNotSupported, "only HTTP/1.x is supported") }
        guard parts[1].allSatisfy({ $0 > 32 && $0 < 127 }) else {
            throw HTTPDecodingError(.badRequest, "malformed request target")
        }
        var target = String(decoding: parts[1], as: UTF8.self)
        if target.hasPrefix("http://") || target.hasPrefix("https://") {
            // Absolute form: keep the path and query.
            let afterScheme = target[target.index(target.firstIndex(of: ":")!, offsetBy: 3)...]  // safe: prefix checked
            target = afterScheme.firstIndex(of: "/").map { String(afterScheme[$0...]) } ?? "/"
        } else if !target.hasPrefix("/") && target != "*" {
            throw HTTPDecodingError(.badRequest, "malformed request target")
        }
        return Head(
            method: String(decoding: parts[0], as: UTF8.self),
            target: target,
            major: major,
            minor: minor,
            headers: HTTPHeaders()
        )
    }

    private static func parseField(_ line: ArraySlice<UInt8>) throws(HTTPDecodingError) -> (String, String) {
        guard let first = line.first, first != 32, first != 9 else {
            throw HTTPDecodingError(.badRequest, "obsolete header line folding is not accepted")
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            throw HTTPDecodingError(.badRequest, "malformed header field")
        }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(Self.isTokenByte) else {
            throw HTTPDecodingError(.badRequest, "malformed header field name")
        }
        let value = line[(colon + 1)...]
        guard !value.contains(where: { ($0 < 32 && $0 != 9) || $0 == 127 }) else {
            throw HTTPDecodingError(.badRequest, "control character in header field value")
        }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self).trimmingSpaces())
    }

    // MARK: - Body

    private mutating func chooseBodyFraming(_ head: Head) throws(HTTPDecodingError) {
        let transferCodings = head.headers.tokens("Transfer-Encoding")
        let lengths = head.headers.values("Content-Length")
        if !transferCodings.isEmpty {
            guard lengths.isEmpty else {
                throw HTTPDecodingError(.badRequest, "both Transfer-Encoding and Content-Length are present")
            }
            guard transferCodings == ["chunked"] else {
                throw HTTPDecodingError(.notImplemented, "only the chunked transfer coding is supported")
            }
            self.state = .chunkSize
            return
        }
        guard !lengths.isEmpty else {
            self.state = .head
            return
        }
        var length: Int?
        for value in lengths {
            for part in value.split(separator: ",") {
                let text = part.trimmingSpaces()
                guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                    let parsed = Int(text)
                else {
                    throw HTTPDecodingError(.badRequest, "invalid Content-Length")
                }
                if let length, length != parsed {
                    throw HTTPDecodingError(.badRequest, "conflicting Content-Length values")
                }
                length = parsed
            }
        }
        let bodyLength = length ?? 0
        guard bodyLength <= self.limits.bodyBytes else {
            throw HTTPDecodingError(.payloadTooLarge, "request body larger than \(self.limits.bodyBytes) bytes")
        }
        self.state = bodyLength > 0 ? .fixedBody(remaining: bodyLength) : .head
    }

    private mutating func finishRequest() -> HTTPRequest {
        let head = self.head ?? Head(method: "GET", target: "/", major: 1, minor: 1, headers: HTTPHeaders())
        self.head = nil
        let request = HTTPRequest(
            method: head.method,
            target: head.target,
            versionMajor: head.major,
            versionMinor: head.minor,
            headers: head.headers,
            body: self.body
        )
        self.body = []
        self.compact()
        return request
    }

    /// Drops consumed bytes once they are a large share of the buffer.
    private mutating func compact() {
        if self.position == self.buffer.count {
            self.buffer.removeAll(keepingCapacity: self.buffer.capacity <= 1 << 20)
            self.position = 0
            self.scanPosition = 0
        } else if self.position > 65536 {
            self.buffer.removeFirst(self.position)
            self.scanPosition -= self.position
            self.position = 0
        }
    }

    /// Takes one line (without its CRLF or LF) starting at `position`, or nil when it has not
    /// fully arrived; throws when it exceeds `limit` bytes.
    private mutating func takeLine(limit: Int, error: String) throws(HTTPDecodingError) -> ArraySlice<UInt8>? {
        let searchEnd = min(self.buffer.count, self.position + limit + 2)
        guard let newline = self.buffer[self.position..<searchEnd].firstIndex(of: 10) else {
            if self.buffer.count - self.position > limit + 1 { throw HTTPDecodingError(.badRequest, error) }
            return nil
        }
        var line = self.buffer[self.position..<newline]
        if line.last == 13 { line = line.dropLast() }
        self.position = newline + 1
        return line
    }

    private static func parseHex(_ text: ArraySlice<UInt8>) -> Int? {
        var trimmed = text
        while let last = trimmed.last, last == 32 || last == 9 { trimmed = trimmed.dropLast() }
        guard !trimmed.isEmpty, trimmed.count <= 15 else { return nil }
        var value = 0
        for byte in trimmed {
            let digit: Int
            switch byte {
            case 48...57: digit = Int(byte) - 48
            case 65...70: digit = Int(byte) - 55
            case 97...102: digit = Int(byte) - 87
            default: return nil
            }
            value = value * 16 + digit
        }
        return value
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= 48 && byte <= 57 ? Int(byte) - 48 : nil
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 48...57, 65...90, 97...122: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default: false
        }
    }
}

/// A request the decoder cannot accept, with the status to answer.
package struct HTTPDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    package var status: HTTPStatus
    package var message: String

    package init(_ status: HTTPStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    package var description: String { "\(self.status.code): \(self.message)" }
}
