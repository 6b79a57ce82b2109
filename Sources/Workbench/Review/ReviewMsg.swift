import Changes

/// What happened to a review: the results of review commands. Past-tense names.
package enum ReviewMsg: Sendable {
    /// A proposal was read and located: open it for review (without `replacing`, not over an
    /// open review with decisions).
    case opened(ChangeReview, origin: ReviewSession.Origin, replacing: Bool)
    /// A proposal could not be read (the text says why).
    case openFailed(String)
    /// The accepted changes were written as checkpoint `checkpoint`.
    case applied(checkpoint: Int)
    /// Nothing was written; `stale` lists the files changed on disk since the proposal.
    case applyFailed(message: String, stale: [Int])
    /// These files (indices) of the changeset named by its title changed on disk since the
    /// proposal.
    case staleChecked(title: String, stale: [Int])
    /// The editor closed on the hunk's text (as saved).
    case hunkEdited(ReviewHunk.ID, text: String)
    /// The editor could not run or failed; the hunk is unchanged.
    case hunkEditFailed(ReviewHunk.ID, message: String)
    /// `seam undo` from the workbench reverted a checkpoint.
    case checkpointUndone(CheckpointSummary)
    /// `seam redo` from the workbench applied a checkpoint again.
    case checkpointRedone(CheckpointSummary)
    /// Undo or redo refused (nothing to undo, a file edited since, …).
    case checkpointFailed(String)
}
