import TerminalKit

/// A theme: a palette of named colours and styles for semantic scopes.
///
/// Every theme is laid over the embedded default (`Theme.embedded`), so a theme file only states
/// what it changes. `style(_:)` resolves a scope through its parents and always returns a style.
package struct Theme: Sendable, Equatable {
    /// The theme's name (its file name without `.toml`).
    package var name: String
    /// True for dark backgrounds (informational; shown in the picker).
    package var isDark: Bool
    /// Named colours scopes refer to.
    package var palette: [String: Color]
    /// Style per scope.
    package var scopes: [String: Style]
    /// Where the theme came from, for messages (`<embedded>` or a file path).
    package var source: String

    package init(name: String, isDark: Bool, palette: [String: Color], scopes: [String: Style], source: String) {
        self.name = name
        self.isDark = isDark
        self.palette = palette
        self.scopes = scopes
        self.source = source
    }

    /// The style for `scope`: its own entry, else the nearest parent's, else `ui.text`. Colours
    /// a scope leaves unset stay nil, so drawing it keeps what is underneath (a syntax colour on
    /// the cursor line keeps the cursor line's background).
    package func style(_ scope: String) -> Style {
        var name = Substring(scope)
        while true {
            if let style = self.scopes[String(name)] { return style }
            guard let dot = name.lastIndex(of: ".") else { return self.scopes[ThemeScope.text] ?? .plain }
            name = name[..<dot]
        }
    }

    /// This theme for a terminal of `depth`. Monochrome (`NO_COLOR`) keeps attributes and turns
    /// any background that differs from the base background into reverse video, so selections
    /// and the status bar stay visible without colour.
    package func adapted(to depth: ColorDepth) -> Theme {
        guard depth == .monochrome else { return self }
        var copy = self
        let baseBackground = self.scopes[ThemeScope.background]?.background ?? self.scopes[ThemeScope.text]?.background
        for (scope, style) in self.scopes {
            var attributes = style.attributes
            if let background = style.background, background != baseBackground, background != .terminalDefault {
                attributes.insert(.reverse)
            }
            copy.scopes[scope] = Style(foreground: nil, background: nil, attributes: attributes)
        }
        return copy
    }
}
