/// `GET /health`: whether the engine can answer, and which model it holds.
///
/// The engine answers 200 with `status: "ok"` once the model is loaded and 503 with
/// `status: "loading"` (and `loading_progress`) before. A load failure makes the engine exit;
/// until it does, `status` is `"error"` with `message`.
package struct HealthStatus: Codable, Sendable, Hashable {
    /// The states `status` takes.
    package enum State: String, Codable, Sendable, Hashable {
        case ok, loading, error
    }

    package var status: State
    /// The model id requests use.
    package var model: String
    /// The checkpoint directory the engine loaded (absent for remote servers).
    package var modelDirectory: String?
    /// True when the model is the bundled tiny random-weight checkpoint (demonstration and tests
    /// only; its output is gibberish).
    package var bundledTinyModel: Bool?
    /// A sentence for people, e.g. what the bundled model is.
    package var notice: String?
    /// 0…1 while loading.
    package var loadingProgress: Double?
    /// What failed, when `status` is `error`.
    package var message: String?
    /// The longest context the engine accepts, in tokens.
    package var maxContext: Int?
    /// The engine's version.
    package var version: String?

    package init(
        status: State,
        model: String,
        modelDirectory: String? = nil,
        bundledTinyModel: Bool? = nil,
        notice: String? = nil,
        loadingProgress: Double? = nil,
        message: String? = nil,
        maxContext: Int? = nil,
        version: String? = nil
    ) {
        self.status = status
        self.model = model
        self.modelDirectory = modelDirectory
        self.bundledTinyModel = bundledTinyModel
        self.notice = notice
        self.loadingProgress = loadingProgress
        self.message = message
        self.maxContext = maxContext
        self.version = version
    }

    enum CodingKeys: String, CodingKey {
        case status, model, notice, message, version
        case modelDirectory = "model_directory"
        case bundledTinyModel = "bundled_tiny_model"
        case loadingProgress = "loading_progress"
        case maxContext = "max_context"
    }
}
