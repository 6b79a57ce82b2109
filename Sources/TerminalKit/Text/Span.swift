/// A run of text drawn in one style.
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// The number of columns the text occupies.
    public var width: Int { TextWidth.of(self.text) }
}

extension [Span] {
    /// The number of columns all spans occupy together.
    public var width: Int { self.reduce(0) { $0 + $1.width } }

    /// The spans' text joined, without styles.
    public var plainText: String { self.map(\.text).joined() }
}
