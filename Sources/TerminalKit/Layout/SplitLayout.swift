/// A tree of resizable splits with one optionally zoomed pane.
///
/// Pure value: `frames(in:)` computes every pane's rectangle; `resize`, `toggleZoom` and focus
/// helpers return or mutate values, so the workbench keeps its layout in state and tests it
/// without a terminal.
package struct SplitLayout: Hashable, Sendable {
    package var root: LayoutNode
    /// The pane shown alone, filling the whole area, if any.
    package var zoomed: PaneID?

    package init(root: LayoutNode, zoomed: PaneID? = nil) {
        self.root = root
        self.zoomed = zoomed
    }

    /// Every pane in reading order (the order focus cycles through).
    package var panes: [PaneID] { self.root.panes }

    /// Each visible pane's rectangle inside `rect`. A zoomed pane gets all of it.
    ///
    /// Space is shared by weight, each child getting at least its minimum while the total allows;
    /// rounding leftovers go to the last children so the splits always cover `rect` exactly.
    package func frames(in rect: Rect) -> [PaneID: Rect] {
        if let zoomed, self.panes.contains(zoomed) { return [zoomed: rect] }
        var result: [PaneID: Rect] = [:]
        Self.layout(self.root, in: rect, into: &result)
        return result
    }

    private static func layout(_ node: LayoutNode, in rect: Rect, into result: inout [PaneID: Rect]) {
        switch node {
        case .pane(let id):
            result[id] = rect
        case .split(let axis, let children):
            let total = axis == .horizontal ? rect.width : rect.height
            let lengths = Self.distribute(total, children)
            var offset = 0
            for (child, length) in zip(children, lengths) {
                let frame =
                    axis == .horizontal
                    ? Rect(x: rect.x + offset, y: rect.y, width: length, height: rect.height)
                    : Rect(x: rect.x, y: rect.y + offset, width: rect.width, height: length)
                Self.layout(child.node, in: frame, into: &result)
                offset += length
            }
        }
    }

    /// Splits `total` cells between `children` by weight, honouring minimums while possible.
    ///
    /// - Complexity: O(children + total).
    static func distribute(_ total: Int, _ children: [LayoutChild]) -> [Int] {
        guard !children.isEmpty, total > 0 else { return children.map { _ in 0 } }
        let minimumSum = children.reduce(0) { $0 + $1.minimum }
        if minimumSum >= total {
            // Not enough room for every minimum: fill in order.
            var remaining = total
            return children.map { child in
                let length = min(child.minimum, remaining)
                remaining -= length
                return length
            }
        }
        let weightSum = children.reduce(0.0) { $0 + $1.weight }
        var lengths = children.map { child in max(child.minimum, Int((Double(total) * child.weight / weightSum).rounded(.down))) }
        var difference = total - lengths.reduce(0, +)
        // Give rounding leftovers to the children from the end; take any excess from whoever has
        // the most room above its minimum.
        var index = lengths.count - 1
        while difference > 0 {
            lengths[index] += 1
            difference -= 1
            index = index == 0 ? lengths.count - 1 : index - 1
        }
        while difference < 0 {
            var widest = 0
            for candidate in lengths.indices
            where lengths[candidate] - children[candidate].minimum > lengths[widest] - children[widest].minimum {
                widest = candidate
            }
            lengths[widest] -= 1
            difference += 1
        }
        return lengths
    }

    /// Grows (positive `cells`) or shrinks `pane` along `axis` by moving the nearest boundary of
    /// the closest enclosing split on that axis. Returns false when there is no such split or no
    /// room. Weights become cell counts of `rect`, so proportions survive terminal resizes.
    @discardableResult
    package mutating func resize(_ pane: PaneID, along axis: Axis, by cells: Int, in rect: Rect) -> Bool {
        guard cells != 0, self.zoomed == nil else { return false }
        var changed = false
        self.root = Self.resize(self.root, pane, axis, cells, rect, &changed)
        return changed
    }

    private static func resize(_ node: LayoutNode, _ pane: PaneID, _ axis: Axis, _ cells: Int, _ rect: Rect, _ changed: inout Bool)
        -> LayoutNode
    {
        guard case .split(let splitAxis, var children) = node else { return node }
        let total = splitAxis == .horizontal ? rect.width : rect.height
        let lengths = Self.distribute(total, children)
        guard let index = children.firstIndex(where: { $0.node.panes.contains(pane) }) else { return node }
        // Prefer the deepest split on the axis: recurse first.
        var offset = 0
        for position in 0..<index { offset += lengths[position] }
        let childRect =
            splitAxis == .horizontal
            ? Rect(x: rect.x + offset, y: rect.y, width: lengths[index], height: rect.height)
            : Rect(x: rect.x, y: rect.y + offset, width: rect.width, height: lengths[index])
        children[index].node = Self.resize(children[index].node, pane, axis, cells, childRect, &changed)
        if changed || splitAxis != axis || children.count < 2 {
            return .split(splitAxis, children)
        }
        let neighbor = index + 1 < children.count ? index + 1 : index - 1
        var newLengths = lengths
        let growth = cells > 0
            ? min(cells, newLengths[neighbor] - children[neighbor].minimum)
            : -min(-cells, newLengths[index] - children[index].minimum)
        guard growth != 0 else { return .split(splitAxis, children) }
        newLengths[index] += growth
        newLengths[neighbor] -= growth
        for position in children.indices { children[position].weight = Double(max(1, newLengths[position])) }
        changed = true
        return .split(splitAxis, children)
    }

    /// Zooms `pane`, or unzooms when it is already zoomed.
    package mutating func toggleZoom(_ pane: PaneID) {
        self.zoomed = self.zoomed == pane ? nil : pane
    }

    /// The pane after `pane` in focus order, wrapping around.
    package func next(after pane: PaneID) -> PaneID {
        let order = self.panes
        guard let index = order.firstIndex(of: pane), !order.isEmpty else { return order.first ?? pane }
        return order[(index + 1) % order.count]
    }

    /// The pane before `pane` in focus order, wrapping around.
    package func previous(before pane: PaneID) -> PaneID {
        let order = self.panes
        guard let index = order.firstIndex(of: pane), !order.isEmpty else { return order.first ?? pane }
        return order[(index + order.count - 1) % order.count]
    }

    /// The pane next to `pane` in `direction` on screen (the one sharing the longest edge), or nil.
    package func neighbor(of pane: PaneID, _ direction: Direction, in rect: Rect) -> PaneID? {
        let frames = self.frames(in: Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height))
        guard self.zoomed == nil, let from = frames[pane] else { return nil }
        var best: (PaneID, Int)?
        for (candidate, frame) in frames where candidate != pane {
            let adjacent: Bool
            let overlap: Int
            switch direction {
            case .left:
                adjacent = frame.maxX == from.x
                overlap = min(frame.maxY, from.maxY) - max(frame.y, from.y)
            case .right:
                adjacent = frame.x == from.maxX
                overlap = min(frame.maxY, from.maxY) - max(frame.y, from.y)
            case .up:
                adjacent = frame.maxY == from.y
                overlap = min(frame.maxX, from.maxX) - max(frame.x, from.x)
            case .down:
                adjacent = frame.y == from.maxY
                overlap = min(frame.maxX, from.maxX) - max(frame.x, from.x)
            }
            guard adjacent, overlap > 0 else { continue }
            if let current = best, overlap < current.1 || (overlap == current.1 && current.0 < candidate) { continue }
            best = (candidate, overlap)
        }
        return best?.0
    }
}
