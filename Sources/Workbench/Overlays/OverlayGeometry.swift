import TerminalKit

/// Where popups go and how their lists are laid out; shared by the view (drawing) and the
/// update (mouse clicks, paging), so both agree on which row is where.
package enum OverlayGeometry {
    /// The popup's frame, border included.
    package static func frame(_ overlay: Overlay, in size: Size) -> Rect {
        let area = WorkbenchLayout.paneArea(size)
        switch overlay {
        case .prompt:
            let width = min(area.width - 2, 60)
            return Rect(x: area.x + (area.width - width) / 2, y: max(0, area.height / 3), width: width, height: 4)
        case .confirm(let confirm):
            let width = min(area.width - 2, 72)
            // Border, the reasons (wrapped), a blank row, the choices.
            let reasons = self.reasonRows(confirm, frameWidth: width).count
            let height = min(area.height, reasons + confirm.choices.count + 3)
            return Rect(x: area.x + (area.width - width) / 2, y: max(0, (area.height - height) / 3), width: width, height: height)
        case .help:
            let width = min(area.width - 2, 84)
            let height = max(6, area.height - 2)
            return Rect(x: area.x + (area.width - width) / 2, y: 1, width: width, height: height)
        default:
            let width = min(area.width - 2, 96)
            let height = min(max(8, area.height - 4), 28)
            return Rect(x: area.x + (area.width - width) / 2, y: max(0, (area.height - height) / 3), width: width, height: height)
        }
    }

    /// A confirmation's reasons wrapped to fit a frame `frameWidth` wide (inside the border,
    /// after a one-column margin).
    package static func reasonRows(_ confirm: ConfirmState, frameWidth: Int) -> [String] {
        confirm.reasons.flatMap { TextWidth.wrap($0, width: max(1, frameWidth - 3)) }
    }

    /// The rows of the top popup's list (below the query line, above the summary line).
    package static func listRows(_ state: WorkbenchState) -> Rect? {
        guard let overlay = state.topOverlay else { return nil }
        let inner = self.frame(overlay, in: state.size).inset(by: 1)
        switch overlay {
        case .palette, .finder, .picker:
            return inner.splitTop(1).1
        case .search:
            return inner.splitTop(1).1.splitBottom(1).0
        case .confirm(let confirm):
            return inner.splitBottom(min(inner.height, confirm.choices.count)).1
        case .help, .prompt:
            return nil
        }
    }

    /// The number of rows in the top popup's list.
    package static func listCount(_ state: WorkbenchState) -> Int {
        switch state.topOverlay {
        case .palette(let palette)?: PaletteContent.items(state, query: palette.query.text).count
        case .finder(let finder)?: finder.results.count
        case .search(let search)?: search.results.count
        case .picker(let picker)?: PickerContent.items(picker).count
        case .confirm(let confirm)?: confirm.choices.count
        default: 0
        }
    }

    /// The first visible row of the top popup's list: the selection stays on screen.
    package static func listScroll(_ state: WorkbenchState) -> Int {
        guard let rows = self.listRows(state), rows.height > 0 else { return 0 }
        let selection = WorkbenchUpdate.overlaySelection(state)
        return max(0, selection - rows.height + 1)
    }
}
