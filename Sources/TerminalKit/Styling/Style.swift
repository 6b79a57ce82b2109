/// How a cell looks: foreground, background and attributes.
///
/// `nil` colours mean "inherit": when a style is patched over another, only the set colours win
/// (`patched(with:)`); a cell whose colour is still nil when drawn uses the terminal default.
package struct Style: Hashable, Sendable, CustomStringConvertible {
    package var foreground: Color?
    package var background: Color?
    package var attributes: TextAttributes

    package init(foreground: Color? = nil, background: Color? = nil, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// No colours, no attributes.
    package static let plain = Style()

    /// `other` laid over this style: its colours where set, attributes combined.
    package func patched(with other: Style) -> Style {
        Style(
            foreground: other.foreground ?? self.foreground,
            background: other.background ?? self.background,
            attributes: self.attributes.union(other.attributes)
        )
    }

    /// This style with extra attributes.
    package func adding(_ attributes: TextAttributes) -> Style {
        var copy = self
        copy.attributes.formUnion(attributes)
        return copy
    }

    /// This style with its colours downgraded for `depth` (attributes kept).
    package func downgraded(to depth: ColorDepth) -> Style {
        Style(
            foreground: self.foreground.map { $0.downgraded(to: depth) },
            background: self.background.map { $0.downgraded(to: depth) },
            attributes: self.attributes
        )
    }

    package var description: String {
        var parts: [String] = []
        if let foreground = self.foreground { parts.append("fg=\(foreground)") }
        if let background = self.background { parts.append("bg=\(background)") }
        if !self.attributes.isEmpty { parts.append(self.attributes.description) }
        return parts.isEmpty ? "plain" : parts.joined(separator: " ")
    }
}
