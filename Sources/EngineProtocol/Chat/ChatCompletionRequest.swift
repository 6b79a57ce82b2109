/// `POST /v1/chat/completions`: the fields the engine honours. Unknown fields are ignored.
package struct ChatCompletionRequest: Codable, Sendable, Hashable {
    /// The model id from `GET /v1/models`; the engine's own model when absent.
    package var model: String?
    package var messages: [ChatMessage]
    /// Stream the answer as server-sent events.
    package var stream: Bool?
    package var streamOptions: StreamOptions?
    /// The deprecated name of `maxCompletionTokens`; either bounds the generated tokens.
    package var maxTokens: Int?
    package var maxCompletionTokens: Int?
    /// 0 is greedy; the checkpoint's `generation_config.json` default when absent.
    package var temperature: Double?
    package var topP: Double?
    package var stop: StopSequences?
    /// Makes sampling reproducible.
    package var seed: Int64?
    package var tools: [Tool]?
    package var toolChoice: ToolChoice?
    /// How many choices to generate; the engine supports 1.
    package var n: Int?
    package var user: String?
    /// vLLM's and SGLang's way to pass template switches, e.g. `{"thinking": true}`.
    package var chatTemplateKwargs: JSONValue?
    /// DeepSeek's switch: `{"type": "enabled"}` or `{"type": "disabled"}`.
    package var thinking: JSONValue?
    /// OpenAI's `reasoning_effort`; any value but `none` turns thinking mode on (`max` adds
    /// DeepSeek's maximum-effort preamble).
    package var reasoningEffort: String?
    /// vLLM's extension: keep generating past the end-of-sequence token (for benchmarks).
    package var ignoreEOS: Bool?

    package init(
        model: String?,
        messages: [ChatMessage],
        stream: Bool? = nil,
        streamOptions: StreamOptions? = nil,
        maxTokens: Int? = nil,
        maxCompletionTokens: Int? = nil,
        temperature: Double? = nil,
        topP: Double? = nil,
        stop: StopSequences? = nil,
        seed: Int64? = nil,
        tools: [Tool]? = nil,
        toolChoice: ToolChoice? = nil,
        n: Int? = nil,
        user: String? = nil,
        chatTemplateKwargs: JSONValue? = nil,
        thinking: JSONValue? = nil,
        reasoningEffort: String? = nil,
        ignoreEOS: Bool? = nil
    ) {
        self.model = model
        self.messages = messages
        self.stream = stream
        self.streamOptions = streamOptions
        self.maxTokens = maxTokens
        self.maxCompletionTokens = maxCompletionTokens
        self.temperature = temperature
        self.topP = topP
        self.stop = stop
        self.seed = seed
        self.tools = tools
        self.toolChoice = toolChoice
        self.n = n
        self.user = user
        self.chatTemplateKwargs = chatTemplateKwargs
        self.thinking = thinking
        self.reasoningEffort = reasoningEffort
        self.ignoreEOS = ignoreEOS
    }

    /// Whether the prompt asks for thinking mode: `thinking.type == "enabled"`,
    /// `chat_template_kwargs.thinking` (or `enable_thinking`), or a `reasoning_effort` other than
    /// `none`; nil when the request does not say.
    package var thinkingEnabled: Bool? {
        if let type = self.thinking?["type"]?.stringValue { return type == "enabled" }
        if let flag = self.thinking?.boolValue { return flag }
        if let flag = self.chatTemplateKwargs?["thinking"]?.boolValue { return flag }
        if let flag = self.chatTemplateKwargs?["enable_thinking"]?.boolValue { return flag }
        if let effort = self.reasoningEffort { return effort != "none" }
        return nil
    }

    /// The bound on generated tokens: `max_completion_tokens`, else `max_tokens`.
    package var tokenLimit: Int? { self.maxCompletionTokens ?? self.maxTokens }

    enum CodingKeys: String, CodingKey {
        case model, messages, stream, temperature, stop, seed, tools, n, user, thinking
        case streamOptions = "stream_options"
        case maxTokens = "max_tokens"
        case maxCompletionTokens = "max_completion_tokens"
        case topP = "top_p"
        case toolChoice = "tool_choice"
        case chatTemplateKwargs = "chat_template_kwargs"
        case reasoningEffort = "reasoning_effort"
        case ignoreEOS = "ignore_eos"
    }
}
