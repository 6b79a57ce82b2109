import Changes

extension WorkbenchUpdate {
    /// The quit action: quits at once when nothing would be lost; otherwise asks (a popup:
    /// quit anyway, or cancel). The quit key pressed again while it asks quits.
    package static func requestQuit(_ state: inout WorkbenchState) -> [Command] {
        if case .confirm(let confirm)? = state.topOverlay, confirm.kind == .quit {
            state.overlays.removeLast()
            state.quitRequested = true
            return []
        }
        let reasons = self.unsavedWork(state)
        guard !reasons.isEmpty else {
            state.quitRequested = true
            return []
        }
        return self.openOverlay(.confirm(ConfirmState(kind: .quit, reasons: reasons)), &state)
    }

    /// What quitting now would lose, one sentence each: a review's decisions not applied (or
    /// an apply still being written), the text in the chat composer. Decisions that were applied
    /// and then undone are not lost (the undo was asked for) unless they were revised since.
    package static func unsavedWork(_ state: WorkbenchState) -> [String] {
        var reasons: [String] = []
        if let session = state.review.session {
            switch session.phase {
            case .reviewing where session.review.state != .pending && session.review != session.appliedReview:
                let decided = self.decidedHunkCount(session.review)
                let what = decided == 1 ? "1 decided hunk that is" : "\(decided) decided hunks that are"
                reasons.append("The review of \(session.changeset.title) has \(what) not applied.")
            case .applying:
                reasons.append("The reviewed change is still being written (the next start would finish it).")
            default:
                break
            }
        }
        let composer = state.chat.composer.text.trimmingSpaces()
        if !composer.isEmpty {
            let count = composer.count
            reasons.append("The chat message being written (\(count) character\(count == 1 ? "" : "s")) is not sent.")
        }
        return reasons
    }

    /// Hunks (and file operations) with at least one decision made.
    private static func decidedHunkCount(_ review: ChangeReview) -> Int {
        var count = 0
        for index in 0..<review.fileCount where review.changeset.files[index].refusal == nil {
            count += review.hunks(inFile: index).filter { $0.state != .pending }.count
        }
        return count
    }
}
