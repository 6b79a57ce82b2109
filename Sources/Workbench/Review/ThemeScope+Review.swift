extension ThemeScope {
    /// Changed words inside an added line (falls back to `diff.added`).
    package static let diffAddedWord = "diff.added.word"
    /// Changed words inside a removed line (falls back to `diff.removed`).
    package static let diffRemovedWord = "diff.removed.word"
    /// A changed line the reviewer rejected: it will not be written.
    package static let diffRejected = "diff.rejected"
    /// The gutter mark of the selected hunk or line.
    package static let reviewCursor = "review.cursor"
    /// A file, hunk or line fully accepted.
    package static let reviewAccepted = "review.accepted"
    /// A file, hunk or line fully rejected.
    package static let reviewRejected = "review.rejected"
    /// Partly accepted.
    package static let reviewPartial = "review.partial"
    /// Not decided yet.
    package static let reviewPending = "review.pending"
}
