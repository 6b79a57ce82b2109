import EngineProtocol
import Inference
import Tokenization

/// One validated generation: the prompt's tokens and what to generate.
struct GenerationPlan {
    var prompt: [Int]
    var maxTokens: Int
    var sampling: SamplingParameters
    /// Strings that end the output (held back, never emitted).
    var stopStrings: [String]
    /// Token ids that end the output (end of sentence, `<｜User｜>`).
    var stopTokens: Set<Int>
}

/// How a generation ended, with its token counts for `usage`.
struct GenerationOutcome {
    var finishReason: EngineProtocol.FinishReason
    var promptTokens: Int
    var cachedTokens: Int
    var completionTokens: Int
    /// The stop string that ended the output, if one did.
    var matchedStop: String?

    var usage: Usage {
        Usage(promptTokens: self.promptTokens, completionTokens: self.completionTokens, cachedTokens: self.cachedTokens)
    }
}

/// Runs a plan through the scheduler on the connection's thread: submits it, waits for events
/// (and for the client hanging up), turns tokens into text with UTF-8 held across tokens and
/// stop strings held back, and hands the text out piece by piece.
///
/// A hang-up or a failed write cancels the generation (the scheduler stops within one token)
/// and surfaces as `ConnectionError`; scheduler refusals and model failures as `ResponseError`.
enum GenerationRunner {
    static func run(
        _ plan: GenerationPlan,
        id: String,
        service: EngineService,
        scheduler: InferenceScheduler,
        tokenizer: Tokenizer,
        connection: SocketConnection,
        onStarted: () throws -> Void,
        onText: (String) throws -> Void
    ) throws -> GenerationOutcome {
        let channel: GenerationChannel
        do {
            channel = try GenerationChannel()
        } catch {
            throw ResponseError.internalError("cannot set up the generation: \(error)")
        }
        defer { channel.close() }
        let control = GenerationControl()
        // Whatever ends this call (a client gone, a stop string, an error) ends the generation;
        // cancelling one that already finished does nothing.
        defer { control.cancel() }
        service.register(id, control)
        defer { service.unregister(id) }
        do {
            try scheduler.submit(
                SchedulerRequest(
                    prompt: plan.prompt,
                    maxTokens: plan.maxTokens,
                    stopTokens: plan.stopTokens,
                    sampler: Sampler(parameters: plan.sampling),
                    sink: channel,
                    control: control
                )
            )
        } catch .overloaded(let message) {
            throw ResponseError(.tooManyRequests, APIError(message: message, type: "rate_limit_error", code: "too_many_requests"))
        } catch {
            throw ResponseError.unavailable(error.description, code: "model_unavailable")
        }
        var outcome = GenerationOutcome(finishReason: .stop, promptTokens: plan.prompt.count, cachedTokens: 0, completionTokens: 0)
        var decoder = tokenizer.makeStreamingDecoder()
        var filter = StopStringFilter(stops: plan.stopStrings)
        while true {
            switch channel.next(on: connection) {
                case .hangUp:
                    control.cancel()
                    throw ConnectionError.peerClosed
                case .events(let events):
                    for event in events {
                        switch event {
                        case .started(let promptTokens, let reused):
                            outcome.promptTokens = promptTokens
                            outcome.cachedTokens = reused
                            try onStarted()
                        case .token(let token):
                            outcome.completionTokens += 1
                            if service.wasCancelled(id) { continue }
                            let text = filter.feed(decoder.append(token))
                            if !text.isEmpty { try onText(text) }
                            if filter.matched {
                                control.cancel()
                                outcome.finishReason = .stop
                                outcome.matchedStop = filter.matchedStop
                                return outcome
                            }
                        case .finished(let finish, _):
                            let rest = filter.feed(decoder.finish()) + filter.finish()
                            if !rest.isEmpty { try onText(rest) }
                            switch finish {
                            case .stopToken: outcome.finishReason = .stop
                            case .length, .contextFull: outcome.finishReason = .length
                            case .cancelled:
                                // Cancelled by `POST /v1/engine/requests/{id}/cancel`: a normal end.
                                if service.wasCancelled(id) {
                                    outcome.finishReason = .stop
                                    return outcome
                                }
                                throw ResponseError.unavailable("the engine is shutting down; the generation was cancelled", code: "cancelled")
                            }
                            return outcome
                        case .failed(let message):
                            throw ResponseError.internalError(message)
                        }
                    }
                }
        }
    }
}
