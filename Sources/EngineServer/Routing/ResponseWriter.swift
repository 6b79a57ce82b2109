import Basics
import EngineProtocol

/// Writes the response to one request: a whole response, or a stream of server-sent events
/// framed with chunked transfer coding (plain close-delimited for HTTP/1.0 clients).
///
/// Used only by the connection's thread. After a stream has started, an error is reported as
/// `data: {"error": …}` and the connection is closed (`mustClose`).
package final class ResponseWriter {
    private enum Phase {
        case notStarted
        case streaming(chunked: Bool)
        case finished
    }

    /// The connection the response goes to.
    package let connection: SocketConnection
    private let keepAliveRequested: Bool
    private let chunkedAllowed: Bool
    private let writeTimeout: Duration
    private var phase = Phase.notStarted
    /// True when the connection must close after this response.
    package private(set) var mustClose: Bool

    init(connection: SocketConnection, request: HTTPRequest, writeTimeout: Duration, closeAfterResponse: Bool) {
        self.connection = connection
        self.keepAliveRequested = request.keepAlive
        self.chunkedAllowed = !request.isHTTP10
        self.writeTimeout = writeTimeout
        self.mustClose = closeAfterResponse || !request.keepAlive
    }

    /// True once a status line has been written.
    package var hasStarted: Bool {
        if case .notStarted = self.phase { return false }
        return true
    }

    /// True while an event stream is open.
    package var isStreaming: Bool {
        if case .streaming = self.phase { return true }
        return false
    }

    /// Sends a whole response with `Content-Length`.
    package func send(_ response: HTTPResponse) throws(ConnectionError) {
        guard case .notStarted = self.phase else { return }
        var headers = response.headers
        headers.replace("Content-Length", String(response.body.count))
        self.addCommonHeaders(&headers)
        self.phase = .finished
        try self.write(HTTPResponse.head(status: response.status, headers: headers) + response.body)
    }

    /// Sends `value` as a JSON response.
    package func sendJSON<Value: Encodable>(_ value: Value, status: HTTPStatus = .ok) throws(ConnectionError) {
        let body: [UInt8]
        do {
            body = try WireFormat.encode(value)
        } catch {
            try self.sendError(.internalError("cannot encode the response: \(error)"))
            return
        }
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        try self.send(HTTPResponse(status: status, headers: headers, body: body))
    }

    /// Sends an OpenAI error object, or, when a stream has started, an error event and closes.
    package func sendError(_ error: ResponseError) throws(ConnectionError) {
        switch self.phase {
        case .notStarted:
            let body = (try? WireFormat.encode(ErrorResponse(error: error.error))) ?? Array("{}".utf8)
            var headers = HTTPHeaders()
            headers.add("Content-Type", "application/json")
            try self.send(HTTPResponse(status: error.status, headers: headers, body: body))
        case .streaming:
            self.mustClose = true
            let body = (try? WireFormat.encode(ErrorResponse(error: error.error))) ?? Array("{}".utf8)
            try self.sendEvent(body)
            try self.endStream()
        case .finished:
            return
        }
    }

    /// Marks the connection to close after this response (framing errors, shutdown).
    package func closeAfterResponse() {
        self.mustClose = true
    }

    /// Starts a `text/event-stream` response.
    package func beginEventStream(status: HTTPStatus = .ok) throws(ConnectionError) {
        guard case .notStarted = self.phase else { return }
        var headers = HTTPHeaders()
        headers.add("Content-Type", "text/event-stream; charset=utf-8")
        headers.add("Cache-Control", "no-cache")
        let chunked = self.chunkedAllowed
        if chunked {
            headers.add("Transfer-Encoding", "chunked")
        } else {
            self.mustClose = true
        }
        self.addCommonHeaders(&headers)
        self.phase = .streaming(chunked: chunked)
        try self.write(HTTPResponse.head(status: status, headers: headers))
    }

    /// Sends one event: `data: <payload>` and an empty line.
    package func sendEvent(_ payload: [UInt8]) throws(ConnectionError) {
        guard case .streaming(let chunked) = self.phase else { return }
        let event = Array("data: ".utf8) + payload + [10, 10]
        try self.write(chunked ? Self.chunk(event) : event)
    }

    /// Sends `value` as one JSON event.
    package func sendEvent<Value: Encodable>(json value: Value) throws(ConnectionError) {
        let payload: [UInt8]
        do {
            payload = try WireFormat.encode(value)
        } catch {
            try self.sendError(.internalError("cannot encode an event: \(error)"))
            return
        }
        try self.sendEvent(payload)
    }

    /// Ends the event stream (the zero-length chunk).
    package func endStream() throws(ConnectionError) {
        guard case .streaming(let chunked) = self.phase else { return }
        self.phase = .finished
        if chunked { try self.write(Array("0\r\n\r\n".utf8)) }
    }

    private func addCommonHeaders(_ headers: inout HTTPHeaders) {
        headers.replace("Server", "seam-engine")
        if self.mustClose {
            headers.replace("Connection", "close")
        } else if !self.chunkedAllowed {
            headers.replace("Connection", "keep-alive")
        }
    }

    private func write(_ bytes: [UInt8]) throws(ConnectionError) {
        do {
            try self.connection.write(bytes, deadline: .now + self.writeTimeout)
        } catch {
            self.mustClose = true
            self.phase = .finished
            throw error
        }
    }

    private static func chunk(_ bytes: [UInt8]) -> [UInt8] {
        Array(String(bytes.count, radix: 16).utf8) + [13, 10] + bytes + [13, 10]
    }
}
