import EngineProtocol

/// An error a route answers with: the HTTP status and the OpenAI error object.
package struct ResponseError: Error, Sendable, CustomStringConvertible {
    package var status: HTTPStatus
    package var error: APIError

    package init(_ status: HTTPStatus, _ error: APIError) {
        self.status = status
        self.error = error
    }

    package var description: String { "\(self.status.code) \(self.error.message)" }

    /// 400 `invalid_request_error`.
    package static func badRequest(_ message: String, param: String? = nil, code: String? = nil) -> ResponseError {
        ResponseError(.badRequest, APIError(message: message, type: "invalid_request_error", param: param, code: code))
    }

    /// 404 for an unknown route or object.
    package static func notFound(_ message: String, param: String? = nil, code: String? = nil) -> ResponseError {
        ResponseError(.notFound, APIError(message: message, type: "invalid_request_error", param: param, code: code))
    }

    /// 503 while the model is loading or the engine is shutting down.
    package static func unavailable(_ message: String, code: String? = nil) -> ResponseError {
        ResponseError(.serviceUnavailable, APIError(message: message, type: "server_error", param: nil, code: code))
    }

    /// 500 for failures that are the engine's fault.
    package static func internalError(_ message: String) -> ResponseError {
        ResponseError(.internalServerError, APIError(message: message, type: "server_error", param: nil, code: nil))
    }

    /// The error a request-decoding failure answers with.
    package static func from(_ decodingError: HTTPDecodingError) -> ResponseError {
        let type = decodingError.status.code >= 500 ? "server_error" : "invalid_request_error"
        return ResponseError(decodingError.status, APIError(message: decodingError.message, type: type))
    }
}
