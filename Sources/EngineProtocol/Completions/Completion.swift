/// The answer to `POST /v1/completions` (`object: "text_completion"`), and each streamed event
/// of one (same shape, `text` holding the new piece).
package struct Completion: Codable, Sendable, Hashable {
    /// `cmpl-…`, one per completion.
    package var id: String
    package var object: String
    package var created: Int
    package var model: String
    package var choices: [Choice]
    package var usage: Usage?
    package var systemFingerprint: String?
    /// Whether `usage` is written as an explicit null when absent.
    package var encodesNullUsage: Bool

    /// One generated text (or a piece of it when streaming).
    package struct Choice: Codable, Sendable, Hashable {
        package var text: String
        package var index: Int
        package var finishReason: FinishReason?

        package init(text: String, index: Int, finishReason: FinishReason?) {
            self.text = text
            self.index = index
            self.finishReason = finishReason
        }

        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.text = try container.decodeIfPresent(String.self, forKey: .text) ?? ""
            self.index = try container.decodeIfPresent(Int.self, forKey: .index) ?? 0
            self.finishReason = try container.decodeIfPresent(FinishReason.self, forKey: .finishReason)
        }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.text, forKey: .text)
            try container.encode(self.index, forKey: .index)
            try container.encodeNil(forKey: .logprobs)
            try container.encode(self.finishReason, forKey: .finishReason)
        }

        enum CodingKeys: String, CodingKey {
            case text, index, logprobs
            case finishReason = "finish_reason"
        }
    }

    package init(
        id: String,
        created: Int,
        model: String,
        choices: [Choice],
        usage: Usage?,
        encodesNullUsage: Bool = false,
        systemFingerprint: String? = nil
    ) {
        self.id = id
        self.object = "text_completion"
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
        self.encodesNullUsage = encodesNullUsage
        self.systemFingerprint = systemFingerprint
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(String.self, forKey: .id)
        self.object = try container.decodeIfPresent(String.self, forKey: .object) ?? "text_completion"
        self.created = try container.decodeIfPresent(Int.self, forKey: .created) ?? 0
        self.model = try container.decodeIfPresent(String.self, forKey: .model) ?? ""
        self.choices = try container.decodeIfPresent([Choice].self, forKey: .choices) ?? []
        self.usage = try container.decodeIfPresent(Usage.self, forKey: .usage)
        self.systemFingerprint = try container.decodeIfPresent(String.self, forKey: .systemFingerprint)
        self.encodesNullUsage = container.contains(.usage)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id, forKey: .id)
        try container.encode(self.object, forKey: .object)
        try container.encode(self.created, forKey: .created)
        try container.encode(self.model, forKey: .model)
        try container.encode(self.choices, forKey: .choices)
        if let usage = self.usage {
            try container.encode(usage, forKey: .usage)
        } else if self.encodesNullUsage {
            try container.encodeNil(forKey: .usage)
        }
        try container.encodeIfPresent(self.systemFingerprint, forKey: .systemFingerprint)
    }

    enum CodingKeys: String, CodingKey {
        case id, object, created, model, choices, usage
        case systemFingerprint = "system_fingerprint"
    }
}
