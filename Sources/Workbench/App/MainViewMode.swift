/// What the main view shows. The workbench switches modes through actions; a pane that shows
/// multi-file changesets adds its own case (and its state beside `viewer` in `WorkbenchState`).
package enum MainViewMode: Hashable, Sendable {
    /// Nothing opened yet: a short guide to the keys.
    case welcome
    /// The file viewer (`WorkbenchState.viewer`).
    case file
    /// The review of a multi-file change (`WorkbenchState.review`).
    case review
    /// The JavaScript-to-TypeScript walkthrough (`WorkbenchState.migration`).
    case migration
}
