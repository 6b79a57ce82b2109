/// A size in cells.
package struct Size: Hashable, Sendable, CustomStringConvertible {
    package var width: Int
    package var height: Int

    package init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    package static let zero = Size(width: 0, height: 0)

    /// Number of cells.
    package var area: Int { self.width * self.height }

    package var description: String { "\(self.width)×\(self.height)" }
}
