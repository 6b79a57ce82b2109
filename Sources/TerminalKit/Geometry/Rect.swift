/// A rectangle of cells: origin at the top-left, width and height never negative.
package struct Rect: Hashable, Sendable, CustomStringConvertible {
    package var x: Int
    package var y: Int
    package var width: Int
    package var height: Int

    package init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The rectangle at the origin with `size`.
    package init(size: Size) {
        self.init(x: 0, y: 0, width: size.width, height: size.height)
    }

    package static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    package var origin: Point { Point(x: self.x, y: self.y) }
    package var size: Size { Size(width: self.width, height: self.height) }
    /// One past the last column.
    package var maxX: Int { self.x + self.width }
    /// One past the last row.
    package var maxY: Int { self.y + self.height }
    package var isEmpty: Bool { self.width == 0 || self.height == 0 }

    /// True when `point` lies inside.
    package func contains(_ point: Point) -> Bool {
        point.x >= self.x && point.x < self.maxX && point.y >= self.y && point.y < self.maxY
    }

    /// The overlap of two rectangles (empty, at `self`'s origin, when they do not overlap).
    package func intersection(_ other: Rect) -> Rect {
        let left = max(self.x, other.x)
        let top = max(self.y, other.y)
        let right = min(self.maxX, other.maxX)
        let bottom = min(self.maxY, other.maxY)
        guard right > left, bottom > top else { return Rect(x: left, y: top, width: 0, height: 0) }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// Shrinks every side by `amount` (a border is `inset(by: 1)`).
    package func inset(by amount: Int) -> Rect {
        self.inset(top: amount, left: amount, bottom: amount, right: amount)
    }

    /// Shrinks each side by its own amount.
    package func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(x: self.x + left, y: self.y + top, width: self.width - left - right, height: self.height - top - bottom)
    }

    /// Splits off `count` rows at the top: (top part, rest).
    package func splitTop(_ count: Int) -> (Rect, Rect) {
        let rows = min(max(0, count), self.height)
        return (
            Rect(x: self.x, y: self.y, width: self.width, height: rows),
            Rect(x: self.x, y: self.y + rows, width: self.width, height: self.height - rows)
        )
    }

    /// Splits off `count` rows at the bottom: (rest, bottom part).
    package func splitBottom(_ count: Int) -> (Rect, Rect) {
        let rows = min(max(0, count), self.height)
        return (
            Rect(x: self.x, y: self.y, width: self.width, height: self.height - rows),
            Rect(x: self.x, y: self.maxY - rows, width: self.width, height: rows)
        )
    }

    /// Splits off `count` columns at the left: (left part, rest).
    package func splitLeft(_ count: Int) -> (Rect, Rect) {
        let columns = min(max(0, count), self.width)
        return (
            Rect(x: self.x, y: self.y, width: columns, height: self.height),
            Rect(x: self.x + columns, y: self.y, width: self.width - columns, height: self.height)
        )
    }

    /// A rectangle of `size` centred in this one (clamped to fit).
    package func centered(_ size: Size) -> Rect {
        let width = min(size.width, self.width)
        let height = min(size.height, self.height)
        return Rect(x: self.x + (self.width - width) / 2, y: self.y + (self.height - height) / 2, width: width, height: height)
    }

    /// The row `index` rows below the top, one row high.
    package func row(_ index: Int) -> Rect {
        Rect(x: self.x, y: self.y + index, width: self.width, height: index < self.height && index >= 0 ? 1 : 0)
    }

    package var description: String { "[\(self.x),\(self.y) \(self.width)×\(self.height)]" }
}
