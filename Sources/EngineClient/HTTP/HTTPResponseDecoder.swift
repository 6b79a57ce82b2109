/// An incremental HTTP/1.1 response decoder: feed bytes, take events (the head, pieces of the
/// body, the end). Bodies framed by `Content-Length`, chunked coding, or the end of the stream.
/// Interim `1xx` answers are skipped.
struct HTTPResponseDecoder {
    /// What `next()` found.
    enum Event {
        case head(ResponseHead)
        case body([UInt8])
        case end
        case needMoreData
    }

    private enum State {
        case head
        case fixed(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case untilClose
        case done
    }

    private var buffer: [UInt8] = []
    private var position = 0
    private var state = State.head
    private let headOnly: Bool
    private let headLimit = 65536

    /// - Parameter headOnly: the request was HEAD, so no body follows any head.
    init(headOnly: Bool = false) {
        self.headOnly = headOnly
    }

    mutating func feed(_ bytes: ArraySlice<UInt8>) {
        if self.position == self.buffer.count {
            self.buffer.removeAll(keepingCapacity: true)
            self.position = 0
        } else if self.position > 65536 {
            self.buffer.removeFirst(self.position)
            self.position = 0
        }
        self.buffer.append(contentsOf: bytes)
    }

    /// Called at end of stream: the end of a close-delimited body, an error anywhere else.
    mutating func finish() throws(EngineClientError) -> Event {
        switch self.state {
        case .untilClose:
            self.state = .done
            return .end
        case .done:
            return .end
        default:
            throw EngineClientError(.invalidResponse, "the server closed the connection in the middle of its answer")
        }
    }

    mutating func next() throws(EngineClientError) -> Event {
        while true {
            switch self.state {
            case .head:
                guard let head = try self.decodeHead() else { return .needMoreData }
                if head.status < 200 { continue }
                self.state = try self.framing(for: head)
                return .head(head)
            case .fixed(let remaining):
                if remaining == 0 {
                    self.state = .done
                    return .end
                }
                let available = min(remaining, self.buffer.count - self.position)
                guard available > 0 else { return .needMoreData }
                let piece = Array(self.buffer[self.position..<(self.position + available)])
                self.position += available
                self.state = .fixed(remaining: remaining - available)
                return .body(piece)
            case .chunkSize:
                guard let line = try self.takeLine() else { return .needMoreData }
                let sizeText = line.prefix { $0 != UInt8(ascii: ";") && $0 != 32 }
                guard let size = Int(String(decoding: sizeText, as: UTF8.self), radix: 16), size >= 0 else {
                    throw EngineClientError(.invalidResponse, "invalid chunk size in the answer")
                }
                self.state = size == 0 ? .trailers : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let available = min(remaining, self.buffer.count - self.position)
                guard available > 0 else { return .needMoreData }
                let piece = Array(self.buffer[self.position..<(self.position + available)])
                self.position += available
                self.state = remaining == available ? .chunkDataEnd : .chunkData(remaining: remaining - available)
                return .body(piece)
            case .chunkDataEnd:
                guard let line = try self.takeLine() else { return .needMoreData }
                guard line.isEmpty else { throw EngineClientError(.invalidResponse, "missing CRLF after a chunk") }
                self.state = .chunkSize
            case .trailers:
                guard let line = try self.takeLine() else { return .needMoreData }
                if line.isEmpty {
                    self.state = .done
                    return .end
                }
            case .untilClose:
                guard self.position < self.buffer.count else { return .needMoreData }
                let piece = Array(self.buffer[self.position...])
                self.position = self.buffer.count
                return .body(piece)
            case .done:
                return .end
            }
        }
    }

    private mutating func decodeHead() throws(EngineClientError) -> ResponseHead? {
        var lines: [ArraySlice<UInt8>] = []
        var cursor = self.position
        while true {
            guard let newline = self.buffer[cursor...].firstIndex(of: 10) else {
                if self.buffer.count - self.position > self.headLimit {
                    throw EngineClientError(.invalidResponse, "the answer's head is too large")
                }
                return nil
            }
            var line = self.buffer[cursor..<newline]
            if line.last == 13 { line = line.dropLast() }
            cursor = newline + 1
            if line.isEmpty {
                if lines.isEmpty { continue }
                break
            }
            lines.append(line)
        }
        self.position = cursor
        let statusLine = String(decoding: lines[0], as: UTF8.self)
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw EngineClientError(.invalidResponse, "the answer is not HTTP/1.x: '\(statusLine.prefix(80))'")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
            var value = String(decoding: line[(colon + 1)...], as: UTF8.self)
            while value.hasPrefix(" ") || value.hasPrefix("\t") { value.removeFirst() }
            while value.hasSuffix(" ") || value.hasSuffix("\t") { value.removeLast() }
            headers.append((name: name, value: value))
        }
        return ResponseHead(status: status, headers: headers)
    }

    private func framing(for head: ResponseHead) throws(EngineClientError) -> State {
        if self.headOnly || head.status == 204 || head.status == 304 { return .fixed(remaining: 0) }
        if let coding = head.header("Transfer-Encoding")?.lowercased(), coding.contains("chunked") { return .chunkSize }
        if let lengthText = head.header("Content-Length") {
            guard let length = Int(lengthText), length >= 0 else {
                throw EngineClientError(.invalidResponse, "invalid Content-Length in the answer")
            }
            return .fixed(remaining: length)
        }
        return .untilClose
    }

    private mutating func takeLine() throws(EngineClientError) -> ArraySlice<UInt8>? {
        guard let newline = self.buffer[self.position...].firstIndex(of: 10) else {
            if self.buffer.count - self.position > 8192 {
                throw EngineClientError(.invalidResponse, "an over-long line in the answer")
            }
            return nil
        }
        var line = self.buffer[self.position..<newline]
        if line.last == 13 { line = line.dropLast() }
        self.position = newline + 1
        return line
    }
}
