import Basics
import TerminalKit
import TestSupport
import Testing

@testable import Workbench

@Suite("Themes from TOML files")
struct ThemeLoaderTests {
    @Test("the bundled dark and light themes load over the embedded default")
    func bundled() throws {
        let dark = try WorkbenchFixture.theme("dark")
        #expect(dark.name == "dark")
        #expect(dark.isDark)
        #expect(dark.style(ThemeScope.background).background == .rgb(0x1b, 0x1d, 0x23))
        #expect(dark.style(ThemeScope.selection).background == .rgb(0x2f, 0x4a, 0x6d))
        let light = try WorkbenchFixture.theme("light")
        #expect(!light.isDark)
        #expect(light.style(ThemeScope.background).background == .rgb(0xfb, 0xfb, 0xfa))
        // Scopes the light file does not list come from dark (its parent), resolved against
        // light's palette at load time of dark: chat.user is cyan in both.
        #expect(light.style(ThemeScope.chatUser).attributes.contains(.bold))
        #expect(Set(WorkbenchFixture.locator.themeNames).isSuperset(of: ["dark", "light"]))
    }

    @Test("scopes fall back to their parents and finally to ui.text")
    func fallback() throws {
        let theme = try ThemeLoader.parse(
            """
            [palette]
            accent = "#ff0000"
            [scopes]
            "ui.text" = { fg = "white", bg = "black" }
            "tree" = "accent"
            "tree.git.modified" = { fg = "yellow", modifiers = ["bold"] }
            """, file: "t.toml")
        #expect(theme.style("tree.other.deep").foreground == .rgb(255, 0, 0))
        #expect(theme.style("tree.git.modified") == Style(foreground: .yellow, attributes: .bold))
        #expect(theme.style("nothing.like.this") == Style(foreground: .white, background: .black))
    }

    @Test("mistakes are reported with the file, line and column")
    func errors() {
        let cases: [(String, Int, Int, String)] = [
            ("[scopes]\n\"ui.text\" = \"notacolour\"\n", 2, 1, "neither a palette colour nor a colour"),
            ("[scopes]\n\"ui.text\" = { fg = \"red\", modifiers = [\"blinky\"] }\n", 2, 1, "unknown modifier"),
            ("[scopes]\n  \"ui.text\" = { colour = \"red\" }\n", 2, 3, "unknown field \"colour\""),
            ("fancy = true\n", 1, 1, "unknown theme setting \"fancy\""),
            ("[palette]\nred = 12\n", 2, 1, "must be a string"),
            ("[scopes\n", 1, 8, "expected ']'"),
        ]
        for (text, line, column, fragment) in cases {
            do {
                _ = try ThemeLoader.parse(text, file: "mine.toml")
                Issue.record("expected an error for \(text)")
            } catch {
                #expect(error.file == "mine.toml")
                #expect(error.line == line, "\(error)")
                #expect(error.column == column, "\(error)")
                #expect(error.message.contains(fragment), "\(error)")
            }
        }
    }

    @Test("a user theme overrides the bundled one and can inherit it")
    func userOverride() throws {
        let user = try TemporaryDirectory("themes")
        try user.write("dark.toml", "inherits = \"dark\"\n[scopes]\n\"ui.selection\" = { bg = \"#00ff00\" }\n")
        try user.write("mine.toml", "inherits = \"light\"\nname = \"mine\"\n")
        let locator = ResourceLocator(
            themeDirectories: [user.path, RepositoryLayout.root + "/Themes"], keymapDirectories: [])
        let loader = ThemeLoader(locator: locator)
        let dark = try loader.load("dark")
        #expect(dark.style(ThemeScope.selection).background == .rgb(0, 255, 0))
        #expect(dark.style(ThemeScope.background).background == .rgb(0x1b, 0x1d, 0x23))
        #expect(try loader.load("mine").style(ThemeScope.background).background == .rgb(0xfb, 0xfb, 0xfa))
        #expect(locator.themeNames.contains("mine"))
        #expect(throws: ConfigurationError.self) { try loader.load("nope") }
        #expect(throws: ConfigurationError.self) { try loader.load("../etc/passwd") }
    }

    @Test("without colour, highlighted backgrounds become reverse video")
    func monochrome() throws {
        let theme = try WorkbenchFixture.theme("dark").adapted(to: .monochrome)
        #expect(theme.style(ThemeScope.selection).attributes.contains(.reverse))
        #expect(theme.style(ThemeScope.selection).background == nil)
        #expect(theme.style(ThemeScope.statusBar).attributes.contains(.reverse))
        #expect(!theme.style(ThemeScope.text).attributes.contains(.reverse))
        #expect(theme.style("syntax.keyword").foreground == nil)
    }
}
