import EngineProtocol
import Inference
import Tokenization

/// `POST /v1/completions`: raw-text completion, streamed as server-sent events or whole.
enum CompletionRoutes {
    /// OpenAI's default `max_tokens` for text completions.
    static let defaultMaxTokens = 16

    static func add(to router: inout Router, service: EngineService) {
        router.add("POST", "/v1/completions") { context in
            try self.complete(context, service: service)
        }
    }

    private static func complete(_ context: RouteContext, service: EngineService) throws {
        let request = try context.decodeBody(CompletionRequest.self)
        try service.checkModel(request.model)
        let (scheduler, runtime) = try service.requireReady()
        try RequestValidation.choices(request.n)
        let tokenizer = runtime.tokenizer
        let prompt = try self.promptTokens(request.prompt, tokenizer: tokenizer)
        let plan = GenerationPlan(
            prompt: prompt,
            maxTokens: try RequestValidation.tokenLimit(
                requested: request.maxTokens,
                param: "max_tokens",
                promptTokens: prompt.count,
                maxContext: service.model.maxContext,
                defaultLimit: Self.defaultMaxTokens,
                promptParam: "prompt"
            ),
            sampling: try RequestValidation.sampling(temperature: request.temperature, topP: request.topP, seed: request.seed, model: service.model),
            stopStrings: try RequestValidation.stops(request.stop),
            stopTokens: request.ignoreEOS == true ? [] : Set([tokenizer.eosTokenID].compactMap { $0 })
        )
        let id = CompletionID.make("cmpl-")
        let created = CompletionID.now
        let model = service.model.id
        let echo = request.echo == true ? tokenizer.decode(prompt) : ""
        let writer = context.writer
        if request.stream == true {
            let includeUsage = request.streamOptions?.includeUsage == true
            func chunk(_ text: String, _ finish: EngineProtocol.FinishReason?) -> Completion {
                Completion(
                    id: id,
                    created: created,
                    model: model,
                    choices: [.init(text: text, index: 0, finishReason: finish)],
                    usage: nil,
                    encodesNullUsage: includeUsage
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
                    if !echo.isEmpty { try writer.sendEvent(json: chunk(echo, nil)) }
                },
                onText: { text in try writer.sendEvent(json: chunk(text, nil)) }
            )
            try writer.sendEvent(json: chunk("", outcome.finishReason))
            if includeUsage {
                try writer.sendEvent(json: Completion(id: id, created: created, model: model, choices: [], usage: outcome.usage))
            }
            try writer.sendEvent(Array("[DONE]".utf8))
            try writer.endStream()
            return
        }
        var text = echo
        let outcome = try GenerationRunner.run(
            plan,
            id: id,
            service: service,
            scheduler: scheduler,
            tokenizer: tokenizer,
            connection: writer.connection,
            onStarted: {},
            onText: { text += $0 }
        )
        try writer.sendJSON(
            Completion(
                id: id,
                created: created,
                model: model,
                choices: [.init(text: text, index: 0, finishReason: outcome.finishReason)],
                usage: outcome.usage
            )
        )
    }

    /// The prompt as token ids: text is tokenized (added tokens matched, no BOS: the
    /// tokenizer's `add_bos_token` is false); ids are checked against the vocabulary.
    private static func promptTokens(_ prompt: CompletionPrompt, tokenizer: Tokenizer) throws(ResponseError) -> [Int] {
        let tokens: [Int]
        switch prompt {
        case .text(let text):
            tokens = tokenizer.encode(text)
        case .tokens(let ids):
            tokens = ids
        case .texts(let texts):
            guard texts.count == 1 else { throw .badRequest("only one prompt per request is supported; got \(texts.count)", param: "prompt") }
            tokens = tokenizer.encode(texts[0])
        case .tokenLists(let lists):
            guard lists.count == 1 else { throw .badRequest("only one prompt per request is supported; got \(lists.count)", param: "prompt") }
            tokens = lists[0]
        }
        guard !tokens.isEmpty else { throw .badRequest("the prompt is empty", param: "prompt") }
        if let bad = tokens.first(where: { !tokenizer.isValid($0) }) {
            throw .badRequest("token id \(bad) is outside the vocabulary (0..<\(tokenizer.vocabularySize))", param: "prompt")
        }
        return tokens
    }
}
