/// A run of text drawn in one style.
package struct Span: Hashable, Sendable {
    package var text: String
    package var style: Style

    package init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// The number of columns the text occupies.
    package var width: Int { TextWidth.of(self.text) }
}

extension [Span] {
    /// The number of columns all spans occupy together.
    package var width: Int { self.reduce(0) { $0 + $1.width } }

    /// The spans' text joined, without styles.
    package var plainText: String { self.map(\.text).joined() }
}
