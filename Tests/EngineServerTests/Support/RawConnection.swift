#if canImport(Glibc)
import Glibc
#endif

import Basics

/// A test client that writes arbitrary bytes to a Unix socket and reads raw HTTP answers, for
/// exercising the server with malformed, partial and pipelined input.
final class RawConnection {
    let descriptor: Int32
    /// Set by `close()`, so the descriptor is closed once: a second close could close a
    /// descriptor another test opened with the same number in the meantime.
    private var closed = false
    private var pending: [UInt8] = []
    /// Everything `readEvents` received.
    fileprivate var streamed: [UInt8] = []

    /// Connects to `path`.
    init(_ path: String) throws {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SystemError("socket") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8)
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            _ = Glibc.close(descriptor)
            throw SystemError("connect \(path)")
        }
        self.descriptor = descriptor
    }

    deinit {
        self.close()
    }

    /// Closes the connection (once); the server sees the client gone.
    func close() {
        guard !self.closed else { return }
        self.closed = true
        _ = Glibc.close(self.descriptor)
    }

    /// Sends `text` as UTF-8.
    func send(_ text: String) throws {
        try self.send(Array(text.utf8))
    }

    /// Sends raw bytes.
    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.send(self.descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }  // safe: non-empty
            guard written > 0 else { throw SystemError("send") }
            offset += written
        }
    }

    /// Closes the writing side (the server sees end of stream).
    func shutdownWrite() {
        _ = shutdown(self.descriptor, Int32(SHUT_WR))
    }

    /// Reads one whole response framed by Content-Length or chunked coding (or until close).
    func readResponse(timeoutSeconds: Int32 = 10) throws -> RawResponse {
        while true {
            if let response = try self.parse(closed: false) { return response }
            guard try self.fill(timeoutSeconds: timeoutSeconds) else {
                if let response = try self.parse(closed: true) { return response }
                throw SystemError("connection closed before a whole response", code: ECONNRESET)
            }
        }
    }

    /// Reads until the server closes the connection; returns everything received.
    func readToEnd(timeoutSeconds: Int32 = 10) throws -> [UInt8] {
        while try self.fill(timeoutSeconds: timeoutSeconds) {}
        defer { self.pending = [] }
        return self.pending
    }

    /// True when the server closed the connection within the timeout (after draining bytes).
    func isClosedByPeer(timeoutSeconds: Int32 = 5) -> Bool {
        (try? self.readToEnd(timeoutSeconds: timeoutSeconds)) != nil
    }

    /// Reads more bytes; false at end of stream. Throws on timeout.
    private func fill(timeoutSeconds: Int32) throws -> Bool {
        var poller = pollfd(fd: self.descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, timeoutSeconds * 1000) > 0 else { throw SystemError("timed out waiting for the server", code: ETIMEDOUT) }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = recv(self.descriptor, &buffer, buffer.count, 0)
        if count <= 0 { return false }
        self.pending.append(contentsOf: buffer[0..<count])
        return true
    }

    private func parse(closed: Bool) throws -> RawResponse? {
        guard let headEnd = self.pending.firstRange(of: Array("\r\n\r\n".utf8)) else { return nil }
        let headText = String(decoding: self.pending[..<headEnd.lowerBound], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let status = Int(statusLine.split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: " ")
        }
        let bodyStart = headEnd.upperBound
        if status == 100 {
            self.pending.removeFirst(bodyStart)
            return RawResponse(status: 100, headers: headers, body: [])
        }
        var body: [UInt8]
        var consumed: Int
        if let length = headers["content-length"].flatMap({ Int($0) }) {
            guard self.pending.count - bodyStart >= length else { return nil }
            body = Array(self.pending[bodyStart..<(bodyStart + length)])
            consumed = bodyStart + length
        } else if headers["transfer-encoding"] == "chunked" {
            body = []
            var cursor = bodyStart
            while true {
                guard let lineEnd = self.pending[cursor...].firstRange(of: Array("\r\n".utf8)) else { return nil }
                let size = Int(String(decoding: self.pending[cursor..<lineEnd.lowerBound], as: UTF8.self), radix: 16) ?? 0
                cursor = lineEnd.upperBound
                if size == 0 {
                    guard self.pending.count >= cursor + 2 else { return nil }
                    consumed = cursor + 2
                    break
                }
                guard self.pending.count >= cursor + size + 2 else { return nil }
                body.append(contentsOf: self.pending[cursor..<(cursor + size)])
                cursor += size + 2
            }
        } else {
            guard closed else { return nil }
            body = Array(self.pending[bodyStart...])
            consumed = self.pending.count
        }
        self.pending.removeFirst(consumed)
        return RawResponse(status: status, headers: headers, body: body)
    }
}

/// A raw HTTP answer.
struct RawResponse {
    var status: Int
    /// Header names lowercased.
    var headers: [String: String]
    var body: [UInt8]

    var text: String { String(decoding: self.body, as: UTF8.self) }
}

extension String {
    fileprivate func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        var result = self
        while result.first == character { result = result.dropFirst() }
        while result.last == character { result = result.dropLast() }
        return String(result)
    }
}

extension RawConnection {
    /// Reads a streamed answer's head and then `count` events (their `data:` payloads) as they
    /// arrive, without waiting for the end of the stream.
    /// Bytes are kept, so a later call sees the same stream from its start (pass a larger count,
    /// or `until:` an event such as `[DONE]`).
    func readEvents(_ count: Int = Int.max, until last: String? = nil, timeoutSeconds: Int32 = 30) throws -> (status: Int, events: [String]) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let headEnd = Array("\r\n\r\n".utf8)
        while true {
            if let head = self.streamed.firstRange(of: headEnd) {
                let statusLine = String(decoding: self.streamed[..<head.lowerBound], as: UTF8.self)
                let status = Int(statusLine.split(separator: " ")[1]) ?? 0
                // Whole lines only; chunk-size lines and blank lines are skipped.
                let body = self.streamed[head.upperBound...]
                let lastNewline = body.lastIndex(of: 10) ?? body.startIndex
                let lines = body[body.startIndex..<lastNewline].split(separator: 10)
                let prefix = Array("data: ".utf8)
                let payloads = lines.filter { $0.starts(with: prefix) }.map { String(decoding: $0.dropFirst(prefix.count), as: UTF8.self) }
                if payloads.count >= count || status != 200 || (last != nil && payloads.last == last) {
                    return (status, Array(payloads.prefix(count)))
                }
            }
            var poller = pollfd(fd: self.descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, timeoutSeconds * 1000) > 0 else { throw SystemError("timed out waiting for events", code: ETIMEDOUT) }
            let received = recv(self.descriptor, &buffer, buffer.count, 0)
            guard received > 0 else { throw SystemError("the stream closed early", code: ECONNRESET) }
            self.streamed.append(contentsOf: buffer[0..<received])
        }
    }
}
