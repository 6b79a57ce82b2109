/// One server-sent event of a streamed chat completion (`object: "chat.completion.chunk"`).
///
/// Every chunk of one completion carries the same `id` and `created`. The first delta carries
/// the role; the last choice chunk carries `finish_reason`; with `stream_options.include_usage`
/// a final chunk has empty `choices` and the `usage`, while earlier chunks send `usage: null`.
package struct ChatCompletionChunk: Codable, Sendable, Hashable {
    package var id: String
    package var object: String
    package var created: Int
    package var model: String
    package var choices: [Choice]
    package var usage: Usage?
    package var systemFingerprint: String?
    /// Whether `usage` is written as an explicit null when absent (true when the client asked
    /// for usage, matching OpenAI).
    package var encodesNullUsage: Bool

    /// A choice's change in this chunk.
    package struct Choice: Codable, Sendable, Hashable {
        package var index: Int
        package var delta: Delta
        package var finishReason: FinishReason?

        package init(index: Int, delta: Delta, finishReason: FinishReason? = nil) {
            self.index = index
            self.delta = delta
            self.finishReason = finishReason
        }

        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.index = try container.decodeIfPresent(Int.self, forKey: .index) ?? 0
            self.delta = try container.decodeIfPresent(Delta.self, forKey: .delta) ?? Delta()
            self.finishReason = try container.decodeIfPresent(FinishReason.self, forKey: .finishReason)
        }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.index, forKey: .index)
            try container.encode(self.delta, forKey: .delta)
            try container.encodeNil(forKey: .logprobs)
            try container.encode(self.finishReason, forKey: .finishReason)
        }

        enum CodingKeys: String, CodingKey {
            case index, delta, logprobs
            case finishReason = "finish_reason"
        }
    }

    /// New text or tool-call pieces; absent fields did not change.
    package struct Delta: Codable, Sendable, Hashable {
        package var role: String?
        package var content: String?
        package var reasoningContent: String?
        package var toolCalls: [ToolCallDelta]?

        package init(
            role: String? = nil,
            content: String? = nil,
            reasoningContent: String? = nil,
            toolCalls: [ToolCallDelta]? = nil
        ) {
            self.role = role
            self.content = content
            self.reasoningContent = reasoningContent
            self.toolCalls = toolCalls
        }

        enum CodingKeys: String, CodingKey {
            case role, content
            case reasoningContent = "reasoning_content"
            case toolCalls = "tool_calls"
        }
    }

    package init(
        id: String,
        created: Int,
        model: String,
        choices: [Choice],
        usage: Usage? = nil,
        encodesNullUsage: Bool = false,
        systemFingerprint: String? = nil
    ) {
        self.id = id
        self.object = "chat.completion.chunk"
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
        self.object = try container.decodeIfPresent(String.self, forKey: .object) ?? "chat.completion.chunk"
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
