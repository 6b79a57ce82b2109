/// One layer of the screen: the base layout or a popup above it.
///
/// A layer draws itself into the canvas (layers render bottom-up, later ones over earlier ones)
/// and turns input events into messages (events go top-down; the first layer that returns a
/// message consumes the event). A modal layer swallows every event it does not handle, so keys
/// typed into a popup never reach the panes below.
package struct Layer<Msg> {
    /// A name for tests and debugging (`base`, `palette`, `help`).
    package var id: String
    /// Where the layer is; mouse events outside it pass through to the layers below.
    package var frame: Rect
    /// True when events the layer ignores must not reach the layers below.
    package var isModal: Bool
    /// Where the text cursor should be shown while this layer is topmost, if anywhere.
    package var cursor: Point?
    /// Draws the layer.
    package var render: (inout Canvas) -> Void
    /// Turns an event into a message, or returns nil to ignore it.
    package var handle: (InputEvent) -> Msg?

    package init(
        id: String, frame: Rect, isModal: Bool = false, cursor: Point? = nil, render: @escaping (inout Canvas) -> Void,
        handle: @escaping (InputEvent) -> Msg? = { _ in nil }
    ) {
        self.id = id
        self.frame = frame
        self.isModal = isModal
        self.cursor = cursor
        self.render = render
        self.handle = handle
    }
}
