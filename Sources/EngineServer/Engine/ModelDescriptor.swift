#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Basics
import EngineProtocol
import Inference

/// What the server says about its model before (and after) the weights load: the id clients use,
/// where the checkpoint lives, and limits read from `config.json`.
package struct ModelDescriptor: Sendable, Hashable {
    /// The model id: the checkpoint directory's name (`deepseek-v4-tiny`).
    package var id: String
    /// The checkpoint directory, resolved to an absolute path.
    package var directory: String
    /// The modification time of `config.json`, as Unix seconds (`created` in `/v1/models`).
    package var created: Int
    /// The longest context served: `--max-context`, capped by `max_position_embeddings`.
    package var maxContext: Int
    /// True when this is the bundled tiny random-weight checkpoint.
    package var isBundledTinyModel: Bool
    /// Sampling defaults from `generation_config.json` (1.0 and 1.0 when absent).
    package var defaultTemperature: Double = 1
    package var defaultTopP: Double = 1
    /// Identifies the checkpoint in session files: the id and a CRC-32 of config.json.
    package var fingerprint: String = ""

    /// The `model_type` values the engine runs.
    package static let supportedModelTypes = ["deepseek_v4"]
    /// The context limit when `--max-context` is not given (also capped by the checkpoint).
    package static let defaultMaxContext = 65536

    package init(id: String, directory: String, created: Int, maxContext: Int, isBundledTinyModel: Bool) {
        self.id = id
        self.directory = directory
        self.created = created
        self.maxContext = maxContext
        self.isBundledTinyModel = isBundledTinyModel
    }

    /// Reads `directory/config.json` and checks that it describes a model the engine runs.
    ///
    /// - Throws: `ServerError` with code `.invalidModel` and one line naming the directory and
    ///   what is wrong (missing directory, missing or malformed config.json, unsupported model).
    package static func load(
        directory: String,
        maxContext requested: Int? = nil,
        installation: Installation? = Installation.current()
    ) throws(ServerError) -> ModelDescriptor {
        guard FileSystem.isDirectory(directory), let resolved = FileSystem.realPath(directory) else {
            throw ServerError(.invalidModel, "model directory \(directory) does not exist")
        }
        let configPath = resolved + "/config.json"
        let bytes: [UInt8]
        do {
            bytes = try Self.readFile(configPath)
        } catch {
            throw ServerError(.invalidModel, "\(directory) is not a checkpoint: cannot read config.json", cause: error)
        }
        let config: [String: JSONValue]
        do {
            config = try WireFormat.decode([String: JSONValue].self, from: bytes)
        } catch {
            throw ServerError(.invalidModel, "\(configPath) is not a JSON object")
        }
        guard let modelType = config["model_type"]?.stringValue else {
            throw ServerError(.invalidModel, "\(configPath) has no model_type")
        }
        guard Self.supportedModelTypes.contains(modelType) else {
            throw ServerError(
                .invalidModel,
                "\(configPath): unsupported model_type '\(modelType)' (supported: \(Self.supportedModelTypes.joined(separator: ", ")))"
            )
        }
        var limit = requested ?? Self.defaultMaxContext
        if case .number(let positions)? = config["max_position_embeddings"], positions >= 1 {
            limit = min(limit, Int(positions))
        }
        var info = stat()
        let created = stat(configPath, &info) == 0 ? Int(info.st_mtim.tv_sec) : 0
        // The bundled checkpoint: the installation's copy, or a copy of it elsewhere (its README
        // says what it is).
        var bundled = false
        if let installation, let bundledPath = FileSystem.realPath(installation.bundledModelDirectory) {
            bundled = bundledPath == resolved
        }
        if !bundled, FileSystem.lastComponent(of: resolved) == "deepseek-v4-tiny",
            let readme = try? Self.readFile(resolved + "/README.md")
        {
            bundled = String(decoding: readme.prefix(200), as: UTF8.self).contains("tiny random-weight model")
        }
        var descriptor = ModelDescriptor(
            id: FileSystem.lastComponent(of: resolved),
            directory: resolved,
            created: created,
            maxContext: limit,
            isBundledTinyModel: bundled
        )
        descriptor.fingerprint = descriptor.id + "/" + hex(CRC32.checksum(bytes))
        if let generation = try? Self.readFile(resolved + "/generation_config.json"),
            let values = try? WireFormat.decode([String: JSONValue].self, from: generation)
        {
            if case .number(let temperature)? = values["temperature"], temperature >= 0 { descriptor.defaultTemperature = temperature }
            if case .number(let topP)? = values["top_p"], topP > 0, topP <= 1 { descriptor.defaultTopP = topP }
        }
        return descriptor
    }

    private static func readFile(_ path: String) throws(SystemError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SystemError("open \(path)") }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw SystemError("read \(path)") }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
            guard result.count <= 16 << 20 else { throw SystemError("read \(path)", code: EFBIG) }
        }
    }
}
