import Changes

/// Effects the review asks for; `ReviewEffects` runs them. Imperative names.
package enum ReviewCommand: Hashable, Sendable {
    /// Read the edits in `text` (any format `EditParser` knows), locate them in the workspace and
    /// open the result for review. Without `replacing`, an open review with decisions is kept.
    case open(text: String, title: String, origin: ReviewSession.Origin, context: Int, replacing: Bool)
    /// Check that no file changed since the proposal, then write `files` all-or-nothing as one
    /// checkpoint titled `title`.
    case apply(changeset: Changeset, files: [ChangeReview.ResolvedFile], title: String)
    /// Suspend the terminal, open `text` (a hunk of `path`) in `$VISUAL`/`$EDITOR`, and send back
    /// what was saved.
    case editHunk(ReviewHunk.ID, path: String, text: String)
    /// Find the files of `changeset` changed on disk since the proposal.
    case checkStale(Changeset)
    /// Revert the latest applied checkpoint.
    case undo
    /// Apply again the checkpoint the last undo reverted.
    case redo
}
