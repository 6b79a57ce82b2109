import EngineProtocol
import Inference

/// Checks of the request fields chat and text completions share, each failing with the 400 that
/// names the field.
enum RequestValidation {
    /// The most stop strings accepted.
    static let maxStopStrings = 16

    /// `temperature`, `top_p` and `seed` as sampling settings, defaulting to the checkpoint's
    /// generation_config.json.
    static func sampling(temperature: Double?, topP: Double?, seed: Int64?, model: ModelDescriptor) throws(ResponseError) -> SamplingParameters {
        let temperature = temperature ?? model.defaultTemperature
        guard temperature.isFinite, (0...2).contains(temperature) else {
            throw .badRequest("temperature must be between 0 and 2, got \(temperature)", param: "temperature")
        }
        let topP = topP ?? model.defaultTopP
        guard topP.isFinite, (0...1).contains(topP) else {
            throw .badRequest("top_p must be between 0 and 1, got \(topP)", param: "top_p")
        }
        // top_p 0 keeps only the most likely token: greedy.
        return SamplingParameters(temperature: topP == 0 ? 0 : temperature, topP: topP == 0 ? 1 : topP, seed: seed.map { UInt64(bitPattern: $0) })
    }

    /// `n`: one choice only.
    static func choices(_ n: Int?) throws(ResponseError) {
        guard let n else { return }
        guard n >= 1 else { throw .badRequest("n must be at least 1, got \(n)", param: "n") }
        guard n == 1 else { throw .badRequest("n > 1 is not supported by this engine; send separate requests", param: "n") }
    }

    /// `stop` as a list of non-empty strings.
    static func stops(_ stop: StopSequences?) throws(ResponseError) -> [String] {
        let values = stop?.values ?? []
        guard values.count <= Self.maxStopStrings else {
            throw .badRequest("stop accepts at most \(Self.maxStopStrings) strings, got \(values.count)", param: "stop")
        }
        return values
    }

    /// The number of tokens to generate: the requested limit (which must fit the context with the
    /// prompt) or, when absent, `defaultLimit` capped by the room left.
    static func tokenLimit(
        requested: Int?,
        param: String,
        promptTokens: Int,
        maxContext: Int,
        defaultLimit: Int?,
        promptParam: String
    ) throws(ResponseError) -> Int {
        let room = maxContext - promptTokens
        if let requested {
            guard requested >= 1 else { throw .badRequest("\(param) must be at least 1, got \(requested)", param: param) }
            guard requested <= room else {
                throw .badRequest(
                    "This model's maximum context length is \(maxContext) tokens. However, you requested \(promptTokens + requested) tokens (\(promptTokens) in the \(promptParam == "messages" ? "messages" : "prompt"), \(requested) in the completion). Please reduce the length of the \(promptParam == "messages" ? "messages" : "prompt") or completion.",
                    param: promptParam,
                    code: "context_length_exceeded"
                )
            }
            return requested
        }
        guard room >= 1 else {
            throw .badRequest(
                "This model's maximum context length is \(maxContext) tokens. However, your \(promptParam == "messages" ? "messages" : "prompt") resulted in \(promptTokens) tokens. Please reduce the length of the \(promptParam == "messages" ? "messages" : "prompt").",
                param: promptParam,
                code: "context_length_exceeded"
            )
        }
        return min(room, defaultLimit ?? room)
    }
}
