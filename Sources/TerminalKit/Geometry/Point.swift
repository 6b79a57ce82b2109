/// A cell position: column `x` and row `y`, both 0-based from the top-left corner.
package struct Point: Hashable, Sendable, CustomStringConvertible {
    package var x: Int
    package var y: Int

    package init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }

    package static let zero = Point(x: 0, y: 0)

    package var description: String { "(\(self.x), \(self.y))" }
}
