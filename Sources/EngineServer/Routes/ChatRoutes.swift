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
        // With tools on offer, the end of a tool-call block ends the answer (the model's turn is
        // over); the marker is then given back to the parser, which needs it.
        let toolStop = prompt.offersTools && !stops.contains(DeepSeekTokens.toolCallsEnd)
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
            stopStrings: stops + (toolStop ? [DeepSeekTokens.toolCallsEnd] : []),
            stopTokens: request.ignoreEOS == true ? [] : ChatPrompt.stopTokens(tokenizer)
        )
        let id = CompletionID.make("chatcmpl-")
        let created = CompletionID.now
        let model = service.model.id
        // With `ignore_eos` the generation goes on past the end-of-sentence token, and so does the text.
        var assembler = Assembler(parser: CompletionParser(mode: prompt.mode, endOfSentenceEnds: request.ignoreEOS != true))
        var prefixDeltas = assembler.deltas(assembler.parser.feed(prompt.forcedPrefix))
        let writer = context.writer
        if prompt.forcedCallIsComplete {
            try self.answerForcedCall(
                prompt: prompt,
                deltas: prefixDeltas + assembler.deltas(assembler.parser.finish()),
                calls: assembler.calls,
                request: request,
                writer: writer,
                id: id,
                created: created,
                model: model
            )
            return
        }
        func remainingEvents(_ outcome: GenerationOutcome) -> [CompletionParser.Event] {
            var events: [CompletionParser.Event] = []
            if toolStop && outcome.matchedStop == DeepSeekTokens.toolCallsEnd {
                events += assembler.parser.feed(DeepSeekTokens.toolCallsEnd)
            }
            return events + assembler.parser.finish()
        }

        if request.stream == true {
            let includeUsage = request.streamOptions?.includeUsage == true
            func send(_ delta: ChatCompletionChunk.Delta, finish: EngineProtocol.FinishReason? = nil) throws {
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
                id: id,
                service: service,
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
            for delta in assembler.deltas(remainingEvents(outcome)) { try send(delta) }
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
            id: id,
            service: service,
            scheduler: scheduler,
            tokenizer: tokenizer,
            connection: writer.connection,
            onStarted: {},
            onText: { text in _ = assembler.deltas(assembler.parser.feed(text)) }
        )
        _ = assembler.deltas(remainingEvents(outcome))
        let finish: EngineProtocol.FinishReason = assembler.calls.isEmpty || outcome.finishReason == .length ? outcome.finishReason : .toolCalls
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

    /// Answers a forced call of a function without parameters: the call is the whole answer, so
    /// the model is not run.
    private static func answerForcedCall(
        prompt: ChatPrompt,
        deltas: [ChatCompletionChunk.Delta],
        calls: [EngineProtocol.ToolCall],
        request: ChatCompletionRequest,
        writer: ResponseWriter,
        id: String,
        created: Int,
        model: String
    ) throws {
        let usage = Usage(promptTokens: prompt.tokens.count - prompt.forcedPrefixTokens, completionTokens: prompt.forcedPrefixTokens, cachedTokens: 0)
        if request.stream == true {
            let includeUsage = request.streamOptions?.includeUsage == true
            try writer.beginEventStream()
            let all = [ChatCompletionChunk.Delta(role: "assistant", content: "")] + deltas
            for delta in all {
                try writer.sendEvent(json: ChatCompletionChunk(id: id, created: created, model: model, choices: [.init(index: 0, delta: delta)], encodesNullUsage: includeUsage))
            }
            try writer.sendEvent(
                json: ChatCompletionChunk(id: id, created: created, model: model, choices: [.init(index: 0, delta: .init(), finishReason: .toolCalls)], encodesNullUsage: includeUsage)
            )
            if includeUsage {
                try writer.sendEvent(json: ChatCompletionChunk(id: id, created: created, model: model, choices: [], usage: usage))
            }
            try writer.sendEvent(Array("[DONE]".utf8))
            try writer.endStream()
            return
        }
        let message = EngineProtocol.ChatMessage(
            role: "assistant",
            content: nil,
            reasoningContent: prompt.mode == .thinking ? "" : nil,
            toolCalls: calls
        )
        try writer.sendJSON(ChatCompletion(id: id, created: created, model: model, choices: [.init(index: 0, message: message, finishReason: .toolCalls)], usage: usage))
    }
}
