/// The direction a split lays out its children.
package enum Axis: Hashable, Sendable {
    /// Children side by side, left to right: widths are shared.
    case horizontal
    /// Children stacked, top to bottom: heights are shared.
    case vertical
}

/// A direction on screen, for moving focus to a neighbouring pane.
package enum Direction: Hashable, Sendable {
    case left, right, up, down
}
