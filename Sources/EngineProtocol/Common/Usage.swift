/// Token accounting for one completion (`usage`).
package struct Usage: Codable, Sendable, Hashable {
    /// Tokens in the prompt, including the ones served from the prefix cache.
    package var promptTokens: Int
    /// Tokens generated.
    package var completionTokens: Int
    /// `promptTokens + completionTokens`.
    package var totalTokens: Int
    /// Breakdown of the prompt: how many tokens came from the prefix cache.
    package var promptTokensDetails: PromptTokensDetails?

    /// Details of `promptTokens` (OpenAI's `prompt_tokens_details`).
    package struct PromptTokensDetails: Codable, Sendable, Hashable {
        /// Prompt tokens whose state was reused instead of recomputed.
        package var cachedTokens: Int

        package init(cachedTokens: Int) {
            self.cachedTokens = cachedTokens
        }

        enum CodingKeys: String, CodingKey {
            case cachedTokens = "cached_tokens"
        }
    }

    package init(promptTokens: Int, completionTokens: Int, cachedTokens: Int? = nil) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = promptTokens + completionTokens
        self.promptTokensDetails = cachedTokens.map { PromptTokensDetails(cachedTokens: $0) }
    }

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case totalTokens = "total_tokens"
        case promptTokensDetails = "prompt_tokens_details"
    }
}

/// `stream_options`: asks for a final chunk carrying `usage`.
package struct StreamOptions: Codable, Sendable, Hashable {
    /// When true, one extra chunk with empty `choices` and the `usage` precedes `data: [DONE]`.
    package var includeUsage: Bool?

    package init(includeUsage: Bool? = nil) {
        self.includeUsage = includeUsage
    }

    enum CodingKeys: String, CodingKey {
        case includeUsage = "include_usage"
    }
}
