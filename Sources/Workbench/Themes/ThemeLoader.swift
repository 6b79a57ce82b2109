import Basics
import TerminalKit

/// Reads theme files: `name`, optional `inherits` (another theme), `dark`, a `[palette]` of named
/// colours and `[scopes]` mapping scope names to a colour (the foreground) or an inline table
/// `{ fg, bg, modifiers = [...] }`. Colours are palette names, `#rrggbb`, ANSI names or 0–255.
///
/// Every theme starts from `Theme.embedded`; errors name the file, line and column.
package struct ThemeLoader: Sendable {
    package var locator: ResourceLocator

    package init(locator: ResourceLocator) {
        self.locator = locator
    }

    /// Loads theme `name` (the embedded theme for `embedded`).
    package func load(_ name: String) throws(ConfigurationError) -> Theme {
        if name == "embedded" { return .embedded }
        guard let file = self.locator.themeFile(name) else {
            let available = (["embedded"] + self.locator.themeNames).joined(separator: ", ")
            throw ConfigurationError(.invalidValue, "no theme named \"\(name)\" (available: \(available))", file: "theme")
        }
        return try self.load(file: file, name: name, depth: 0)
    }

    /// Loads the theme in `file`.
    package func load(file: String, name: String, depth: Int = 0) throws(ConfigurationError) -> Theme {
        let table = try TOML.load(path: file)
        var theme = Theme.embedded
        if let parent = try table.string("inherits") {
            guard depth < 8 else {
                throw table.error(at: "inherits", "themes inherit more than 8 levels deep; is there a cycle?")
            }
            guard let parentFile = self.locator.themeFile(parent, excluding: file) else {
                throw table.error(at: "inherits", "no theme named \"\(parent)\" to inherit from")
            }
            theme = try self.load(file: parentFile, name: parent, depth: depth + 1)
        }
        return try Self.apply(table, over: theme, name: (try table.string("name")) ?? name, source: file)
    }

    /// Parses theme text (for tests and embedded themes).
    package static func parse(_ text: String, file: String, over base: Theme = .embedded) throws(ConfigurationError) -> Theme {
        let table = try TOML.parse(text, file: file)
        return try self.apply(table, over: base, name: (try table.string("name")) ?? base.name, source: file)
    }

    static func apply(_ table: TOMLTable, over base: Theme, name: String, source: String) throws(ConfigurationError) -> Theme {
        var theme = base
        theme.name = name
        theme.source = source
        if let dark = try table.boolean("dark") { theme.isDark = dark }
        if let palette = try table.table("palette") {
            for (key, entry) in palette.orderedEntries {
                guard let text = entry.value.stringValue else {
                    throw palette.error(at: key, "palette colour \"\(key)\" must be a string like \"#1e1e2e\"")
                }
                theme.palette[key] = try Self.color(text, in: theme.palette, table: palette, key: key)
            }
        }
        if let scopes = try table.table("scopes") {
            for (key, entry) in scopes.orderedEntries {
                theme.scopes[key] = try Self.style(entry.value, in: theme.palette, table: scopes, key: key)
            }
        }
        for key in table.keys where !["name", "inherits", "dark", "palette", "scopes"].contains(key) {
            throw table.error(at: key, "unknown theme setting \"\(key)\" (expected name, inherits, dark, [palette], [scopes])")
        }
        return theme
    }

    private static func style(_ value: TOMLValue, in palette: [String: Color], table: TOMLTable, key: String)
        throws(ConfigurationError) -> Style
    {
        if let text = value.stringValue {
            return Style(foreground: try self.color(text, in: palette, table: table, key: key))
        }
        guard let fields = value.tableValue else {
            throw table.error(at: key, "scope \"\(key)\" must be a colour or { fg, bg, modifiers }")
        }
        var style = Style()
        for field in fields.keys {
            switch field {
            case "fg", "foreground":
                guard let text = fields[field]?.stringValue else { throw table.error(at: key, "\"\(field)\" of \"\(key)\" must be a string") }
                style.foreground = try self.color(text, in: palette, table: table, key: key)
            case "bg", "background":
                guard let text = fields[field]?.stringValue else { throw table.error(at: key, "\"\(field)\" of \"\(key)\" must be a string") }
                style.background = try self.color(text, in: palette, table: table, key: key)
            case "modifiers":
                guard let names = fields[field]?.arrayValue else {
                    throw table.error(at: key, "\"modifiers\" of \"\(key)\" must be an array like [\"bold\"]")
                }
                for name in names {
                    guard let text = name.stringValue, let attribute = TextAttributes(name: text) else {
                        let known = TextAttributes.names.map(\.0).joined(separator: ", ")
                        throw table.error(at: key, "unknown modifier in \"\(key)\" (known: \(known))")
                    }
                    style.attributes.insert(attribute)
                }
            default:
                throw table.error(at: key, "unknown field \"\(field)\" in scope \"\(key)\" (expected fg, bg, modifiers)")
            }
        }
        return style
    }

    private static func color(_ text: String, in palette: [String: Color], table: TOMLTable, key: String)
        throws(ConfigurationError) -> Color
    {
        if let named = palette[text] { return named }
        if let color = Color(parsing: text) { return color }
        throw table.error(at: key, "\"\(text)\" is neither a palette colour nor a colour (#rrggbb, an ANSI name, 0-255)")
    }
}
