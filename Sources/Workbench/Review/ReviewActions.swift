import Changes

/// The review's named actions (bound in the `[review]` context of the keymaps), and the
/// checkpoint undo and redo available everywhere.
package enum ReviewActions {
    package static let descriptors: [ActionDescriptor] = {
        typealias R = ReviewUpdate
        let review: [KeyContext] = [.review]
        let noReview: @Sendable (WorkbenchState) -> String? = { state in
            state.review.session == nil || state.mainMode != .review ? "no review is open" : nil
        }
        let notEditable: @Sendable (WorkbenchState) -> String? = { state in
            if let reason = noReview(state) { return reason }
            switch state.review.session?.phase {
            case .applied(let report)?:
                return "the change is applied (checkpoint \(report.checkpoint)); undo it to revise"
            case .applying?: return "the change is being applied"
            default: return nil
            }
        }
        /// Runs `body` on the review, clearing a pending apply or close confirmation first
        /// (unless the action is the one being confirmed).
        func action(
            _ id: ActionID, _ title: String, disabledReason: @escaping @Sendable (WorkbenchState) -> String?,
            contexts: [KeyContext] = review, keeps confirmation: Bool = false,
            _ body: @escaping @Sendable (inout WorkbenchState) -> [Command]
        ) -> ActionDescriptor {
            ActionDescriptor(id, title, category: "Review", contexts: contexts, disabledReason: disabledReason) {
                state in
                if !confirmation, var session = state.review.session {
                    session.isConfirmingApply = false
                    session.isConfirmingClose = false
                    state.review.session = session
                }
                return body(&state)
            }
        }
        return [
            action("reviewNext", "Next hunk (next line in line mode)", disabledReason: noReview) { R.move(1, &$0) },
            action("reviewPrevious", "Previous hunk (previous line in line mode)", disabledReason: noReview) {
                R.move(-1, &$0)
            },
            action("reviewNextFile", "Next file of the change", disabledReason: noReview) { state in
                R.moveFile(1, &state)
            },
            action("reviewPreviousFile", "Previous file of the change", disabledReason: noReview) { state in
                R.moveFile(-1, &state)
            },
            action("reviewScrollDown", "Scroll the diff down a page", disabledReason: noReview) { state in
                R.scroll(R.page(state), &state)
            },
            action("reviewScrollUp", "Scroll the diff up a page", disabledReason: noReview) { state in
                R.scroll(-R.page(state), &state)
            },
            action("reviewAccept", "Accept the hunk (the line in line mode)", disabledReason: notEditable) { state in
                R.decide(.accepted, &state)
            },
            action("reviewReject", "Reject the hunk (the line in line mode)", disabledReason: notEditable) { state in
                R.decide(.rejected, &state)
            },
            action("reviewToggle", "Flip the hunk (or line) between accepted and rejected", disabledReason: notEditable)
            {
                R.toggle(&$0)
            },
            action("reviewToggleLineMode", "Switch between hunk and line selection", disabledReason: noReview) {
                R.toggleLineMode(&$0)
            },
            action("reviewSplitHunk", "Split the hunk into its separate changes", disabledReason: notEditable) {
                R.split(&$0)
            },
            action("reviewEditHunk", "Edit the hunk in $EDITOR", disabledReason: notEditable) { R.edit(&$0) },
            action("reviewAcceptFile", "Accept the rest of the file", disabledReason: notEditable) { state in
                R.decideRestOfFile(.accepted, &state)
            },
            action("reviewRejectFile", "Reject the rest of the file", disabledReason: notEditable) { state in
                R.decideRestOfFile(.rejected, &state)
            },
            action("reviewMoreContext", "Show more context around changes", disabledReason: noReview) { state in
                R.changeContext(1, &state)
            },
            action("reviewLessContext", "Show less context around changes", disabledReason: noReview) { state in
                R.changeContext(-1, &state)
            },
            action("reviewToggleLayout", "Switch between unified and side-by-side", disabledReason: noReview) {
                R.toggleLayout(&$0)
            },
            action("reviewApply", "Apply the accepted changes (a checkpoint)", disabledReason: notEditable, keeps: true)
            {
                R.requestApply(&$0)
            },
            action("reviewClose", "Close the review", disabledReason: noReview, keeps: true) { R.close(&$0) },
            action("reviewBack", "Leave line selection (else cancel)", disabledReason: { _ in nil }) { R.back(&$0) },
            action(
                "reviewLastAnswer", "Review the changes proposed in the last answer",
                disabledReason: { state in
                    R.reviewCommandForLastAnswer(state, replacing: true) == nil
                        ? "the last answer proposes no edits" : nil
                }, contexts: [.global]
            ) { R.reviewLastAnswer(&$0) },
            action(
                "undoCheckpoint", "Undo the last applied change (checkpoint)",
                disabledReason: { state in
                    state.review.session?.phase == .applying ? "a change is being applied" : nil
                }, contexts: [.review, .global]
            ) { _ in [.review(.undo)] },
            action(
                "redoCheckpoint", "Redo the change the last undo reverted",
                disabledReason: { state in
                    state.review.session?.phase == .applying ? "a change is being applied" : nil
                }, contexts: [.review, .global]
            ) { _ in [.review(.redo)] },
        ]
    }()
}
