import Basics
import Testing

@testable import Workbench

@Suite("config.toml settings")
struct UserSettingsTests {
    private func parse(_ text: String) throws(ConfigurationError) -> UserSettings {
        try UserSettings.parse(try TOML.parse(text, file: "config.toml"))
    }

    @Test("every key is read; absent keys stay unset")
    func everyKey() throws {
        let settings = try self.parse(
            """
            theme = "light"
            keymap = "vim"
            mouse = false
            engine = "unix:/tmp/engine.sock"
            model = "/models/DeepSeek-V4"
            memory_byte_cap = 4096
            max_answer_tokens = 64
            temperature = 0.6
            """)
        #expect(settings.theme == "light")
        #expect(settings.keymap == "vim")
        #expect(settings.mouse == false)
        #expect(settings.engine == "unix:/tmp/engine.sock")
        #expect(settings.model == "/models/DeepSeek-V4")
        #expect(settings.memoryByteCap == 4096)
        #expect(settings.maxAnswerTokens == 64)
        #expect(settings.temperature == 0.6)
        #expect(try self.parse("temperature = 0").temperature == 0)
        #expect(try self.parse("") == UserSettings())
    }

    @Test("a wrong value or an unknown key is one error at its line and column", arguments: [
        ("temperature = 2.5", "temperature must be a number from 0 (greedy) to 2"),
        ("temperature = -1", "temperature must be a number from 0 (greedy) to 2"),
        ("\n  temperature = \"hot\"", "expected a number for \"temperature\", found"),
        ("max_answer_tokens = 0", "max_answer_tokens must be a positive number of tokens"),
        ("memory_byte_cap = -1", "memory_byte_cap must be between 0 and 16777216 bytes"),
        ("temprature = 1", "unknown setting \"temprature\" (known: theme, keymap, mouse, engine, model, memory_byte_cap, max_answer_tokens, temperature)"),
    ])
    func errors(text: String, message: String) {
        #expect {
            _ = try self.parse(text)
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            let line = text.hasPrefix("\n") ? 2 : 1
            let column = text.hasPrefix("\n") ? 3 : 1
            return error.code == .invalidValue && error.message.hasPrefix(message) && error.line == line && error.column == column
                && error.file == "config.toml"
        }
    }
}
