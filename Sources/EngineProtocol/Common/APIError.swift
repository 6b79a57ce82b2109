/// An error as the OpenAI API reports it: `{"error": {"message", "type", "param", "code"}}`.
///
/// The HTTP status travels beside it (`status` is not part of the JSON).
package struct APIError: Error, Codable, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong and, where possible, how to fix it.
    package var message: String
    /// The error class: `invalid_request_error`, `not_found_error`, `server_error`, ….
    package var type: String
    /// The request field at fault, if one is.
    package var param: String?
    /// A machine-readable code (`model_not_found`, `context_length_exceeded`, …).
    package var code: String?

    package init(message: String, type: String, param: String? = nil, code: String? = nil) {
        self.message = message
        self.type = type
        self.param = param
        self.code = code
    }

    package var description: String { self.message }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.message, forKey: .message)
        try container.encode(self.type, forKey: .type)
        try container.encode(self.param, forKey: .param)
        try container.encode(self.code, forKey: .code)
    }

    enum CodingKeys: String, CodingKey {
        case message, type, param, code
    }
}

/// The body of an error response: `{"error": {…}}`.
package struct ErrorResponse: Codable, Sendable, Hashable {
    package var error: APIError

    package init(error: APIError) {
        self.error = error
    }
}
