/// A node of a split layout: a pane, or a split of children that share space by weight.
package indirect enum LayoutNode: Hashable, Sendable {
    /// A leaf showing one pane.
    case pane(PaneID)
    /// Children laid out along `axis`.
    case split(Axis, [LayoutChild])

    /// Every pane under this node, in reading order (left to right, top to bottom).
    package var panes: [PaneID] {
        switch self {
        case .pane(let id): [id]
        case .split(_, let children): children.flatMap(\.node.panes)
        }
    }
}

/// One child of a split: its node, its share of the space, and the fewest cells it may get.
package struct LayoutChild: Hashable, Sendable {
    package var node: LayoutNode
    /// Relative share of the split's length (any positive scale; resizing stores cell counts).
    package var weight: Double
    /// The smallest length along the split's axis, honoured while there is room.
    package var minimum: Int

    package init(_ node: LayoutNode, weight: Double, minimum: Int = 3) {
        self.node = node
        self.weight = max(0.0001, weight)
        self.minimum = max(0, minimum)
    }
}
