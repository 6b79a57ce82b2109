/// One decoded HTTP/1.x request with its whole body.
package struct HTTPRequest: Sendable, Hashable {
    /// The method as sent (`GET`, `POST`, …); methods are case-sensitive.
    package var method: String
    /// The request target as sent (`/v1/models?x=1`).
    package var target: String
    /// The target's path, without the query.
    package var path: String
    /// The target's query string without `?`, empty when there is none.
    package var query: String
    /// `(1, 1)` or `(1, 0)`.
    package var versionMajor: Int
    package var versionMinor: Int
    package var headers: HTTPHeaders
    package var body: [UInt8]

    package init(
        method: String,
        target: String,
        versionMajor: Int = 1,
        versionMinor: Int = 1,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = []
    ) {
        self.method = method
        self.target = target
        if let question = target.firstIndex(of: "?") {
            self.path = String(target[..<question])
            self.query = String(target[target.index(after: question)...])
        } else {
            self.path = target
            self.query = ""
        }
        self.versionMajor = versionMajor
        self.versionMinor = versionMinor
        self.headers = headers
        self.body = body
    }

    /// Whether the client wants the connection kept open after the response: HTTP/1.1 unless
    /// `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`.
    package var keepAlive: Bool {
        let connection = self.headers.tokens("Connection")
        if self.versionMinor >= 1 { return !connection.contains("close") }
        return connection.contains("keep-alive")
    }

    /// True for HTTP/1.0, whose clients cannot read chunked responses.
    package var isHTTP10: Bool { self.versionMajor == 1 && self.versionMinor == 0 }
}
