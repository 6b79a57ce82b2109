/// One generation on the inference thread: its cache, where it is in the prompt, what it has
/// generated. `step` does one unit of work (a prefill chunk or a decode step).
final class ActiveGeneration {
    private enum Phase {
        /// Feeding the prompt; `fed` tokens are in the cache.
        case prefill
        /// The last sampled token still has to be fed.
        case decode(Int)
        case done
    }

    private let request: SchedulerRequest
    private var sampler: any TokenSampler
    /// The sequence's state.
    let cache: any TokenCache
    /// The tokens in the cache.
    private var tokens: [Int]
    private var phase = Phase.prefill
    private var generated = 0
    /// Logits after the last fed token, when the last step computed them.
    private var lastLogits: [Float]?
    private let reusedTokens: Int
    private let maxContext: Int

    private init(request: SchedulerRequest, cache: any TokenCache, tokens: [Int], logits: [Float]?, reused: Int, maxContext: Int) {
        self.request = request
        self.sampler = request.sampler
        self.cache = cache
        self.tokens = tokens
        self.lastLogits = logits
        self.reusedTokens = reused
        self.maxContext = maxContext
    }

    /// True once finished (the sink got its last event).
    var isDone: Bool {
        if case .done = self.phase { return true }
        return false
    }

    /// Starts `request` from the longest cached prefix, or fails it through its sink (nil).
    static func admit(_ request: SchedulerRequest, context: InferenceContext) -> ActiveGeneration? {
        let model = context.model
        guard !request.control.isCancelled else {
            Self.reject(request, finish: .cancelled)
            return nil
        }
        guard !request.prompt.isEmpty else {
            request.sink.receive(.failed("the prompt is empty"))
            return nil
        }
        if let bad = request.prompt.first(where: { $0 < 0 || $0 >= model.vocabularySize }) {
            request.sink.receive(.failed("token id \(bad) is outside the vocabulary (0..<\(model.vocabularySize))"))
            return nil
        }
        guard request.prompt.count <= context.maxContext else {
            request.sink.receive(.failed("the prompt has \(request.prompt.count) tokens; the context holds \(context.maxContext)"))
            return nil
        }
        var cache: any TokenCache
        var tokens: [Int] = []
        var logits: [Float]?
        if let entry = context.store.bestPrefix(for: request.prompt), let checkedOut = context.store.checkout(entry.id) {
            cache = checkedOut.cache
            tokens = entry.tokens
            logits = entry.tokens.count == request.prompt.count ? checkedOut.logits : nil
        } else {
            cache = model.makeCache()
        }
        let reused = tokens.count
        context.store.recordPrompt(reused: reused, computed: request.prompt.count - reused)
        request.sink.receive(.started(promptTokens: request.prompt.count, reusedTokens: reused))
        return ActiveGeneration(
            request: request,
            cache: cache,
            tokens: tokens,
            logits: logits,
            reused: reused,
            maxContext: context.maxContext
        )
    }

    /// Tells a request that never started that it ended.
    static func reject(_ request: SchedulerRequest, finish: SchedulerFinish) {
        request.sink.receive(.finished(finish, generatedTokens: 0))
    }

    /// Does one unit of work, checking for cancellation first.
    func step(context: InferenceContext, model: any LanguageModel, logits: inout [Float]) {
        if self.request.control.isCancelled {
            self.finish(.cancelled, context: context, model: model, logits: &logits)
            return
        }
        do {
            switch self.phase {
            case .prefill:
                let prompt = self.request.prompt
                if self.tokens.count < prompt.count {
                    let end = min(prompt.count, self.tokens.count + context.prefillChunk)
                    let chunk = Array(prompt[self.tokens.count..<end])
                    try model.forward(chunk, cache: self.cache, logits: &logits)
                    self.tokens += chunk
                    self.lastLogits = logits
                    guard self.tokens.count == prompt.count else { return }
                    // The prompt is in: keep a copy for later requests that extend it.
                    context.store.insert(tokens: self.tokens, cache: self.cache.copy(), logits: logits)
                }
                self.sampleNext(context: context, model: model, logits: &logits)
            case .decode(let token):
                try model.forward([token], cache: self.cache, logits: &logits)
                self.tokens.append(token)
                self.lastLogits = logits
                self.sampleNext(context: context, model: model, logits: &logits)
            case .done:
                return
            }
        } catch {
            self.phase = .done
            self.request.sink.receive(.failed("the model failed: \(error)"))
        }
    }

    private func sampleNext(context: InferenceContext, model: any LanguageModel, logits: inout [Float]) {
        if self.generated >= self.request.maxTokens {
            self.finish(.length, context: context, model: model, logits: &logits)
            return
        }
        guard let scores = self.lastLogits else {
            self.finish(.cancelled, context: context, model: model, logits: &logits)
            return
        }
        let token = self.sampler.sample(scores)
        if self.request.stopTokens.contains(token) {
            self.finish(.stopToken, pending: token, context: context, model: model, logits: &logits)
            return
        }
        self.generated += 1
        self.request.sink.receive(.token(token))
        if self.generated >= self.request.maxTokens {
            self.finish(.length, pending: token, context: context, model: model, logits: &logits)
            return
        }
        guard self.tokens.count < self.maxContext else {
            // No room to feed the token just emitted.
            self.finish(.contextFull, context: context, model: model, logits: &logits)
            return
        }
        self.phase = .decode(token)
    }

    /// Ends the generation: reports it, then keeps the cache for prefix reuse. A sampled token
    /// not yet in the cache (`pending`, or the last token of a cancelled decode) is fed first so
    /// the stored state ends where the conversation's next prompt continues.
    func finish(_ reason: SchedulerFinish, pending: Int? = nil, context: InferenceContext, model: any LanguageModel, logits: inout [Float]) {
        guard !self.isDone else { return }
        let previous = self.phase
        self.phase = .done
        self.request.sink.receive(.finished(reason, generatedTokens: self.generated))
        var unfed = pending
        if unfed == nil, case .decode(let token) = previous { unfed = token }
        if let token = unfed, self.tokens.count < self.maxContext {
            do {
                try model.forward([token], cache: self.cache, logits: &logits)
                self.tokens.append(token)
                self.lastLogits = logits
            } catch {
                return
            }
        }
        if self.tokens.count > self.reusedTokens || self.lastLogits != nil {
            context.store.insert(tokens: self.tokens, cache: self.cache, logits: self.lastLogits)
        }
    }
}
