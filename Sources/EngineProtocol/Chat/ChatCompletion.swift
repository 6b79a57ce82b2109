/// The non-streaming answer to `POST /v1/chat/completions` (`object: "chat.completion"`).
package struct ChatCompletion: Codable, Sendable, Hashable {
    /// `chatcmpl-…`, one per completion.
    package var id: String
    package var object: String
    /// Unix time in seconds.
    package var created: Int
    package var model: String
    package var choices: [Choice]
    package var usage: Usage?
    package var systemFingerprint: String?

    /// One generated answer.
    package struct Choice: Codable, Sendable, Hashable {
        package var index: Int
        package var message: ChatMessage
        /// nil only while a completion is still running (never in a finished response).
        package var finishReason: FinishReason?

        package init(index: Int, message: ChatMessage, finishReason: FinishReason?) {
            self.index = index
            self.message = message
            self.finishReason = finishReason
        }

        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.index = try container.decodeIfPresent(Int.self, forKey: .index) ?? 0
            self.message = try container.decode(ChatMessage.self, forKey: .message)
            self.finishReason = try container.decodeIfPresent(FinishReason.self, forKey: .finishReason)
        }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.index, forKey: .index)
            try container.encode(self.message, forKey: .message)
            try container.encode(self.finishReason, forKey: .finishReason)
            try container.encodeNil(forKey: .logprobs)
        }

        enum CodingKeys: String, CodingKey {
            case index, message, logprobs
            case finishReason = "finish_reason"
        }
    }

    package init(
        id: String,
        created: Int,
        model: String,
        choices: [Choice],
        usage: Usage?,
        systemFingerprint: String? = nil
    ) {
        self.id = id
        self.object = "chat.completion"
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
        self.systemFingerprint = systemFingerprint
    }

    enum CodingKeys: String, CodingKey {
        case id, object, created, model, choices, usage
        case systemFingerprint = "system_fingerprint"
    }
}
