import Basics

/// HTTP/1.1 over a Unix socket or plain TCP, one connection per request (`Connection: close`).
struct SocketTransport: BlockingTransport {
    var endpoint: EngineEndpoint
    var connectTimeout: Duration
    /// The longest wait for the next bytes of an answer.
    var readTimeout: Duration
    var apiKey: String?

    func perform(
        _ request: ClientRequest,
        cancellation: CancellationHandle,
        onHead: (ResponseHead) throws(EngineClientError) -> Void,
        onBody: ([UInt8]) throws(EngineClientError) -> Bool
    ) throws(EngineClientError) {
        let descriptor: Int32
        switch self.endpoint {
        case .unixSocket(let path):
            descriptor = try SocketIO.connectUnix(path)
        case .http(let host, let port, _):
            descriptor = try SocketIO.connectTCP(host: host, port: port, timeout: self.connectTimeout)
        case .https:
            throw EngineClientError(.invalidEndpoint, "https endpoints go through URLSessionTransport")
        }
        defer {
            cancellation.detach()
            SocketIO.close(descriptor)
        }
        guard cancellation.attach(descriptor: descriptor) else {
            throw EngineClientError(.cancelled, "the request was cancelled")
        }
        do {
            try self.exchange(request, on: descriptor, onHead: onHead, onBody: onBody)
        } catch {
            if cancellation.isCancelled { throw EngineClientError(.cancelled, "the request was cancelled") }
            throw error
        }
    }

    private func exchange(
        _ request: ClientRequest,
        on descriptor: Int32,
        onHead: (ResponseHead) throws(EngineClientError) -> Void,
        onBody: ([UInt8]) throws(EngineClientError) -> Bool
    ) throws(EngineClientError) {
        var text = "\(request.method) \(self.endpoint.pathPrefix)\(request.path) HTTP/1.1\r\n"
        text += "Host: \(self.endpoint.hostHeader)\r\n"
        text += "User-Agent: seam\r\n"
        text += "Connection: close\r\n"
        if let apiKey = self.apiKey, !self.endpoint.isLocal { text += "Authorization: Bearer \(apiKey)\r\n" }
        for header in request.headers { text += "\(header.name): \(header.value)\r\n" }
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
            text += "Content-Length: \(request.body.count)\r\n"
        }
        text += "\r\n"
        try SocketIO.write(descriptor, Array(text.utf8) + request.body, deadline: .now + self.readTimeout)

        var decoder = HTTPResponseDecoder(headOnly: request.method == "HEAD")
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            switch try decoder.next() {
            case .head(let head):
                try onHead(head)
                continue
            case .body(let piece):
                if try !onBody(piece) { return }
                continue
            case .end:
                return
            case .needMoreData:
                break
            }
            let count = try SocketIO.read(descriptor, into: &buffer, deadline: .now + self.readTimeout)
            if count == 0 {
                switch try decoder.finish() {
                case .end: return
                default: continue
                }
            }
            decoder.feed(buffer[0..<count])
        }
    }
}
