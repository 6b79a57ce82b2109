/// `POST /v1/tokenize` (vLLM's shape): either `prompt` text or chat `messages` rendered with the
/// model's chat format.
package struct TokenizeRequest: Codable, Sendable, Hashable {
    package var model: String?
    package var prompt: String?
    package var messages: [ChatMessage]?
    package var tools: [Tool]?
    /// For `prompt`: prepend the beginning-of-sequence token. Default false (DeepSeek's
    /// `add_bos_token` is false).
    package var addSpecialTokens: Bool?
    /// For `messages`: end with the assistant prefix the model continues from. Default true.
    package var addGenerationPrompt: Bool?
    /// For `messages`: render in thinking mode.
    package var thinking: Bool?

    package init(
        model: String? = nil,
        prompt: String? = nil,
        messages: [ChatMessage]? = nil,
        tools: [Tool]? = nil,
        addSpecialTokens: Bool? = nil,
        addGenerationPrompt: Bool? = nil,
        thinking: Bool? = nil
    ) {
        self.model = model
        self.prompt = prompt
        self.messages = messages
        self.tools = tools
        self.addSpecialTokens = addSpecialTokens
        self.addGenerationPrompt = addGenerationPrompt
        self.thinking = thinking
    }

    enum CodingKeys: String, CodingKey {
        case model, prompt, messages, tools, thinking
        case addSpecialTokens = "add_special_tokens"
        case addGenerationPrompt = "add_generation_prompt"
    }
}

/// The answer to `POST /v1/tokenize`.
package struct TokenizeResponse: Codable, Sendable, Hashable {
    package var count: Int
    package var maxModelLen: Int
    package var tokens: [Int]

    package init(tokens: [Int], maxModelLen: Int) {
        self.count = tokens.count
        self.maxModelLen = maxModelLen
        self.tokens = tokens
    }

    enum CodingKeys: String, CodingKey {
        case count, tokens
        case maxModelLen = "max_model_len"
    }
}

/// `POST /v1/detokenize`: token ids back to text.
package struct DetokenizeRequest: Codable, Sendable, Hashable {
    package var model: String?
    package var tokens: [Int]

    package init(model: String? = nil, tokens: [Int]) {
        self.model = model
        self.tokens = tokens
    }
}

/// The answer to `POST /v1/detokenize`.
package struct DetokenizeResponse: Codable, Sendable, Hashable {
    package var prompt: String

    package init(prompt: String) {
        self.prompt = prompt
    }
}
