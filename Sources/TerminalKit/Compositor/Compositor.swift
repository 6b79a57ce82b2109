/// A stack of layers: the base screen at the bottom, popups above it.
///
/// Rendering is bottom-up into one canvas; events are offered top-down and the first layer that
/// turns one into a message wins (a modal layer stops the search even when it ignores the event).
/// Resize events are not routed: they belong to the program.
package struct Compositor<Msg> {
    /// Bottom first.
    package var layers: [Layer<Msg>]

    package init(_ layers: [Layer<Msg>] = []) {
        self.layers = layers
    }

    /// Adds a layer on top.
    package mutating func push(_ layer: Layer<Msg>) {
        self.layers.append(layer)
    }

    /// The ids of the layers, bottom first.
    package var layerIDs: [String] { self.layers.map(\.id) }

    /// Draws every layer, bottom first, into a fresh canvas of `size`.
    package func render(size: Size, fill: Cell = .blank()) -> CellBuffer {
        var canvas = Canvas(size: size, fill: fill)
        for layer in self.layers {
            canvas.clipped(to: layer.frame) { canvas in layer.render(&canvas) }
        }
        return canvas.buffer
    }

    /// The message for `event` from the topmost layer that handles it.
    package func route(_ event: InputEvent) -> Msg? {
        for layer in self.layers.reversed() {
            if case .mouse(let mouse) = event, !layer.frame.contains(mouse.position) {
                if layer.isModal { return nil }
                continue
            }
            if let message = layer.handle(event) { return message }
            if layer.isModal { return nil }
        }
        return nil
    }

    /// The cursor of the topmost layer that has one; hidden when the topmost modal layer has none.
    package var cursor: Point? {
        for layer in self.layers.reversed() {
            if let cursor = layer.cursor { return cursor }
            if layer.isModal { return nil }
        }
        return nil
    }
}
