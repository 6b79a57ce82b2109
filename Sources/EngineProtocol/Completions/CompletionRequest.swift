/// `POST /v1/completions`: raw-text completion. Unknown fields are ignored.
package struct CompletionRequest: Codable, Sendable, Hashable {
    package var model: String?
    package var prompt: CompletionPrompt
    package var stream: Bool?
    package var streamOptions: StreamOptions?
    package var maxTokens: Int?
    package var temperature: Double?
    package var topP: Double?
    package var stop: StopSequences?
    package var seed: Int64?
    package var n: Int?
    /// Prepend the prompt to the returned text.
    package var echo: Bool?
    package var user: String?
    /// vLLM's extension: keep generating past the end-of-sequence token (for benchmarks).
    package var ignoreEOS: Bool?

    package init(
        model: String?,
        prompt: CompletionPrompt,
        stream: Bool? = nil,
        streamOptions: StreamOptions? = nil,
        maxTokens: Int? = nil,
        temperature: Double? = nil,
        topP: Double? = nil,
        stop: StopSequences? = nil,
        seed: Int64? = nil,
        n: Int? = nil,
        echo: Bool? = nil,
        user: String? = nil,
        ignoreEOS: Bool? = nil
    ) {
        self.model = model
        self.prompt = prompt
        self.stream = stream
        self.streamOptions = streamOptions
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.topP = topP
        self.stop = stop
        self.seed = seed
        self.n = n
        self.echo = echo
        self.user = user
        self.ignoreEOS = ignoreEOS
    }

    enum CodingKeys: String, CodingKey {
        case model, prompt, stream, temperature, stop, seed, n, echo, user
        case streamOptions = "stream_options"
        case maxTokens = "max_tokens"
        case topP = "top_p"
        case ignoreEOS = "ignore_eos"
    }
}

/// The `prompt` of a completion request: text, token ids, or lists of either (one per choice).
package enum CompletionPrompt: Codable, Sendable, Hashable {
    case text(String)
    case tokens([Int])
    case texts([String])
    case tokenLists([[Int]])

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let tokens = try? container.decode([Int].self) {
            self = .tokens(tokens)
        } else if let texts = try? container.decode([String].self) {
            self = .texts(texts)
        } else if let lists = try? container.decode([[Int]].self) {
            self = .tokenLists(lists)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected a string, an array of strings, or an array of token ids"
            )
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .tokens(let tokens): try container.encode(tokens)
        case .texts(let texts): try container.encode(texts)
        case .tokenLists(let lists): try container.encode(lists)
        }
    }
}
