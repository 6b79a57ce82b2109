/// One generation on the inference thread: its cache, where it is in the prompt, what it has
/// generated. `step` does one unit of work (a prefill chunk or a decode step).
///
/// A decode step allocates nothing: the logits live in a buffer of the generation's own, the
/// token list is reserved for the whole generation at admission, the model is driven through
/// `LanguageModel.decode`, and the sampler reuses its work arrays. (Admission, the end of the
/// prompt — which stores a copy of the cache for prefix reuse — and the finish do allocate.)
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
    /// Logits after the last fed token (`vocabularySize` floats), valid when `hasLogits`.
    private var logits: [Float]
    private var hasLogits: Bool
    private let reusedTokens: Int
    private let maxContext: Int

    private init(request: SchedulerRequest, cache: any TokenCache, tokens: [Int], logits: [Float]?, reused: Int, maxContext: Int, vocabularySize: Int) {
        self.request = request
        self.sampler = request.sampler
        self.cache = cache
        // room for the prompt, every generated token and the one fed at the finish
        let capacity = min(maxContext, request.prompt.count + max(0, request.maxTokens) + 1)
        var tokens = tokens
        tokens.reserveCapacity(capacity)
        self.tokens = tokens
        if let logits, logits.count == vocabularySize {
            self.logits = logits
            self.hasLogits = true
        } else {
            self.logits = [Float](repeating: 0, count: vocabularySize)
            self.hasLogits = false
        }
        self.reusedTokens = reused
        self.maxContext = maxContext
        cache.reserve(tokens: capacity)
    }

    /// Where the token list will grow to (see `init`).
    private var tokenCapacity: Int { min(self.maxContext, self.request.prompt.count + max(0, self.request.maxTokens) + 1) }

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
            maxContext: context.maxContext,
            vocabularySize: model.vocabularySize
        )
    }

    /// Tells a request that never started that it ended.
    static func reject(_ request: SchedulerRequest, finish: SchedulerFinish) {
        request.sink.receive(.finished(finish, generatedTokens: 0))
    }

    /// Does one unit of work, checking for cancellation first.
    func step(context: InferenceContext, model: any LanguageModel) {
        if self.request.control.isCancelled {
            self.finish(.cancelled, context: context, model: model)
            return
        }
        do {
            switch self.phase {
            case .prefill:
                let prompt = self.request.prompt
                if self.tokens.count < prompt.count {
                    let end = min(prompt.count, self.tokens.count + context.prefillChunk)
                    let chunk = Array(prompt[self.tokens.count..<end])
                    self.hasLogits = false
                    try model.forward(chunk, cache: self.cache, logits: &self.logits)
                    self.tokens += chunk
                    self.hasLogits = true
                    guard self.tokens.count == prompt.count else { return }
                    // The prompt is in: keep a copy for later requests that extend it. The copy
                    // shares storage with the live cache until the next step writes; reserving
                    // again makes the live token list unique with its full capacity now.
                    context.store.insert(tokens: self.tokens, cache: self.cache.copy(), logits: self.logits)
                    self.cache.reserve(tokens: self.tokenCapacity)
                }
                self.sampleNext(context: context, model: model)
            case .decode(let token):
                self.hasLogits = false
                try model.decode(token, cache: self.cache, logits: &self.logits)
                self.tokens.append(token)
                self.hasLogits = true
                self.sampleNext(context: context, model: model)
            case .done:
                return
            }
        } catch {
            self.phase = .done
            self.request.sink.receive(.failed("the model failed: \(error)"))
        }
    }

    private func sampleNext(context: InferenceContext, model: any LanguageModel) {
        if self.generated >= self.request.maxTokens {
            self.finish(.length, context: context, model: model)
            return
        }
        guard self.hasLogits else {
            self.finish(.cancelled, context: context, model: model)
            return
        }
        let token = self.sampler.sample(self.logits)
        if self.request.stopTokens.contains(token) {
            self.finish(.stopToken, pending: token, context: context, model: model)
            return
        }
        self.generated += 1
        self.request.sink.receive(.token(token))
        if self.generated >= self.request.maxTokens {
            self.finish(.length, pending: token, context: context, model: model)
            return
        }
        guard self.tokens.count < self.maxContext else {
            // No room to feed the token just emitted.
            self.finish(.contextFull, context: context, model: model)
            return
        }
        self.phase = .decode(token)
    }

    /// Ends the generation: reports it, then keeps the cache for prefix reuse. A sampled token
    /// not yet in the cache (`pending`, or the last token of a cancelled decode) is fed first so
    /// the stored state ends where the conversation's next prompt continues.
    func finish(_ reason: SchedulerFinish, pending: Int? = nil, context: InferenceContext, model: any LanguageModel) {
        guard !self.isDone else { return }
        let previous = self.phase
        self.phase = .done
        self.request.sink.receive(.finished(reason, generatedTokens: self.generated))
        var unfed = pending
        if unfed == nil, case .decode(let token) = previous { unfed = token }
        if let token = unfed, self.tokens.count < self.maxContext {
            do {
                self.hasLogits = false
                try model.decode(token, cache: self.cache, logits: &self.logits)
                self.tokens.append(token)
                self.hasLogits = true
            } catch {
                return
            }
        }
        if self.tokens.count > self.reusedTokens || self.hasLogits {
            context.store.insert(tokens: self.tokens, cache: self.cache, logits: self.hasLogits ? self.logits : nil)
        }
    }
}
