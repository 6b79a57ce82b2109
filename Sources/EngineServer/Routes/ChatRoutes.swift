import ChatFormat
import EngineProtocol
import Inference
import Tokenization

/// `POST /v1/chat/completions`: DeepSeek-V4 chat, streamed as server-sent events or whole, with
/// reasoning (thinking mode) and tool calls parsed from the DSML the model writes.
enum ChatRoutes {
    static func add(to router: inout Router, service: EngineService) {
        router.add("POST", "/v1/chat/completions") { context in
            try self.complete(context, service: service)
        }
    }

    /// Collects parser events into OpenAI deltas, numbering tool calls and giving them ids.
    private struct Assembler {
        var parser: CompletionParser
        var reasoning = ""
        var content = ""
        var calls: [EngineProtocol.ToolCall] = []

        /// The deltas for `events`, recording everything for the non-streamed answer.
        mutating func deltas(_ events: [CompletionParser.Event]) -> [ChatCompletionChunk.Delta] {
            var deltas: [ChatCompletionChunk.Delta] = []
            for event in events {
                switch event {
                case .reasoning(let text):
                    guard !text.isEmpty else { continue }
                    self.reasoning += text
                    deltas.append(.init(reasoningContent: text))
                case .content(let text):
                    guard !text.isEmpty else { continue }
                    self.content += text
                    deltas.append(.init(content: text))
                case .toolCall(let call):
                    let index = self.calls.count
                    let id = CompletionID.make("call_")
                    self.calls.append(EngineProtocol.ToolCall(id: id, function: FunctionCall(name: call.name, arguments: call.argumentsJSON)))
                    deltas.append(.init(toolCalls: [ToolCallDelta(index: index, id: id, type: "function", function: .init(name: call.name, arguments: ""))]))
                    deltas.append(.init(toolCalls: [ToolCallDelta(index: index, function: .init(arguments: call.argumentsJSON))]))
                }
            }
            return deltas
        }
    }

    private static func complete(_ context: RouteContext, service: EngineService) throws {
        let request = try context.decodeBody(ChatCompletionRequest.self)
        try service.checkModel(request.model)
        try RequestValidation.choices(request.n)
        let sampling = try RequestValidation.sampling(temperature: request.temperature, topP: request.topP, seed: request.seed, model: service.model)
        let stops = try RequestValidation.stops(request.stop)
        let (scheduler, runtime) = try service.requireReady()
        let tokenizer = runtime.tokenizer
        let prompt = try ChatPrompt.build(body: context.request.body, request: request, tokenizer: tokenizer)
        let plan = GenerationPlan(
            prompt: prompt.tokens,
            maxTokens: try RequestValidation.tokenLimit(
                requested: request.tokenLimit,
                param: request.maxCompletionTokens != nil ? "max_completion_tokens" : "max_tokens",
                promptTokens: prompt.tokens.count,
                maxContext: service.model.maxContext,
                defaultLimit: nil,
                promptParam: "messages"
            ),
            sampling: sampling,
            stopStrings: stops,
            stopTokens: ChatPrompt.stopTokens(tokenizer)
        )
        let id = CompletionID.make("chatcmpl-")
        let created = CompletionID.now
        let model = service.model.id
        var assembler = Assembler(parser: CompletionParser(mode: prompt.mode))
        var prefixDeltas = assembler.deltas(assembler.parser.feed(prompt.forcedPrefix))
        let writer = context.writer

        if request.stream == true {
            let includeUsage = request.streamOptions?.includeUsage == true
            func send(_ delta: ChatCompletionChunk.Delta, finish: FinishReason? = nil) throws {
                try writer.sendEvent(
                    json: ChatCompletionChunk(
                        id: id,
                        created: created,
                        model: model,
                        choices: [.init(index: 0, delta: delta, finishReason: finish)],
                        encodesNullUsage: includeUsage
                    )
                )
            }
            let outcome = try GenerationRunner.run(
                plan,
                scheduler: scheduler,
                tokenizer: tokenizer,
                connection: writer.connection,
                onStarted: {
                    try writer.beginEventStream()
                    try send(.init(role: "assistant", content: ""))
                    for delta in prefixDeltas { try send(delta) }
                    prefixDeltas = []
                },
                onText: { text in
                    for delta in assembler.deltas(assembler.parser.feed(text)) { try send(delta) }
                }
            )
            for delta in assembler.deltas(assembler.parser.finish()) { try send(delta) }
            try send(.init(), finish: assembler.calls.isEmpty || outcome.finishReason == .length ? outcome.finishReason : .toolCalls)
            if includeUsage {
                try writer.sendEvent(json: ChatCompletionChunk(id: id, created: created, model: model, choices: [], usage: outcome.usage))
            }
            try writer.sendEvent(Array("[DONE]".utf8))
            try writer.endStream()
            return
        }

        let outcome = try GenerationRunner.run(
            plan,
            scheduler: scheduler,
            tokenizer: tokenizer,
            connection: writer.connection,
            onStarted: {},
            onText: { text in _ = assembler.deltas(assembler.parser.feed(text)) }
        )
        _ = assembler.deltas(assembler.parser.finish())
        let finish: FinishReason = assembler.calls.isEmpty || outcome.finishReason == .length ? outcome.finishReason : .toolCalls
        let message = EngineProtocol.ChatMessage(
            role: "assistant",
            content: assembler.content.isEmpty && !assembler.calls.isEmpty ? nil : assembler.content,
            reasoningContent: prompt.mode == .thinking ? assembler.reasoning : nil,
            toolCalls: assembler.calls.isEmpty ? nil : assembler.calls
        )
        try writer.sendJSON(
            ChatCompletion(
                id: id,
                created: created,
                model: model,
                choices: [.init(index: 0, message: message, finishReason: finish)],
                usage: outcome.usage
            )
        )
    }
}
