import TerminalKit

/// The frame around a pane: a border (heavier and coloured when focused), the title in the top
/// edge and an optional note in the bottom edge.
package enum PaneChrome {
    /// Draws the frame and returns the content rectangle.
    @discardableResult
    package static func draw(
        _ frame: Rect, title: String, footer: [Span] = [], focused: Bool, theme: Theme, canvas: inout Canvas
    ) -> Rect {
        let border = theme.style(focused ? ThemeScope.borderFocused : ThemeScope.border)
        let titleStyle = theme.style(focused ? ThemeScope.titleFocused : ThemeScope.title)
        canvas.fill(frame, style: theme.style(ThemeScope.background))
        return canvas.drawBox(
            frame, border: focused ? .heavy : .rounded, style: border, title: [Span(title, titleStyle)], footer: footer)
    }
}
