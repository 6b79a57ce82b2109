/// An HTTP status code with its reason phrase.
package struct HTTPStatus: Sendable, Hashable, CustomStringConvertible {
    package var code: Int
    package var reason: String

    package init(_ code: Int, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    package var description: String { "\(self.code) \(self.reason)" }

    package static let continue100 = HTTPStatus(100, "Continue")
    package static let ok = HTTPStatus(200, "OK")
    package static let badRequest = HTTPStatus(400, "Bad Request")
    package static let unauthorized = HTTPStatus(401, "Unauthorized")
    package static let forbidden = HTTPStatus(403, "Forbidden")
    package static let notFound = HTTPStatus(404, "Not Found")
    package static let methodNotAllowed = HTTPStatus(405, "Method Not Allowed")
    package static let requestTimeout = HTTPStatus(408, "Request Timeout")
    package static let conflict = HTTPStatus(409, "Conflict")
    package static let lengthRequired = HTTPStatus(411, "Length Required")
    package static let payloadTooLarge = HTTPStatus(413, "Payload Too Large")
    package static let uriTooLong = HTTPStatus(414, "URI Too Long")
    package static let unsupportedMediaType = HTTPStatus(415, "Unsupported Media Type")
    package static let unprocessableEntity = HTTPStatus(422, "Unprocessable Entity")
    package static let tooManyRequests = HTTPStatus(429, "Too Many Requests")
    package static let headersTooLarge = HTTPStatus(431, "Request Header Fields Too Large")
    package static let internalServerError = HTTPStatus(500, "Internal Server Error")
    package static let notImplemented = HTTPStatus(501, "Not Implemented")
    package static let serviceUnavailable = HTTPStatus(503, "Service Unavailable")
    package static let versionNotSupported = HTTPStatus(505, "HTTP Version Not Supported")
}
