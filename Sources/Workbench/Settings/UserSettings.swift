import Basics

/// `~/.config/seam/config.toml`: defaults the command line can override.
///
/// ```toml
/// theme = "dark"
/// keymap = "vim"
/// mouse = true
/// engine = "unix:/run/user/1000/seam/engine.sock"
/// model = "/models/DeepSeek-V4"
/// memory_byte_cap = 32768
/// max_answer_tokens = 512
/// temperature = 0.6
/// ```
package struct UserSettings: Hashable, Sendable {
    package var theme: String?
    package var keymap: String?
    package var mouse: Bool?
    package var engine: String?
    package var model: String?
    package var memoryByteCap: Int?
    package var maxAnswerTokens: Int?
    /// Sampling temperature of chat and migration answers; nil leaves it to the engine.
    package var temperature: Double?

    package init() {}

    /// Reads `path`; a missing file gives empty settings, anything else wrong is an error with
    /// the file, line and column.
    package static func load(path: String) throws(ConfigurationError) -> UserSettings {
        guard FileSystem.exists(path) else { return UserSettings() }
        return try self.parse(try TOML.load(path: path))
    }

    /// Reads settings from a parsed table.
    package static func parse(_ table: TOMLTable) throws(ConfigurationError) -> UserSettings {
        var settings = UserSettings()
        for key in table.keys {
            switch key {
            case "theme": settings.theme = try table.string(key)
            case "keymap": settings.keymap = try table.string(key)
            case "mouse": settings.mouse = try table.boolean(key)
            case "engine": settings.engine = try table.string(key)
            case "model": settings.model = try table.string(key)
            case "memory_byte_cap":
                guard let value = try table.integer(key), value >= 0, value <= 16 << 20 else {
                    throw table.error(at: key, "memory_byte_cap must be between 0 and 16777216 bytes")
                }
                settings.memoryByteCap = value
            case "max_answer_tokens":
                guard let value = try table.integer(key), value > 0, value <= 1 << 20 else {
                    throw table.error(at: key, "max_answer_tokens must be a positive number of tokens")
                }
                settings.maxAnswerTokens = value
            case "temperature":
                guard let value = try table.number(key), value >= 0, value <= 2 else {
                    throw table.error(at: key, "temperature must be a number from 0 (greedy) to 2")
                }
                settings.temperature = value
            default:
                throw table.error(
                    at: key,
                    "unknown setting \"\(key)\" (known: theme, keymap, mouse, engine, model, memory_byte_cap, max_answer_tokens, temperature)")
            }
        }
        return settings
    }
}
