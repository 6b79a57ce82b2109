import TerminalKit

/// The workbench's panes and how they are arranged: file tree | main view | chat over memory,
/// with the status bar on the last row. Narrow or short terminals show one pane at a time.
package enum WorkbenchLayout {
    package static let tree: PaneID = "tree"
    package static let main: PaneID = "main"
    package static let chat: PaneID = "chat"
    package static let memory: PaneID = "memory"

    /// The default arrangement.
    package static let standard = SplitLayout(
        root: .split(
            .horizontal,
            [
                LayoutChild(.pane(tree), weight: 22, minimum: 16),
                LayoutChild(.pane(main), weight: 48, minimum: 24),
                LayoutChild(
                    .split(
                        .vertical,
                        [LayoutChild(.pane(chat), weight: 65, minimum: 6), LayoutChild(.pane(memory), weight: 35, minimum: 4)]),
                    weight: 30, minimum: 22),
            ]))

    /// Below this width or height only the focused pane is shown, with a tab row of all panes.
    package static let compactWidth = 72
    package static let compactHeight = 14

    /// True when the terminal is too small to tile the panes.
    package static func isCompact(_ size: Size) -> Bool {
        size.width < self.compactWidth || size.height < self.compactHeight
    }

    /// Everything but the status bar.
    package static func paneArea(_ size: Size) -> Rect {
        Rect(x: 0, y: 0, width: size.width, height: max(0, size.height - 1))
    }

    /// The status bar's row.
    package static func statusBarArea(_ size: Size) -> Rect {
        Rect(x: 0, y: max(0, size.height - 1), width: size.width, height: size.height > 0 ? 1 : 0)
    }

    /// Each visible pane's frame (borders included) for `state`.
    package static func frames(_ state: WorkbenchState) -> [PaneID: Rect] {
        let area = self.paneArea(state.size)
        if self.isCompact(state.size) {
            return [state.focus: area.splitTop(1).1]
        }
        return state.layout.frames(in: area)
    }

    /// The inside of a pane's frame (without the border).
    package static func content(of frame: Rect) -> Rect {
        frame.inset(by: 1)
    }

    /// The rows available inside `pane`, for scrolling arithmetic in the update.
    package static func contentHeight(_ pane: PaneID, _ state: WorkbenchState) -> Int {
        guard let frame = self.frames(state)[pane] else { return max(1, state.size.height - 3) }
        return max(1, self.content(of: frame).height)
    }
}
