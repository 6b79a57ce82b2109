/// A whole HTTP response: status, header fields and body.
package struct HTTPResponse: Sendable, Hashable {
    package var status: HTTPStatus
    package var headers: HTTPHeaders
    package var body: [UInt8]

    package init(status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The status line and header fields, ending with the empty line.
    static func head(status: HTTPStatus, headers: HTTPHeaders) -> [UInt8] {
        var text = "HTTP/1.1 \(status.code) \(status.reason)\r\n"
        for field in headers {
            text += field.name + ": " + field.value + "\r\n"
        }
        text += "\r\n"
        return Array(text.utf8)
    }
}
