/// The index of every file path in the workspace (ignore rules applied) behind the finder and
/// `@path` completion, as the state sees it. Loaded in the background when first needed.
package struct FileIndexState: Hashable, Sendable {
    /// How many paths the index holds (the paths live with the effects, which match them off
    /// the main loop).
    package var count = 0
    package var isLoading = false
    /// True when the walk finished (paths is everything).
    package var isComplete = false
    package var error: String?
    package init() {}
}
